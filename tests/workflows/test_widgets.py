"""Every date of every form is the browser's date picker, shown and read as YYYY-MM-DD in
every language (a Chinese page once wrote 2026/11/20, which a date picker shows as blank)."""

import datetime
import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.utils import translation

import workflows
from workflows.widgets import DateField, DateInput

DAY = datetime.date(2026, 11, 20)


def form_classes():
    """Every form the pages of the workflows use (the admin's have their own widgets)."""
    for module_info in pkgutil.walk_packages(workflows.__path__, "workflows."):
        if not module_info.name.endswith(".forms"):
            continue
        module = importlib.import_module(module_info.name)
        for _name, form in inspect.getmembers(module, inspect.isclass):
            if issubclass(form, forms.Form) and form.__module__ == module.__name__:
                yield form


def date_fields():
    return [
        pytest.param(field, id=f"{form.__module__}.{form.__name__}.{name}")
        for form in form_classes()
        for name, field in form.base_fields.items()
        if isinstance(field, forms.DateField)
    ]


def test_the_forms_have_dates_to_check():
    assert len(date_fields()) >= 8


@pytest.mark.parametrize("field", date_fields())
def test_every_date_field_is_the_shared_date_picker(field):
    assert isinstance(field, DateField)
    assert isinstance(field.widget, DateInput)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("field", date_fields())
def test_a_date_is_shown_and_read_as_yyyy_mm_dd_in_every_language(field, language):
    with translation.override(language):
        assert 'value="2026-11-20"' in field.widget.render("day", DAY)
        assert field.clean("2026-11-20") == DAY


@pytest.mark.parametrize(("language", "label"), [("zh-hans", "诊断："), ("en", "Diagnosis:")])
def test_a_label_ends_with_the_colon_of_the_language(language, label):
    from workflows.referrals.forms import ReferralForm

    with translation.override(language):
        assert f">{label}</label>" in ReferralForm()["diagnosis"].label_tag()
