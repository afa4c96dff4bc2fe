"""Round 37's misses, read by meaning after its one blind run (the round's sets are in
tests/blind, never copied here: each reading is written anew, with the counter-cases
that must keep their level)."""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text, level",
    [
        # a person placed somewhere (sitting, lying) is the subject, not the place
        ("my dad is lying on the bed struggling to breathe since the jabs", "emergency"),
        ("she's sitting in the car and can't catch her breath", "emergency"),
        ("the old dog is lying on the rug wheezing", None),
        # blisters in non-native words
        ("day 2 after meso, on my forehead small water balls, one is broken", "urgent"),
        ("a pack of water balls for the pool party please", None),
        # what sets a sign off, told of oneself, is no question
        ("jabs 2 days ago, my cheek is a little sore if i press it, normal?", "none"),
        ("what happens if i press on a bruise", None),
        # nerves before an interview, never beside the airway or the treatment
        ("i was so nervous i could barely swallow before the interview", None),
        ("im so anxious i cant breathe", "emergency"),
        ("i was so nervous i could barely swallow after the filler", "emergency"),
        # a food's dryness told after a comma
        ("the flapjack was really dry, hard to swallow without a drink", None),
        ("my throat is tight, hard to swallow", "emergency"),
        ("woke up this morning, hard to swallow", "emergency"),
        # a bruise's colour only when no colour a bruise never has comes first
        (
            "the side of my nose went kind of grey blue, like a bruise only it isn't one, day 1",
            "emergency",
        ),
        ("my cheek has gone blue like a bruise, day 1", "none"),
        ("Purple bruise on my cheek, day 2", "none"),
    ],
)
def test_round37_readings(text, level):
    assert triage.assess(text).level == level
