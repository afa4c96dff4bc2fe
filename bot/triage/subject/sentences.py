"""What a sentence of the message holds, shared by the readings: its span
(``sentence``), whether it names a body part or the message the treatment,
an owner near a word ("MY face"), its first person word or first noun of some
WordNet classes, and whether a comparison comes before a word. Each is computed
once per message or per sentence and kept on the ``Reader``.
"""

from __future__ import annotations

from bot.triage import wordnet
from bot.triage.match import boundaries
from bot.triage.subject.reader import Reader

_COMPARISON = frozenset({"like", "through", "if", "though", "than"})


NEGATION = frozenset({"not", "n't", "never", "no", "isnt", "arent", "wasnt", "werent"})


_BODY = 8  # WordNet: body


def sentence(r: Reader, start: int) -> range:
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


def compared(r: Reader, lo: int, hi: int) -> bool:
    return any(r.doc[j].lower_ in _COMPARISON for j in range(max(0, lo), hi))


def in_sentence(r: Reader, start: int, words: set[int] | frozenset[str]) -> list[int]:
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


def body_in_sentence(r: Reader, start: int, end: int) -> bool:
    """The sentence names a body part or the treatment outside ``start:end``
    (a guard of the vocabulary, or a noun whose first WordNet sense is the body:
    "it's my eyes")."""
    if any(not start <= i < end for i in in_sentence(r, start, r.guards)):
        return True
    table: dict[int, bool] = r.__dict__.setdefault("_body_nouns", {})
    span = sentence(r, start)
    if span.start not in table:
        table[span.start] = any(
            body_noun(r.doc[i].lower_) and not (r.made_things_lid(i) or r.foods_skin(i))
            for i in span
        )  # ("the piano lid" is no eyelid, a mackerel's skin no body's)
    return table[span.start]


def body_noun(low: str) -> bool:
    if not wordnet.is_mainly_noun(low):
        return False
    cls = wordnet.classes(low)
    return bool(cls) and cls[0] == _BODY


def owned(r: Reader, i: int, back: int = 3) -> bool:
    """A first-person word owns or does what is said near ``i`` ("MY face", "I can't see")."""
    return any(r.doc[j].lower_ in r.s.owners for j in range(max(0, i - back), i) if r.same(j, i))


def treatment_named(r: Reader, visits: bool = True) -> bool:
    """The message names the treatment, a body part or a visit (an anchor other than a bare
    symptom word); with ``visits`` false, a treatment anchor made only of a time or a visit
    ("day 4", "session") does not count."""
    if not visits:
        return r.treated or any(
            k.startswith("ANCHOR|") and k not in ("ANCHOR|symptom", "ANCHOR|treatment") and v
            for k, v in r.found.items()
        )
    return bool(
        r.__dict__.setdefault(
            "_treated",
            any(
                k.startswith("ANCHOR|") and k != "ANCHOR|symptom" and v for k, v in r.found.items()
            ),
        )
    )


CLAUSE_END = frozenset({",", ".", "!", "?", ";", ":", "...", ")", "!!", "??"})


def first_person_word(r: Reader, span: range) -> int:
    """The first of `person_words` in the sentence ``span`` (its stop if none), once
    per sentence."""
    table: dict[int, int] = r.__dict__.setdefault("_first_person", {})
    if span.start not in table:
        table[span.start] = next(
            (j for j in span if r.doc[j].lower_ in r.s.person_words), span.stop
        )
    return table[span.start]


def first_noun_of(r: Reader, span: range, classes: frozenset[int]) -> int:
    """The first noun of the sentence ``span`` whose first WordNet sense is in
    ``classes`` (no body word, sign word or vocabulary word), its stop if none; once
    per sentence and classes."""
    table: dict[tuple[int, frozenset[int]], int] = r.__dict__.setdefault("_first_noun", {})
    key = (span.start, classes)
    if key not in table:
        found = span.stop
        for j in span:
            w = r.doc[j].lower_
            if j in r.body or j in r.known or w in r.s.sign_words or not r.doc[j].is_alpha:
                continue
            if wordnet.is_mainly_noun(w):
                cls = wordnet.classes(w, 1)
                if cls and cls[0] in classes:
                    found = j
                    break
        table[key] = found
    return table[key]
