"""The municipal center's review of a claim: its expense lines (entered or imported), the
calculation, the decision and the payment."""
