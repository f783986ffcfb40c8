"""The form that names a stand-in."""

from django import forms
from django.utils.translation import gettext_lazy as _

from workflows.registry.models import User
from workflows.widgets import DateField


class StandInForm(forms.Form):
    stand_in = forms.ModelChoiceField(
        label=_("Stand-in"),
        queryset=User.objects.none(),
        help_text=_(
            "A colleague of your role, where you act: they see your tasks and sign for you."
        ),
    )
    starts_on = DateField(label=_("First day"))
    ends_on = DateField(label=_("Last day (included)"))

    def __init__(self, *args, candidates: list[User], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["stand_in"]
        roles = {user.pk: user.staff_profile.get_role_display() for user in candidates}
        field.queryset = User.objects.filter(pk__in=roles).order_by("full_name", "pk")
        field.label_from_instance = lambda user: f"{user.get_full_name()} · {roles[user.pk]}"
