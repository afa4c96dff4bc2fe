"""A sign word that, singular after an article, names a thing (``knowledge/triage_subjects.yml``).

"bees swarming out of the hive": "hives" is the rash, "the hive" (WordNet's
first sense: a group or an artifact) is where bees live. A sign matched on
one noun, in its singular form, after an article, whose first WordNet sense
is in ``thing_sign_classes``, in a sentence with no body part or treatment
word, is that thing. The sign words of the file ("a lump", "a bump", "a
knot") are never read so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.triage import wordnet
from bot.triage.obscured import body_in_sentence

if TYPE_CHECKING:
    from bot.triage.subject import _Reader


def names_a_thing(r: _Reader, start: int, end: int) -> str:
    """Why the one-noun sign at ``start`` names a thing, or ""."""
    if end - start != 1 or start == 0:
        return ""
    low = r.doc[start].lower_
    if low in r.s.sign_words or r.doc[start - 1].lower_ not in r.s.articles:
        return ""
    if wordnet.lemma(low) != low or not wordnet.is_mainly_noun(low):
        return ""  # "hives" (the rash) is its own lemma, not a plural
    cls = wordnet.classes(low, r.s.senses)
    if not cls or cls[0] not in r.s.thing_sign_classes:
        return ""
    if body_in_sentence(r, start, end):
        return ""
    return f"'{r.doc[start].text}' names a thing"
