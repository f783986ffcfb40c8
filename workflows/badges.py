"""The tone of a state's badge, kept with the state's choices."""


def badge_tone(*, good=(), bad=(), warn=(), other: str = "warn") -> property:
    """A ``tone`` property for a TextChoices of states: "good", "bad" or "warn" for the values
    named so, ``other`` for the rest (by default "warn": still waiting)."""
    tones = {
        **dict.fromkeys(good, "good"),
        **dict.fromkeys(bad, "bad"),
        **dict.fromkeys(warn, "warn"),
    }
    return property(lambda state: tones.get(state.value, other))
