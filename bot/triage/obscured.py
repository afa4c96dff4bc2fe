"""A sight sign caused by a thing one looks through or at (``knowledge/triage_subjects.yml``).

"The window was so foggy I couldn't see anything", "mirror has streaks,
looks blurry", "can't see out, because of the steam on the glass": a thing
(WordNet artifact, object, substance...) is named as foggy, streaky,
scratched or dirty, so what a person cannot see is the world behind it, not
their sight. The thing must be said to be in that state before the sign (or
named as its cause after "because of", "from", "due to"), outside a
comparison ("like looking through a steamed-up mirror" is a sight report),
and the sentence must name no body part or treatment word. "I can't read my
phone, it's like being under water" names no obscured thing and stays a
report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.triage.match import SENTENCE_END

if TYPE_CHECKING:
    from bot.triage.subject import _Reader

_COMPARISON = frozenset({"like", "through", "if", "though", "than"})


def _sentence(r: _Reader, start: int) -> range:
    a = start
    while a > 0 and r.doc[a - 1].lower_ not in SENTENCE_END:
        a -= 1
    b = start
    while b < len(r.doc) and r.doc[b].lower_ not in SENTENCE_END:
        b += 1
    return range(a, b)


def _compared(r: _Reader, lo: int, hi: int) -> bool:
    return any(r.doc[j].lower_ in _COMPARISON for j in range(max(0, lo), hi))


def _said_of_thing(r: _Reader, k: int) -> bool:
    """Obscuring word ``k`` is said of a thing ("the glass is foggy", "mirror has streaks")."""
    kind, i = r.subject_before(k)
    return kind == "thing" and not _compared(r, i - 2, k)


def _named_as_cause(r: _Reader, k: int) -> bool:
    """ "because of the steam on the glass", "from the condensation", "due to the smears"."""
    j = k - 1
    while j >= 0 and r.doc[j].lower_ in r.s.skip_words:
        j -= 1
    return j >= 0 and r.doc[j].lower_ in r.s.obscuring_causes


def obscured(r: _Reader, m_sign: str, start: int, end: int) -> str:
    """Why a sight sign is about a thing seen through, or ""."""
    sees = any(r.doc[i].lower_ in r.s.sight_words for i in range(start, end))
    if m_sign not in r.s.obscured_signs and not sees:
        return ""  # "can't see the food" may be read as swallowing: the seeing decides
    span = _sentence(r, start)
    if any(i in r.guards for i in span if not start <= i < end):
        return ""  # "my eye is foggy", "since the injections"
    for k in span:
        if start <= k < end or r.doc[k].lower_ not in r.s.obscuring_words:
            continue
        if k < start and _said_of_thing(r, k):
            return f"'{r.doc[k].text}' is said of a thing seen through"
        if _named_as_cause(r, k) and not _compared(r, start, k):
            return f"'{r.doc[k].text}' on a thing is the cause"
    return ""
