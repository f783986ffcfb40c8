"""Forms of the referral pages: parse and check input; the services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from workflows import clock, textlimits
from workflows.registry import resident_id as rid
from workflows.registry.models import Department, Institution, InsuredPerson
from workflows.widgets import DateField

from .choices import Decision, Scope, Step
from .services import UNKNOWN_DECISION

NO_SUCH_PERSON = _("No insured person has this resident ID or insurance number.")
TARGET_DEPARTMENT_ELSEWHERE = _(
    "%(department)s is a department of %(institution)s, not of the target institution "
    "%(target)s: choose one of its departments."
)
TRANSFER_BEFORE_ADMISSION = _("The transfer date cannot be before the admission date.")
ADMISSION_IN_FUTURE = _("The admission date cannot be in the future.")


class DepartmentSelect(forms.Select):
    """Each department names its hospital, so that the page (static/js/departments.js) offers
    only the chosen target hospital's."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["data-institution"] = str(value.instance.institution_id)
        return option


class ReferralForm(forms.Form):
    """What the attending physician writes on the referral approval form."""

    person = textlimits.PlainText(
        label=_("Patient's resident ID or insurance number"),
        max_length=24,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    diagnosis = textlimits.LimitedText(
        label=_("Diagnosis"), limit=textlimits.DIAGNOSIS, widget=forms.TextInput
    )
    admission_date = DateField(label=_("Admission date"))
    transfer_date = DateField(label=_("Proposed transfer date"))
    target_institution = forms.ModelChoiceField(
        label=_("Target institution"),
        queryset=Institution.objects.none(),
        help_text=_("Designated hospitals only."),
    )
    target_department = forms.ModelChoiceField(
        label=_("Target department"), queryset=Department.objects.none(), widget=DepartmentSelect
    )
    scope = forms.ChoiceField(label=_("Scope"), choices=Scope.choices, widget=forms.RadioSelect)
    reason = textlimits.LimitedText(
        label=_("Reason for the referral"), limit=textlimits.REASON, required=False
    )
    case_summary = textlimits.LimitedText(
        label=_("Case summary"),
        limit=textlimits.CASE_SUMMARY,
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    outside_province_statement = textlimits.LimitedText(
        label=_("Why no institution inside the province can treat the case"),
        limit=textlimits.REASON,
        required=False,
        help_text=_("Required for a referral outside the province."),
    )
    opinion = textlimits.LimitedText(
        label=_("Your opinion (printed in your signature block)"),
        limit=textlimits.OPINION,
        required=False,
        widget=forms.TextInput,
    )

    def __init__(self, *args, lock_person: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        hospitals = Institution.objects.filter(
            kind=Institution.Kind.HOSPITAL, designated=True
        ).select_related("city__parent")
        self.fields["target_institution"].queryset = hospitals
        self.fields["target_institution"].label_from_instance = lambda i: (
            f"{i.city.parent.name} {i.city.name} · {i.name} ({i.get_grade_display()})"
        )
        self.fields["target_department"].queryset = Department.objects.filter(
            institution__in=hospitals
        ).select_related("institution")
        self.fields["target_department"].label_from_instance = lambda d: (
            f"{d.institution.name} · {d.name}"
        )
        if lock_person:
            self.fields["person"].disabled = True

    def clean_person(self) -> InsuredPerson:
        value = self.cleaned_data["person"]
        if isinstance(value, InsuredPerson):
            return value
        typed = rid.normalise(value)
        person = (
            InsuredPerson.objects.select_related("insured_city__parent")
            .filter(Q(resident_id=typed) | Q(insurance_number=typed))
            .first()
        )
        if person is None:
            if len(typed) == rid.LENGTH:
                rid.parse(typed)  # say what is wrong with a mistyped ID
            raise ValidationError(NO_SUCH_PERSON)
        return person

    def clean_admission_date(self):
        admission = self.cleaned_data["admission_date"]
        if admission > clock.today():
            raise ValidationError(ADMISSION_IN_FUTURE)
        return admission

    def clean(self):
        data = super().clean()
        target, department = data.get("target_institution"), data.get("target_department")
        if target and department and department.institution_id != target.pk:
            self.add_error(
                "target_department",
                ValidationError(
                    TARGET_DEPARTMENT_ELSEWHERE,
                    params={
                        "department": department.name,
                        "institution": department.institution.name,
                        "target": target.name,
                    },
                ),
            )
        admission, transfer = data.get("admission_date"), data.get("transfer_date")
        if admission and transfer and transfer < admission:
            self.add_error("transfer_date", TRANSFER_BEFORE_ADMISSION)
        return data

    def case_fields(self) -> dict:
        """What a correction changes (the patient stays), and the opinion of a proposal."""
        return {name: value for name, value in self.cleaned_data.items() if name != "person"}


class StepForm(forms.Form):
    """A signature's form: it names the step it was shown for, so a signer who comes after
    someone else took that step is told so, not asked to sign the next one."""

    step = forms.ChoiceField(choices=Step.choices, widget=forms.HiddenInput)


class DecisionForm(StepForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": UNKNOWN_DECISION},
    )
    opinion = textlimits.LimitedText(
        label=_("Opinion"),
        limit=textlimits.OPINION,
        required=False,
        help_text=_("Printed in your signature block. A return or refusal needs the reason."),
    )


class ProposeForm(StepForm):
    opinion = textlimits.LimitedText(
        label=_("Your opinion"),
        limit=textlimits.OPINION,
        required=False,
        widget=forms.TextInput,
    )


class WithdrawForm(forms.Form):
    reason = textlimits.LimitedText(
        label=_("Why do you withdraw it?"),
        limit=textlimits.REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TransferForm(forms.Form):
    transferred_on = DateField(label=_("Date of the transfer"))
