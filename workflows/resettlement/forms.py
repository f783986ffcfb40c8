"""Forms of the filing pages: parse and check input; the services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from workflows import textlimits
from workflows.registry import phone_number
from workflows.registry import resident_id as rid
from workflows.registry.models import InsuredPerson
from workflows.registry.roles import Role
from workflows.widgets import DateField

from .choices import Category, ChangeDecision, Decision
from .declared import FilingDetails
from .selectors import designated_hospitals, destination_cities

NO_SUCH_PERSON = _("No insured person has this resident ID or insurance number.")


def _city_label(city) -> str:
    return f"{city.parent.name} {city.name}"


def _institution_label(institution) -> str:
    return (
        f"{institution.city.parent.name} {institution.city.name} · {institution.name} "
        f"({institution.get_grade_display()})"
    )


class InstitutionsField(forms.ModelMultipleChoiceField):
    """The designated hospitals to choose one or two of (the rules say if they fit)."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(queryset=designated_hospitals(), **kwargs)

    def label_from_instance(self, obj) -> str:
        return _institution_label(obj)


class FilingForm(forms.Form):
    """What the applicant declares on the off-site filing form."""

    person = textlimits.PlainText(
        label=_("Resident ID or insurance number of the person"),
        max_length=24,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    category = forms.ChoiceField(
        label=_("Category"), choices=Category.choices, widget=forms.RadioSelect
    )
    destination_city = forms.ModelChoiceField(
        label=_("Destination (province and city)"), queryset=destination_cities()
    )
    residence_address = textlimits.LimitedText(
        label=_("Residence address there"), limit=textlimits.ADDRESS, widget=forms.TextInput
    )
    institutions = InstitutionsField(
        label=_("Designated institutions there (one or two)"), required=False
    )
    start_date = DateField(label=_("First day"))
    end_date = DateField(
        label=_("Last day of the episode"),
        required=False,
        help_text=_(
            "Referred patients and emergencies: when the treatment is expected to end, if the "
            "policy makes the filing valid for the episode. Long-term filings have no end."
        ),
    )
    phone = textlimits.PlainText(
        label=_("Phone"),
        max_length=20,
        required=False,
        validators=[phone_number.validate],
    )

    def __init__(self, *args, actor, lock_person: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        # A unit files with the center of its own city, for people insured there.
        home = actor.person.insured_city_id if actor.person else actor.profile.unit.city_id
        self.fields["destination_city"].queryset = destination_cities().exclude(pk=home)
        self.fields["destination_city"].label_from_instance = _city_label
        self.fields["institutions"].queryset = designated_hospitals(outside_city_id=home)
        if actor.role == Role.INSURED_PERSON or lock_person:
            del self.fields["person"]

    def clean_person(self) -> InsuredPerson:
        typed = rid.normalise(self.cleaned_data["person"])
        person = (
            InsuredPerson.objects.select_related("insured_city", "unit")
            .filter(Q(resident_id=typed) | Q(insurance_number=typed))
            .first()
        )
        if person is None:
            raise ValidationError(NO_SUCH_PERSON)
        return person

    def details(self) -> FilingDetails:
        data = self.cleaned_data
        return FilingDetails(
            category=data["category"],
            destination_city=data["destination_city"],
            residence_address=data["residence_address"],
            institutions=list(data["institutions"]),
            start_date=data["start_date"],
            end_date=data["end_date"],
            phone=data["phone"],
        )

    def chosen_person(self) -> InsuredPerson:
        return self.cleaned_data["person"] if "person" in self.fields else self.actor.person

    def opening_fields(self) -> dict:
        """The opening service's arguments: the person and what the applicant declares."""
        return {"person": self.chosen_person(), "details": self.details()}

    def revision_fields(self) -> dict:
        """The correction service's arguments: what the applicant declares now."""
        return {"details": self.details()}


class ChangeForm(forms.Form):
    institutions = InstitutionsField(label=_("New designated institutions (one or two)"))
    reason = textlimits.LimitedText(
        label=_("Why change them?"), limit=textlimits.REASON, required=False, widget=forms.Textarea
    )

    def __init__(self, *args, filing, **kwargs):
        super().__init__(*args, **kwargs)
        hospitals = designated_hospitals().filter(city_id=filing.destination_city_id)
        self.fields["institutions"].queryset = hospitals


class WithdrawForm(forms.Form):
    reason = textlimits.LimitedText(
        label=_("Why is the filing withdrawn?"), limit=textlimits.REASON, widget=forms.Textarea
    )

    def __init__(self, *args, **kwargs):
        # Its field's id differs from the change form's ``reason`` on the same page.
        kwargs.setdefault("auto_id", "withdraw_%s")
        super().__init__(*args, **kwargs)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    reason = textlimits.LimitedText(
        label=_("Reason"),
        limit=textlimits.REASON,
        required=False,
        widget=forms.Textarea,
        help_text=_("The applicant reads it. A return or refusal needs it."),
    )


class ChangeDecisionForm(DecisionForm):
    decision = forms.ChoiceField(
        label=_("Decision on the change"), choices=ChangeDecision.choices, widget=forms.RadioSelect
    )
