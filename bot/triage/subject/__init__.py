"""One step: is a sign said of a thing, not of a person's body? (data in
``knowledge/triage_subjects.yml``, the one file a clinician reads for it).

A state word is a symptom only when it is said of a person, a body part or
what a person senses. A sign above ``none`` is not counted (status
``thing``, with the reason for staff) when:

* its subject, the noun before it, is a thing, a group, an event or a time
  ("the market collapsed", "the engine sounds like it's wheezing", "rust
  blisters", "the deadline collapsed");
* it describes a thing right after it ("a wheezing boiler", "a stroke
  technique"), or is about one ("seizure of goods", "confusion about the form");
* what gives it is a song, a film, a number ("songs that give you shivers");
* an emotion in the clause is its cause ("couldn't breathe for laughing");
* it is chosen among kinds ("the best stroke for distance");
* it is part of an idiom ("itchy feet");
* its body word names part of a thing ("the eye of the needle", "a face
  mask", "a watch with a white face");
* it is a colour describing a thing ("a dusky pink sunrise");
* the sentence is about a depiction or a word, and no person's own body
  ("the kids drew a purple face", "synonyms for breathless");
* what cannot be seen is behind a foggy or dirty thing ("the window is so
  misted I can't see"), or is on a screen or a show, the message's only sign
  ("can't see the subtitles");
* a singular noun after an article names a thing ("the hive");
* it continues, in the same sentence, a sign already said of a thing ("my
  screen went blurry, like looking through fog");
* it is said of a person the patient does not speak for (a WordNet person who
  is no kin, friend, partner, child, patient or client: "my seatmate went
  pale"), of such a person's part or kin ("the groom's mum fainted"), of many
  people's faces in a picture, or of a group named by a state ("the infected
  in that game"); unless told as going on now ("and isn't moving");
* it is told as over and fine ("he passed out, he's fine now"), no treatment
  named;
* it is a kind of skin a thing is chosen for ("shades for pale skin");
* it is a colour the writer asks for ("I'd like my nails red with white
  tips"), the colour something is printed in ("in tiny pale blue letters"),
  or "a rash of" many things on a thing ("a rash of chips along the frame").

A clause naming a body part or the treatment keeps the sign (the
treatment anywhere in the message does, for depictions and things looked
at). What a noun names comes from WordNet (``bot.triage.wordnet``); the
file's word lists win over it; without WordNet nothing changes (it fails
towards the alarm). Called once from ``assess``.

The package, one module per reading (each a plain function of a ``Reader``):

* ``reader``: the checked lists (``Subjects``, ``parse``, ``load_subjects``) and
  ``Reader``, one message with its clauses and its body, sign and function words,
  and the walk back to a sign's subject (``Reader.subject_before``);
* ``sentences``: what a sentence of the message holds (its span, a body part,
  the treatment, an owner, its first person or noun), shared by the readings;
* ``things``: a sign said of a thing: done to it, on it, a product, a food, a
  title, the weather, a noun that names a thing;
* ``parts``: a body word that names part of a thing ("the eye of the needle");
* ``colours``: the colour of a thing, a look asked for, marks on a thing;
* ``sight``: a thing seen through, looked at, on a screen, in a picture, a size
  or a colour of print;
* ``over``: an event told as over and fine ("he passed out, he's fine now");
* ``frames``: a depiction or a word talked about, when something began, an
  emotion as the cause, what gives the sign, someone else;
* ``bearers``: who or what bears a sign when it is no one's body now: an animal
  or a plant, the weather, a habit with its trigger, a stranger's passing event,
  a dislike, a describing compound, a scare, a pigment, a thing's mark or place;
* here: ``apply``, the order in which the readings are tried (``_why_not``),
  then the message-wide steps (the same thing, ``figurative``).
"""

from __future__ import annotations

import functools

from bot.levels import rank
from bot.triage import figurative, wordnet
from bot.triage.match import Doc, Match, Spans
from bot.triage.subject.bearers import (
    animal_pronoun,
    asked_after,
    body_as_verb,
    character_in_work,
    chosen,
    compound_word,
    degree_of_a_thing,
    dislike,
    fall_in_play,
    flavour,
    food_declined,
    fright_at_news,
    from_a_thing,
    habitual,
    hyperbole,
    intensifier,
    likeness_compound,
    mouthfeel,
    non_human,
    object_of_a_thing,
    passing,
    people_at_large,
    picked_out,
    picture_colour,
    pigment,
    pronoun_for_a_thing,
    puzzled,
    schoolwork,
    spot_on_a_thing,
    state_compound,
    state_of_a_thing,
    substance_on_a_thing,
    taste,
    then_of_a_thing,
    thing_acquired,
    thing_before_place,
    thing_blind_spot,
    thing_has_growth,
    thing_has_mark,
    things_tried,
    thrill,
    unfit_to_have,
    weather,
    world_limited,
)
from bot.triage.subject.colours import (
    chosen_look,
    marks_on_a_thing,
    measured_against,
    ordinary_cause,
    shade_of_thing,
    skin_type,
)
from bot.triage.subject.frames import (
    FIRST_PERSON_BE,
    breath_held,
    depicted_object,
    emotion_cause,
    framed_by,
    given_by,
    illness_cause,
    many_people,
    moved_to_tears,
    named_by_state,
    onset_in,
    someone_else,
    strained_eyes,
    strangers_function,
)
from bot.triage.subject.handled import (
    device_voice,
    faint_print,
    faint_read,
    lid_of_a_thing,
    standing_sense,
)
from bot.triage.subject.over import told_as_over
from bot.triage.subject.parts import figurative_body, part_of_a_thing
from bot.triage.subject.reader import (
    SUBJECTS_PATH,
    Reader,
    Subjects,
    idiom_words,
    load_subjects,
    parse,
)
from bot.triage.subject.sentences import (
    body_in_sentence,
    body_noun,
    owned,
    sentence,
    treatment_named,
)
from bot.triage.subject.sight import (
    blur_of_another_sense,
    device_picture,
    gear_over_eyes,
    in_a_picture,
    obscured,
    perceived_thing,
    person_perceives,
    pictured,
    print_size,
    printed_in,
    screened,
    seen_out_of_thing,
    shared_view,
    so_that_unseen,
)
from bot.triage.subject.things import (
    body_word_bought,
    done_to_a_thing,
    film_on_food,
    hasty,
    in_weather,
    many_on_a_thing,
    names_a_thing,
    pair_split,
    product_bought,
    series_of,
    thing_fever,
    titled,
)
from bot.triage.vocabulary import VocabularyView

# the public face: what the rest of the triage imports (and the names the one
# module ``subject.py`` made public before it was split)
__all__ = [
    "SUBJECTS_PATH",
    "Subjects",
    "apply",
    "body_in_sentence",
    "load_subjects",
    "names_a_thing",
    "obscured",
    "parse",
    "sentence",
    "without_things_parts",
]


def apply(
    subj: Subjects, vocab: VocabularyView, doc: Doc, found: Spans, matches: list[Match]
) -> None:
    """Mark counted signs above ``none`` said of a thing (status ``thing``), and expected
    effects told only inside an idiom ("the salesman was a pain in the neck")."""
    reader: Reader | None = None
    idiom = functools.cache(lambda: bool(idiom_words(subj, [t.lower_ for t in doc])))
    for m in matches:
        if m.status != "counted":
            continue
        if rank(m.level) <= rank("none"):
            if idiom():
                reader = reader or Reader(subj, vocab, doc, found)
                words = m.words()
                if words and all(i in reader.in_idiom for i in words):
                    m.status = "thing"
                    m.note = "(said of something else: an idiom)"
            continue
        reader = reader or Reader(subj, vocab, doc, found)
        why = (
            _why_not(reader, m)
            or perceived_thing(reader, m, matches)
            or puzzled(reader, m, matches)
        )
        if why:
            m.status = "thing"
            m.note = f"(said of something else: {why})"
    if reader is not None:
        _same_thing(reader, matches)
        _figurative(reader, matches)
        told_as_over(reader, matches)


def without_things_parts(
    subj: Subjects,
    vocab: VocabularyView,
    doc: Doc,
    found: Spans,
    functions: list[tuple[int, int, set[str]]],
    names: list[str],
) -> tuple[list[str], set[int]]:
    """``names`` (the message's anchors) less the body functions whose every word names
    a thing's part: "the face of the mirrored wardrobe", "a cliff face", "the smart watch
    face" anchor nothing; and the positions of those words (a thing named, for a sign
    that needs an anchor: "the eyes in mine look wonky, one much bigger than the other").
    A doubt keeps the anchor: a word owned ("my face"), a message that names the
    treatment, or a word that is also a part of the person elsewhere."""
    where: dict[str, set[int]] = {}
    for a, b, ns in functions:
        for n in ns & vocab.body_functions:
            where.setdefault(n, set()).update(range(a, b))
    if not where:
        return names, set()
    r = Reader(subj, vocab, doc, found)
    if r.treated:
        return names, set()
    drop = {n for n, idx in where.items() if n in names and all(_things_part(r, i) for i in idx)}
    if not drop:
        return names, set()
    # an anchor of the vocabulary found only inside the dropped words goes with them ("face"
    # also anchors the skin)
    gone = set().union(*(where[n] for n in drop))
    for n in names:
        spans = found.get(f"ANCHOR|{n}")
        if spans and all(i in gone for a, b in spans for i in range(a, b)):
            drop.add(n)
    return [n for n in names if n not in drop], gone


def _things_part(r: Reader, i: int) -> bool:
    """Token ``i`` names a thing's part: "the face OF the wardrobe", "the lid ON my drink",
    "a watch WITH a white face", right after a thing's noun, with no owner ("a cliff face",
    "the watch face"), or is a word of a name ("North Face") or of an idiom."""
    if part_of_a_thing(r, i) or r.in_name(i) or i in r.in_idiom:
        return True  # a word of a name ("a North Face jacket"), of an idiom ("eyes glaze over")
    if r.made_things_lid(i) or r.foods_skin(i):
        return True  # "the piano lid" ("piano" is also an adverb), "the mackerel ... the skin"
    if _in_owned_thing(r, i):
        return True  # "the eyes IN MINE look wonky" (a drawing, a doll)
    if i == 0 or owned(r, i) or not r.same(i - 1, i):
        return False
    if _on_the_things_part(r, i):
        return True
    if r.low[i - 1] in r.s.articles and i + 1 < len(r.doc) and r.low[i + 1] in ("on", "of"):
        k = i + 2  # "the lid on my drink", "the lip on roof problems": the thing it is on
        while k < len(r.doc) and (r.low[k] in r.s.articles or r.low[k] in r.s.owners):
            k += 1
        if k < len(r.doc) and r.same(k, i) and k not in r.body:
            if r.low[i] in r.s.lid_words and r.doc[k].is_alpha:
                return True  # an eyelid is never the lid OF a thing: "the lid of the fermenter"
            first = wordnet.classes(r.low[k], 1) if wordnet.is_mainly_noun(r.low[k]) else ()
            if r.kind(k) == "thing" or bool(set(first) & r.s.thing_classes):
                return True  # ("my drink" is a word of eating, and a thing)
    before = r.doc[i - 1].lower_
    if before in r.s.skip_words or not r.doc[i - 1].is_alpha:
        return False
    return r.kind(i - 1) == "thing"


def _in_owned_thing(r: Reader, i: int) -> bool:
    """ "The eyes IN MINE look a bit wonky", "the face on yours": a part of the face that
    sits on no other part (`whole_parts`) said to be in or on something named only by a
    standing pronoun (`standing_pronouns`: mine, yours, hers...) is the part of a
    thing owned (a drawing, a doll, a watch). A face's parts are never in one's own
    (other) body parts; "the skin on mine" (my hands) or "the veins in mine" keep the
    body, as their words are not `whole_parts`."""
    if r.low[i] not in r.s.whole_parts or i + 2 >= len(r.doc):
        return False
    return r.low[i + 1] in ("in", "on") and r.low[i + 2] in r.s.standing_pronouns


#: places on a thing's part: "gone white ON the arms", "worn AT the legs"
_ON_A_PART = frozenset({"on", "at", "along", "round", "around", "across"})


def _on_the_things_part(r: Reader, i: int) -> bool:
    """ "The leather chair in my unit has gone white ... on THE ARMS": a body word after
    "the" (no owner) and a place word, in a clause that names a made thing before it
    and no body or treatment word: the thing's part ("arms" of a chair, "legs" of a
    table). "I've gone white on the arms" (the writer, no thing) keeps the body."""
    if i < 2 or r.low[i - 1] != "the" or r.low[i - 2] not in _ON_A_PART:
        return False
    thing = False
    for k in range(i - 3, -1, -1):
        if not r.same(k, i):
            break
        if k in r.body or r.low[k] in r.s.person_words:
            return False
        thing = thing or r.kind(k) == "thing"
    return thing


def _figurative(r: Reader, matches: list[Match]) -> None:
    """The message-wide step (``figurative``): a sign used figuratively in a
    message that names no treatment, body part or other symptom."""
    if onset_in(r, range(len(r.doc))):
        return  # "when it started": an event that began, told by the one it happened to
    figs = figurative.load_figures()
    parts = {
        i
        for name in figs.part_functions
        for a, b in r.found.get(f"FN|{name}", [])
        for i in range(a, b)
        if not part_of_a_thing(r, i) and i not in r.in_idiom
    }  # the body word of an idiom names no body ("my heart stopped when the shelf collapsed")
    parts -= _anyones_parts(r, parts)
    ctx = figurative.Context(figs, r.doc, r.found, parts)

    def is_person(j: int) -> bool:
        return 0 <= j < len(r.doc) and (
            r.doc[j].lower_ in r.s.person_words or r.doc[j].lower_ in FIRST_PERSON_BE
        )

    def subject(m: Match) -> int | None:
        kind, i = r.subject_before(m.start)
        low = r.doc[i].lower_ if i >= 0 else ""
        if kind != "person" or low in _OBJECT_PRONOUNS:
            return None  # "the view left ME breathless": the view is the subject
        if low in r.s.person_words or wordnet.classes(low, 1)[:1] == (18,):
            return i  # "my dad", "she", "the ref"
        return None  # a body part or function ("my vision") is not a person

    figurative.apply(figs, ctx, r.doc, matches, is_person, subject)


_PLACE_WORDS = frozenset(
    {"in", "on", "onto", "into", "at", "under", "over", "near", "by", "across"}
)


def _thing_with_body_as_place(r: Reader, m: Match) -> str:
    """A thing is the sign's own subject ("the shelf collapsed", "the stool has
    collapsed") and the body parts of its clause all come after the sign as a place
    after a preposition ("... in my hand", "... on someone's foot"): where the thing
    was or might land, not a body with the sign."""
    start, end = m.start, m.end
    kind, i = r.subject_before(start)
    if kind != "thing" or _named_owner(r, i) or _person_does_function(r, m):
        return ""
    low = r.low
    if any(low[k] in r.s.first_person or low[k] in r.s.person_words for k in range(i + 1, start)):
        return ""
    placed = []
    for g in r.guards:
        if start <= g < end or r.clause[g] != r.clause[start]:
            continue
        if g < end or g not in r.body:
            return ""
        k = g - 1
        while k > end and (
            low[k] in r.s.owners
            or low[k] in r.s.articles
            or low[k] == "'s"
            or low[k] in r.s.person_words
        ):
            k -= 1
        if low[k] not in _PLACE_WORDS:
            return ""
        placed.append(g)
    if not placed:
        return ""
    if any(low[k] in _NEW_CLAUSE for k in range(end, min(placed))):
        return ""  # "the tap is leaking AND so is the cut on my lip": a new subject
    return f"'{r.doc[i].text}' is a thing; '{r.doc[placed[0]].text}' is only a place"


def _first_subject(r: Reader, i: int) -> tuple[str, int]:
    """The subject that opens the sentence of ``i``, before it (articles skipped; a
    first-person or person word is a person): ("person"|"thing"|"", index)."""
    for j in sentence(r, i):
        if j >= i:
            break
        low = r.low[j]
        if low in r.s.articles or not r.doc[j].is_alpha:
            continue
        if low in r.s.first_person or low in r.s.person_words:
            return "person", j
        kind = r.kind(j)
        return (kind, j) if kind in ("person", "thing") else ("", j)
    return "", -1


#: a verb right after one of these, with no subject of its own, shares the one before
_SHARED_SUBJECT = frozenset({"but", "and"})
_NEW_CLAUSE = frozenset({"and", "but", "so", "while", "or", "then", "also", "too"})
_OBJECT_PRONOUNS = frozenset({"me", "him", "us", "them", "you", "u", "ya"})
_GENERIC_OWNERS = frozenset({"your", "ur", "yr"})


def _anyones_parts(r: Reader, parts: set[int]) -> set[int]:
    """Parts owned by the generic "your" ("you can feel it on your skin", "hot enough to
    make your tongue tingle") in a message that names no person but "you" (no "I", "we",
    "my son", "she"): anyone's body, not a report's part."""
    low = r.low
    others = r.s.person_words - {"you", "u", "ya"}
    if any(w in r.s.first_person or w in others for w in low):
        return set()
    return {i for i in parts if i > 0 and low[i - 1] in _GENERIC_OWNERS}


#: signs never put down to nerves: "so anxious I can't breathe" is told as breathing trouble
_AIRWAY = frozenset({"breathing_difficulty", "throat_swelling"})


def _why_not(r: Reader, m: Match) -> str:
    words = sorted(m.words())
    if words and all(i in r.in_idiom for i in words):
        return "an idiom"
    if m.tokens is not None and any(i in r.in_idiom and i in r.perceiving for i in words):
        return "an idiom"  # a pair whose function word is an idiom's ("took my breath away")
    start, end = m.start, m.end
    named = [i for i in words if i in r.body]
    if named and all(r.in_name(i) for i in named) and not r.treated:
        return f"'{r.doc[named[0]].text}' is part of a name"  # "a blue North Face jacket"
    bearer = (
        hyperbole(r, m)
        or fright_at_news(r, m)
        or compound_word(r, m)
        or body_as_verb(r, m)
        or dislike(r, m)
        or non_human(r, m)
        or animal_pronoun(r, m)
        or weather(r, m)
        or picture_colour(r, m)
        or thing_acquired(r, m)
        or habitual(r, m)
        or people_at_large(r, m)
        or taste(r, m)
        or food_declined(r, m)
        or unfit_to_have(r, m)
        or flavour(r, m)
        or state_compound(r, m)
        or intensifier(r, m)
        or from_a_thing(r, m)
        or pronoun_for_a_thing(r, m)
        or things_tried(r, m)
        or world_limited(r, m)
        or thrill(r, m)
        or character_in_work(r, m)
        or schoolwork(r, m)
        or chosen(r, m)
        or picked_out(r, m)
        or object_of_a_thing(r, m)
        or pigment(r, m)
        or thing_blind_spot(r, m)
        or spot_on_a_thing(r, m)
        or substance_on_a_thing(r, m)
        or lid_of_a_thing(r, m)
        or device_voice(r, m)
        or standing_sense(r, m)
        or faint_print(r, m)
        or faint_read(r, m)
        or fall_in_play(r, m)
        or then_of_a_thing(r, m)
        or thing_has_mark(r, m)
        or thing_has_growth(r, m)
        or in_a_picture(r, m)
        or likeness_compound(r, m)
        or state_of_a_thing(r, m)
        or thing_before_place(r, m)
        or thing_fever(r, m)
        or hasty(r, m)
        or film_on_food(r, m)
        or degree_of_a_thing(r, m)
        or mouthfeel(r, m)
    )
    if bearer:
        return bearer
    done = done_to_a_thing(r, m)
    if done:
        return done
    split = pair_split(r, m)
    if split:
        return split
    if depicted_object(r, start):
        return "what a depiction shows"  # "the kids drew a purple face"
    if titled(r, start, end):
        return "the title of a work"  # "a cover of 'Fever'", "the original of fever"
    if product_bought(r, start, end):
        return "the name of a product bought"  # "ordered a rash guard"
    bought = body_word_bought(r, m)
    if bought:
        return bought  # "the bouncing eyeball I bought has gone cloudy"
    if emotion_cause(r, start, end, nerves=m.sign not in _AIRWAY):
        return "an emotion is the cause"
    if moved_to_tears(r, m):
        return "being moved is the cause (a lump in the throat)"
    if breath_held(r, m):
        return "a breath held on purpose is the cause"  # "my face turns blue holding my breath"
    if strained_eyes(r, m):
        return "eyes strained by a long spell of close looking"
    if illness_cause(r, m):
        # "he's got a stinking cold ... gone croaky", "been yodelling nonstop ... hoarse"
        return "an illness or the voice's own use named is the cause"
    other = (
        someone_else(r, start)
        or strangers_function(r, m)
        or many_people(r, words, start, end)
        or named_by_state(r, start, end)
        or passing(r, m)
    )
    if other:
        return other
    framed = framed_by(r, start, end, m.tokens)
    if framed:
        return framed
    seen_through = (
        obscured(r, m.sign, start, end)
        or blur_of_another_sense(r, m)
        or gear_over_eyes(r, m.sign, start, end)
        or names_a_thing(r, start, end)
        or shared_view(r, m.sign, start, end)
        or device_picture(r, m.sign)
        or so_that_unseen(r, m.sign, start)
        or seen_out_of_thing(r, m.sign, start, end)
    )
    if seen_through:
        return seen_through
    if m.sign in r.s.obscured_signs and print_size(r, m):
        return "a size of print"  # "can't see normal print anymore", "... the print is so small"
    if person_perceives(r, start, lambda i: figurative_body(r, i)):
        return ""  # "I can't read my screen, it's like being underwater"
    if m.sign in r.s.colour_signs and shade_of_thing(r, start, end):
        return "the colour of a thing"  # "a dusky pink sunrise", "off a white wall"
    if chosen_look(r, start, end):
        return "a look asked for"  # "I'd like my nails dark red with white tips"
    if many_on_a_thing(r, start, end):
        return "'a rash of' is many, on a thing"  # "a rash of dents across the bonnet"
    series = series_of(r, start, end)
    if series:
        return series  # "a rash of break-ins on our road"
    if m.sign in r.s.colour_signs:
        marked = marks_on_a_thing(r, start, end) or ordinary_cause(r, start, end)
        if marked:
            return marked
        if measured_against(r, m):
            return "a thing's colour measured against the body"  # "too dark for my skin tone"
        if skin_type(r, m):
            return "a kind of skin a thing is chosen for"  # "a blush that suits fair skin"
    if m.sign in r.s.obscured_signs and printed_in(r, start, end):
        return "the colour something is printed in"  # "written in faint blue letters"
    body = [i for i in words if i in r.body and i not in r.likened]
    if body and all(r.compound_modifier(i) for i in body):
        return f"'{r.doc[body[0]].text} {r.doc[body[0] + 1].text}' names a kind of thing"
    if m.sign in r.s.obscured_signs and pictured(r, start, end):
        return "a body part a picture shows"  # "my face photo is blurry": the photo is
    shown = screened(r)
    if (body and all(i in shown for i in body)) or (
        not body and any(i + 2 in shown for i in words)
    ):
        return "a body part shown on a screen"  # "the video app keeps freezing my face"
    if body:
        if all(figurative_body(r, i) for i in body):
            return "a body word naming part of a thing"
        if any(
            r.kind(i) == "person"
            and r.is_part(i)
            and r.low[i] not in r.s.perceived_skip
            and not _doing_word(r, i)
            for i in body
        ):
            return ""  # a body part ("my eye"), not only a function ("breathing", "any air")
        kind, i = r.subject_before(start)
        first = body[0]
        if (
            kind == "thing"
            and 5 in wordnet.classes(r.low[i], 1)
            and first in (start, start + 1)
            and first > 0
            and r.low[first - 1] in _PERSON_OWNERS
        ):
            return ""  # "walking the dog MY VISION went double": an animal owns no one's vision
        if kind == "thing" and (_named_owner(r, i) or _person_does_function(r, m)):
            return ""  # "why is Sam's voice so hoarse since the filler": a person named
        return f"'{r.doc[i].text}' is a thing" if kind == "thing" else ""
    part = _part_of_a_thing_before(r, start, end)
    if part:
        return part  # "the table leg collapsed"
    placed = _thing_with_body_as_place(r, m)
    if placed:
        return placed
    if (
        r.clause_has(r.guarded, r.guards, start, end)
        and not _things_parts_only(r, start, end)
        and not _body_only_as_source(r, start, end)
    ):
        thing = _thing_subject_first(r, start)
        if thing:
            return f"'{thing}' is a thing"  # "the tank leaks ..., eyes watering": the tank's
        return ""  # the clause names the body or the treatment
    giver = given_by(r, start)
    if giver:
        return giver
    symptoms = r.clause_has(r.knowing, r.symptom_words, start, end)  # another sign or symptom word
    # ... beyond the words that only link ("looks", "won't"): a thing's place may still decide
    linked = symptoms and not _other_symptom(r, start, end)
    linked = linked and not any(  # "suddenly", "since"; not the sign's own word ("blurry")
        t.lower_ in r.s.sight_onset for t in r.doc if not start <= t.i < end
    )
    nxt = r.doc[end].lower_ if end < len(r.doc) else ""
    if not symptoms and nxt in r.s.about_words and r.noun_after(end + 1, start, r.s.after_classes):
        return "about a thing"  # "confusion about the form", "seizure of goods"
    perceives = any(i in r.perceiving for i in words)  # "can't see the road" is about sight
    if (
        not (symptoms and not _only_asked_after(r, start, end))
        and not perceives
        and nxt in r.s.object_words
        and r.noun_after(end + 1, start, r.s.thing_classes)
    ):
        return "done to a thing"  # "slurring the lyrics", "choking the city"
    short = end - start <= 2 and r.doc[end - 1].lower_ not in r.s.skip_words
    if short and r.noun_after(end, start, r.s.after_classes, det=False):
        return "describes a thing"  # "a wheezing boiler", "a stroke technique"
    if r.doc[start].lower_ == "it" and in_weather(r, start, end):
        return "the weather"  # "it's roasting in this heat"
    kind, i = r.subject_before(start)
    if kind == "" and i >= 0 and i == start - 1 and r.low[i] in _SHARED_SUBJECT:
        # a verb with no subject of its own after "but"/"and": the first clause's subject
        # ("I was fine but collapsed in the kitchen"; "the bagels look fine but collapse")
        kind, i = _first_subject(r, i)
        if kind == "thing" and (r.treated or _named_owner(r, i) or _person_does_function(r, m)):
            kind = "person"  # (a message that names the treatment keeps its reading)
    if kind == "person":
        return ""
    if kind == "thing" and not _named_owner(r, i) and not _person_does_function(r, m):
        return f"'{r.doc[i].text}' is a thing"
    if any(
        0 <= k < len(r.doc) and r.doc[k].lower_ in r.s.owners and r.doc[k].lower_ not in _NOT_OWN
        for k in (start - 1, start)
    ):
        return ""  # "my temperature is 39 degrees on holiday": a person's own, not a thing's
    if start > 0 and r.doc[start - 1].lower_ in r.s.choice_words:
        return "a kind chosen among others"
    if symptoms and (perceives or not linked):
        return ""  # "can't see the words on my laptop" is about sight
    if nxt in r.s.weather_places and r.doc[i].lower_ == "it":
        return "the weather"  # "it feels stifling outdoors"
    if nxt in r.s.placement_words and r.noun_after(end + 1, start, r.s.thing_classes):
        return "placed on a thing"  # "everything looks wavy on my second screen"
    return ""


def _body_only_as_source(r: Reader, start: int, end: int) -> bool:
    """Every body word of the sign's clause outside it comes after it as where the state
    came from, "from" up to three words before it: "the folds look all blotchy FROM MY
    SWEATY HANDS" (the hands made the blotches; the folds bear them)."""
    if r.treated:
        return False  # "... not sharp since I came back from your clinic": the treatment's
    guards = [i for i in range(end, len(r.doc)) if i in r.guards and r.same(i, start)]
    if not guards or any(i in r.guards and r.same(i, start) for i in range(0, start)):
        return False
    if not all(i in r.body for i in guards):
        return False
    if any(w in ("to", "down", "up", "across", "into", "till", "until") for w in r.low[end:]):
        return False  # "the mask looks blotchy from my cheek down to my neck": a stretch of skin
    return all("from" in r.low[max(end, i - 3) : i] for i in guards)


def _things_parts_only(r: Reader, start: int, end: int) -> bool:
    """Every body word of the clause outside the sign names a thing's part ("my
    workbench collapsed, legs just folded": ``figurative_body``), in a message that
    names no treatment: no person's body is in the clause."""
    if treatment_named(r):
        return False
    others = [g for g in r.guards if r.same(g, start) and not start <= g < end]
    return bool(others) and all(figurative_body(r, g) for g in others)


def _part_of_a_thing_before(r: Reader, start: int, end: int) -> str:
    """ "the tripod leg collapsed", "the sofa arm has collapsed": the sign's subject is
    a body word that names a thing's part (a thing right before it: ``figurative_body``),
    the clause's only body word, in a message that names no treatment ("my leg
    collapsed", "the leg collapsed under me after the filler" stay)."""
    kind, i = r.subject_before(start)
    if kind != "person" or i not in r.body or treatment_named(r):
        return ""
    if any(j != i and r.same(j, start) and not start <= j < end for j in r.guards):
        return ""  # another body word in the clause
    if not figurative_body(r, i):
        return ""
    return f"'{r.doc[i - 1].text} {r.doc[i].text}' is part of a thing"


def _only_asked_after(r: Reader, start: int, end: int) -> bool:
    """Every other sign or symptom word of the clause is in a question opened after a
    comma past the sign ("the hedge is choking the fence, how hard can I cut it"):
    the question asks about the thing, it adds no symptom."""
    others = [i for i in r.symptom_words if r.same(i, start) and not start <= i < end]
    return bool(others) and all(i >= end and asked_after(r, start, i) for i in others)


def _named_owner(r: Reader, i: int) -> bool:
    """ "Sam's voice" in a message that names the treatment: a word read as a thing
    ("sam" is a missile in WordNet), written with a capital and owning a body part or
    function with "'s", is a person the writer reports for, once the treatment is named."""
    if i + 1 >= len(r.doc) or r.doc[i + 1].lower_ not in ("'s", "’s", "s"):
        return False
    if not (r.doc[i].is_alpha and r.doc[i].is_title):
        return False  # a name is written with a capital ("our hamster's eyes" is no person)
    if i > 0 and (r.doc[i - 1].lower_ in r.s.articles or r.doc[i - 1].lower_ in r.s.owners):
        return False  # a name takes no article nor owner ("the Hamster's")
    return treatment_named(r)


#: a person who does a function: the subject pronoun just before the function word
_DOERS = frozenset({"i", "she", "he", "they", "we", "you", "u"})
#: words that may stand between the doer and the function ("when I TRY TO swallow")
_DOER_FILLERS = frozenset({"try", "tries", "tried", "to", "go", "goes", "can", "ca", "do", "does"})


def _thing_subject_first(r: Reader, start: int) -> str | None:
    """The sign's verb comes right after a thing that is its subject (or its state after
    "is", "was"), and the clause names the body only after the sign: "the tank leaks every
    night ..., eyes watering from the smell" (the leak is the tank's; the eyes are a later
    item), "the coffee was burning hot and spilled on my hand". A body word before the
    sign, or the treatment anywhere, keeps the sign."""
    if r.treated or start == 0:
        return None
    kind, i = r.subject_before(start)
    verb = i + 1
    while verb < start and r.low[verb] in _THING_LINKS:
        verb += 1  # "the coffee WAS SO burning hot ... on my hand": the coffee's heat
    if kind != "thing" or verb != start or _named_owner(r, i) or r.low[i].endswith("ing"):
        return None
    shared = range(start, min(len(r.doc) - 1, start + 12))
    if any(r.low[k] in ("so", "as") and r.low[k + 1] in _SHARED_VERBS for k in shared):
        return None  # "the tap is leaking and SO IS the cut on my lip": the lip's too
    if any(g < start and r.same(g, start) for g in r.guards):
        return None
    k = i - 1
    while k >= 0 and (
        r.low[k] in ("-", "–")
        or (r.doc[k].is_alpha and r.low[k] not in _INDEFINITE and wordnet.is_mainly_noun(r.low[k]))
    ):
        k -= 1  # the run of nouns: "the ball pump valve leaks", "a rice-grain bump"
    if k >= 0 and r.low[k] in _INDEFINITE:
        return None  # "a rice-grain bump", "a pulsing ache": a noun that describes the sign's
    return str(r.doc[i].text)


_INDEFINITE = frozenset({"a", "an", "one", "another"})
#: a predicate shared with what comes after: "... and so IS the cut on my lip"
_SHARED_VERBS = frozenset({"is", "are", "was", "were", "does", "do", "did", "has", "have"})
#: the link between a thing and its state: "the coffee WAS burning hot"
_THING_LINKS = frozenset({"is", "was", "'s", "s", "are", "were", "so", "too", "really", "very"})


def _person_does_function(r: Reader, m: Match) -> bool:
    """A function paired with its state, done by a person inside the sign's own words:
    "tablets get stuck when she swallows", "the bread catches when I try to swallow".
    What is swallowed is a thing by nature; the one who swallows is the person."""
    if m.tokens is None:
        return False
    for f in m.tokens:
        if f not in r.perceiving:
            continue
        k = f - 1
        while k > m.start and r.doc[k].lower_ in _DOER_FILLERS:
            k -= 1
        if k >= m.start and r.doc[k].lower_ in _DOERS:
            return True
    return False


#: owners that are not the writer's nor someone the writer speaks for
_NOT_OWN = frozenset({"your", "mine"})
#: the owners that name a person (not "its", not "your": the one written to)
_PERSON_OWNERS = frozenset({"my", "her", "his", "our", "their"})


def _other_symptom(r: Reader, start: int, end: int) -> bool:
    """The clause of ``start`` holds a sign or symptom word outside ``start:end``
    that is not one of the linking ``skip_words`` ("it looks blurry", "won't")."""
    return any(
        i in r.symptom_words and r.doc[i].lower_ not in r.s.skip_words
        for i in range(len(r.doc))
        if r.same(i, start) and not start <= i < end
    )


def _pronoun_only(r: Reader, m: Match) -> bool:
    """The sign was read as done to a thing only by a pronoun ("draining out of IT"), in a
    sentence that names no thing: the pronoun stands for what the sentence is about (a
    lump, a spot), so nothing named is there for the other signs to be said of."""
    if not done_to_a_thing(r, m):
        return False
    span = sentence(r, m.start)
    return not any(r.kind(i) == "thing" and not r.is_time(r.doc[i].lower_) for i in span)


def _doing_word(r: Reader, i: int) -> bool:
    """ "swallowing", "breathe": a function's word that WordNet knows only as a verb (an
    -ing form, or a verb lemma that is no noun), not a part one has ("the drain is
    SWALLOWING water slowly", "the fire can't BREATHE properly")."""
    low = r.low[i]
    if wordnet.is_mainly_noun(low):
        return False
    return low.endswith("ing") or (wordnet.is_verb(low) and wordnet.lemma(low) is None)


_IT_SUBJECTS = frozenset({"it", "its", "they", "theyre", "they're"})
_BE_OR_HEDGE = frozenset({"'s", "s", "'re", "re", "is", "was", "are", "were", "just", "kinda"})


def _after_a_thing(r: Reader, m: Match, things: list[Match], span: range) -> bool | None:
    """A sign that follows, in its sentence, one said of a thing and goes on about that
    thing (True), or None (the sentence-wide reading decides). Either a simile opened
    after the thing's sign, with no body word or person in it but "it" or "they" ("we
    saw a tree where the bark was blistered, almost like a rash", "a wheezing sound
    when I accelerate, like it's struggling to breathe"): whoever else the sentence
    names, the simile pictures the thing; or a sign whose subject is "it" or "they" with
    no person or body word since the thing's sign ("my pc is breathing heavy, the fan
    goes crazy and it gets hot"; "the temple looks grey and she says it's agony" stays)."""
    before = [t for t in things if t.end <= m.start and span.start <= t.start]
    if not before or any(
        i in r.body and wordnet.is_mainly_noun(r.low[i]) and r.is_part(i) for i in m.words()
    ):
        return None  # "... and my eye went blurry" names a body part itself
    last = max(before, key=lambda t: t.end)
    between = range(last.end, m.start)
    if any(i in r.guards for i in between):
        return None  # a body word between: "... and my lips went blue"
    opener = _simile_opener(r, between)
    if opener >= 0:
        tail = range(opener + 1, m.start)
        if not any(r.low[i] in r.s.person_words and r.low[i] not in _IT_SUBJECTS for i in tail):
            return True
    if _it_subject(r, m) and not any(r.low[i] in r.s.person_words for i in between):
        return True
    return None


def _simile_opener(r: Reader, between: range) -> int:
    """The last "like" (or "as if", "as though") in ``between`` that the sign follows in
    one run of words (no comma after it), or -1."""
    for i in reversed(between):
        if not r.doc[i].is_alpha and r.low[i] not in _BE_OR_HEDGE:
            return -1
        if r.low[i] in r.s.simile_openers or (
            r.low[i] in ("if", "though") and i > 0 and r.low[i - 1] == "as"
        ):
            return i
    return -1


def _it_subject(r: Reader, m: Match) -> bool:
    """The sign's subject is "it" or "they": the sign starts with it ("it gets hot"),
    or it stands right before the sign, over a "be" or a hedge ("like it's
    struggling to breathe", "its struggling"); not an "it" that stands for nothing
    ("it's hard to breathe")."""
    low = r.low
    words = range(m.start, m.end)
    if any(low[k] == "to" and k > m.start and not low[k - 1].endswith("ing") for k in words):
        return False  # "it was hard TO breathe": "it" stands for nothing, the breathing is hard
    if low[m.start] in _IT_SUBJECTS:
        return True
    j = m.start - 1
    while j >= 0 and j > m.start - 3 and low[j] in _BE_OR_HEDGE:
        j -= 1
    return j >= 0 and r.same(j, m.start) and low[j] in _IT_SUBJECTS


def _viewer_only(r: Reader, m: Match, span: range, inside: set[int]) -> bool:
    """ "the monitor went black and I can't see anything": a sight sign after a
    thing's sign in its sentence, whose only person is the one looking, right before
    it ("I"), with no body part, other person or word of `sight_onset` in the
    sentence: what there is to see went, not sight."""
    if m.sign not in r.s.obscured_signs or not any(span.start <= i < m.start for i in inside):
        return False
    for i in span:
        if m.start <= i < m.end:
            continue
        low = r.doc[i].lower_
        if i in r.guards or low in r.s.sight_onset or body_noun(low):
            return False
        if low in r.s.person_words and not (i == m.start - 1 and low in r.s.first_person):
            return False
    return True


def _owned_body_noun(r: Reader, i: int) -> bool:
    """A person's own body part named by a word the vocabulary has no function for:
    "inside MY SKULL", "her SPINE" (an owner right before a noun whose first WordNet
    sense is a body part)."""
    return (
        i > 0
        and r.low[i - 1] in _PERSON_OWNERS
        and r.doc[i].is_alpha
        and wordnet.is_mainly_noun(r.low[i])
        and wordnet.classes(r.low[i], 1)[:1] == (8,)
    )


def _devices_seen(r: Reader) -> list[Match]:
    """A device's picture told as unclear, which the rules already set aside (an exclude of a
    sight sign that opens on a thing's word: "the night vision on my camera is blurry"): a sign
    said of a thing, as one the subject step marked, for what follows it in the sentence."""
    thing_words = {
        i for name in r.vocab_things for s, e in r.found.get(f"FN|{name}", ()) for i in range(s, e)
    }
    out = []
    for sign in sorted(r.s.obscured_signs):
        for s, e in r.found.get(f"X|{sign}", ()):
            if s not in thing_words:
                continue  # the device the subject: "my CAMERA is blurry" ("can't see the tv" stays)
            # from the first word of the thing in its clause: "the NIGHT VISION on my camera"
            first = min(i for i in thing_words if i <= s and r.clause[i] == r.clause[s])
            out.append(Match(sign=sign, start=first, end=e, term=False, status="thing"))
    return out


def _same_thing(r: Reader, matches: list[Match]) -> None:
    """A sign in the sentence of one said of a thing, with no person or body in it,
    says more of the same thing: "my screen went blurry, like looking through
    steam", "camera night vision is all grey and blurry"."""
    things = [m for m in matches if m.status == "thing" and not _pronoun_only(r, m)]
    things += _devices_seen(r)
    if not things:
        return
    inside = {i for t in things for i in range(t.start, t.end)}
    with_thing = {sentence(r, t.start).start for t in things}
    personal: dict[int, bool] = {}  # sentence start -> a person or an own body part in it
    for m in matches:
        if m.status != "counted" or rank(m.level) <= rank("none"):
            continue
        span = sentence(r, m.start)
        if span.start not in with_thing:
            continue
        after = _after_a_thing(r, m, things, span)
        if after is not None:
            if after and not r.treated:
                m.status = "thing"
                m.note = "(said of something else: the thing named before it)"
            continue
        if any(i in r.body for i in m.words()):
            continue  # "my speech is slurred" names the body itself
        if span.start not in personal:
            personal[span.start] = any(
                (i in r.guards and (i not in inside or r.is_part(i) or owned(r, i)))
                or r.doc[i].lower_ in r.s.person_words
                or _owned_body_noun(r, i)
                for i in span
            )
        if m.start in inside and not any(i in r.guards for i in m.words()):
            pass  # it starts on a word already said of the thing: "jokes so bad they hurt, ..."
        elif personal[span.start] and not _viewer_only(r, m, span, inside):
            continue
        if r.treated or (treatment_named(r) and r.guards):
            continue  # a bare time names the treatment only with a body word in the message
            # ("the smell is still there on day 4" names neither)
        m.status = "thing"
        m.note = "(said of something else: the thing named before it)"
