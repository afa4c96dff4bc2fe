"""A colour told as the colour of a thing: "a patch on my forehead has gone the colour of
skimmed milk", "the skin turned the colour of cement".

Patients often name a colour by a thing that has it. The thing's own colour is read from
the dictionary: the first colour word of the definition of its most frequent noun sense
("milk": "a WHITE nutritious liquid ..."; "cement": "... the GREY cement ..."), or of the
thing that definition opens with ("skim milk": "MILK from which the cream has been
skimmed"). The words "colour of" and the thing are then the vocabulary state that colour
names (``likeness_colours`` in ``knowledge/red_flags.yml``: white or pale, grey or blue or
purple, dark), and a concept pairs it with the skin as it pairs any colour. A thing whose
definition names no colour, or a red or pink one, adds nothing. Without WordNet nothing
is read.
"""

from __future__ import annotations

from typing import Any

from bot.triage import wordnet
from bot.triage.match import Doc

_COLOUR_WORDS = frozenset({"colour", "color", "shade", "colours", "colors"})
_DETERMINERS = frozenset({"a", "an", "the", "some", "old", "wet", "dirty", "cold", "fresh"})
_STOPS = frozenset({"and", "but", "with", "or"})  # (punctuation ends the phrase too: not alpha)
_MAX_WORDS = 3


def _colour_in(text: str, colours: dict[str, str]) -> str | None:
    for word in text.replace(",", " ").replace(";", " ").split():
        if word in colours:
            return colours[word]
    return None


def _thing_colour(words: list[str], colours: dict[str, str]) -> str | None:
    """The state of the colour of the noun phrase ``words`` (its last word, or the last
    two as one noun), from the dictionary."""
    heads = []
    if len(words) >= 2:
        heads.append(f"{words[-2]}_{words[-1]}")
    heads.append(words[-1])
    for head in heads:
        text = wordnet.gloss(head)
        if not text:
            continue
        found = _colour_in(text, colours)
        if found:
            return found
        first = text.split(maxsplit=1)[0]
        if first.isalpha() and first != head:  # "milk from which the cream ...": milk's
            found = _colour_in(wordnet.gloss(first), colours)
            if found:
                return found
        return None
    return None


def colours(rules: object, doc: Doc) -> list[tuple[str, tuple[int, int]]]:
    """(state name, span) of each "colour of <a thing>" whose thing has a colour of
    ``likeness_colours`` (the state names by colour word)."""
    spec: dict[str, Any] = getattr(rules, "likeness_colours", None) or {}
    if not spec:
        return []
    table = {word: state for state, words in spec.items() for word in words}
    out: list[tuple[str, tuple[int, int]]] = []
    for i in range(len(doc) - 2):
        if doc[i].lower_ not in _COLOUR_WORDS or doc[i + 1].lower_ != "of":
            continue
        j = i + 2
        while j < len(doc) and doc[j].lower_ in _DETERMINERS:
            j += 1
        words: list[str] = []
        while j < len(doc) and len(words) < _MAX_WORDS and doc[j].is_alpha:
            if doc[j].lower_ in _STOPS:
                break
            words.append(doc[j].lower_)
            j += 1
        while words and not wordnet.is_mainly_noun(words[-1]):
            words.pop()  # "the colour of milk GONE off": the thing ends at its noun
            j -= 1
        if not words:
            continue
        state = _thing_colour(words, table)
        if state:
            out.append((state, (i, j)))
    return out
