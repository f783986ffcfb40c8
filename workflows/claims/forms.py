"""Forms of the claimant's pages, and the payee and payment forms a claim and a batch share:
parse and check input; the services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from workflows import textlimits
from workflows.referrals.selectors import referral_numbered, referrals_claimable_by
from workflows.registry import resident_id as rid
from workflows.registry.models import Institution, InsuredPerson
from workflows.registry.roles import Role
from workflows.widgets import DateField

from . import rules
from .choices import SINGLE_KINDS, Kind

NO_SUCH_MEMBER = _("No insured person of your unit has this resident ID or insurance number.")


class ClaimForm(forms.Form):
    """What the claimant (or their unit's agent) says about the treatment."""

    person = textlimits.PlainText(
        label=_("Claimant's resident ID or insurance number"),
        max_length=24,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind of claim"),
        choices=[(kind.value, kind.label) for kind in SINGLE_KINDS],
        widget=forms.RadioSelect,
    )
    referral = textlimits.PlainText(
        label=_("Approved referral"),
        required=False,
        help_text=_("Referred treatment: the referral's case number, e.g. ZZ2026-000001."),
    )
    institution = forms.ModelChoiceField(
        label=_("Hospital where the emergency was treated"),
        queryset=Institution.objects.none(),
        required=False,
        help_text=_(
            "Emergencies: a non-designated hospital, or a designated one outside your "
            "insured city. Referred treatment: the referral's target hospital is used."
        ),
    )
    admission_date = DateField(label=_("Admission date"))
    discharge_date = DateField(label=_("Discharge date"))
    diagnosis = textlimits.LimitedText(
        label=_("Diagnosis"), limit=textlimits.DIAGNOSIS, widget=forms.TextInput
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        city = actor.person.insured_city_id if actor.person else actor.profile.unit.city_id
        hospitals = (
            Institution.objects.filter(kind=Institution.Kind.HOSPITAL)
            .exclude(designated=True, city_id=city)
            .select_related("city__parent")
        )
        self.fields["institution"].queryset = hospitals
        self.fields["institution"].label_from_instance = lambda i: (
            f"{i.city.parent.name} {i.city.name} · {i.name} ({i.get_grade_display()}"
            + ("" if i.designated else f", {_('not designated')}")
            + ")"
        )
        if actor.role == Role.INSURED_PERSON:
            del self.fields["person"]
            self.fields["referral"].widget = forms.Select(choices=self._referral_choices())
            self.fields["referral"].help_text = _(
                "Your approved referrals that are still valid or were used for the transfer."
            )

    def _referral_choices(self) -> list[tuple[str, str]]:
        choices = [("", "—")]
        for referral in referrals_claimable_by(person=self.actor.person):
            until = formats.date_format(referral.valid_until)
            choices.append(
                (
                    referral.number,
                    f"{referral.number} · {referral.target_institution.name} · "
                    f"{referral.get_state_display()} ({until})",
                )
            )
        return choices

    def clean_person(self) -> InsuredPerson:
        typed = rid.normalise(self.cleaned_data["person"])
        person = (
            InsuredPerson.objects.select_related("insured_city")
            .filter(Q(resident_id=typed) | Q(insurance_number=typed))
            .filter(unit_id=self.actor.profile.unit_id)
            .first()
        )
        if person is None:
            raise ValidationError(NO_SUCH_MEMBER)
        return person

    def clean_referral(self):
        number = self.cleaned_data["referral"].strip().upper()
        if not number:
            return None
        referral = referral_numbered(number)
        if referral is None:
            raise ValidationError(rules.REFERRAL_NOT_FOUND, params={"number": number})
        return referral

    def clean(self):
        data = super().clean()
        if data.get("kind") == Kind.REFERRAL:
            data["institution"] = None
            if "referral" in data and data["referral"] is None:
                self.add_error("referral", rules.REFERRAL_REQUIRED)
        elif data.get("kind") == Kind.EMERGENCY:
            data["referral"] = None
        return data

    def claim_fields(self) -> dict:
        data = self.cleaned_data
        person = data["person"] if "person" in self.fields else self.actor.person
        return {
            "person": person,
            "kind": data["kind"],
            "institution": data["institution"],
            "referral": data["referral"],
            "admission_date": data["admission_date"],
            "discharge_date": data["discharge_date"],
            "diagnosis": data["diagnosis"],
        }


class ClaimCorrectionForm(ClaimForm):
    """The facts of a claim being prepared that may be corrected: the kind, the person and
    the referral stay; an emergency's hospital may change."""

    def __init__(self, *args, claim, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("person", "kind", "referral"):
            self.fields.pop(name, None)
        if claim.kind != Kind.EMERGENCY:
            del self.fields["institution"]

    def clean(self):
        return forms.Form.clean(self)  # ClaimForm.clean reconciles the kind and the referral


class SubmitForm(forms.Form):
    payee = textlimits.PlainText(label=_("Payee"), max_length=64, required=False)
    bank_name = textlimits.PlainText(label=_("Bank"), max_length=100, required=False)
    bank_account = textlimits.PlainText(
        label=_("Bank account number"), max_length=40, required=False
    )


class WithdrawForm(forms.Form):
    reason = textlimits.LimitedText(
        label=_("Why do you withdraw it?"), limit=textlimits.REASON, widget=forms.Textarea
    )


class PayForm(forms.Form):
    reference = textlimits.PlainText(label=_("Payment reference"), max_length=64, required=False)
