"""Each bad filing is refused with its own message, in both languages, and nothing is written."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from tests.factories import InstitutionFactory, InsuredPersonFactory, make_staff
from tests.workflows.refusals import in_english, refusal
from workflows.audit.models import StepRecord
from workflows.documents.choices import Kind as Document
from workflows.registry import phone_number
from workflows.registry.models import EmployerUnit, InsuredPerson
from workflows.registry.roles import Role
from workflows.resettlement import changes, choices, declared, review, rules, services
from workflows.resettlement.choices import State
from workflows.resettlement.models import Filing, InstitutionChoice

from .conftest import (
    CHEN,
    GUANGZHOU,
    HUANG,
    LI,
    MEILAN,
    TODAY,
    WANG,
    YECHENG,
    approved_filing,
    attach,
    change_to,
    city,
    days,
    details,
    institution,
    open_filing,
    person,
    submitted_filing,
)


def haikou_hospital(**fields):
    return InstitutionFactory(city=city("460100"), **fields)


def test_a_person_of_another_unit_is_refused(world):
    problems = refusal(lambda: open_filing(world, CHEN))
    assert problems["person"] == [in_english(rules.NOT_A_MEMBER, unit="武汉江城机械有限公司")]


def test_an_employed_person_is_not_filed_as_a_resettled_retiree(world):
    problems = refusal(lambda: open_filing(world, HUANG))
    assert problems["person"] == [in_english(rules.NOT_RETIRED, name="黄小红")]
    # Another category fits an employed person.
    assert open_filing(world, HUANG, category="long_term_resident").state == State.DRAFT


def test_a_member_insured_in_another_city_is_refused(world):
    member = InsuredPersonFactory(
        name="周退休",
        unit=EmployerUnit.objects.get(name="武汉江城机械有限公司"),
        insured_city=city("420500"),
    )
    problems = refusal(lambda: open_filing(world, member.resident_id))
    expected = in_english(
        rules.INSURED_ELSEWHERE,
        name="周退休",
        city="宜昌市",
        unit_city="武汉市",
        unit="武汉江城机械有限公司",
    )
    assert problems["person"] == [expected]


def test_a_filing_without_a_phone_number_is_refused_asking_for_one(world):
    problems = refusal(lambda: open_filing(world, phone="  "))
    assert problems["phone"] == [in_english(declared.PHONE_REQUIRED)]
    assert not Filing.objects.exists()


def test_a_phone_number_that_is_not_one_is_refused_showing_the_numbers_expected(world):
    problems = refusal(lambda: open_filing(world, phone="abc"))
    assert problems["phone"] == [in_english(phone_number.NOT_A_PHONE_NUMBER, value="abc")]
    assert not Filing.objects.exists()


def test_a_landline_with_spaces_is_kept_without_them(world):
    assert open_filing(world, phone="0898 6533 1234").phone == "089865331234"


def test_the_destination_must_be_outside_the_insured_city(world):
    problems = refusal(lambda: open_filing(world, destination_city=city("420100")))
    assert problems["destination_city"] == [
        in_english(rules.DESTINATION_IS_INSURED_CITY, city="武汉市")
    ]


def test_institutions_must_be_designated_and_in_the_declared_destination(world):
    undesignated = haikou_hospital(name="海口私立诊所", designated=False)
    chosen = [undesignated, institution(GUANGZHOU)]
    problems = refusal(lambda: open_filing(world, institutions=chosen))
    assert problems["institutions"] == [
        in_english(rules.NOT_DESIGNATED, institution="海口私立诊所"),
        in_english(
            rules.NOT_IN_DESTINATION,
            institution="广州南方医学中心",
            city="广州市",
            destination="海口市",
        ),
    ]


def test_a_third_institution_is_refused_and_one_is_needed(world):
    third = haikou_hospital(name="海口市第三人民医院")
    chosen = [institution(YECHENG), institution(MEILAN), third]
    problems = refusal(lambda: open_filing(world, institutions=chosen))
    assert problems["institutions"] == [in_english(rules.TOO_MANY_INSTITUTIONS, count=3)]
    assert refusal(lambda: open_filing(world, institutions=[]))["institutions"] == [
        in_english(rules.INSTITUTION_REQUIRED)
    ]


def test_every_problem_is_named_at_once_and_nothing_is_written(world):
    records = StepRecord.objects.count()
    problems = refusal(
        lambda: open_filing(
            world,
            HUANG,
            destination_city=city("420100"),
            institutions=[],
            residence_address=" ",
            phone="",
        )
    )
    assert set(problems) == {
        "person",
        "destination_city",
        "institutions",
        "residence_address",
        "phone",
    }
    assert not Filing.objects.exists() and not InstitutionChoice.objects.exists()
    assert StepRecord.objects.count() == records
    # The number it would have had is still free.
    assert open_filing(world).number.endswith("-000001")


def test_an_overlapping_filing_for_the_same_person_is_refused(world):
    filing = approved_filing(world)
    trip = details(
        category="temporary_trip",
        destination_city=city("440100"),
        institutions=[institution(GUANGZHOU)],
        start_date=TODAY + days(30),
    )
    refused = refusal(
        lambda: services.filing_open(by=world.users["unit_sun"], person=person(LI), details=trip)
    )
    with translation.override("en"):
        period = rules.period_text(filing.start_date, None)
    assert refused["__all__"] == [
        in_english(
            rules.OVERLAPPING,
            name="李秀英",
            number=filing.number,
            state="in force until withdrawn",
            period=period,
        )
    ]
    # Once the long-term filing is withdrawn, the trip no longer overlaps anything live.
    services.filing_withdraw(filing_id=filing.pk, by=world.users["unit_sun"], reason="回武汉")
    opened = services.filing_open(by=world.users["unit_sun"], person=person(LI), details=trip)
    assert opened.state == State.DRAFT


def test_a_pending_filing_blocks_an_overlapping_one_too(world):
    submitted_filing(world)
    with pytest.raises(ValidationError):
        open_filing(world, start_date=TODAY + days(400))


def test_a_filing_before_another_begins_does_not_overlap_it(world):
    approved_filing(world, start_date=TODAY + days(200))
    trip = open_filing(
        world,
        category="temporary_trip",
        destination_city=city("440100"),
        institutions=[institution(GUANGZHOU)],
        start_date=TODAY - days(10),
    )
    assert trip.end_date < TODAY + days(200)


def test_a_withdrawn_filing_cannot_be_changed(world):
    filing = approved_filing(world)
    services.filing_withdraw(filing_id=filing.pk, by=world.users["unit_sun"], reason="回武汉")
    assert refusal(lambda: change_to(world, filing, MEILAN))["__all__"] == [
        in_english(changes.ENDED_FILING_UNCHANGED, number=filing.number, state="withdrawn")
    ]
    assert InstitutionChoice.objects.filter(filing=filing).count() == 1


def test_changes_are_for_long_term_filings_in_force_with_other_institutions(world):
    filing = approved_filing(world)
    assert refusal(lambda: change_to(world, filing, MEILAN, YECHENG))["institutions"] == [
        in_english(changes.SAME_INSTITUTIONS)
    ]
    filing = change_to(world, filing, MEILAN)
    assert refusal(lambda: change_to(world, filing, YECHENG))["__all__"] == [
        in_english(changes.CHANGE_ALREADY_PENDING)
    ]
    withdrawing = lambda: services.filing_withdraw(  # noqa: E731
        filing_id=filing.pk, by=world.users["unit_sun"], reason="回武汉"
    )
    assert refusal(withdrawing)["__all__"] == [in_english(services.CHANGE_PENDING)]


def test_a_temporary_filing_keeps_its_institutions(world):
    trip = approved_filing(
        world,
        category="temporary_trip",
        destination_city=city("440100"),
        institutions=[institution(GUANGZHOU)],
    )
    other = InstitutionFactory(city=city("440100"), name="广州第二医院")
    requesting = lambda: changes.filing_request_change(  # noqa: E731
        filing_id=trip.pk, by=world.users["unit_sun"], institutions=[other]
    )
    assert refusal(requesting)["__all__"] == [in_english(changes.CHANGE_ONLY_LONG_TERM)]


def test_a_person_files_for_themself_only_where_the_unit_no_longer_exists(world):
    li = person(LI)
    with pytest.raises(PermissionDenied) as refused:
        services.filing_open(by=li.user, person=li, details=details())
    assert refused.value.args[0] == services.UNIT_FILES_FOR_YOU
    EmployerUnit.objects.filter(pk=li.unit_id).update(dissolved_on=TODAY - days(1))
    filing = services.filing_open(by=li.user, person=person(LI), details=details())
    assert filing.unit is None and not filing.by_unit
    # Nobody is left to write the unit's letter: only the residence proof is asked for.
    attach(filing, by=li.user, kinds=("residence_proof",))
    submitted = services.filing_submit(filing_id=filing.pk, by=li.user)
    assert submitted.state == State.SUBMITTED
    # ...and the dissolved unit's agent files no more.
    with pytest.raises(PermissionDenied):
        open_filing(world, ZHANG_RESIDENT_ID)


ZHANG_RESIDENT_ID = "420103195508201133"


def test_a_resident_scheme_member_without_a_unit_files_for_themself(world):
    wang = person(WANG)
    filing = services.filing_open(
        by=wang.user, person=wang, details=details(category="long_term_resident")
    )
    assert filing.state == State.DRAFT and filing.unit is None


def test_nobody_else_files(world):
    li = person(LI)
    for who in ("center_chen", "supervisor_zhao", "doctor_li", "admin"):
        with pytest.raises(PermissionDenied):
            services.filing_open(by=world.users[who], person=li, details=details())
    with pytest.raises(PermissionDenied):
        services.filing_open(by=person(HUANG).user, person=li, details=details())


def test_a_return_or_a_refusal_needs_a_reason(world):
    filing = submitted_filing(world)
    for decision in ("return", "reject"):
        problems = refusal(
            lambda decision=decision: review.filing_decide(
                filing_id=filing.pk, by=world.users["center_chen"], decision=decision
            )
        )
        assert problems["reason"] == [in_english(review.REASON_REQUIRED)]
    filing.refresh_from_db()
    assert filing.state == State.SUBMITTED


def test_a_refused_filing_refuses_its_institutions_too(world):
    filing = submitted_filing(world)
    filing = review.filing_decide(
        filing_id=filing.pk, by=world.users["center_chen"], decision="reject", reason="非本市参保"
    )
    assert filing.state == State.REJECTED and filing.status == "DONE"
    assert InstitutionChoice.objects.get(filing=filing).state == "refused"


def test_an_institution_that_lost_its_designation_is_caught_at_submission(world):
    filing = open_filing(world)
    attach(filing)
    institution(MEILAN).__class__.objects.filter(code=MEILAN).update(designated=False)
    problems = refusal(
        lambda: services.filing_submit(filing_id=filing.pk, by=world.users["unit_sun"])
    )
    assert problems["institutions"] == [
        in_english(rules.NOT_DESIGNATED, institution="海口市美兰区人民医院")
    ]
    filing.refresh_from_db()
    assert filing.state == State.DRAFT


def test_the_agent_of_another_unit_is_told_the_person_is_not_theirs(world):
    other = EmployerUnit.objects.get(name="宜昌三峡电力设备有限公司")
    agent = make_staff(Role.UNIT_AGENT, unit=other)
    problems = refusal(lambda: services.filing_open(by=agent, person=person(LI), details=details()))
    assert problems["person"] == [in_english(rules.NOT_A_MEMBER, unit="宜昌三峡电力设备有限公司")]
    assert InsuredPerson.objects.get(resident_id=LI).filings.count() == 0


@pytest.mark.parametrize("by_unit", [True, False], ids=["by_unit", "by_themself"])
@pytest.mark.parametrize(
    "category", [c for c in choices.Category if c != choices.Category.POSTED_STAFF]
)
def test_only_posted_staff_are_asked_for_a_dispatch_letter(category, by_unit):
    checklist = choices.required_attachments(
        category, by_unit=by_unit
    ) + choices.optional_attachments(category, by_unit=by_unit)
    assert Document.UNIT_LETTER not in checklist


def test_posted_staff_filed_by_their_unit_must_attach_their_dispatch_letter():
    required = choices.required_attachments(choices.Category.POSTED_STAFF, by_unit=True)
    assert Document.UNIT_LETTER in required


def test_a_resettled_retiree_is_asked_for_the_residence_proof_only():
    required = choices.required_attachments(choices.Category.RESETTLED_RETIREE, by_unit=True)
    assert required == (Document.RESIDENCE_PROOF,)
