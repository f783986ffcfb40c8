"""Reimbursement policy: the three catalogues, dated regional policies and the calculation."""
