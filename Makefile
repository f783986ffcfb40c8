# yibao-flow: `make run` serves the demo, `make test` runs lint and the suite (browser journeys
# included) on SQLite and PostgreSQL.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
NODE_STAMP := node_modules/.installed-stamp

.PHONY: setup run test lint messages bench clean

setup: $(STAMP) $(NODE_STAMP) .env locale/zh_Hans/LC_MESSAGES/django.mo

$(STAMP): pyproject.toml scripts/system-deps.sh
	./scripts/system-deps.sh
	@command -v $(PYTHON) >/dev/null || { echo "yibao-flow needs Python 3.11 ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# axe-core, which the browser tests inject into every page; installed again when the lock changes.
# After $(STAMP): its system-deps.sh installs npm where it is missing.
$(NODE_STAMP): package.json package-lock.json | $(STAMP)
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# This checkout's own settings, read under the environment's (project/settings.py): a secret
# key of its own, so that manage.py commands run here without DEBUG. Written once; git ignores it.
.env: | $(STAMP)
	@printf "# Settings of this checkout only, written by make setup (git ignores this file).\nSECRET_KEY='%s'\n" \
	  "$$($(BIN)/python -c 'from django.core.management.utils import get_random_secret_key as key; print(key())')" > .env

locale/zh_Hans/LC_MESSAGES/django.mo: locale/zh_Hans/LC_MESSAGES/django.po $(STAMP)
	DEBUG=1 $(BIN)/python manage.py compilemessages --verbosity 0 --ignore '.venv'

run: setup
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 $(BIN)/python manage.py load_demo
	DEBUG=1 $(BIN)/python manage.py load_demo_cases
	./scripts/run

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	@echo "== test suite on SQLite"
	env -u DATABASE_URL $(BIN)/pytest -n 2 -q
	@url=$$($(BIN)/python scripts/check-postgres.py) || exit 1; \
	if [ -n "$$url" ]; then \
	  echo "== test suite on PostgreSQL ($$url)"; \
	  DATABASE_URL=$$url $(BIN)/pytest -n 2 -q; \
	fi

messages: setup
	DEBUG=1 $(BIN)/python manage.py makemessages --locale zh_Hans --no-obsolete --ignore '.venv' --ignore 'bench' --ignore 'node_modules'
	@echo "Translate the new entries in locale/zh_Hans/LC_MESSAGES/django.po, then make setup."

bench: setup
	$(BIN)/python bench/run.py $(BENCH)

clean:
	rm -rf $(VENV) node_modules test-results db.sqlite3 staticfiles var
