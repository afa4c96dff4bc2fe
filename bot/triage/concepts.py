"""Concepts: a body function and what is wrong with it, in any wording.

Patients describe rather than name: "the left eye is like frosted glass",
"my tongue feels too big for my mouth", "one cheek looks like marble". No list
of phrases can hold every such sentence, so the vocabulary
(``knowledge/triage_vocabulary.yml``) names the parts separately:

- *functions*: what the patient talks about (sight, the eye, breathing,
  swallowing, the voice, the tongue or throat, the lips, the skin, pain, the
  head, a lump...), each with its words, synonyms and misspellings;
- *states*: what can be wrong (blurred, darkened, lost, doubled, swollen,
  tight, noisy, pale or grey-blue, cold, severe, getting worse...) and the
  state ``normal`` ("fine", "normal", "ok");
- *concepts*: which function with which states is which sign of
  ``knowledge/red_flags.yml`` ("sight + blurred = vision_change").

How a message is read here:

1. every function word and state word is found (the same matchers as the
   signs); a function word inside one of its ``exclude`` patterns does not
   count ("the skin under my eye" is skin, not the eye);
2. each state word is paired with the nearest function word in its clause,
   at most ``window`` words away (and with the ones joined to it by "and":
   "my lips and eyes are swelling"); a concept that names both makes a sign
   match spanning the two, which then goes through negation, frames and
   escalation like any other;
3. a negation between the two words ("my vision isn't blurry") negates the
   match; a function paired with ``normal`` ("I can see fine") is a denial,
   kept for the red-flag check, unless something negates it ("I don't think
   my vision is normal"), which makes it the function's ``if_not_normal`` sign.

The module also answers whether a message has a body or treatment word at all
(``anchored``): a sign marked ``needs_anchor`` in the rules counts only then,
so "my screen went black" or "grout turning black" raise no alarm.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.triage.match import Match, boundaries, overlaps

Span = tuple[int, int]
_LONGEST = 12  # no function phrase is longer than this many words
# A message that repeats words thousands of times is read on its first pairs
# only: a real report has a handful (the limit keeps a flood fast).
MAX_PAIRS = 400


@dataclass(frozen=True)
class Concept:
    """One line of the vocabulary's ``concepts``: function + state -> sign."""

    sign: str
    functions: tuple[str, ...]
    states: tuple[str, ...]
    also: tuple[str, ...] = ()  # another state or function in the same sentence
    unless: tuple[str, ...] = ()  # states that cancel it when near ("a bit" swollen)
    min_days: float | None = None
    max_days: float | None = None
    after_days: float | None = None
    distinct_functions: int = 1  # e.g. 2: swelling at two places at once
    window: int | None = None
    scope: str = "clause"  # "sentence": the state may follow "but" ("... but it stays cloudy")


@dataclass
class Found:
    """Function and state words found in one message."""

    functions: list[tuple[int, int, set[str]]] = field(default_factory=list)
    states: dict[str, list[Span]] = field(default_factory=dict)


@dataclass
class Denial:
    function: str
    start: int
    end: int
    negated: bool = False


def words_found(vocab: VocabularyView, found: dict[str, list[Span]]) -> Found:
    """Function occurrences (merged by span, with every function they name) and states."""
    by_span: dict[Span, set[str]] = {}
    for name in vocab.function_names:
        excluded = found.get(f"FNX|{name}", [])
        for span in found.get(f"FN|{name}", []):
            if any(overlaps(span, x) for x in excluded):
                continue
            by_span.setdefault(span, set()).add(name)
    # a shorter span inside a longer one of the same function goes ("eye" in "left eye")
    spans = sorted(by_span, key=lambda s: (s[0], -s[1]))
    functions: list[tuple[int, int, set[str]]] = []
    for s in spans:
        names = by_span[s]
        inside = [f for f in functions[-_LONGEST:] if f[0] <= s[0] and s[1] <= f[1]]
        if inside:
            for f in inside:
                f[2].update(names)
            continue
        functions.append((s[0], s[1], set(names)))
    states: dict[str, list[Span]] = {}
    for name in vocab.state_names:
        excluded = found.get(f"STX|{name}", [])
        states[name] = [
            sp for sp in found.get(f"ST|{name}", []) if not any(overlaps(sp, x) for x in excluded)
        ]
    return Found(functions=functions, states=states)


def anchored(vocab: VocabularyView, found: dict[str, list[Span]], words: Found) -> bool:
    """True if the message names a body part or function, a symptom, or the treatment."""
    if any(names & vocab.body_functions for _, _, names in words.functions):
        return True
    return any(found.get(f"ANCHOR|{name}") for name in vocab.anchor_names)


def other_subject(
    vocab: VocabularyView, doc, found: dict[str, list[Span]], sentence: list[int], start: int
) -> bool:
    """True if the sentence names some other thing before ``start`` ("my computer is infected").

    Only report words (pronouns, fillers, "I think it's"), function words and
    the words of signs and states may come before a sign in a terse report
    ("it's oozing", "there's a bad smell", "small hard bumps that...").
    """
    known = {
        i
        for key, spans in found.items()
        if key.split("|")[0] in _KNOWN_KINDS
        for s, e in spans
        if s < start
        for i in range(s, e)
    }
    i = start - 1
    while i >= 0 and sentence[i] == sentence[start]:
        tok = doc[i]
        if tok.is_alpha and i not in known and tok.lower_ not in vocab.report_words:
            j = _modifiers_start(doc, i, sentence)
            if j is None:
                return True
            i = j  # "there's a pea sized lump": words describing the sign itself
        i -= 1
    return False


_ARTICLES = {"a", "an", "some", "this", "these", "one"}
_HAVING = {
    "there",
    "'s",
    "s",
    "is",
    "are",
    "have",
    "has",
    "had",
    "got",
    "'ve",
    "ve",
    "with",
    "noticed",
    "found",
    "see",
    "feel",
    "felt",
    "get",
    "getting",
}


def _modifiers_start(doc, i: int, sentence: list[int]) -> int | None:
    """The article before up to three describing words ending at ``i``, if a report opens them.

    "there's a pea sized lump", "I have a weird purple patch": describing
    words; "my sourdough starter smells": a subject (``None``).
    """
    j = i
    while (
        j > 0
        and i - j < 3
        and doc[j - 1].lower_ not in _ARTICLES
        and doc[j - 1].is_alpha
        and sentence[j - 1] == sentence[i]
    ):
        j -= 1
    if j == 0 or doc[j - 1].lower_ not in _ARTICLES:
        return None
    k = j - 1
    if k > 0 and doc[k - 1].lower_ in _HAVING:
        return k
    return None


_KNOWN_KINDS = {"FN", "ST", "S", "T", "C", "DUR", "ANCHOR", "NEG_DET", "NEG_VERB", "PSEUDO"}


def emergency_words(vocab: VocabularyView, words: Found) -> bool:
    """True if the message has a word of an emergency function or state (see the vocabulary)."""
    if any(names & vocab.emergency_functions for _, _, names in words.functions):
        return True
    return emergency_states(vocab, words)


def emergency_states(vocab: VocabularyView, words: Found) -> bool:
    """True if the message says something is wrong in an emergency's words (blurred, tight...)."""
    return any(words.states.get(name) for name in vocab.emergency_states)


def report_context(vocab: VocabularyView, found: dict[str, list[Span]], words: Found) -> bool:
    """A treatment or symptom word, or an emergency state: more than a body part named.

    "tongue twister" names a body part and nothing wrong with it.
    """
    return any(found.get(f"ANCHOR|{name}") for name in vocab.anchor_names) or emergency_states(
        vocab, words
    )


def _gap(a: Span, b: Span) -> int:
    """Words strictly between two spans (0 when they touch or overlap)."""
    if a[1] <= b[0]:
        return b[0] - a[1]
    if b[1] <= a[0]:
        return a[0] - b[1]
    return 0


def _coordinated(doc, a: Span, b: Span, joiners: set[str]) -> bool:
    """ "lips and eyes", "tongue, lips": only joiners between the two."""
    lo, hi = (a, b) if a[0] < b[0] else (b, a)
    between = [doc[i].lower_ for i in range(lo[1], hi[0])]
    return 0 < len(between) <= 3 and all(w in joiners for w in between)


def _anchors_for(
    doc,
    state: Span,
    functions,
    clause: list[int],
    window: int,
    joiners: set[str],
    wanted: set[str],
    yielding: set[str],
) -> list[tuple[int, int, set[str]]]:
    """The function words a state word is about: the nearest in its clause, and those joined to it.

    A function word inside the state's own words counts first ("very painful":
    the pain is what is severe). Function words that only describe (``yields``:
    pain) never take a state away from a part ("the area is painful and purple":
    purple is the area's), unless the concept asks for them (``wanted``).
    """
    cid = {clause[i] for i in range(state[0], state[1])}
    near = []
    lo = bisect.bisect_left(functions, (state[0] - window - _LONGEST,))
    for f in functions[lo:]:
        if f[0] > state[1] + window:
            break
        fspan = (f[0], f[1])
        if fspan == state:
            continue  # a function used as the state itself ("hurts" in "my eye hurts")
        if overlaps(fspan, state):
            if state[0] <= f[0] and f[1] <= state[1] and f[2] & wanted:
                near.append((-1, f))
            continue
        if (f[2] <= yielding) and not (f[2] & wanted):
            continue
        fc = {clause[i] for i in range(f[0], f[1])}
        if not (fc & cid):
            continue
        gap = _gap(fspan, state)
        if gap <= window:
            near.append((gap, f))
    if not near:
        return []
    best = min(g for g, _ in near)
    chosen = [f for g, f in near if g == best]
    for g, f in near:
        if (
            g <= best + 4
            and f not in chosen
            and any(
                _gap((f[0], f[1]), (c[0], c[1])) <= 3
                and _coordinated(doc, (f[0], f[1]), (c[0], c[1]), joiners)
                for c in chosen
            )
        ):
            chosen.append(f)
    return chosen


def _state_spans(words: Found, name: str) -> list[Span]:
    """Where a state is said; a function can serve as a state too ("my eye + hurts")."""
    if name in words.states:
        return words.states[name]
    return [(f[0], f[1]) for f in words.functions if name in f[2]]


def _internal_negation(neg_spans: Sequence[Span], a: Span, b: Span) -> Span | None:
    """A negation cue strictly between the function and its state ("vision isn't blurry")."""
    lo, hi = (a, b) if a[0] < b[0] else (b, a)
    for cue in neg_spans:
        if lo[1] <= cue[0] and cue[1] <= hi[0]:
            return cue
    return None


def exceptions(
    vocab: VocabularyView, doc, found: dict[str, list[Span]], words: Found
) -> list[Match]:
    """ "no pain or blurry vision apart from my left eye": the part named as the exception.

    Returned as matches of the part's ``if_not_normal`` sign; the caller counts
    them only when a denial in the same sentence was read (see assess).
    """
    out = []
    for s, e in found.get("EXCEPT", []):
        for f in words.functions:
            sign = next(
                (vocab.if_not_normal[n] for n in sorted(f[2]) if n in vocab.if_not_normal), None
            )
            if sign and 0 <= f[0] - e <= 3:
                out.append(
                    Match(
                        sign=sign,
                        start=s,
                        end=f[1],
                        term=False,
                        status="exception",
                        note="named as the exception to a denial",
                    )
                )
    return out


def concept_matches(
    vocab: VocabularyView, doc, found: dict[str, list[Span]], words: Found, days: float | None
) -> tuple[list[Match], list[Denial]]:
    """Sign matches made by a function and a state, and the functions said to be normal."""
    if not words.functions:
        return [], []
    clause = boundaries(doc, vocab.terminators, [s for s, _ in found.get("VTERM", [])])
    sentence = boundaries(doc, set())
    neg_spans = [
        sp
        for k in ("NEG_DET", "NEG_VERB")
        for sp in found.get(k, [])
        if not any(overlaps(sp, p) for p in found.get("PSEUDO", []))
    ]
    out: list[Match] = []
    seen: set[tuple[str, int, int]] = set()
    cache: dict[tuple[Span, frozenset, int, str], list[tuple[int, int, set[str]]]] = {}
    for concept in vocab.concepts:
        if len(out) >= MAX_PAIRS:
            break
        if concept.min_days is not None and (days is None or days < concept.min_days):
            continue
        if concept.max_days is not None and days is not None and days > concept.max_days:
            continue
        if concept.after_days is not None and days is not None and days < concept.after_days:
            continue
        window = concept.window or vocab.window
        bounds = sentence if concept.scope == "sentence" else clause
        for sname in concept.states:
            for st in _state_spans(words, sname):
                key = (st, frozenset(concept.functions), window, concept.scope)
                if key not in cache:
                    cache[key] = _anchors_for(
                        doc,
                        st,
                        words.functions,
                        bounds,
                        window,
                        vocab.joiners,
                        set(concept.functions),
                        vocab.yielding,
                    )
                anchors = cache[key]
                hits = [f for f in anchors if f[2] & set(concept.functions)]
                if (
                    len({n for f in hits for n in f[2] & set(concept.functions)})
                    < concept.distinct_functions
                    or len(hits) < concept.distinct_functions
                ):
                    continue
                for f in hits:
                    fspan = (f[0], f[1])
                    if concept.unless and _near_state(words, concept.unless, st, fspan, clause):
                        continue
                    if concept.also and not _in_sentence(words, concept.also, st, sentence):
                        continue
                    start, end = min(f[0], st[0]), max(f[1], st[1])
                    done = (concept.sign, start, end)
                    if done in seen:
                        continue
                    seen.add(done)
                    m = Match(
                        sign=concept.sign,
                        start=start,
                        end=end,
                        term=False,
                        note=f"{'+'.join(sorted(f[2] & set(concept.functions)))} + {sname}",
                        tokens=frozenset(range(f[0], f[1])) | frozenset(range(*st)),
                        key=st,
                    )
                    cue = _internal_negation(neg_spans, fspan, st)
                    if cue is not None:
                        m.status = "negated"
                        m.note += f"; negated by '{doc[cue[0] : cue[1]].text}'"
                    out.append(m)
    denials = _denials(vocab, doc, words, clause, neg_spans)
    for d in denials:
        sign = vocab.if_not_normal.get(d.function)
        if d.negated and sign:
            out.append(
                Match(
                    sign=sign,
                    start=d.start,
                    end=d.end,
                    term=False,
                    note=f"{d.function} said not to be normal",
                )
            )
    return out, [d for d in denials if not d.negated]


def _near_state(
    words: Found, names: Sequence[str], st: Span, fspan: Span, clause: list[int]
) -> bool:
    lo, hi = min(st[0], fspan[0]), max(st[1], fspan[1])
    for name in names:
        for sp in _state_spans(words, name):
            if (
                clause[sp[0]] in (clause[st[0]], clause[fspan[0]])
                and lo - 3 <= sp[0]
                and sp[1] <= hi + 3
            ):
                return True
    return False


def _in_sentence(words: Found, names: Sequence[str], st: Span, sentence: list[int]) -> bool:
    sid = sentence[st[0]]
    for name in names:
        for sp in words.states.get(name, []):
            if sentence[sp[0]] == sid and not overlaps(sp, st):
                return True
        for f in words.functions:
            if name in f[2] and sentence[f[0]] == sid:
                return True
    return False


def _denials(
    vocab: VocabularyView, doc, words: Found, clause: list[int], neg_spans: Sequence[Span]
) -> list[Denial]:
    out: list[Denial] = []
    for sname in vocab.normal_states:
        for st in words.states.get(sname, []):
            # "not normal", "isn't right" are states of their own (impaired); skip overlaps
            if any(
                overlaps(st, sp)
                for other, spans in words.states.items()
                if other not in vocab.normal_states
                for sp in spans
            ):
                continue
            for f in _anchors_for(
                doc,
                st,
                words.functions,
                clause,
                vocab.window,
                vocab.joiners,
                set(vocab.if_not_normal) | vocab.denial_functions,
                vocab.yielding,
            ):
                for name in sorted(f[2]):
                    lo = min(f[0], st[0])
                    # a negation just before the function or between the two words
                    negated = (
                        any(
                            cue[1] <= lo
                            and lo - cue[1] <= 3
                            and clause[cue[0]] == clause[lo]
                            and all(doc[i].is_alpha for i in range(cue[1], lo))
                            for cue in neg_spans
                        )
                        or _internal_negation(neg_spans, (f[0], f[1]), st) is not None
                    )
                    out.append(
                        Denial(function=name, start=lo, end=max(f[1], st[1]), negated=negated)
                    )
    return out


class VocabularyView:
    """The compiled vocabulary: names and settings the matching above reads."""

    def __init__(self, data: dict[str, Any], signs: set[str]) -> None:
        self.window = int(data.get("window", 8))
        self.terminators: set[str] = {t for t in data.get("terminators") or [] if " " not in t}
        self.multi_terminators = [t for t in data.get("terminators") or [] if " " in t]
        self.exception_words = list(data.get("exceptions") or [])
        self.report_words: set[str] = {str(w).lower() for w in data.get("report_words") or []}
        self.joiners: set[str] = set(
            data.get("joiners") or ["and", "or", ",", "&", "/", "my", "the", "her", "his", "both"]
        )
        functions = data.get("functions") or {}
        states = data.get("states") or {}
        self.function_names = list(functions)
        self.state_names = list(states)
        self.body_functions = {n for n, b in functions.items() if (b or {}).get("body", True)}
        self.yielding = {n for n, b in functions.items() if (b or {}).get("yields", False)}
        self.denial_functions = set(functions)
        self.anchor_names = list(data.get("anchors") or {})
        self.if_not_normal: dict[str, str] = {}
        for name, block in functions.items():
            sign = (block or {}).get("if_not_normal")
            if sign is not None:
                if sign not in signs:
                    raise ValueError(f"functions.{name}.if_not_normal: unknown sign {sign!r}")
                self.if_not_normal[name] = sign
        ew = data.get("emergency_words") or {}
        self.emergency_functions = set(ew.get("functions") or [])
        self.emergency_states = set(ew.get("states") or [])
        for n in self.emergency_functions - set(functions):
            raise ValueError(f"emergency_words.functions: unknown function {n!r}")
        for n in self.emergency_states - set(states):
            raise ValueError(f"emergency_words.states: unknown state {n!r}")
        self.normal_states = list(data.get("normal") or [])
        for n in self.normal_states:
            if n not in states:
                raise ValueError(f"normal: unknown state {n!r}")
        self.concepts: list[Concept] = []
        for i, c in enumerate(data.get("concepts") or []):
            where = f"concepts[{i}] ({c.get('sign')})"
            if c.get("sign") not in signs:
                raise ValueError(f"{where}: unknown sign {c.get('sign')!r}")
            fns = tuple(_as_list(c.get("function"), where))
            sts = tuple(_as_list(c.get("state"), where))
            for n in fns:
                if n not in functions:
                    raise ValueError(f"{where}: unknown function {n!r}")
            for n in sts + tuple(_as_list(c.get("unless"), where)):
                if n not in states and n not in functions:
                    raise ValueError(f"{where}: unknown state {n!r}")
            for n in _as_list(c.get("also"), where):
                if n not in states and n not in functions:
                    raise ValueError(f"{where}: unknown state or function {n!r} in also")
            if not fns or not sts:
                raise ValueError(f"{where}: needs a function and a state")
            self.concepts.append(
                Concept(
                    sign=c["sign"],
                    functions=fns,
                    states=sts,
                    also=tuple(_as_list(c.get("also"), where)),
                    unless=tuple(_as_list(c.get("unless"), where)),
                    min_days=_float(c.get("min_days")),
                    max_days=_float(c.get("max_days")),
                    after_days=_float(c.get("after_days")),
                    distinct_functions=int(c.get("distinct_functions", 1)),
                    window=c.get("window"),
                    scope=_scope(c.get("scope"), where),
                )
            )


def _as_list(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where}: expected a name or a list of names, got {value!r}")
    return value


def _scope(value: Any, where: str) -> str:
    if value in (None, "clause", "sentence"):
        return value or "clause"
    raise ValueError(f"{where}: scope must be clause or sentence, got {value!r}")


def _float(value: Any) -> float | None:
    return None if value is None else float(value)
