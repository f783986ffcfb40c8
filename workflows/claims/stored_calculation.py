"""A claim's calculation as it is stored: the policy, the inputs, the amounts, the explanations.

The explanations are kept in every language of the site as they read when the reviewer
calculated, so the person's page and the statement show exactly what was approved, whatever
later becomes of the policy or the catalogues.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from forms.choices import CalculationStepKind
from workflows.policy.calculation import BREAKDOWN_KEYS, Breakdown
from workflows.policy.models import Policy

# The calculation's keys as the printed statement names its steps.
STEP_KIND_OF_KEY = {
    "total": CalculationStepKind.TOTAL,
    "self_paid_out_of_list": CalculationStepKind.OUT_OF_LIST,
    "over_price_limit": CalculationStepKind.OVER_PRICE_LIMIT,
    "class_b_first_share": CalculationStepKind.CLASS_B_SHARE,
    "eligible": CalculationStepKind.ELIGIBLE,
    "deductible_applied": CalculationStepKind.DEDUCTIBLE,
    "ratio": CalculationStepKind.RATIO,
    "pooled_fund_pays": CalculationStepKind.POOLED_FUND,
    "personal_pays": CalculationStepKind.PERSONAL,
}
OFFICIAL_LANGUAGE = "zh-hans"


@dataclass(frozen=True)
class CalculatedStep:
    kind: CalculationStepKind
    amount: Decimal  # yuan; for the ratio, a fraction
    explanation: str

    @property
    def is_ratio(self) -> bool:
        return self.kind == CalculationStepKind.RATIO


def calculation_record(
    *, policy: Policy, breakdown: Breakdown, inputs: dict[str, str], at: datetime.datetime
) -> dict:
    """What is stored on the claim (JSON: amounts and ratios as strings)."""
    region = policy.region
    return {
        "calculated_at": at.isoformat(),
        "policy": {
            "id": policy.pk,
            "region_code": region.code,
            "region": f"{region.parent.name}{region.name}" if region.parent_id else region.name,
            "scheme": policy.scheme,
            "effective_from": policy.effective_from.isoformat(),
            "effective_to": policy.effective_to.isoformat() if policy.effective_to else None,
        },
        "inputs": inputs,
        "amounts": breakdown.as_json(),
        "explanations": {
            code: {key: breakdown.explanations[key].render(code) for key in BREAKDOWN_KEYS}
            for code, _name in settings.LANGUAGES
        },
    }


def calculated_steps(calculation: dict, *, language: str) -> list[CalculatedStep]:
    """Each step with its amount and its explanation in ``language`` (else in Chinese)."""
    texts = calculation["explanations"]
    explained = texts.get(language) or texts[OFFICIAL_LANGUAGE]
    return [
        CalculatedStep(STEP_KIND_OF_KEY[key], Decimal(calculation["amounts"][key]), explained[key])
        for key in BREAKDOWN_KEYS
    ]


def policy_period(calculation: dict) -> tuple[datetime.date, datetime.date | None]:
    policy = calculation["policy"]
    end = policy["effective_to"]
    return (
        datetime.date.fromisoformat(policy["effective_from"]),
        datetime.date.fromisoformat(end) if end else None,
    )
