"""The access log: who looked at which insured person's personal data, how, when, from where."""
