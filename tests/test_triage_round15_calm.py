"""Round 15: expected effects kept calm and pus told as matter in the marks, fixed by meaning.
Sentences written here, none taken from an evaluation set. Each row is a message and the level
it must get; the real-report rows next to each calm one must keep their level.
"""

from __future__ import annotations

import pytest

from bot.triage import assess

ROWS: list[tuple[str, str | None]] = [
    # pus told as a coloured matter held in the marks ("gunk", "goo", "muck" in the holes)
    (
        "a couple of the needle holes have yellowish muck inside them and they're sore, day 3",
        "urgent",
    ),
    ("the spots have got creamy goo in them since yesterday", "urgent"),
    ("there's whitish gunk in some of the marks from my meso", "urgent"),
    ("white stuff oozing from the marks", "urgent"),
    ("there's white gunk in the sink drain again, can you recommend a cleaner", None),
    ("the numbing cream left white stuff in the tube", None),
    # a list of denials that names the lips (or the tongue) with an owner keeps every item denied
    (
        "my sister's cheeks are itchy after her jabs today. no hives, no swelling of her tongue "
        "or anything, swallowing fine",
        "none",
    ),
    (
        "no swelling of the lips or throat, no rash, just itchy where the needles went, day 1",
        "none",
    ),
    ("my lips are swelling, no rash", "urgent"),
    # a slight change in puffiness in the first 72 hours is the expected course; growth after
    # 72 hours is swelling still growing (urgent), whatever its size
    ("I'm slightly puffier on day 2 than on day 1 under my eyes, sight is fine", "none"),
    ("it's a little more swollen today than yesterday, day 1 after meso, vision fine", "none"),
    ("the swelling round my eyes is bigger on day 5 than day 4", "urgent"),
    ("the swelling is a bit bigger on day 4 than day 3", "urgent"),
    ("my face is much puffier on day 2 than day 1 after the meso", "urgent"),
    # a small bruise at a needle point near the eye in the first days, sight said to be fine
    (
        "a tiny purple dot near my eye where the needle went in, 4 days now, "
        "sight is fine, no pain",
        "none",
    ),
    ("a blue-grey patch spreading near my eye", "emergency"),
    ("a small blue mark near my eye from the needle on day 9", "emergency"),
    # a list of lay denials: the "ok" after a comma is the next part's, not the eyes'
    (
        "nothing odd with my eyes, breathing fine, skin a normal colour, only redness from "
        "today's meso",
        "none",
    ),
    (
        "nothing strange about my vision, swallowing ok, just tender bumps from "
        "this morning's jabs",
        "none",
    ),
    ("my eyes are weird and blurry", "emergency"),
    ("nothing weird with my breathing since the jabs, but my eyes are blurry", "emergency"),
]


@pytest.mark.parametrize(("text", "level"), ROWS)
def test_each_message_gets_its_level(text: str, level: str | None) -> None:
    a = assess(text)
    assert a.level == level, a.reasons


# Fainting told in non-native English or as a fall where the person was; an eyelid that
# no longer lifts fully, or looks heavy on one side only.
FAINT_AND_LID = [
    ("my aunt lost the conscious for some seconds after the jabs", "emergency"),
    ("he loose consciousness in the car on the way home", "emergency"),
    ("she fell down in the kitchen after her treatment and is very pale", "emergency"),
    ("my upper lid won't open all the way on the left since yesterday", "emergency"),
    ("one eyelid looks sleepy on one side since the session", "emergency"),
    ("my laptop lost the connection again", None),
    ("I look sleepy in every photo", None),
]


@pytest.mark.parametrize("text,expected", FAINT_AND_LID)
def test_fainting_and_a_lid_that_will_not_lift(text, expected):
    assert assess(text).level == expected


# A denied pair that spans a comma ("no pain, eyes ..." read as 'pain, eyes') ends at the
# comma: an emergency state said after it is a new report, not an item of the denial.
DENIAL_ENDS_AT_COMMA = [
    ("no pain, eyes blurry since the meso", "emergency"),
    ("nothing odd with my ears, eyes blurry since the meso", "emergency"),
    ("no pain, eyes fine, just a bit red", "none"),
    ("no pain, vision changes or breathing issues", None),
]


@pytest.mark.parametrize("text,expected", DENIAL_ENDS_AT_COMMA)
def test_a_denial_ends_at_the_comma_of_its_pair(text, expected):
    assert assess(text).level == expected
