"""Round 39's misses, read by meaning after its one blind run (the round's sets are in
tests/blind, never copied here: each reading is written anew, with the counter-cases
that must keep their level)."""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text, level",
    [
        # fainting and the room going round in non-native words
        ("after the injection I feel like to faint", "emergency"),
        ("the room is going round and round since the vitamins", "emergency"),
        ("everything turned around for us after we moved house", None),
        # a posture chosen on the floor is no collapse
        ("the kids are sitting on the floor doing a jigsaw", None),
        ("found my mum lying on the kitchen floor after her jabs", "emergency"),
        # a swelling growing on day 4, told after "since <a day>"
        (
            "jabs on tuesday, today is saturday and the swelling got visibly bigger since thursday",
            "urgent",
        ),
        # a duration asked about or the length of a trip is no time since treatment
        ("had meso yesterday, small pink bumps, when do I rebook, is it 6 weeks?", "none"),
        ("treated yesterday, off to Spain tomorrow for two weeks, cheeks a bit puffy", "none"),
        ("my cheek has been swollen for two weeks", "routine"),
        # "its" throat inside a likeness is the likened animal's
        ("day 2, my chin is puffy, I look like a toad blowing up its throat lol", "none"),
        # "it" never collapses as a person does
        ("the souffle rose then it collapsed in the oven", None),
        # a screen's own state is no sight
        ("at my appointment the card machine screen went completely black", None),
        ("since the jabs my phone screen has gone blurry when I read", "emergency"),
        # a colour running into a fabric is no bleeding
        ("the navy dye has bled into my white shirt", None),
        # a blow's bruise, not blocked blood flow (never grey skin)
        ("I dropped a tin of paint on my toe and it's purple", None),
        ("he hit his head on the door and his face has gone grey", "emergency"),
        # another thing's day
        ("day 4 of my new diet and it smells weird in the kitchen", None),
        # a person gone blue, told of them alone (noticed in earlier rounds), never grey hair,
        # the cold or the effort of shouting
        ("my son has gone blue", "emergency"),
        ("my nan is going bluish and very quiet", "emergency"),
        ("my mum has gone grey early, it suits her", None),
        ("my dad has gone blue with cold after the swim", None),
        ("he's gone blue in the face shouting at the ref", None),
        # stains on clothes, a crust that blisters
        ("the curry left orange stains on my shirt", None),
        ("the pizza crust has blistered nicely", None),
    ],
)
def test_round39_readings(text, level):
    assert triage.assess(text).level == level
