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

from bot.triage import wordnet
from bot.triage.match import boundaries

if TYPE_CHECKING:
    from bot.triage.subject import _Reader

_COMPARISON = frozenset({"like", "through", "if", "though", "than"})
_NEGATION = frozenset({"not", "n't", "never", "no", "isnt", "arent", "wasnt", "werent"})
_BODY = 8  # WordNet: body


def sentence(r: _Reader, start: int) -> range:
    """The tokens of the sentence of ``start`` (computed once per message)."""
    spans: dict[int, range] | None = r.__dict__.get("_sentences")
    if spans is None:
        ids = boundaries(r.doc, set())
        first: dict[int, int] = {}
        last: dict[int, int] = {}
        for i, n in enumerate(ids):
            first.setdefault(n, i)
            last[n] = i
        spans = {i: range(first[n], last[n] + 1) for i, n in enumerate(ids)}
        r.__dict__["_sentences"] = spans
    return spans[start]


def _compared(r: _Reader, lo: int, hi: int) -> bool:
    return any(r.doc[j].lower_ in _COMPARISON for j in range(max(0, lo), hi))


def _said_of_thing(r: _Reader, k: int) -> bool:
    """Obscuring word ``k`` is said of a thing ("the glass is foggy", "mirror has streaks")."""
    kind, i = r.subject_before(k)
    if any(r.doc[j].lower_ in _NEGATION for j in range(i, k)):
        return False  # "the windows aren't foggy"
    return kind == "thing" and not _compared(r, i - 2, k)


def _named_as_cause(r: _Reader, k: int) -> bool:
    """ "because of the steam on the glass", "from the condensation", "due to the smears"."""
    j = k - 1
    while j >= 0 and r.doc[j].lower_ in r.s.skip_words:
        j -= 1
    return j >= 0 and r.doc[j].lower_ in r.s.obscuring_causes


def _in_sentence(r: _Reader, start: int, words: set[int] | frozenset[str]) -> list[int]:
    """Positions in the sentence of ``start`` that are in ``words`` (tokens or
    lower-cased words), computed once per sentence."""
    key = "_obscuring" if isinstance(words, frozenset) else "_guards"
    table: dict[int, list[int]] = r.__dict__.setdefault(key, {})
    span = sentence(r, start)
    if span.start not in table:
        if isinstance(words, frozenset):
            table[span.start] = [i for i in span if r.doc[i].lower_ in words]
        else:
            table[span.start] = [i for i in span if i in words]
    return table[span.start]


def body_in_sentence(r: _Reader, start: int, end: int) -> bool:
    """The sentence names a body part or the treatment outside ``start:end``
    (a guard of the vocabulary, or a noun whose first WordNet sense is the body:
    "it's my eyes")."""
    if any(not start <= i < end for i in _in_sentence(r, start, r.guards)):
        return True
    table: dict[int, bool] = r.__dict__.setdefault("_body_nouns", {})
    span = sentence(r, start)
    if span.start not in table:
        table[span.start] = any(_body_noun(r.doc[i].lower_) for i in span)
    return table[span.start]


def _body_noun(low: str) -> bool:
    if not wordnet.is_mainly_noun(low):
        return False
    cls = wordnet.classes(low)
    return bool(cls) and cls[0] == _BODY


def obscured(r: _Reader, m_sign: str, start: int, end: int) -> str:
    """Why a sight sign is about a thing seen through, or ""."""
    sees = any(r.doc[i].lower_ in r.s.sight_words for i in range(start, end))
    if m_sign not in r.s.obscured_signs and not sees:
        return ""  # "can't see the food" may be read as swallowing: the seeing decides
    found = [k for k in _in_sentence(r, start, r.s.obscuring_words) if not start <= k < end]
    if not found or body_in_sentence(r, start, end):
        return ""  # "my eye is foggy", "since the injections"
    for k in found:
        if k < start and _said_of_thing(r, k):
            return f"'{r.doc[k].text}' is said of a thing seen through"
        if _named_as_cause(r, k) and not _compared(r, start, k):
            return f"'{r.doc[k].text}' on a thing is the cause"
    return ""
