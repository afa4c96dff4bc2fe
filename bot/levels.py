"""The triage levels, lowest to highest: the one order every module derives from.

``Level`` is an ``IntEnum`` whose value is the rank, so levels compare by
urgency (``Level.URGENT > Level.ROUTINE``). The lower-case name is the word
used everywhere else (slots, tickets, ``knowledge/red_flags.yml``): read one
with ``Level.parse("urgent")``, write one with ``level.label``.

Derived sets, so no module writes the order again:

- ``LEVELS``: the names, lowest first (``("none", "routine", "urgent", "emergency")``);
- ``ESCALATING``: the levels that create a ticket for staff (routine and above);
- ``HANDOFF``: the levels after which the conversation belongs to staff (urgent and above);
- ``rank(name)``: the position of a name, -1 for None or an unknown word;
- ``highest(*names)``: the most urgent of the given names.
"""

from __future__ import annotations

import enum


class Level(enum.IntEnum):
    NONE = 0
    ROUTINE = 1
    URGENT = 2
    EMERGENCY = 3

    @property
    def label(self) -> str:
        """The word used in slots, tickets and the rules file ("urgent")."""
        return self.name.lower()

    @classmethod
    def parse(cls, name: object) -> Level | None:
        """``Level`` for a name ("urgent", "URGENT", a Level), None for anything else."""
        if isinstance(name, Level):
            return name
        if not isinstance(name, str):
            return None
        return cls.__members__.get(name.strip().upper())

    def __str__(self) -> str:  # so f"{level}" reads "urgent"
        return self.label


LEVELS: tuple[str, ...] = tuple(lv.label for lv in Level)
ESCALATING: tuple[str, ...] = tuple(lv.label for lv in Level if lv >= Level.ROUTINE)
HANDOFF: tuple[str, ...] = tuple(lv.label for lv in Level if lv >= Level.URGENT)


def rank(name: object) -> int:
    """Position in ``LEVELS`` (0 = none ... 3 = emergency); -1 for None or an unknown word."""
    level = Level.parse(name)
    return -1 if level is None else int(level)


def highest(*names: object) -> str | None:
    """The most urgent of the given level names, ignoring None and unknown words."""
    known = [lv for lv in (Level.parse(n) for n in names) if lv is not None]
    return max(known).label if known else None
