"""The rules a filing meets, each a named pure condition with the message of its refusal."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from workflows.registry.models import Institution, InsuredPerson

from .choices import MAX_INSTITUTIONS, Category

NOT_A_MEMBER = _("This person is not a member of %(unit)s: a unit files for its own people only.")
NOT_RETIRED = _("%(name)s is not retired: a resettled retiree's filing is for retired people.")
INSURED_ELSEWHERE = _(
    "%(name)s is insured in %(city)s, not in %(unit_city)s where %(unit)s files: the "
    "insurance center of %(city)s keeps their filings."
)
DESTINATION_IS_INSURED_CITY = _(
    "%(city)s is the insured city: a filing is for treatment in another city or province."
)
INSTITUTION_REQUIRED = _("Choose one or two designated institutions near the residence.")
TOO_MANY_INSTITUTIONS = _(
    "Choose at most two designated institutions; %(count)d were chosen. A third is not allowed."
)
NOT_DESIGNATED = _("%(institution)s is not a designated medical institution.")
NOT_IN_DESTINATION = _(
    "%(institution)s is in %(city)s, not in %(destination)s, the declared destination."
)
END_REQUIRED = _(
    "Give the last day of the treatment episode: the policy makes a %(category)s filing "
    "valid for the episode."
)
END_BEFORE_START = _("The last day cannot be before the first day.")
OVERLAPPING = _(
    "%(name)s already has filing %(number)s (%(state)s) for %(period)s, which overlaps this "
    "one: withdraw it first, or choose another period."
)
UNTIL_WITHDRAWN = _("%(start)s until withdrawn")
FROM_TO = _("%(start)s to %(end)s")


def is_member_of(person: InsuredPerson, unit) -> bool:
    return unit is None or person.unit_id == unit.pk


def is_retired_if_resettled(person: InsuredPerson, category: str) -> bool:
    """A resettled retiree's filing is for retired people; the other categories for anyone."""
    return category != Category.RESETTLED_RETIREE or person.status == InsuredPerson.Status.RETIRED


def is_insured_where_the_unit_files(person: InsuredPerson, unit) -> bool:
    """The unit files with the center of its own city, which keeps only its insured people's."""
    return unit is None or person.insured_city_id == unit.city_id


def is_outside_the_insured_city(person: InsuredPerson, destination) -> bool:
    return destination.pk != person.insured_city_id


def is_designated(institution: Institution) -> bool:
    return institution.designated and institution.kind == Institution.Kind.HOSPITAL


def is_in_destination(institution: Institution, destination) -> bool:
    return institution.city_id == destination.pk


def periods_overlap(
    start: datetime.date,
    end: datetime.date | None,
    other_start: datetime.date,
    other_end: datetime.date | None,
) -> bool:
    """Two periods share a day (an end of None: open, valid until withdrawn)."""
    return (end is None or other_start <= end) and (other_end is None or start <= other_end)


def check_person(person: InsuredPerson, *, unit, category: str) -> None:
    """The person is the filing unit's, retired for a resettled retiree's filing, and insured
    in the unit's city."""
    params = {"name": person.name, "unit": unit.name if unit else ""}
    if not is_member_of(person, unit):  # and nothing more is said about someone else's member
        raise ValidationError({"person": ValidationError(NOT_A_MEMBER, params=params)})
    problems = []
    if not is_insured_where_the_unit_files(person, unit):
        params.update(city=person.insured_city.name, unit_city=unit.city.name)
        problems.append(ValidationError(INSURED_ELSEWHERE, params=params))
    if not is_retired_if_resettled(person, category):
        problems.append(ValidationError(NOT_RETIRED, params=params))
    if problems:
        raise ValidationError({"person": problems})


def check_destination(person: InsuredPerson, destination) -> None:
    if not is_outside_the_insured_city(person, destination):
        raise ValidationError(
            {
                "destination_city": ValidationError(
                    DESTINATION_IS_INSURED_CITY, params={"city": destination.name}
                )
            }
        )


def check_institutions(institutions, destination) -> None:
    """One or two institutions, each designated and in the declared destination city."""
    institutions = list(dict.fromkeys(institutions))
    if not institutions:
        raise ValidationError({"institutions": INSTITUTION_REQUIRED})
    problems = []
    if len(institutions) > MAX_INSTITUTIONS:
        problems.append(ValidationError(TOO_MANY_INSTITUTIONS, params={"count": len(institutions)}))
    for institution in institutions:
        params = {
            "institution": institution.name,
            "city": institution.city.name,
            "destination": destination.name,
        }
        if not is_designated(institution):
            problems.append(ValidationError(NOT_DESIGNATED, params=params))
        elif not is_in_destination(institution, destination):
            problems.append(ValidationError(NOT_IN_DESTINATION, params=params))
    if problems:
        raise ValidationError({"institutions": problems})


def check_no_overlap(person: InsuredPerson, start, end, others) -> None:
    """``others`` are the person's other live filings (pending or in force)."""
    for other in others:
        if periods_overlap(start, end, other.start_date, other.end_date):
            raise ValidationError(
                OVERLAPPING,
                params={
                    "name": person.name,
                    "number": other.number,
                    "state": other.get_state_display(),
                    "period": period_text(other.start_date, other.end_date),
                },
            )


def period_text(start: datetime.date, end: datetime.date | None) -> str:
    if end is None:
        return str(UNTIL_WITHDRAWN) % {"start": formats.date_format(start)}
    return str(FROM_TO) % {"start": formats.date_format(start), "end": formats.date_format(end)}
