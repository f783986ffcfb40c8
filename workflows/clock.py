"""The one seam for the current time: logic asks here, tests freeze it here."""

import datetime

from django.utils import timezone


def now() -> datetime.datetime:
    """The current moment, timezone-aware (UTC)."""
    return timezone.now()


def today() -> datetime.date:
    """Today's date in Asia/Shanghai."""
    return timezone.localdate(now())
