"""A body word that names part of a thing, not of a person: "the eye of the
needle", "the chair leg", "a face mask", "a watch with a white face", "the
custard had a skin on it", "one leg is missing" of a wardrobe.
"""

from __future__ import annotations

from bot.triage import wordnet
from bot.triage.subject.reader import BODY_CLASSES, Reader
from bot.triage.subject.sentences import (
    first_noun_of,
    first_person_word,
    in_sentence,
    owned,
    sentence,
    treatment_named,
)


def _layer_or_measure(r: Reader, i: int) -> bool:
    """ "the custard had a skin on it" (a layer of a thing), "20 fathoms in feet"
    (a measure): a body word that names no body."""
    low = [t.lower_ for t in r.doc[max(0, i - 3) : i + 3]]
    k = i - max(0, i - 3)  # the body word's place in ``low``
    if k >= 1 and low[k - 1] in ("a", "an") and low[k + 1 : k + 3] in (["on", "it"], ["on", "top"]):
        return True
    return (
        k >= 1 and low[k - 1] in ("in", "of") and any(t.is_digit for t in r.doc[max(0, i - 4) : i])
    )


def part_of_a_thing(r: Reader, i: int) -> bool:
    """ "the mouth of a river", "the eye of the needle", "a watch with a white face":
    a body word + of + a thing, or a thing's part (fewer readings than
    ``_figurative_body``: here a doubt keeps the body part)."""
    if _part_of_thing(r, i) or _layer_or_measure(r, i) or _compass_side(r, i):
        return True
    if _made_things_compound(r, i):
        return True  # "my watch face"
    j = i + 1
    while j < len(r.doc) and r.doc[j].lower_ == r.doc[i].lower_:
        j += 1
    if j >= len(r.doc) or r.doc[j].lower_ != "of" or owned(r, i):
        return False
    return r.noun_after(j + 1, i, r.s.thing_classes) or _owned_thing_after(r, j + 1, i)


def _made_things_compound(r: Reader, i: int) -> bool:
    """A body word right after the noun of a made thing, itself right after an owner or
    an article: "MY WATCH face", "the clock hands", "my guitar neck". The owner owns the
    compound, whose first noun names what the body word is a part of. The noun may be a
    word of the vocabulary too ("watch" is also a way of seeing), but never a body word,
    a person, a describing word ("my upper lip") or a side ("my top lip": a place, not
    a made thing)."""
    j = i - 1
    if j < 1 or i not in r.body or j in r.body or not r.doc[j].is_alpha or not r.same(j, i):
        return False
    low = r.low[j]
    if r.low[j - 1] not in r.s.articles and r.low[j - 1] not in r.s.owners:
        return False
    if low in r.s.owners or wordnet.in_adjective_index(low) or r.kind(j) == "person":
        return False  # (a person: "my MUMS lips", the apostrophe dropped)
    if not wordnet.is_mainly_noun(low):
        return False
    return bool(set(wordnet.classes(low, 1)) & r.s.owned_thing_classes)


#: directions that name a side of a place or a thing ("the north face of the Eiger")
_COMPASS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western"}
    | {"northeast", "northwest", "southeast", "southwest"}
)


def _compass_side(r: Reader, i: int) -> bool:
    """ "the NORTH FACE of the Eiger", "a grey north face" (the brand, typed lowercase):
    a body word right after a direction names a side of a mountain, a wall or a
    building, or a brand; no person's face is "north"."""
    return i > 0 and r.same(i - 1, i) and r.doc[i - 1].lower_ in _COMPASS


def _owned_thing_after(r: Reader, k: int, start: int) -> bool:
    """ "the lid OF MY OLD WEBER": after "of", an owner, at most two describing words and
    a noun that WordNet knows as neither the body nor a person, in any of its senses
    (a brand that is also a word: "weber"), and no word of the vocabulary, time or
    person: what the writer owns is a thing ("the lid of my left eye", "the skin of
    my son" keep the body)."""
    if k >= len(r.doc) or r.doc[k].lower_ not in r.s.owners:
        return False
    for j in range(k + 1, min(len(r.doc), k + 4)):
        tok = r.doc[j]
        low = tok.lower_
        if not r.same(j, start) or not tok.is_alpha or j in r.body or j in r.known:
            return False
        if low in r.s.person_words or low in r.s.time_words or low in r.function_words:
            return False
        if not wordnet.is_mainly_noun(low):
            continue  # a describing word ("old", "new", "little")
        classes = set(wordnet.classes(low, 9))
        return bool(classes) and not classes & set(BODY_CLASSES)
    return False


def figurative_body(r: Reader, i: int) -> bool:
    """ "the eye of the needle", "the mouth of the river": a body word + of + a thing;
    "the chair leg" (a thing before it), "a face mask" (an artifact right after it),
    "a watch with a white face" (a thing's part, not a person's)."""
    before = r.doc[i - 1].lower_ if i > 0 else ""
    if before not in r.s.skip_words and r.same(i - 1, i) and r.kind(i - 1) == "thing":
        return True  # "the banana skin", "the chair leg"
    if (
        r.same(i + 1, i)
        and r.is_part(i)
        and wordnet.is_mainly_noun(r.doc[i].lower_)  # not a verb: "can't breathe while ..."
        and r.kind(i + 1) == "thing"
        and not owned(r, i)
    ):
        return True  # "a face mask", "neck pillow" (not "my face mask"? see _owned)
    if _part_of_thing(r, i) or _layer_or_measure(r, i) or _part_of_named_thing(r, i):
        return True
    if _compass_side(r, i) or _made_things_compound(r, i):
        return True
    if i > 0 and _part_of_worn_thing(r, i, sentence(r, i)):
        return True
    j = i + 1
    while j < len(r.doc) and j in r.body and r.doc[j].lower_ == r.doc[i].lower_:
        j += 1
    if j >= len(r.doc) or r.doc[j].lower_ != "of":
        return False
    return r.noun_after(j + 1, i, r.s.thing_classes)


def _part_of_thing(r: Reader, i: int) -> bool:
    """ "a watch WITH a white face": the part of a thing, after "with" and an article."""
    j = i - 1
    while (
        j >= 0
        and r.same(j, i)
        and (r.doc[j].lower_ in r.s.shade_words or wordnet.is_adjective(r.doc[j].lower_))
        and j not in r.body
    ):
        j -= 1
    if j < 1 or r.doc[j].lower_ not in ("a", "an"):
        return False
    if r.doc[j - 1].lower_ not in r.s.attribute_joiners:
        return False
    k = j - 2
    if k < 0 or not r.same(k, i) or k in r.body:
        return False
    low = r.doc[k].lower_
    if low in r.s.person_words:
        return False  # "she is sitting with a white face"
    if low in r.s.thing_words:
        return True
    cls = wordnet.classes(low, r.s.senses) if wordnet.is_mainly_noun(low) else ()
    return bool(cls) and cls[0] not in BODY_CLASSES and bool(set(cls) & r.s.thing_classes)


def _part_of_named_thing(r: Reader, i: int) -> bool:
    """ "the wardrobe came apart and now one leg is missing": a body word that is also
    a thing's part (an artifact among its first three WordNet senses: a leg, an arm,
    a face), counted or owned by no one ("one leg", "its arm", not "my leg"), said to
    be in a thing's state right after (missing, broken, loose: `part_states`), in a
    sentence that names an artifact before it and no person (`person_words`) at
    all. Never when the message names the treatment ("I fell off the chair and one
    leg is numb" has "I")."""
    if i == 0:
        return False
    low = r.doc[i].lower_
    one = low[:-1] if low.endswith("s") else low  # "legs" is also staying power: read "leg"
    listed = low in r.s.thing_parts  # the list wins over WordNet ("the lip" of a jar)
    if not listed and (
        not wordnet.is_mainly_noun(low)
        or not (6 in wordnet.classes(low, 3) or 6 in wordnet.classes(one, 3))
    ):
        return False
    span = sentence(r, i)
    if r.doc[i - 1].lower_ in r.s.part_articles and listed:
        # "the laptop hinge snapped and THE LID droops": a part most things have,
        # after "the", in a sentence that names a made thing before it and no other
        # body word ("my eye is sore and the lid droops" stays) but such parts
        # ("the lid of the jar cracked, glass near the lip")
        if any(j != i and not _listed_part(r, j) for j in in_sentence(r, i, r.guards)):
            return False
    elif r.doc[i - 1].lower_ not in r.s.part_counters and not (
        r.doc[i - 1].text in (",", ";") and low.endswith("s")
    ):
        return False  # (or the parts named bare after a comma: "the bench gave, LEGS folded")
    elif not any(r.doc[j].lower_ in r.s.part_states for j in range(i + 1, min(span.stop, i + 4))):
        return False  # "one leg is weak", "one arm won't move": a body's state
    if first_person_word(r, span) < span.stop or treatment_named(r):
        return False
    return first_noun_of(r, span, frozenset({6})) < i


def _listed_part(r: Reader, j: int) -> bool:
    """ "THE LID": a word of `thing_parts` after "the"."""
    return j > 0 and r.low[j] in r.s.thing_parts and r.low[j - 1] in r.s.part_articles


def _part_of_worn_thing(r: Reader, i: int, span: range) -> bool:
    """ "the boots have a scuffed toe and THE TONGUE is ripped": a body word that also
    names a part of footwear (`worn_parts`: a shoe's tongue, sole, heel), after "the"
    or a counter ("one tongue"), in a sentence that names the footwear (`worn_things`)
    and no person, or a person but the part in a thing's state right after it
    (`part_states`: torn, split, ripped). Never when the message names the treatment
    ("my tongue is swelling since the injections" is owned and names it)."""
    low = r.doc[i].lower_
    if low not in r.s.worn_parts or treatment_named(r):
        return False
    before = r.doc[i - 1].lower_
    if before not in r.s.part_articles and before not in r.s.part_counters:
        return False
    if not any(r.doc[j].lower_ in r.s.worn_things for j in span if j != i):
        return False
    if first_person_word(r, span) >= span.stop:
        return True
    return any(r.doc[j].lower_ in r.s.part_states for j in range(i + 1, min(span.stop, i + 4)))
