"""Round 27's work, by meaning: the skin around an eye named without a side ("round my
eyes", "next to her eye", "under the eye") is a place on the face; swelling growing
round the mouth is the face's swelling growing; a bruise told with a healing colour
("purple-yellow", "blue and green") in the first week is a bruise, while a colour with
no bruise named, with pain and spreading, or past the first week keeps its level.

Written in our own words (the round's sets are in tests/blind, never copied here).
"""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text, level, anchor",
    [
        # the skin around an eye, with or without a side: a place on the face
        ("the swelling round my eyes is getting bigger", "urgent", "skin"),
        ("the skin next to her eye went white and cold an hour ago", "emergency", "skin"),
        ("a grey patch under the eye since this morning's jabs", "emergency", "skin"),
        # the eye itself stays the eye
        ("everything looks blurry out of my left eye", "emergency", "eye"),
        # swelling growing round the mouth is the face's swelling growing
        ("the swelling round my mouth is getting bigger", "urgent", "mouth"),
    ],
)
def test_places_on_the_face(text, level, anchor):
    a = triage.assess(text)
    assert a.level == level
    assert anchor in a.anchors


@pytest.mark.parametrize(
    "text, level",
    [
        # a bruise named with a healing colour within the first week: a bruise (past it,
        # the colour keeps its level: tests/test_triage_round21_calm.py)
        ("the bruise under my right eye is purple and yellow, day 2", "none"),
        ("the bruise on my jaw is blue and green now, day 3", "none"),
        ("yellowy purple bruise on my cheek, day 2, not sore", "none"),
        # no bruise named, or a colour with pain and cold: the colour keeps its level
        ("the patch on my cheek is purple-yellow, day 1", "emergency"),
        ("the bruise went purple and the skin round it is white and cold, day 1", "emergency"),
    ],
)
def test_a_bruise_told_with_a_healing_colour(text, level):
    assert triage.assess(text).level == level


@pytest.mark.parametrize(
    "text, level",
    [
        # a thing's glare or fumes make eyes sting: blamed on it, no report
        (
            "the disinfectant was so strong my daughter's eyes were red and stinging all evening",
            "none",
        ),
        # two degrees of one thing ("so hot and stuffy") still have their result clause
        ("the church hall was so hot and stuffy that my dad felt faint", None),
        # the eye's pain with no thing to blame, the treatment named, or sight going keeps its level
        ("it's so bright my eyes hurt since the jabs", "emergency"),
        (
            "the room was so smoky my eyes hurt and now I can't see properly out of the left one",
            "emergency",
        ),
    ],
)
def test_eyes_stinging_from_a_things_glare_or_fumes(text, level):
    assert triage.assess(text).level == level


@pytest.mark.parametrize(
    "text, level",
    [
        # a smell needs the skin, a mark, a symptom or the treatment: an eye or a limb alone
        # says a smell of something else
        ("the wardrobe has an eye-watering damp smell, how do I get rid of it", None),
        # (since round 57 the feet's itch is no itch of the treated face either: no level)
        ("the leather of my new boots stinks of chemicals and my feet itch", None),
        ("one of the needle marks smells kind of off, day 4", "urgent"),
        ("a bad smell is coming from near my eye since the jabs", "urgent"),
        # numbness or tingling of a limb is weakness; an itch is not
        ("my feet itch like mad tonight", None),
        ("my left arm went numb and tingly an hour after the session", "emergency"),
        ("one side of my face is itchy, day 1", "none"),
        ("one side of my face has gone numb and droops", "emergency"),
    ],
)
def test_a_smell_of_the_skin_and_a_limbs_numbness(text, level):
    assert triage.assess(text).level == level


@pytest.mark.parametrize(
    "text, level",
    [
        # nothing as what is seen is a loss of sight, not a denial
        ("woke up today and out of my right eye I see nothing, just black", "emergency"),
        ("my sister sees nothing from her left eye since the skin booster", "emergency"),
        ("I see nothing wrong with my eyes, just a bit puffy, day 1", "none"),
        # "funny" after a verb of feeling is the part's state, not a joke that makes one breathless
        ("after her jabs my nan's voice is hoarse and her throat feels funny too", "emergency"),
        ("that meme was so funny I can't breathe", None),
        # a language spoken is a skill, not speech going wrong
        (
            "writing for my dad who doesn't speak English: his cheeks are a bit red and "
            "swollen, day 1",
            "none",
        ),
        ("my dad can't speak properly since the injections, his words are slurred", "emergency"),
        # a list of functions said to be normal together
        (
            "day 2 after the chin fat injections, it's less sore than yesterday and I can eat, "
            "drink and swallow completely normally",
            "none",
        ),
        ("day 2 after the chin fat injections and it hurts to swallow", "urgent"),
    ],
)
def test_round_27_misses_by_meaning(text, level):
    assert triage.assess(text).level == level
