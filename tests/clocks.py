"""The project's clock (workflows/clock.py) stopped, and moved on by a test: the time passes
without sleeping, for the test client's requests and for the live server's thread alike."""

import datetime

from workflows import clock


class StoppedClock:
    """``clock.now()`` says ``self.now`` until the test's end; ``move`` turns it on."""

    def __init__(self, monkeypatch):
        self.now = clock.now()
        monkeypatch.setattr(clock, "now", lambda: self.now)

    def move(self, **delta) -> None:
        """Turn the clock on by a ``datetime.timedelta(**delta)``: ``move(minutes=30)``."""
        self.now += datetime.timedelta(**delta)
