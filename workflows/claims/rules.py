"""The rules a claim must meet when it is opened and submitted, each with its message."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from workflows.referrals.selectors import CLAIMABLE_STATES, referral_claimable
from workflows.registry.models import Institution

ADMISSION_IN_FUTURE = _("The admission date cannot be in the future.")
DISCHARGE_BEFORE_ADMISSION = _("The discharge date cannot be before the admission date.")
DISCHARGE_IN_FUTURE = _("The discharge date cannot be in the future: claim after discharge.")
NOT_A_HOSPITAL = _("%(institution)s is not a hospital; a claim is for treatment in a hospital.")
DESIGNATED_IN_INSURED_CITY = _(
    "%(institution)s is a designated institution of your insured city: treatment there is "
    "settled at the hospital, not reimbursed by an emergency claim."
)
REFERRAL_REQUIRED = _("Choose the approved referral this treatment followed.")
REFERRAL_NOT_FOUND = _("No referral has the case number %(number)s.")
REFERRAL_OF_SOMEONE_ELSE = _(
    "Referral %(number)s is not yours: a claim follows a referral of the same person."
)
REFERRAL_NOT_APPROVED = _(
    "Referral %(number)s is %(state)s; a claim follows a referral the center approved."
)
REFERRAL_EXPIRED = _(
    "Referral %(number)s was valid until %(date)s and the transfer was not recorded; "
    "it can no longer be claimed on."
)
REFERRAL_ALREADY_CLAIMED = _("Claim %(claim)s already follows referral %(number)s.")
REFERRAL_NOT_FOR_EMERGENCY = _("An emergency claim does not follow a referral.")


def check_dates(
    *, admission_date: datetime.date, discharge_date: datetime.date, today: datetime.date
) -> None:
    errors = {}
    if admission_date > today:
        errors["admission_date"] = ADMISSION_IN_FUTURE
    if discharge_date < admission_date:
        errors["discharge_date"] = DISCHARGE_BEFORE_ADMISSION
    elif discharge_date > today:
        errors["discharge_date"] = DISCHARGE_IN_FUTURE
    if errors:
        raise ValidationError(errors)


def check_emergency_institution(institution: Institution, *, insured_city_id: int) -> None:
    """An emergency claim is for a non-designated hospital or a designated one elsewhere."""
    params = {"institution": institution.name}
    if institution.kind != Institution.Kind.HOSPITAL:
        raise ValidationError({"institution": ValidationError(NOT_A_HOSPITAL, params=params)})
    if institution.designated and institution.city_id == insured_city_id:
        raise ValidationError(
            {"institution": ValidationError(DESIGNATED_IN_INSURED_CITY, params=params)}
        )


def check_referral(referral, *, person, today: datetime.date, claimed_by: str = "") -> None:
    """The referral ``person`` claims on is theirs, approved, unexpired or used, not claimed.

    ``claimed_by`` is the number of another live claim that already follows it, if any.
    """
    params = {"number": referral.number}
    if referral.person_id != person.pk:
        message = REFERRAL_OF_SOMEONE_ELSE
    elif referral.state not in CLAIMABLE_STATES:
        message = REFERRAL_NOT_APPROVED
        params["state"] = referral.current_state.label
    elif not referral_claimable(referral, today=today):
        message = REFERRAL_EXPIRED
        params["date"] = formats.date_format(referral.valid_until)
    elif claimed_by:
        message = REFERRAL_ALREADY_CLAIMED
        params["claim"] = claimed_by
    else:
        return
    raise ValidationError({"referral": ValidationError(message, params=params)})


def report_deadline(admission_date: datetime.date, policy) -> datetime.date | None:
    """The last day to report an emergency under ``policy`` (None without a policy)."""
    if policy is None:
        return None
    return admission_date + datetime.timedelta(days=policy.terms.emergency_report_days)


PAYEE_REQUIRED = _("Name the payee: the person or unit the pooled fund pays.")
BANK_REQUIRED = _("Name the bank that keeps the account.")
BANK_ACCOUNT_REQUIRED = _("Give the number of the account to pay into: 10 to 30 digits.")
BAD_BANK_ACCOUNT = _("A bank account number has 10 to 30 digits; “%(value)s” does not.")
_ACCOUNT_SEPARATORS = str.maketrans("", "", " -")


def payment_details(*, payee: str, bank_name: str, bank_account: str) -> tuple[str, str, str]:
    """The payee, bank and account as they are stored (account digits only), or every problem."""
    payee, bank_name = payee.strip(), bank_name.strip()
    account = bank_account.strip().translate(_ACCOUNT_SEPARATORS)
    errors = {}
    if not payee:
        errors["payee"] = PAYEE_REQUIRED
    if not bank_name:
        errors["bank_name"] = BANK_REQUIRED
    if not account:
        errors["bank_account"] = BANK_ACCOUNT_REQUIRED
    elif not (account.isascii() and account.isdigit() and 10 <= len(account) <= 30):
        errors["bank_account"] = ValidationError(
            BAD_BANK_ACCOUNT, params={"value": bank_account.strip()}
        )
    if errors:
        raise ValidationError(errors)
    return payee, bank_name, account
