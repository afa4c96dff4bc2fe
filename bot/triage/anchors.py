"""What the words found say about the whole message, before any sign is counted.

Whether a message has a body or treatment word at all (``anchored``): a sign
marked ``needs_anchor`` in the rules counts only then, so "my screen went
black" or "grout turning black" raise no alarm; whether a sentence is about
some other thing (``other_subject``); whether it has an emergency's words
(``emergency_words``) or more than a body part named (``report_context``).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.triage import wordnet
from bot.triage.concepts import Found, Span
from bot.triage.match import Doc
from bot.triage.vocabulary import VocabularyView


def anchor_names(
    vocab: VocabularyView, found: dict[str, list[Span]], words: Found, doc: Doc
) -> list[str]:
    """What anchors the message to a body: the body functions it names ("lips", "sight",
    "limbs") and the anchors of the vocabulary it has ("treatment", "symptom"), sorted."""
    names = {n for _, _, ns in words.functions for n in ns & vocab.body_functions}
    names.update(name for name in vocab.anchor_names if found.get(f"ANCHOR|{name}"))
    if TREATMENT in names and _only_weak(vocab, doc, found[f"ANCHOR|{TREATMENT}"]):
        names.discard(TREATMENT)
        names.add(VISIT)
    return sorted(names)


TREATMENT = "treatment"
# a treatment anchor made only of a time after something, a session, an appointment or a
# needle ("day 3 of waiting for my bag", "the sprints session", "pins and needles")
VISIT = "visit"


def _only_weak(vocab: VocabularyView, doc: Doc, spans: list[Span]) -> bool:
    """True if every word of every span is one of the treatment anchor's ``weak_words``
    or matches its ``weak_like`` ("day 3", "two weeks after", "session", "day3")."""
    return bool(vocab.weak_treatment_words or vocab.weak_treatment_like) and all(
        vocab.weak_treatment(doc[i].lower_) for s, e in spans for i in range(s, e)
    )


def other_subject(
    vocab: VocabularyView,
    doc: Doc,
    found: dict[str, list[Span]],
    sentence: list[int],
    start: int,
    end: int | None = None,
    writer: set[str] | frozenset[str] = frozenset(),
) -> bool:
    """True if the sentence names some other thing before ``start`` ("my computer is infected"),
    or places the sign on another thing after it (``end``: "white marks on the wooden table").

    Only report words (pronouns, fillers, "I think it's"), function words and
    the words of signs and states may come before a sign in a terse report
    ("it's oozing", "there's a bad smell", "small hard bumps that..."); the
    walk back stops at a comma ("bumps, and now one patch is going dusky"),
    and at the writer's own report opener (``writer`` words before a having
    word and an article: "... and I've got a big sore lump"): what comes
    before it belongs to another clause, and the sign is the writer's own.
    """
    known = {
        i
        for key, spans in found.items()
        if key.split("|")[0] in _KNOWN_KINDS and not _names_thing(vocab, key)
        for s, e in spans
        for i in range(s, e)
    }
    place = _placed_on(vocab, doc, known, sentence, end) if end is not None else None
    if place is not None:
        return place == "thing"  # "coming from a spot": placed on the body, a report
    if end is not None and _pointed_place(vocab, doc, found, start, end):
        return True  # "my aunt slipped on the step, it's quite uneven there": the step's
    i = start - 1
    while i >= 0 and sentence[i] == sentence[start]:
        tok = doc[i]
        if tok.text in _CLAUSE_PUNCT and i + 1 < len(doc) and doc[i + 1].lower_ in vocab.new_clause:
            break
        if _writer_opens(vocab, doc, i, sentence, writer):
            return False
        if tok.is_alpha and i not in known and tok.lower_ not in vocab.report_words:
            j = _modifiers_start(vocab, doc, i, sentence)
            if j is None:
                return True
            i = j  # "there's a pea sized lump": words describing the sign itself
        i -= 1
    return False


_CLAUSE_PUNCT = {",", ";", ":", "(", ")"}


def _writer_opens(
    vocab: VocabularyView, doc: Doc, k: int, sentence: list[int], writer: set[str] | frozenset[str]
) -> bool:
    """True if ``k`` is an article after a having word of the writer's: a ``writer`` word
    just before it, report words between ("I've got a", "I have a", "I just noticed a")."""
    if doc[k].lower_ not in vocab.articles or k < 2 or doc[k - 1].lower_ not in vocab.having:
        return False
    for i in range(k - 2, max(-1, k - 5), -1):
        if sentence[i] != sentence[k]:
            return False
        word = doc[i].lower_
        if word in writer:
            return True
        if word not in vocab.report_words:
            return False
    return False


def _placed_on(
    vocab: VocabularyView, doc: Doc, known: set[int], sentence: list[int], end: int
) -> str | None:
    """Where the sign is placed, right after it (report words between): after a place word
    (``placed_by``), a body word ("coming from a spot": ``"body"``) or a word that names
    another thing ("white marks on the wooden table", "a smell in the street": ``"thing"``);
    None when no place is said (or only a neutral one: "at the edges")."""
    i, n = end, len(doc)
    while i < n and sentence[i] == sentence[end - 1] and doc[i].is_alpha:
        word = doc[i].lower_
        if word in vocab.placed_by and i not in known:
            for j in range(i + 1, min(n, i + 5)):
                tok = doc[j]
                if j in known:
                    return "body"
                if not tok.is_alpha or tok.lower_ in vocab.neutral_places:
                    return None
                if tok.lower_ in vocab.report_words or tok.lower_ in vocab.articles:
                    continue
                return "thing"
            return None
        if i not in known and word not in vocab.report_words:
            return None
        i += 1
    return None


#: a place pointed at, said after a state of "it": "it's quite uneven THERE"
_POINTED = frozenset({"there", "here"})


def _pointed_place(
    vocab: VocabularyView,
    doc: Doc,
    found: dict[str, list[Span]],
    start: int,
    end: int,
) -> bool:
    """A state of "it" with "there" or "here" right after it ("it's quite uneven there"),
    in a sentence that names no body function and no anchor before it: the place pointed
    at is one the sentence named (a step, an entrance), not a place on the skin ("my
    cheek, it's swollen there" names one)."""
    if end >= len(doc) or doc[end].lower_ not in _POINTED:
        return False
    if doc[start].lower_ not in ("it", "it's", "its") and not (
        start > 0 and doc[start - 1].lower_ in ("it", "it's", "its")
    ):
        return False
    first = start
    while first > 0 and doc[first - 1].lower_ not in (".", "!", "?"):
        first -= 1
    if any(
        first <= s < end
        for key, spans in found.items()
        if (key.startswith("FN|") and key[3:] in vocab.body_functions) or key.startswith("ANCHOR|")
        for s, _ in spans
    ):
        return False
    # the place pointed at is named before, in the sentence (to its full stop): a made
    # thing, a place or an object (WordNet's first two senses: "the step at the entrance");
    # a lone "it's gone white there" may point at the skin a message before named, and
    # keeps its alarm
    return any(
        doc[k].is_alpha
        and wordnet.is_mainly_noun(doc[k].lower_)
        and bool(set(wordnet.classes(doc[k].lower_, 2)) & _PLACE_CLASSES)
        for k in range(first, start)
    )


#: WordNet classes of what "there" may point at: a made thing, a place, an object
_PLACE_CLASSES = frozenset({6, 15, 17})


def _names_thing(vocab: VocabularyView, key: str) -> bool:
    """A function word that names a thing rather than the body ("tv", "screen")."""
    kind, _, name = key.partition("|")
    return kind == "FN" and name in vocab.things


def _modifiers_start(vocab: VocabularyView, doc: Doc, i: int, sentence: list[int]) -> int | None:
    """The article before up to three describing words ending at ``i``, if a report opens them.

    "there's a pea sized lump", "I have a weird purple patch": describing
    words; "my sourdough starter smells": a subject (``None``).
    """
    j = i
    while (
        j > 0
        and i - j < 3
        and doc[j - 1].lower_ not in vocab.articles
        and doc[j - 1].is_alpha
        and sentence[j - 1] == sentence[i]
    ):
        j -= 1
    if j == 0 or doc[j - 1].lower_ not in vocab.articles:
        return None
    k = j - 1
    if k > 0 and doc[k - 1].lower_ in vocab.having:
        return k
    return None


_KNOWN_KINDS = {"FN", "ST", "S", "T", "C", "DUR", "ANCHOR", "NEG_DET", "NEG_VERB", "PSEUDO"}


def emergency_words(vocab: VocabularyView, words: Found, said_fine: Sequence[Span] = ()) -> bool:
    """True if the message has a word of an emergency function or state (see the
    vocabulary) outside the spans in ``said_fine`` (the patient's denials)."""
    if any(
        names & vocab.emergency_functions and not _inside(start, end, said_fine)
        for start, end, names in words.functions
    ):
        return True
    return emergency_states(vocab, words, said_fine)


def emergency_states(vocab: VocabularyView, words: Found, said_fine: Sequence[Span] = ()) -> bool:
    """True if the message says something is wrong in an emergency's words (blurred,
    tight...), outside the spans in ``said_fine``."""
    return any(
        not _inside(start, end, said_fine)
        for name in vocab.emergency_states
        for start, end in words.states.get(name) or ()
    )


def _inside(start: int, end: int, spans: Sequence[Span]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def report_context(
    vocab: VocabularyView, found: dict[str, list[Span]], words: Found, doc: Doc | None = None
) -> bool:
    """A treatment or symptom word, an emergency state, or an emergency function that
    belongs to someone: more than a body part named.

    "tongue twister" names a body part and nothing wrong with it; "my eyesight
    keeps cutting in and out" says something of the writer's own sight, even
    in words the vocabulary does not know.
    """
    return (
        any(found.get(f"ANCHOR|{name}") for name in vocab.anchor_names)
        or emergency_states(vocab, words)
        or (doc is not None and owned_function(vocab, doc, words))
    )


def owned_function(vocab: VocabularyView, doc: Doc, words: Found) -> bool:
    """True if an emergency body function is said to be someone's ("my eyesight", "her left
    eye"): an owner word of the vocabulary's ``grammar`` before it, sides between."""
    wanted = vocab.emergency_functions & vocab.body_functions
    for start, _end, names in words.functions:
        if not names & wanted:
            continue
        for i in range(start - 1, max(-1, start - 3), -1):  # "my left eye", "her right eye"
            word = doc[i].lower_
            if word in vocab.owners:
                return True
            if word not in vocab.sides:
                break
    return False


_AIM_REACH = 4  # words between a needle word and the "into" of its target


def drop_aimed_at_things(vocab: VocabularyView, doc: Doc, found: dict[str, list[Span]]) -> None:
    """Drop treatment anchors made by a needle word aimed at a thing: "the resin you
    INJECTED INTO THE CHIP", "injecting foam into the wall" (``aimed_at_things``). The
    target follows one of ``into`` within a few words, after a determiner that is no
    owner ("injected into my cheek" stays), and is a noun whose first WordNet sense is a
    made thing, a food, an object or a substance, and no function word."""
    key = "ANCHOR|treatment"
    spans = found.get(key)
    if not spans or not vocab.aimed_words:
        return
    named = {i for k, v in found.items() if k.startswith("FN|") for s, e in v for i in range(s, e)}
    kept = [sp for sp in spans if not _aimed(vocab, doc, sp, named)]
    if kept:
        found[key] = kept
    else:
        del found[key]


def _aimed(vocab: VocabularyView, doc: Doc, span: Span, named: set[int]) -> bool:
    if not any(doc[i].lower_ in vocab.aimed_words for i in range(*span)):
        return False
    for k in range(span[1], min(len(doc), span[1] + _AIM_REACH)):
        word = doc[k].lower_
        if word in vocab.aimed_into:
            j = k + 1
            if j < len(doc) and doc[j].lower_ in vocab.aimed_determiners:
                j += 1
            if j == k + 1 or j >= len(doc) or j in named or not doc[j].is_alpha:
                return False
            noun = doc[j].lower_
            cls = wordnet.classes(noun, 1) if wordnet.is_mainly_noun(noun) else ()
            return bool(cls) and cls[0] in vocab.aimed_classes
        if not doc[k].is_alpha:
            return False
    return False
