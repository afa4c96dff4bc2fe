"""Matching: every sign pattern of the rules found in a prepared message.

The PhraseMatcher reads the whole message; the slower token Matcher reads only
the sentence-sized pieces that hold one of its words. Matches of one sign that
overlap are merged; those an ``exclude`` pattern overlaps are dropped.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.levels import rank

if TYPE_CHECKING:  # rules.py imports the matching helpers, not the other way round
    from bot.triage.rules import Rules

# spaCy ships no type information (mypy reads it as Any); the names say what is meant.
Doc = Any  # a spacy.tokens.Doc of the blank English tokenizer
Token = Any  # one of its tokens
Span = tuple[int, int]  # (start, end) token indices
Spans = dict[str, list[Span]]  # every match of a message by key ("S|sign", "FN|sight"...)

SENTENCE_END = {".", "!", "?", ";", "...", "\u2026", "!!", "??", "?!", "!?"}
#: the words that own a part or a thing ("MY eyes", "HER car"); cause.py and concepts.py read them
POSSESSIVES = frozenset({"my", "our", "his", "her", "their", "your"})


@dataclass
class Match:
    sign: str
    start: int  # token indices
    end: int
    term: bool
    status: str = "counted"
    level: str | None = None
    base: str | None = None
    note: str = ""
    # the words that make the sign, when they are not the whole span: a
    # function and its state ("vision ... blurry"); the words between them
    # may hold a negation of another sign
    tokens: frozenset[int] | None = None
    # where a negation before it applies: a pair's state ("no trouble seeing":
    # "trouble"), the whole span otherwise
    key: tuple[int, int] | None = None

    def words(self) -> Iterable[int]:
        return self.tokens if self.tokens is not None else range(self.start, self.end)

    @property
    def kstart(self) -> int:
        return self.key[0] if self.key else self.start

    @property
    def kend(self) -> int:
        return self.key[1] if self.key else self.end


_WINDOW = 80  # tokens given to the token Matcher at once
_OVERLAP = 20  # longer than any pattern, so no match is cut in two


def _windows(rules: Rules, doc: Doc) -> list[tuple[int, int]]:
    """Sentence-sized pieces of the doc that hold at least one pattern word.

    Why: the token Matcher costs about 0.2 ms per token, so a 20,000-character
    message of filler would take a second; pieces with no pattern word cannot
    match and are skipped. Long sentences are cut into overlapping windows.
    """
    pieces, start = [], 0
    for tok in doc:
        if is_boundary(tok):
            pieces.append((start, tok.i + 1))
            start = tok.i + 1
    if start < len(doc):
        pieces.append((start, len(doc)))
    out = []
    for s, e in pieces:
        pos = s
        while pos < e:
            end = min(e, pos + _WINDOW)
            if any(rules.interesting(doc[i].lower_) for i in range(pos, end)):
                out.append((pos, end))
            if end == e:
                break
            pos = end - _OVERLAP
    return out


def collect(rules: Rules, doc: Doc) -> dict[str, list[tuple[int, int]]]:
    """All matches of the doc by key, as (start, end) token spans."""
    strings = rules.nlp.vocab.strings
    hits: set[tuple[int, int, int]] = set(rules.phrases(doc))
    for s, e in _windows(rules, doc):
        hits.update((key, s + a, s + b) for key, a, b in rules.matcher(doc[s:e]))
    found: dict[str, list[tuple[int, int]]] = {}
    for key, start, end in sorted(hits, key=lambda h: (h[1], h[2])):
        found.setdefault(strings[key], []).append((start, end))
    # an `exclude_at_end` span counts as an exclude where its clause ends after it: nothing
    # but punctuation, space or symbols follows ("he doesn't drink", "he doesn't drink :)")
    for xekey in [k for k in found if "XE|" in k]:
        kind, _, name = xekey.partition("|")
        ends = [sp for sp in found.pop(xekey) if _clause_ends(doc, sp[1])]
        if ends:
            found.setdefault(f"{kind[:-1]}|{name}", []).extend(ends)
    # an anchor's own `exclude` ("day 2 OF MIGRATING" is no treatment day) drops its spans
    for xkey in [k for k in found if k.startswith("ANCHORX|")]:
        name = "ANCHOR|" + xkey.partition("|")[2]
        kept = [sp for sp in found.get(name, []) if not any(overlaps(sp, x) for x in found[xkey])]
        if name in found:
            if kept:
                found[name] = kept
            else:
                del found[name]
    return found


def _clause_ends(doc: Doc, end: int) -> bool:
    """Nothing but punctuation, space or symbols from token ``end`` to its clause's end."""
    for tok in doc[end:]:
        if is_boundary(tok) or tok.text in (",", ":", "(", ")"):
            return True
        if tok.is_alpha or tok.like_num:
            return False
    return True


def _merge(spans: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Merge overlapping spans of one sign; a merged span is a term only if all parts were."""
    out: list[tuple[int, int, bool]] = []
    for s, e, t in sorted(spans):
        if out and s < out[-1][1]:
            ps, pe, pt = out[-1]
            out[-1] = (ps, max(pe, e), pt and t)
        else:
            out.append((s, e, t))
    return out


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def sign_matches(rules: Rules, found: dict[str, list[tuple[int, int]]]) -> list[Match]:
    by_sign: dict[str, list[tuple[int, int, bool]]] = {}
    for key, spans in found.items():
        kind, _, sid = key.partition("|")
        if kind in ("S", "T"):
            by_sign.setdefault(sid, []).extend((s, e, kind == "T") for s, e in spans)
    matches: list[Match] = []
    for sid, sign_spans in by_sign.items():
        excluded = found.get(f"X|{sid}", [])
        for s, e, term in _merge(sign_spans):
            if any(overlaps((s, e), x) for x in excluded):
                continue
            matches.append(Match(sign=sid, start=s, end=e, term=term))
    matches.sort(key=lambda m: (m.start, -m.end))
    return matches


def boundaries(
    doc: Doc, words: set[str], extra: Iterable[int] = (), keep: Iterable[int] = ()
) -> list[int]:
    """Clause number of every token: a new clause starts at each boundary token.

    ``keep``: positions whose word does not start a clause there (a frame cue that opens
    with a boundary word: "now" in "I get them now and then").
    """
    starts = set(extra)
    kept = set(keep)
    for tok in doc:
        low = tok.lower_
        if low in words and tok.i in kept:
            continue
        if low in words or low in SENTENCE_END or ("\n" in tok.text and tok.is_space):
            starts.add(tok.i)
    ids, n = [], 0
    for tok in doc:
        if tok.i in starts:
            n += 1
        ids.append(n)
    return ids


def is_boundary(tok: Token) -> bool:
    return tok.lower_ in SENTENCE_END or ("\n" in tok.text and tok.is_space)


def overlap_groups(matches: list[Match], keyed: bool = False) -> list[list[Match]]:
    """Sign matches grouped by overlap, in text order (``keyed``: by their key span)."""
    groups: list[list[Match]] = []
    end = -1

    def span(m: Match) -> tuple[int, int]:
        return (m.kstart, m.kend) if keyed else (m.start, m.end)

    for m in sorted(matches, key=lambda m: (span(m)[0], -span(m)[1])):
        s, e = span(m)
        if groups and s < end:
            groups[-1].append(m)
            end = max(end, e)
        else:
            groups.append([m])
            end = e
    return groups


_SPAN_REACH = 40  # no sign match (a phrase, or a function and its state) is longer


def drop_within(matches: list[Match]) -> None:
    """ "cold sore" is not also "sore"; "lips swelling fast" is not also "swelling"."""
    counted = sorted((m for m in matches if m.status == "counted"), key=lambda m: (m.start, -m.end))
    starts = [m.start for m in counted]
    for a in counted:
        lo = bisect.bisect_left(starts, a.start - _SPAN_REACH)
        hi = bisect.bisect_right(starts, a.start)
        for b in counted[lo:hi]:
            if a is b or b.status != "counted":
                continue
            if b.start <= a.start and a.end <= b.end and rank(b.level) > rank(a.level):
                a.status = "within"
                a.note = f"part of {b.sign}"
                break
