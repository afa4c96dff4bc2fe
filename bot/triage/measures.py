"""Sizes that rise over the message: "38cm on day 2, 39cm on day 3 and 40.5cm this morning".

Patients who measure a swelling give a course, not a word: no phrase says
"bigger", yet 38, 39 then 40.5 cm round the jaw is a swelling that grows. Every
length the message gives (a number with a unit of ``measures.units`` in
``knowledge/red_flags.yml`` right after it: "38cm", "2.5 mm", "1 inch"; or the
first number of "from 38 to 40cm", which takes the unit of the second) is read
in order, in millimetres. When the last is above the first and is the highest,
the sizes are the vocabulary state named by ``measures.state`` (a concept pairs
it with the part measured: the jaw, the cheek, a lump) and the cue named by
``measures.cue`` (the sign near them grows, with the time rules of the sign, like
any cue). Sizes that fall or stay the same say nothing.
"""

from __future__ import annotations

import re
from typing import Any

from bot.triage.match import Doc

_NUMBER = re.compile(r"^\d{1,4}(?:[.,]\d{1,2})?$")


def _value(text: str) -> float | None:
    return float(text.replace(",", ".")) if _NUMBER.match(text) else None


def _unit(spec: dict[str, Any], low: str) -> float | None:
    """Millimetres in one of the unit word ``low`` (None: no unit of length)."""
    for rx, mm in spec["units"]:
        if rx.match(low):
            return float(mm)
    return None


def rising(rules: object, doc: Doc) -> list[tuple[int, int]]:
    """The spans of the sizes (number and unit) when they rise (empty otherwise)."""
    spec: dict[str, Any] = getattr(rules, "measures", None) or {}
    if not spec:
        return []
    sizes: list[tuple[int, int, float]] = []
    n = len(doc)
    for tok in doc:
        value = _value(tok.lower_)
        if value is None or tok.i + 1 >= n:
            continue
        mm = _unit(spec, doc[tok.i + 1].lower_)
        if mm is not None:
            sizes.append((tok.i, tok.i + 2, value * mm))
            continue
        # "from 38 to 40cm": the first number takes the unit of the second
        if tok.i + 3 < n and doc[tok.i + 1].lower_ in spec["range_to"]:
            later = _value(doc[tok.i + 2].lower_)
            mm = _unit(spec, doc[tok.i + 3].lower_)
            if later is not None and mm is not None and tok.i > 0:
                if doc[tok.i - 1].lower_ in spec["range_from"]:
                    sizes.append((tok.i, tok.i + 1, value * mm))
    if len(sizes) < 2:
        return []
    first, last = sizes[0][2], sizes[-1][2]
    if last > first and last >= max(v for _, _, v in sizes):
        return [(s, e) for s, e, _ in sizes]
    return []
