"""Forms of the batch pages: parse and check input; the services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from workflows import textlimits
from workflows.registry import resident_id as rid
from workflows.registry.models import Institution, InsuredPerson
from workflows.widgets import DateField

from ..forms import NO_SUCH_MEMBER


class BatchClaimForm(forms.Form):
    """One retiree's outpatient treatment at one institution, for the unit's batch."""

    person = textlimits.PlainText(
        label=_("Retiree's resident ID or insurance number"),
        max_length=24,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    institution = forms.ModelChoiceField(
        label=_("Institution where treated"),
        queryset=Institution.objects.none(),
        help_text=_("A hospital outside the insured city, normally one named in the filing."),
    )
    first_visit = DateField(label=_("First visit"))
    last_visit = DateField(label=_("Last visit"))
    diagnosis = textlimits.LimitedText(
        label=_("Diagnosis"), limit=textlimits.DIAGNOSIS, widget=forms.TextInput
    )

    def __init__(self, *args, batch, **kwargs):
        super().__init__(*args, **kwargs)
        self.batch = batch
        self.fields["institution"].queryset = (
            Institution.objects.filter(kind=Institution.Kind.HOSPITAL)
            .exclude(city_id=batch.city_id)
            .select_related("city__parent")
        )
        self.fields["institution"].label_from_instance = lambda i: (
            f"{i.city.parent.name} {i.city.name} · {i.name} ({i.get_grade_display()})"
        )

    def clean_person(self) -> InsuredPerson:
        typed = rid.normalise(self.cleaned_data["person"])
        person = (
            InsuredPerson.objects.select_related("insured_city")
            .filter(Q(resident_id=typed) | Q(insurance_number=typed))
            .filter(unit_id=self.batch.unit_id)
            .first()
        )
        if person is None:
            raise ValidationError(NO_SUCH_MEMBER)
        return person
