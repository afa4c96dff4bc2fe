"""Round 36's misses, read by meaning after its one blind run (the round's sets are in
tests/blind, never copied here: each reading is written anew, with the counter-cases
that must keep their level)."""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text, level",
    [
        # the air taken in, in non-native words
        ("after the jabs it is very hard to take the air and my lips swell", "emergency"),
        ("we like to take the air on the seafront after lunch", None),
        # confused about simple or everyday things is a muddled mind; about a topic, a question
        ("since the injections she gets confused about everyday things", "emergency"),
        ("I'm a bit confused about the aftercare leaflet", None),
        # stronger or "more big" is growing
        ("day 6 after meso, the ache in my jaw is getting stronger every day", "urgent"),
        ("day 5, the swelling is not going down, it become more big", "urgent"),
        ("day 5, the pain is getting weaker, much better", "none"),
        # clear fluid held is a blister, even told after a comma
        (
            "bumps on my forehead since the jabs, a bit like a burn, filled with clear fluid",
            "urgent",
        ),
        ("a glass filled with water and some crisps please", None),
        # a statement closed by an emoji is not inside the question that follows it
        (
            "got a small bruise by my lip from the meso yesterday 🙈 how long do they last?",
            "none",
        ),
        ("how long do bruises usually last 🙈", None),
        # fitting a thing in is no fit
        ("i'm fitting it around work and the school run, how do people manage", None),
        ("my dad is fitting, his arms are jerking", "emergency"),
        # "it" opening a comma clause that says what a thing sounds like
        ("the old fan is knackered, it sounds like its wheezing", None),
        ("my chest is tight, it sounds like its wheezing", "emergency"),
        # a thing before a place, then the sign's own helping verb
        ("the crust on the brie has gone grey and blotchy, is it off", None),
        ("the skin on my cheek has gone purple and blotchy", "emergency"),
    ],
)
def test_round36_readings(text, level):
    assert triage.assess(text).level == level
