"""Whom a step of a case tells what. Each case app describes its people as an ``Audience`` (its
AppConfig's ``audience``): who acts at the step the case waits for, who watches over that step
when it is late, and whom the case concerns (who opened it, the person it is about). From a
step record and the case after it, ``recipients`` reads who is told of what."""

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass

from django.db.models import QuerySet
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows import clock
from workflows.audit.models import Action
from workflows.registry.models import StandIn, User
from workflows.registry.roles import Role

from .choices import Kind

# The steps whose record may tell someone something; the others (a draft saved, a file
# uploaded, a calculation, a task taken or released) tell nobody.
NOTIFYING = (
    Action.PROPOSE,
    Action.SUBMIT,
    Action.APPROVE,
    Action.SIGN,
    Action.RETURN,
    Action.REJECT,
    Action.LAPSE,
    Action.PAY,
    Action.EXPIRE,
    Action.REQUEST_CHANGE,
    Action.OVERDUE,
    Action.REMIND,
    Action.REASSIGN,
)
# What a step tells those the case concerns.
TOLD_TO_CONCERNED = {
    Action.RETURN: Kind.RETURNED,
    Action.REJECT: Kind.REFUSED,
    Action.LAPSE: Kind.LAPSED,
    Action.PAY: Kind.PAID,
    Action.EXPIRE: Kind.EXPIRED,
}


def standing_in_for(user: User) -> list[User]:
    """Who stands in for ``user`` today (registry/standins): their tasks are theirs too."""
    today = clock.today()
    return [
        s.stand_in
        for s in StandIn.objects.filter(
            absent=user, starts_on__lte=today, ends_on__gte=today
        ).select_related("stand_in")
    ]


def staff(role: Role, **scope) -> QuerySet[User]:
    """The active staff of ``role`` whose profile has ``scope``'s values (``city_id=…``)."""
    return User.objects.filter(
        is_active=True,
        staff_profile__role=role,
        **{f"staff_profile__{field}": value for field, value in scope.items()},
    ).order_by("pk")


def holder(case) -> User | None:
    """Who has taken the open task of ``case`` (workflows/claiming.py), if anyone."""
    task = (
        Task.objects.filter(process_id=case.pk, status=STATUS.ASSIGNED, owner__isnull=False)
        .select_related("owner")
        .first()
    )
    return task.owner if task else None


@dataclass(frozen=True)
class Audience:
    """A case type's people, for its notifications: the cases of ``model``.

    ``staff_states``: the states in which the case waits for a staff member's step (a task
    that arrives in an inbox); ``approved_states``: those an approval that tells the case's
    concerned people lands in; ``steps``: the labels of its steps (a ``TextChoices``), and
    ``step_of_state`` the step each state waits for.
    ``acting(case)``: who may act at the step the case waits for; ``watching(case, step)``:
    who watches over that step when it is late; ``concerned(case)``: who opened the case and
    whom it is about. Each reads the case app's permissions, which decide who acts."""

    model: type
    staff_states: Collection[str]
    approved_states: Collection[str]
    steps: type
    step_of_state: Mapping[str, str]
    acting: Callable[[object], Iterable[User]]
    watching: Callable[[object, str], Iterable[User]]
    concerned: Callable[[object], Iterable[User]]
    joins: tuple = ("person",)

    def step_label(self, step: str) -> str:
        return str(dict(self.steps.choices).get(step, step))

    def owners(self, case, record) -> list[User]:
        """Who has the task the case waits for since ``record``: its holder if someone took
        it, else all who may act at it; nobody if the case has moved on since (the steps
        after it tell their own)."""
        if case.state not in self.staff_states or case.state != record.state_after:
            return []
        taken = holder(case)
        return [taken, *standing_in_for(taken)] if taken else list(self.acting(case))

    def recipients(self, record, case) -> list[tuple[User, str]]:
        """Who ``record`` (a step of ``case``, now in its state after it) tells, and what:
        (user, kind), each user once, never the one who took the step."""
        action = record.action
        told: list[tuple[User, str]] = []
        if action == Action.OVERDUE:
            told += [(user, Kind.OVERDUE) for user in self.owners(case, record)]
            if case.state == record.state_after:  # still late
                told += [(user, Kind.OVERDUE) for user in self.watching(case, record.step)]
        elif action == Action.REMIND and case.state in self.staff_states:
            told += [(user, Kind.DUE_SOON) for user in self.owners(case, record)]
        elif action == Action.REMIND:  # the end of a case in force draws near
            if case.state == record.state_after:
                told += [(user, Kind.EXPIRING) for user in self.concerned(case)]
        elif action == Action.REASSIGN:
            taken = holder(case) if case.state == record.state_after else None
            told += [(taken, Kind.TASK)] if taken else []
        else:
            if action == Action.RETURN:  # to whom it is returned, first
                told += [(user, Kind.RETURNED) for user in self.owners(case, record)]
            if action in TOLD_TO_CONCERNED:
                told += [(user, TOLD_TO_CONCERNED[action]) for user in self.concerned(case)]
            elif action == Action.APPROVE and record.state_after in self.approved_states:
                told += [(user, Kind.APPROVED) for user in self.concerned(case)]
            if record.state_after != record.state_before:
                told += [(user, Kind.TASK) for user in self.owners(case, record)]
        seen = {record.actor_id}
        once = []
        for user, kind in told:
            if user is not None and user.is_active and user.pk not in seen:
                seen.add(user.pk)
                once.append((user, kind))
        return once


def supervisors_of(city_id: int) -> QuerySet[User]:
    return staff(Role.SUPERVISOR, city_id=city_id)


def opener_and_person(opener: str) -> Callable[[object], list[User]]:
    """Whom a case concerns: the user in its field ``opener`` and the person it is about, when
    they have an account."""

    def concerned(case) -> list[User]:
        people = (getattr(case, opener), case.person.user)
        return [user for user in people if user is not None]

    return concerned


def reviewed_by_center(*, model, claiming, steps, step_of_state, approved_states) -> Audience:
    """The audience of a case about an insured person that the center of their city reviews
    (a claim, a filing): the reviewers its ``claiming`` names when it arrives, the city's
    supervisors when the review is late, who opened it and the person."""
    return Audience(
        model=model,
        staff_states=claiming.states,
        approved_states=approved_states,
        steps=steps,
        step_of_state=step_of_state,
        acting=claiming.reviewers,
        watching=lambda case, step: supervisors_of(case.insured_city_id),
        concerned=opener_and_person("opened_by"),
    )
