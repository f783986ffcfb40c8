"""CPU seconds spent by each kind of process during a benchmark run (Linux /proc)."""

import os
from collections import Counter

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_by_command() -> Counter:
    """Total user+system CPU seconds so far, by process command name."""
    totals: Counter = Counter()
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)
            name = fields[0].split("(", 1)[1]
            values = fields[1].split()
            totals[name] += (int(values[11]) + int(values[12])) / TICKS
        except (OSError, IndexError, ValueError):
            continue
    return totals


def describe(before: Counter, after: Counter, requests: int) -> str:
    """Milliseconds of CPU per request for the busiest commands between two readings."""
    spent = {name: after[name] - before.get(name, 0) for name in after}
    busiest = sorted(spent.items(), key=lambda item: -item[1])[:5]
    return ", ".join(
        f"{name} {seconds * 1000 / requests:.1f} ms" for name, seconds in busiest if seconds > 0
    )
