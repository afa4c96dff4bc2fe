"""What the words found say about the whole message, before any sign is counted.

Whether a message has a body or treatment word at all (``anchored``): a sign
marked ``needs_anchor`` in the rules counts only then, so "my screen went
black" or "grout turning black" raise no alarm; whether a sentence is about
some other thing (``other_subject``); whether it has an emergency's words
(``emergency_words``) or more than a body part named (``report_context``).
"""

from __future__ import annotations

from bot.triage.concepts import Found, Span
from bot.triage.match import Doc
from bot.triage.vocabulary import VocabularyView


def anchored(vocab: VocabularyView, found: dict[str, list[Span]], words: Found) -> bool:
    """True if the message names a body part or function, a symptom, or the treatment."""
    if any(names & vocab.body_functions for _, _, names in words.functions):
        return True
    return any(found.get(f"ANCHOR|{name}") for name in vocab.anchor_names)


def other_subject(
    vocab: VocabularyView, doc: Doc, found: dict[str, list[Span]], sentence: list[int], start: int
) -> bool:
    """True if the sentence names some other thing before ``start`` ("my computer is infected").

    Only report words (pronouns, fillers, "I think it's"), function words and
    the words of signs and states may come before a sign in a terse report
    ("it's oozing", "there's a bad smell", "small hard bumps that...").
    """
    known = {
        i
        for key, spans in found.items()
        if key.split("|")[0] in _KNOWN_KINDS and not _names_thing(vocab, key)
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


def _names_thing(vocab: VocabularyView, key: str) -> bool:
    """A function word that names a thing rather than the body ("tv", "screen")."""
    kind, _, name = key.partition("|")
    return kind == "FN" and name in vocab.things


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


def _modifiers_start(doc: Doc, i: int, sentence: list[int]) -> int | None:
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
