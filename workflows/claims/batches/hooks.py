"""What the rest of the claims app asks of the units' batches: the one door into this package.

A claim of a batch is reviewed like any other; these say what being in a batch changes."""

from .offsite import calculation_scope, covering_filing
from .payment import batch_claim_decided as claim_decided

__all__ = ["calculation_scope", "claim_decided", "covering_filing"]
