"""The example policy of issue 4: the numbers of the worked examples and many other tests."""

EXAMPLE_POLICY = {
    "region": "420100",
    "scheme": "employee",
    "effective_from": "2026-01-01",
    "effective_to": None,
    "deductible": {"III": "1000.00", "II": "500.00", "I": "300.00"},
    "ratio": {
        "employed": {"III": "0.85", "II": "0.88", "I": "0.92"},
        "retired": {"III": "0.88", "II": "0.91", "I": "0.95"},
    },
    "annual_cap": "500000.00",
    "class_b_first_share": "0.10",
    "scope_ratio_cut": {
        "local": "0",
        "referral": "0.10",
        "emergency": "0.10",
        "offsite_filed": "0",
        "offsite_unfiled": "0.20",
    },
    "referral_validity_days": 30,
    "emergency_report_days": 10,
}
EXAMPLE_TERMS = {
    key: value
    for key, value in EXAMPLE_POLICY.items()
    if key not in {"region", "scheme", "effective_from", "effective_to"}
}
