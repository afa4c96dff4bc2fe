"""A pain score that rises over the message: "a 2 out of 10 on day 1, a 3 on day 2, today a 6".

Patients who rate their pain give a course, not a word: no phrase says "worse",
yet 2, 3 then 6 is pain growing. When the message names a rating scale
(``ratings.scale`` in ``knowledge/red_flags.yml``: "out of 10", "/10"), every
score on it is read in order (a number after one of ``before``, or written
"6/10"; never a day, a week or a time: ``not_after``; never a score given to
something else: ``other_ratings``, "rated the clinic 9 out of 10"). With no scale named,
only a number after one of ``unscaled_before`` is a score ("day 1 was a 2, now it's a 6":
a number given with an article is a rating, "day 2" or "2 days" is not). When the last score is
at least ``min_rise`` above the first and the highest, each score is a
``worsening`` cue, so the pain sign near one becomes worsening pain (with the
time rules of the sign, like any cue).
"""

from __future__ import annotations

import re

from bot.triage.match import Doc, Spans

_SLASHED = re.compile(r"^(\d{1,2})/10$")


def rising(rules: object, doc: Doc, found: Spans) -> list[tuple[int, int]]:
    """The spans of the scores when they rise (empty otherwise)."""
    spec = getattr(rules, "ratings", None)
    if not spec:
        return []
    scaled = bool(found.get("RATE|scale")) or any(_SLASHED.match(t.lower_) for t in doc)
    # with no scale named, only a number given as "a 6" is a score ("day 2 a 3, now it's a 6")
    bare = set(spec.get("unscaled_before") or [])
    if not scaled and not bare:
        return []
    top = spec["top"]
    scores: list[tuple[int, float]] = []
    for tok in doc:
        low = tok.lower_
        slashed = _SLASHED.match(low)
        if slashed:
            value = float(slashed.group(1))
        elif tok.is_digit and len(low) <= 2:
            before = doc[tok.i - 1].lower_ if tok.i > 0 else ""
            after = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else ""
            if before in spec["not_after"] or after in spec["not_before"]:
                continue
            if before not in spec["before"] and after not in spec["scale_next"]:
                continue
            if not scaled and before not in bare:
                continue
            value = float(low)
        else:
            continue
        if any(doc[j].lower_ in spec["other_ratings"] for j in range(max(0, tok.i - 4), tok.i)):
            continue  # "rated the results 8 out of 10": a score of something else
        if 0 <= value <= top:
            scores.append((tok.i, value))
    if len(scores) < 2:
        return []
    first, last = scores[0][1], scores[-1][1]
    if last - first >= spec["min_rise"] and last >= max(v for _, v in scores):
        return [(i, i + 1) for i, _ in scores]  # the course is every score's: near any, the pain
    return []
