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

The compiled vocabulary (``VocabularyView``, ``Concept``) is in ``vocabulary``;
what the words found say about the whole message (``anchored``,
``other_subject``, ``emergency_words``, ``report_context``) is in ``anchors``.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from bot.triage import wordnet
from bot.triage.match import POSSESSIVES, Doc, Match, boundaries, overlaps
from bot.triage.vocabulary import VocabularyView

Span = tuple[int, int]
_LONGEST = 12  # no function phrase is longer than this many words
# A message that repeats words thousands of times is read on its first pairs
# only: a real report has a handful (the limit keeps a flood fast).
MAX_PAIRS = 400


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


def _gap(a: Span, b: Span) -> int:
    """Words strictly between two spans (0 when they touch or overlap)."""
    if a[1] <= b[0]:
        return b[0] - a[1]
    if b[1] <= a[0]:
        return a[0] - b[1]
    return 0


def _coordinated(doc: Doc, a: Span, b: Span, joiners: set[str]) -> bool:
    """ "lips and eyes", "tongue, lips": only joiners between the two."""
    lo, hi = (a, b) if a[0] < b[0] else (b, a)
    between = [doc[i].lower_ for i in range(lo[1], hi[0])]
    return 0 < len(between) <= 3 and all(w in joiners for w in between)


def _anchors_for(
    doc: Doc,
    state: Span,
    functions: list[tuple[int, int, set[str]]],
    clause: list[int],
    window: int,
    joiners: set[str],
    wanted: set[str],
    yielding: set[str],
    negations: Sequence[Span] = (),
    portions: dict[Span, Span] | None = None,
    places: dict[Span, Span] | None = None,
    marked: Collection[Span] = (),
) -> list[tuple[int, int, set[str]]]:
    """The function words a state word is about: the nearest in its clause, and those joined to it.

    A function word inside the state's own words counts first ("very painful":
    the pain is what is severe). Function words that only describe (``yields``:
    pain) never take a state away from a part ("the area is painful and purple":
    purple is the area's), unless the concept asks for them (``wanted``). A part in
    ``marked`` is only where a mark is ("bruises near her mouth that itch"): never the state's.
    """
    cid = {clause[i] for i in range(state[0], state[1])}
    heads = {head: part for part, head in (places or {}).items()}
    near = []
    lo = bisect.bisect_left(functions, (state[0] - window - _LONGEST,))
    for f in functions[lo:]:
        if f[0] > state[1] + window:
            break
        fspan = (f[0], f[1])
        if fspan == state or fspan in marked:
            # a function used as the state itself ("hurts" in "my eye hurts"), or only the
            # place of a mark
            continue
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
        where = heads.get(fspan)
        if where is not None:  # the skin is as near as the part it is at
            gap = min(gap, _gap(where, state))
        if gap <= window:
            near.append((gap, f))
    if not near:
        return []
    if portions:
        # "the left side of my bottom lip won't move": the side is only which portion of the
        # lip; the state is the part's when the part is near enough too
        spans = {(f[0], f[1]) for _, f in near}
        near = [(g, f) for g, f in near if portions.get((f[0], f[1])) not in spans]
    if places:
        # "the skin at the corner of my mouth has gone white": the mouth is where the skin is;
        # a state the mouth does not take is the skin's
        wanted_spans = {(f[0], f[1]) for _, f in near if f[2] & wanted}
        near = [
            (g, f) for g, f in near if f[2] & wanted or places.get((f[0], f[1])) not in wanted_spans
        ]
    if negations:
        # "swallowing is harder, no breathing problems": a negation between the state and a
        # function word denies that function, so the state belongs to a part it does not
        # cross ("vision isn't blurry" has only the one part: the pair stays, negated)
        clear = [
            (g, f) for g, f in near if _internal_negation(negations, (f[0], f[1]), state) is None
        ]
        if clear:
            near = clear
    best = min(g for g, _ in near)
    chosen = [f for g, f in near if g == best]
    grown = True
    while grown:  # a list joins item by item: "breathing, lips and throat all normal"
        grown = False
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
                grown = True
    return chosen


def _portions(
    vocab: VocabularyView, doc: Doc, functions: list[tuple[int, int, set[str]]]
) -> dict[Span, Span]:
    """Place words that only say which portion of a body part follows them, mapped to that part.

    "the left SIDE of my bottom lip", "the TIP of her tongue": place + "of" + owner or side + part.
    """
    starts = {f[0]: f for f in functions if f[2] & vocab.body_functions}
    between = vocab.owners | vocab.determiners | vocab.sides | {"top", "bottom"}
    out: dict[Span, Span] = {}
    for f in functions:
        if f[2] & vocab.body_functions or f[1] >= len(doc) or doc[f[1]].lower_ != "of":
            continue
        j = f[1] + 1
        while j < len(doc) and j - f[1] <= 3 and j not in starts and doc[j].lower_ in between:
            j += 1
        whole = starts.get(j)
        if whole is not None:
            out[(f[0], f[1])] = (whole[0], whole[1])
    return out


#: what a place phrase after the skin may say before the part it names ("the skin AT THE
#: CORNER OF my mouth", "the skin just BELOW her lip")
_PLACE_PREPOSITIONS = frozenset(
    {
        "at",
        "by",
        "around",
        "round",
        "near",
        "on",
        "under",
        "below",
        "above",
        "over",
        "beside",
        "along",
        "next",
        "to",
        "between",
        "inside",
        "across",
    }
)
_PLACE_FILLERS = frozenset(
    {
        "corner",
        "corners",
        "edge",
        "edges",
        "side",
        "sides",
        "base",
        "tip",
        "of",
        "top",
        "bottom",
        "just",
        "right",
        "outer",
        "inner",
        "area",
        "bit",
    }
)
_SKIN_HEADS = frozenset({"skin", "place"})
#: ... of them, those that name a place beside the part, not on or in it ("the skin UNDER my
#: eye", "a spot NEAR my lip"; "a spot IN my eye" is the eye's)
_BESIDE = frozenset(
    {"under", "below", "beneath", "above", "around", "round", "near", "beside", "by"}
)


def _places(
    vocab: VocabularyView,
    doc: Doc,
    functions: list[tuple[int, int, set[str]]],
    heads: frozenset[str] = _SKIN_HEADS,
) -> dict[Span, Span]:
    """Body parts named only as where the skin is, mapped to that skin: "the SKIN at the
    corner of my MOUTH has gone white", "the skin by her lips feels cold" (the state is the
    skin's; the mouth is its place). With ``heads`` the vocabulary's ``marks_with_places``:
    the parts named as where a mark is ("bruises near her MOUTH that itch")."""
    between = vocab.owners | vocab.determiners | vocab.sides | _PLACE_FILLERS
    out: dict[Span, Span] = {}
    for k, head in enumerate(functions):
        if not head[2] & heads:
            continue
        j = head[1]
        if j >= len(doc) or doc[j].lower_ not in _PLACE_PREPOSITIONS:
            continue
        for part in functions[k + 1 :]:
            if part[0] - head[1] > 7:
                break
            if part[0] < head[1] or part[2] & (_SKIN_HEADS | heads):
                continue
            if all(
                doc[i].lower_ in _PLACE_PREPOSITIONS or doc[i].lower_ in between
                for i in range(head[1], part[0])
            ):
                out[(part[0], part[1])] = (head[0], head[1])
            break
    return out


def marks_places(vocab: VocabularyView, doc: Doc, words: Found) -> list[Span]:
    """The body parts named only as where a mark is ("a tiny bruise near the corner of my
    EYE"): they say nothing of the part itself, so they are no emergency word."""
    return list(_places(vocab, doc, words.functions, vocab.marks_with_places))


_CAUSATIVE = {"let", "lets", "allow", "allows", "make", "makes"}


def _object_of_its_verb(
    vocab: VocabularyView,
    doc: Doc,
    state: Span,
    before: tuple[int, int, set[str]],
    functions: list[tuple[int, int, set[str]]],
) -> bool:
    """A negated auxiliary said of a thing ("it", "this") whose own verb takes the part as its
    object: "it doesn't affect the eye", "this won't reach my lips". The part is what the thing
    does not touch, not a part that does not work ("my eye doesn't open" has the part before)."""
    if state[0] == 0 or doc[state[0] - 1].lower_ not in vocab.anaphors:
        return False
    if doc[state[1] - 1].lower_ not in vocab.negated_auxiliary:
        return False
    j = state[1]
    while j < before[0] and doc[j].lower_ in vocab.auxiliary_adverbs:
        j += 1
    verb = doc[j] if j < before[0] else None
    if verb is None or not verb.is_alpha or verb.lower_ in _CAUSATIVE:
        return False
    if any(f[0] <= j < f[1] for f in functions):
        return False  # "it doesn't hurt": the verb is itself a function word
    between = vocab.owners | vocab.determiners | vocab.sides
    return all(doc[k].lower_ in between for k in range(j + 1, before[0]))


def _verb_of_its_own(
    vocab: VocabularyView,
    doc: Doc,
    state: Span,
    functions: list[tuple[int, int, set[str]]],
    before: tuple[int, int, set[str]],
    clause: list[int],
) -> bool:
    """A negated auxiliary ("doesn't", "won't", "can't") whose own verb is another function
    word right after it ("doesn't really hurt", "can't swallow") is a state of that verb, not
    of a function named before it ("eyesight fine, doesn't really hurt")."""
    if doc[state[1] - 1].lower_ not in vocab.negated_auxiliary:
        return False
    j = state[1]
    while j < len(doc) and j - state[1] < 3 and doc[j].lower_ in vocab.auxiliary_adverbs:
        j += 1
    if j >= len(doc) or clause[j] != clause[state[0]]:
        return False
    return any(f[0] == j and f is not before for f in functions)


def _object_of_a_sense(
    vocab: VocabularyView,
    doc: Doc,
    state: Span,
    after: tuple[int, int, set[str]],
    functions: list[tuple[int, int, set[str]]],
) -> bool:
    """A negated auxiliary ("can't", "couldn't") whose own verb, right after it, is a
    verb of seeing (``sense_verbs``) or a function word that is no body part
    (``body: false``), and a body part after that verb: the part is what is not
    seen ("can't see my hand in front of me"), not a part that does not work. The
    state stays the verb's ("can't see"); "can't move my hand", "can't feel my
    fingers" (no such verb) keep the part's."""
    if doc[state[1] - 1].lower_ not in vocab.negated_auxiliary:
        return False
    j = state[1]
    while j < after[0] and doc[j].lower_ in vocab.auxiliary_adverbs:
        j += 1
    if j >= after[0] or not after[2] & vocab.body_functions:
        return False
    if doc[j].lower_ in vocab.sense_verbs:
        return True
    return any(
        f[0] == j and f[1] <= after[0] and f is not after and not f[2] & vocab.body_functions
        for f in functions
    )


def _own_subject(vocab: VocabularyView, doc: Doc, i: int) -> bool:
    """The function word at ``i`` opens a clause of its own: a subject pronoun right
    before it, after a comma ("can't stand him, HE talks over everyone") or a relative
    one ("can't stand people WHO chew loudly"). "it feels strange when I swallow"
    (after "when") stays one clause."""
    if i < 2:
        return False
    before = doc[i - 1].lower_
    return before in vocab.relative_pronouns or (
        before in vocab.subject_pronouns and doc[i - 2].text == ","
    )


_DEGREES = frozenset({"so", "soo", "sooo", "too"})


def _degree_result(vocab: VocabularyView, doc: Doc, st: Span, f: Span) -> bool:
    """A state after "so" or "too" with an owned part after it that is not placed by a
    preposition and has a verb of its own: the state is what came before ("the smell is SO
    BAD my eyes are watering", "so bad it made my eyes water"); the part is the result's
    subject. "so sore IN my eye" places the state, "my eye is so sore" has the part first,
    and "so weak that I fell over" names no owned part."""
    if doc[st[0]].lower_ not in _DEGREES and (st[0] == 0 or doc[st[0] - 1].lower_ not in _DEGREES):
        return False
    if any(doc[k].lower_ in vocab.placed_by for k in range(st[1], f[0])):
        return False
    # ... the part owned, a new subject ("so bad MY eyes"; "so weak that I fell over" is the
    # person's own state and what it did to them), with a verb of its own after it ("my eyes
    # ARE watering"; "so painful my eye!" is the part's state said first)
    owned = doc[f[0]].lower_ in POSSESSIVES or (f[0] > 0 and doc[f[0] - 1].lower_ in POSSESSIVES)
    return owned and f[1] < len(doc) and doc[f[1]].is_alpha


_CLAUSE_JOINERS = frozenset({"and", "but", "so", "n", "&"})
#: words after a part that end a list rather than open the part's own verb
_LIST_ENDS = frozenset({"too", "also", "as", "and", "or", "both", "all", "n"})

#: nouns of a trouble that a noun right before them may own ("a draught problem")
_TROUBLES = frozenset({"problem", "problems", "issue", "issues", "trouble", "troubles", "fault"})


def _a_things_trouble(doc: Doc, st: Span, functions: Sequence[tuple[int, int, set[str]]]) -> bool:
    """A trouble word as the state, right after a noun that is no function word: the
    trouble is that noun's ("my eyes were watering from smoke, DRAUGHT PROBLEM?", "a
    battery issue"), not a part's named before ("eye problem", "breathing trouble" have
    the function right before)."""
    if st[1] - st[0] != 1 or doc[st[0]].lower_ not in _TROUBLES or st[0] == 0:
        return False
    k = st[0] - 1
    if not doc[k].is_alpha or doc[k].is_stop or any(g[0] <= k < g[1] for g in functions):
        return False  # (not "A problem", "ANY problem": a word of grammar)
    return len(doc[k]) > 2 and wordnet.is_mainly_noun(doc[k].lower_)


#: WordNet's files of foods and plants (noun.food, noun.plant): a state word right before one
#: names its kind ("black pepper", "red wine", "hot sauce"), not a part's state
_FOOD_AND_PLANT_CLASSES = frozenset({13, 20})


def _a_foods_own(doc: Doc, st: Span, words: Found) -> bool:
    """A one-word state right before a noun whose first WordNet sense is a food or a plant
    is that food's kind ("even BLACK PEPPER gets his eyes watering", "the HOT SAUCE made my
    tongue ..."), not the state of a part named beside it; never before a word that is a
    state itself ("dark VIOLET": a colour named by a flower)."""
    if st[1] - st[0] != 1 or st[1] >= len(doc):
        return False
    k = st[1]
    if not doc[k].is_alpha or any(g[0] <= k < g[1] for g in words.functions):
        return False
    if any(a <= k < b for spans in words.states.values() for a, b in spans):
        return False
    low = doc[k].lower_
    cls = wordnet.classes(low, 1)
    return bool(cls) and cls[0] in _FOOD_AND_PLANT_CLASSES and wordnet.is_mainly_noun(low)


def _joined_own_subject(
    doc: Doc, st: Span, f: Span, functions: Sequence[tuple[int, int, set[str]]]
) -> bool:
    """A state before a joiner that opens a clause of its own with an owned part as its
    subject and a verb after the part: "my water bottle FROZE solid AND MY NOSE went
    numb" (the freezing is the bottle's, the nose has its own state), or a person as
    the subject of a clause of its own before the part ("he doesn't speak it well AND
    SHE rolled her eyes"). Not when a function word is the state's own subject
    ("BLINKING hurts and my eye is watering": the pain of blinking is the eye's), nor a
    list with no verb after the part ("swollen and my lips too")."""
    if any(g[1] <= st[0] and st[0] - g[1] <= 4 for g in functions):
        return False
    if any(
        doc[k].lower_ in _CLAUSE_JOINERS and doc[k + 1].lower_ in _SUBJECT_PRONOUNS
        for k in range(st[1], f[0] - 1)
    ):
        return True  # "he doesn't speak it well AND SHE rolled her eyes": her own clause
    k = f[0]
    if k < 2 or doc[k - 1].lower_ not in POSSESSIVES or doc[k - 2].lower_ not in _CLAUSE_JOINERS:
        return False
    if k - 2 < st[1]:
        return False
    return f[1] < len(doc) and doc[f[1]].is_alpha and doc[f[1]].lower_ not in _LIST_ENDS


_SUBJECT_PRONOUNS = frozenset({"i", "he", "she", "we", "they", "you", "u"})


def _new_clause_between(doc: Doc, a: int, b: int) -> bool:
    """A joiner and a person as the subject of a clause of its own between a function
    (ending at ``a``) and a state (starting at ``b``): "I'm reading AND I can't find it"
    (the state is the new clause's). Only for a function that is an act ("reading"): a
    body part stays the new clause's object ("my eye is swollen and I can't open it")."""
    return any(
        doc[k].lower_ in _CLAUSE_JOINERS and doc[k + 1].lower_ in _SUBJECT_PRONOUNS
        for k in range(a, b - 1)
    )


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
    vocab: VocabularyView, doc: Doc, found: dict[str, list[Span]], words: Found
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
    vocab: VocabularyView,
    doc: Doc,
    found: dict[str, list[Span]],
    words: Found,
    days: float | None,
    anchored: bool = True,
    *,
    marked: Collection[Span] = (),
) -> tuple[list[Match], list[Denial]]:
    """Sign matches made by a function and a state, and the functions said to be normal.

    A concept marked ``needs_anchor`` pairs only when ``anchored`` (the message
    names the body, a symptom or the treatment). ``marked``: the parts named only as
    where a mark is (``marks_places``), never a state's below an emergency's own.
    """
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
    portions = _portions(vocab, doc, words.functions)
    places = _places(vocab, doc, words.functions)
    mark_spans = frozenset(marked)
    # a part named beside the skin or a spot ("the skin UNDER my eye has gone dark", "one spot
    # NEAR my lip"): a reference point, never the state's subject, whatever the state
    beside = frozenset(p for p, head in places.items() if doc[head[1]].lower_ in _BESIDE)
    out: list[Match] = []
    seen: set[tuple[str, int, int]] = set()
    cache: dict[tuple[Span, frozenset[str], int, str, bool], list[tuple[int, int, set[str]]]] = {}
    for concept in vocab.concepts:
        if len(out) >= MAX_PAIRS:
            break
        if concept.needs_anchor and not anchored:
            continue
        if concept.min_days is not None and (days is None or days < concept.min_days):
            continue
        if concept.max_days is not None and days is not None and days > concept.max_days:
            continue
        if concept.after_days is not None and days is not None and days < concept.after_days:
            continue
        window = concept.window or vocab.window
        bounds = sentence if concept.scope == "sentence" else clause
        for sname in concept.states:
            # an emergency's own state stays the part's even where a mark is placed by it
            # ("a bruise by my eye, which is now blurry")
            mark_owns = sname not in vocab.emergency_states
            for st in _state_spans(words, sname):
                if _a_foods_own(doc, st, words):
                    continue  # "even BLACK PEPPER gets his eyes watering": the pepper's colour
                key = (st, frozenset(concept.functions), window, concept.scope, mark_owns)
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
                        neg_spans,
                        portions,
                        places,
                        (mark_spans if mark_owns else frozenset()) | beside,
                    )
                if concept.follows:
                    # the subject itself, even past a part named as its place ("the sight in
                    # my right eye keeps cutting out": the eye is nearer, the sight is the subject)
                    anchors = _subjects_of(doc, st, words.functions, bounds, window, vocab)
                else:
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
                    if st[1] <= f[0] and _said_normal(doc, words, vocab, fspan, clause):
                        continue  # "food gets stuck, breathing is fine": stuck is not breathing's
                    if f[1] <= st[0] and _verb_of_its_own(
                        vocab, doc, st, words.functions, f, clause
                    ):
                        continue  # "eyesight fine, doesn't really hurt": the hurting is denied
                    if st[1] <= f[0] and _object_of_its_verb(vocab, doc, st, f, words.functions):
                        continue  # "it doesn't affect my eye": the eye is what is not affected
                    if st[1] <= f[0] and _object_of_a_sense(vocab, doc, st, f, words.functions):
                        continue  # "can't see my hand": the hand is what is not seen
                    if st[1] <= f[0] and _degree_result(vocab, doc, st, fspan):
                        continue  # "it stinks SO BAD my eyes water": the eyes are the result's
                    if f[1] <= st[0] and _a_things_trouble(doc, st, words.functions):
                        continue  # "eyes watering from smoke, DRAUGHT PROBLEM?": the draught's
                    if st[1] <= f[0] and _joined_own_subject(doc, st, fspan, words.functions):
                        continue  # "the bottle FROZE solid AND MY nose went numb": the bottle's
                    if st[1] < f[0] and _own_subject(vocab, doc, f[0]):
                        continue  # "can't stand him, he talks": the talking has its own subject
                    if (
                        f[1] <= st[0]
                        and not f[2] & vocab.body_functions
                        and _new_clause_between(doc, f[1], st[0])
                    ):
                        continue  # "a word in the novel I'm READING AND I CAN'T find it"
                    if concept.also and not _in_sentence(
                        words, concept.also, st, sentence, concept.also_next
                    ):
                        continue
                    if concept.also_with and not _in_sentence(
                        words, concept.also_with, st, sentence, concept.also_next, neg_spans
                    ):
                        continue  # ("doesn't hurt": a pain denied is no pain with it)
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


def _subjects_of(
    doc: Doc,
    st: Span,
    functions: list[tuple[int, int, set[str]]],
    clause: list[int],
    window: int,
    vocab: VocabularyView,
) -> list[tuple[int, int, set[str]]]:
    """The function words a state's verb is said of, as its subject: before it in its clause,
    with only a place, a side or a time between ("my eyesight on the right keeps cutting
    out"), or another part named as that place ("the sight in my right eye"); no other verb
    or clause ("can it affect my eyesight" has no verb said of the sight)."""
    inside = {  # a part of the body as the place, not a thing ("the vision on my tv")
        i for f in functions if f[1] <= st[0] and f[2] & vocab.body_functions for i in range(*f[:2])
    }
    out = []
    for f in functions:
        if f[1] > st[0] or st[0] - f[1] > window or clause[f[0]] != clause[st[0]]:
            continue
        if all(i in inside or doc[i].lower_ in vocab.subject_gap for i in range(f[1], st[0])):
            out.append(f)
    return out


#: what may stand between a list of functions and the `normal` said of them all
_LIST_GAP = frozenset(
    {",", "and", "or", "&", "/", "completely", "totally", "perfectly", "quite", "pretty", "all"}
)


def _said_normal(
    doc: Doc, words: Found, vocab: VocabularyView, fspan: Span, clause: list[int]
) -> bool:
    """A function word followed at once by its own `normal` state ("breathing is fine"),
    or by a list of functions that ends in it ("I can eat, swallow and smile completely
    normally")."""
    listed = {i for a, b, _ in words.functions for i in range(a, b)}
    for name in vocab.normal_states:
        for sp in words.states.get(name, []):
            if clause[sp[0]] != clause[fspan[0]] or sp[0] < fspan[1]:
                continue
            if sp[0] - fspan[1] <= 3:
                return True
            gap = range(fspan[1], sp[0])
            if len(gap) <= 12 and all(i in listed or doc[i].lower_ in _LIST_GAP for i in gap):
                return True
    return False


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


def _in_sentence(
    words: Found,
    names: Sequence[str],
    st: Span,
    sentence: list[int],
    nxt: bool = False,
    negations: Sequence[Span] = (),
) -> bool:
    """One of ``names`` in the sentence of ``st`` (or, with ``nxt``, the one right after),
    not right after one of ``negations`` ("no pain", "doesn't hurt")."""
    sids = {sentence[st[0]], sentence[st[0]] + 1} if nxt else {sentence[st[0]]}

    def denied(at: int) -> bool:
        return any(0 <= at - cue[1] <= 2 for cue in negations)

    for name in names:
        for sp in words.states.get(name, []):
            if sentence[sp[0]] in sids and not overlaps(sp, st) and not denied(sp[0]):
                return True
        for f in words.functions:
            if name in f[2] and sentence[f[0]] in sids and not denied(f[0]):
                return True
    return False


def _denials(
    vocab: VocabularyView, doc: Doc, words: Found, clause: list[int], neg_spans: Sequence[Span]
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
                # a word of the normal state said before the part with a determiner is what
                # kind of part it is, not how it is: "than my normal skin", "my good eye"
                if st[1] == f[0] and st[0] > 0 and doc[st[0] - 1].lower_ in vocab.determiners:
                    continue
                # a list of denials ("temp normal, nothing leaking, vision fine"): a
                # normal state before a comma closes its own item, it is not the next
                # item's, and the "nothing" between them is that item's own negation
                # (nor is a cue right before the function: "she feels fine otherwise, no
                # breathing or eye problems" denies the problems, it does not negate "fine")
                if st[1] <= f[0] and any(doc[i].text == "," for i in range(st[1], f[0])):
                    continue
                # the same list read forwards: a normal state after a comma and another
                # part is that part's ("nothing odd with my ears, hearing ok": the ok is
                # the hearing's, and the "nothing" before the ears does not negate it)
                if f[1] <= st[0] and _nearer_item(doc, words, f, st):
                    continue
                for name in sorted(f[2]):
                    lo = min(f[0], st[0])
                    # a negation just before the function or between the two words (not
                    # one whose own word comes first and a conjunction after it: "it doesn't
                    # hurt and her eyes are fine" denies the hurting, not the eyes' state)
                    negated = (
                        any(
                            cue[1] <= lo
                            and lo - cue[1] <= 3
                            and clause[cue[0]] == clause[lo]
                            and all(doc[i].is_alpha for i in range(cue[1], lo))
                            and not any(
                                doc[i].lower_ in _CONJUNCTIONS for i in range(cue[1] + 1, lo)
                            )
                            for cue in neg_spans
                        )
                        or _internal_negation(neg_spans, (f[0], f[1]), st) is not None
                    )
                    out.append(
                        Denial(function=name, start=lo, end=max(f[1], st[1]), negated=negated)
                    )
    return out


#: a conjunction after a negation's own word closes what the negation denies
_CONJUNCTIONS = frozenset({"and", "but", "or", "n", "&"})


def _nearer_item(doc: Doc, words: Found, f: tuple[int, int, set[str]], st: Span) -> bool:
    """A comma after the part ``f`` and, after that comma, another part before the state
    ("nothing odd with my ears, hearing ok"), unless the parts are one list closed by "and"
    that the state is said of ("Breathing, lips and throat all normal")."""
    commas = [i for i in range(f[1], st[0]) if doc[i].text == ","]
    if not commas:
        return False
    if _one_list(doc, words, f[1], st[0]):
        return False
    return any(g[0] > commas[0] and g[1] <= st[0] and g[2] for g in words.functions if g != f)


#: words a list of parts may hold between its items and before the state said of them all
_LIST_FILLERS = frozenset(
    {
        ",",
        "and",
        "&",
        "n",
        "or",
        "my",
        "her",
        "his",
        "the",
        "all",
        "both",
        "are",
        "is",
        "r",
        "feel",
        "feels",
        "seem",
        "seems",
        "look",
        "looks",
        "totally",
        "completely",
        "still",
        "also",
    }
)


def _one_list(doc: Doc, words: Found, start: int, end: int) -> bool:
    """Tokens ``start:end`` are only further parts of a list, its commas and one "and"."""
    inside = {i for g in words.functions for i in range(g[0], g[1]) if start <= g[0] < end}
    if not inside:
        return False
    joined = False
    for i in range(start, end):
        low = doc[i].lower_
        if i in inside:
            continue
        if low not in _LIST_FILLERS:
            return False
        joined = joined or low in ("and", "&", "n")
    return joined
