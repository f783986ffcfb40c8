"""An employer unit's monthly batches of off-site outpatient claims for its resettled retirees.

The rest of the claims app calls this package only through ``hooks``."""
