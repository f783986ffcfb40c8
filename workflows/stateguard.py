"""django-fsm-2's concurrency guard, with the state fields found once per class.

``ConcurrentTransitionMixin`` refuses to save a case whose row has left the state it was read
in. It looks for the state fields among all of a model's fields on every instance it makes
and three times in every save (a hundred calls for a referral's forty-six fields); they are
the class's, so ``StateGuard`` finds them once per class.

A transition changes a few columns of the case's own table. ``save_transition`` writes just
those in one ``QuerySet.update`` of the row, filtered on the state it was read in (the same
guard): ``Model.save`` would also run the save machinery for viewflow's process table above
it, whose columns a transition never changes.
"""

from functools import cache

from django_fsm import ConcurrentTransition, ConcurrentTransitionMixin, FSMFieldMixin

# django-fsm-2's own message, so that both ways of saving a case refuse alike.
CONCURRENT_TRANSITION = (
    "Cannot save object! The state has been changed since fetched from the database!"
)


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
        rows = type(self)._base_manager.filter(pk=self.pk, **self._states_read)
        if not rows.update(**{name: getattr(self, name) for name in fields}):
            raise ConcurrentTransition(CONCURRENT_TRANSITION)
        self._update_initial_state()


@cache
def _state_fields(model) -> tuple:
    return tuple(field for field in model._meta.fields if isinstance(field, FSMFieldMixin))
