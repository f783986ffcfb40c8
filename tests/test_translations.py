"""The Simplified Chinese catalogue is complete: every string in the code is translated."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
CATALOGUE = BASE / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
SOURCES = ["manage.py", "project", "workflows", "forms", "templates", "locale"]


def problems(po: polib.POFile) -> list[str]:
    found = [f"untranslated: {entry.msgid!r}" for entry in po.untranslated_entries()]
    found += [f"fuzzy: {entry.msgid!r}" for entry in po.fuzzy_entries()]
    found += [
        f"plural form missing: {entry.msgid!r}"
        for entry in po.translated_entries()
        if entry.msgid_plural and not all(entry.msgstr_plural.values())
    ]
    return found


def test_the_committed_catalogue_has_no_untranslated_or_fuzzy_entry():
    assert problems(polib.pofile(str(CATALOGUE))) == []


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> polib.POFile:
    """The catalogue as makemessages would write it from today's code."""
    copy = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        source = BASE / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, copy / name)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "project.settings_test"}
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale",
            "zh_Hans",
            "--no-obsolete",
            "--verbosity",
            "0",
        ],
        cwd=copy,
        env=env,
        check=True,
    )
    return polib.pofile(str(copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))


def test_every_string_in_the_code_is_in_the_catalogue_and_translated(regenerated):
    assert problems(regenerated) == [], (
        "Run `make messages`, translate the new entries in locale/zh_Hans, and commit."
    )
