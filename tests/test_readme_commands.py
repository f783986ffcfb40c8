"""The README's commands work when pasted as they stand, in a checkout `make setup` has set up.

Each `manage.py` command of the README's shell blocks runs in the checkout, without DEBUG and
without a SECRET_KEY in the environment (the checkout's .env gives one), against a database of
its own with the demo region in it. `make run`, `make test` and the benchmarks are the two
commands and `make bench`: the suite and CI run them, not this test.
"""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings

BASE = settings.BASE_DIR
README = BASE / "README.md"
SHELL_BLOCK = re.compile(r"```sh\n(.*?)```", re.S)
# Files the README's commands write into the checkout, taken away again after the test.
WRITTEN = ("referral.pdf", "statement.pdf")


def readme_commands() -> list[str]:
    """The README's shell blocks that run manage.py, each as a script of its own."""
    return [
        block
        for block in SHELL_BLOCK.findall(README.read_text())
        if "manage.py" in block and "make " not in block
    ]


@pytest.fixture
def checkout_env(tmp_path) -> dict[str, str]:
    """The environment of a developer's shell: no DEBUG, no SECRET_KEY, a database of its
    own (migrated, with the demo region), a media folder and a folder of backups of its own."""
    if not (BASE / ".env").exists():
        pytest.fail("The checkout has no .env: `make setup` writes it.")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "ENV_FILE"}
    }
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'readme.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        BACKUP_DIR=str(tmp_path / "backups"),
    )
    for command in (["migrate", "--no-input"], ["load_demo"]):
        run([sys.executable, "manage.py", *command, "--verbosity", "0"], env)
    return env


def run(command, env) -> subprocess.CompletedProcess:
    result = subprocess.run(
        command,
        cwd=BASE,
        env=env,
        shell=isinstance(command, str),
        executable="/bin/bash" if isinstance(command, str) else None,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


def test_the_readme_shows_its_manage_py_commands():
    commands = readme_commands()
    assert any("import_catalogue" in c for c in commands)
    assert any("quote_reimbursement" in c for c in commands)
    assert any("manage.py backup" in c and "manage.py restore" in c for c in commands)


def test_every_manage_py_command_of_the_readme_works_as_pasted(checkout_env):
    try:
        for block in readme_commands():
            run(f"set -euo pipefail\n{block}", checkout_env)
    finally:
        for name in WRITTEN:
            (BASE / name).unlink(missing_ok=True)
