"""django-fsm-2's concurrency guard, with each model's state fields found once.

``ConcurrentTransitionMixin`` looks for the state fields among all of a model's fields on every
instance it makes and three times in every save: a hundred calls for a referral's forty-six
fields, on every row of every list and every decision. The fields are the class's, so this
finds them once per class; the guard itself (the UPDATE only matches the state the row was
read in) is django-fsm-2's, unchanged.
"""

from functools import cache

from django_fsm import ConcurrentTransitionMixin, FSMFieldMixin


class StateGuard(ConcurrentTransitionMixin):
    @property
    def state_fields(self):
        return _state_fields(type(self))


@cache
def _state_fields(model) -> tuple:
    return tuple(field for field in model._meta.fields if isinstance(field, FSMFieldMixin))
