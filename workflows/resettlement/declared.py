"""What an applicant declares on a filing, checked against every rule at once."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from workflows import textlimits
from workflows.policy.selectors import policy_in_force
from workflows.registry import phone_number
from workflows.registry.models import Institution, InsuredPerson, Region

from . import rules, validity
from .selectors import live_filings_of

PHONE_REQUIRED = _("Give a phone number where the person can be reached.")
ADDRESS_REQUIRED = _("Give the residence address at the destination.")


@dataclass(frozen=True)
class FilingDetails:
    """What the applicant declares, as the forms pass it to the services."""

    category: str
    destination_city: Region
    residence_address: str
    institutions: list[Institution]
    start_date: datetime.date
    end_date: datetime.date | None = None  # the declared end of an episode, when one is asked
    phone: str = ""


def checked_details(person, unit, details: FilingDetails, *, other_than: int | None = None) -> dict:
    """The filing's own columns from what the applicant declared, if every rule holds; else
    every problem at once."""
    errors = {}
    if not details.residence_address.strip():
        errors["residence_address"] = [ValidationError(ADDRESS_REQUIRED)]
    elif too_long := textlimits.too_long(details.residence_address.strip(), textlimits.ADDRESS):
        errors["residence_address"] = [too_long]
    if not details.phone.strip():
        errors["phone"] = [ValidationError(PHONE_REQUIRED)]
    else:
        try:
            phone_number.validate(details.phone)
        except ValidationError as error:
            errors["phone"] = error.error_list
    end = None
    try:
        policy = policy_in_force(
            region=person.insured_city, scheme=person.scheme, on=details.start_date
        )
        end = validity.last_day(
            category=details.category,
            start=details.start_date,
            declared_end=details.end_date,
            terms=policy.terms if policy else None,
        )
        check_rules(person, unit, details, end, other_than=other_than)
    except ValidationError as error:
        error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
    return {
        "category": details.category,
        "destination_city": details.destination_city,
        "residence_address": details.residence_address.strip(),
        "phone": phone_number.normalise(details.phone),
        "start_date": details.start_date,
        "end_date": end,
    }


def check_rules(person, unit, details: FilingDetails, end, *, other_than) -> None:
    errors = {}
    checks = (
        lambda: rules.check_person(person, unit=unit, category=details.category),
        lambda: rules.check_destination(person, details.destination_city),
        lambda: rules.check_institutions(details.institutions, details.destination_city),
        lambda: rules.check_no_overlap(
            person, details.start_date, end, live_filings_of(person, other_than=other_than)
        ),
    )
    for check in checks:
        try:
            check()
        except ValidationError as error:
            error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def locked_person(person: InsuredPerson) -> InsuredPerson:
    """The person's row, locked (no joins): two filings for one person are checked for
    overlap in turn."""
    return InsuredPerson.objects.select_for_update().get(pk=person.pk)


def pair(institutions) -> tuple[Institution, Institution | None]:
    """The one or two institutions chosen, in the order given, without repeats."""
    chosen = list(dict.fromkeys(institutions))
    return chosen[0], (chosen[1] if len(chosen) > 1 else None)
