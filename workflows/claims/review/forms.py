"""Forms of the center's review of a claim: parse and check input; the services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from workflows import textlimits
from workflows.documents.choices import Kind as DocumentKind
from workflows.policy.choices import Catalogue

from ..choices import Decision, documents_of_kind
from . import expense_csv


class LineForm(forms.Form):
    catalogue = forms.ChoiceField(label=_("Catalogue"), choices=Catalogue.choices)
    code = textlimits.PlainText(label=_("Code"), max_length=30)
    quantity = forms.DecimalField(label=_("Quantity"))
    unit_price = forms.DecimalField(label=_("Unit price (yuan)"))


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Expense list (CSV)"),
        help_text=_(
            "UTF-8 CSV with the columns catalogue, code, quantity, unit_price (name may "
            "follow); catalogue is drugs, treatments or facilities. It replaces the lines above."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > expense_csv.MAX_BYTES:  # refused before it is read into memory
            raise ValidationError(expense_csv.FILE_TOO_LARGE)
        return upload

    def read(self) -> dict:
        """The import service's arguments: the file's bytes and its name."""
        upload = self.cleaned_data["file"]
        return {"data": upload.read(), "file_name": upload.name}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    documents = forms.MultipleChoiceField(
        label=_("Documents to add (a return)"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = textlimits.LimitedText(
        label=_("Reason"),
        limit=textlimits.REASON,
        required=False,
        widget=forms.Textarea,
        help_text=_("The claimant reads it. A return or refusal needs it."),
    )

    def __init__(self, *args, claim, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].choices = [
            (kind, DocumentKind(kind).label) for kind in documents_of_kind(claim.kind)
        ]
