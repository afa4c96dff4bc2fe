"""Listed terms in a reply: "warfarin", "blood thinner", "cold sores" (plural or not).

A question may list the things a patient may name (the pre-screen's
``vocabulary`` and ``not_counted`` in ``knowledge/prescreen.yml``). A
``TermIndex`` holds every way of writing them and finds them in the clauses of
a reply: the longest first, never overlapping, and marked negated when a
negation comes before them in their clause ("I don't take aspirin").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.text.prepare import Clause, has_negation, words_of

#: ``Entry.kind`` of a thing the question asks about, and of one it does not.
LISTED = "vocab"
NOT_COUNTED = "not_counted"


@dataclass(frozen=True)
class Entry:
    """A listed thing: the question (``group``) that lists it and the term staff read."""

    group: str
    term: str
    kind: str  # LISTED or NOT_COUNTED
    generic: bool  # says the topic, not which thing ("allergic"): staff see the words


@dataclass
class TermMatch:
    """Where a listed form was found: tokens ``start:end`` of clause number ``clause``."""

    start: int
    end: int
    clause: int
    entries: list[Entry]
    negated: bool

    def entry_of(self, group: str, kind: str) -> Entry | None:
        """This match's entry for question ``group``, of ``kind``, if it has one."""
        return next((e for e in self.entries if e.group == group and e.kind == kind), None)

    def is_other_question(self, group: str) -> bool:
        """Only another question lists these words (and lists them as what it asks about)."""
        return not any(e.group == group for e in self.entries) and any(
            e.kind == LISTED for e in self.entries
        )


def _lookup_keys(tok: str) -> list[str]:
    keys = [tok]
    if len(tok) >= 4 and tok.endswith("s"):
        keys.append(tok[:-1])
    if len(tok) >= 5 and tok.endswith("es"):
        keys.append(tok[:-2])
    return keys


def _form_at(toks: Sequence[str], i: int, form: tuple[str, ...]) -> bool:
    """Whether ``form`` starts at token ``i``; its last word may carry a plural s or es."""
    n = len(form)
    if i + n > len(toks):
        return False
    for k in range(n):
        have, want = toks[i + k], form[k]
        if have == want:
            continue
        if k == n - 1 and have in (want + "s", want + "es") and len(want) >= 3:
            continue
        return False
    return True


class TermIndex:
    """Every form of every listed entry, looked up by its first word."""

    def __init__(self, listed: Iterable[tuple[Entry, Iterable[str | int]]]) -> None:
        self._forms: dict[tuple[str, ...], list[Entry]] = {}
        for entry, forms in listed:
            for form in forms:
                toks = words_of(str(form))
                if toks and entry not in self._forms.setdefault(toks, []):
                    self._forms[toks].append(entry)
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for toks in self._forms:
            self._by_first.setdefault(toks[0], []).append(toks)

    def find(self, parts: Sequence[Clause]) -> list[TermMatch]:
        """Every listed form in the clauses: longest first, never overlapping."""
        found: list[TermMatch] = []
        for number, clause in enumerate(parts):
            toks = clause.tokens
            candidates: list[tuple[int, int, tuple[str, ...]]] = []
            for i, tok in enumerate(toks):
                for key in _lookup_keys(tok):
                    for form in self._by_first.get(key, ()):
                        if len(form) == 1:
                            if key == form[0]:
                                candidates.append((i, i + 1, form))
                        elif key == tok and _form_at(toks, i, form):
                            candidates.append((i, i + len(form), form))
            candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
            taken = [False] * len(toks)
            for start, end, form in candidates:
                if any(taken[start:end]):
                    continue
                for k in range(start, end):
                    taken[k] = True
                negated = has_negation(toks[:start])
                found.append(TermMatch(start, end, number, self._forms[form], negated))
        found.sort(key=lambda m: (m.clause, m.start))
        return found
