"""django-fsm-2's concurrency guard, made cheap enough for every decision.

``ConcurrentTransitionMixin`` refuses to save a case whose row has left the state it was read
in. It looks for the state fields among all of a model's fields on every instance it makes
and three times in every save (a hundred calls for a referral's forty-six fields); they are
the class's, so ``StateGuard`` finds them once per class.

A transition changes a few columns of the case's own table. ``save_transition`` writes just
those, with the same guard, in one compiled UPDATE (``prepared.update_row``): ``Model.save``
would also build the (empty) update of viewflow's process table above it and run the save
machinery around both, several times the CPU of the UPDATE itself.
"""

from functools import cache

from django_fsm import ConcurrentTransition, ConcurrentTransitionMixin, FSMFieldMixin

from workflows.prepared import update_row


class StateGuard(ConcurrentTransitionMixin):
    @property
    def state_fields(self):
        return _state_fields(type(self))

    def _update_initial_state(self) -> None:
        super()._update_initial_state()
        self._states_read = {
            field.attname: field.value_from_object(self) for field in self.state_fields
        }

    def save_transition(self, *fields: str) -> None:
        """Save ``fields`` of this model's own table, if the row is still in the state(s) it
        was read in; else raise ConcurrentTransition, as ``save`` would."""
        if not update_row(self, fields, only_if=self._states_read):
            raise ConcurrentTransition(
                "Cannot save object! The state has been changed since fetched from the database!"
            )
        self._update_initial_state()


@cache
def _state_fields(model) -> tuple:
    return tuple(field for field in model._meta.fields if isinstance(field, FSMFieldMixin))
