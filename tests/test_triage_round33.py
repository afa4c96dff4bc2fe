"""Round 33's misses, fixed by meaning (the round's sets are in tests/blind, never
copied here; each reading with its counter-cases)."""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text, level",
    [
        # a dark patch, and the pain growing told in the next sentence: blocked blood flow
        (
            "my cheek went dark like a shadow after the jabs. and the pain gets worse and worse",
            "emergency",
        ),
        ("my cheek went dark after the jabs. the bruise is a bit sore", "none"),
        # "colour of" a thing is a likeness of the shade, not a subject of its own
        (
            "the skin on my chin turned dark, colour of old tea. and the pain keeps getting worse",
            "emergency",
        ),
        ("the colour of my skin is normal, just puffy", "none"),
        ("the bruise by my eye is the colour of a plum, day 2, painless", "none"),
        # a colour getting darker is no growing pain: "darker than the rest" needs the pain
        ("the treated patch on my chin looks a shade darker than the rest, 4 weeks on", "routine"),
        # a comparative against a repeated time: "stronger each day"
        ("meso was last friday, the ache becomes stronger each day", "urgent"),
        # a healing bruise's two colours name a bruise
        ("a yellowish-green smudge on my jaw, 3 days after the booster, fading", "none"),
        ("a yellow-green mark on my cheek 10 days after the injections", "routine"),
        ("the kitchen walls are yellow and green", None),
        # a wait advised is a time ahead, not one since the treatment
        (
            "had the booster on monday, tiny bumps still. the salon said to wait two weeks "
            "before a facial, is that right?",
            "none",
        ),
        ("I've waited two weeks and the lump is still there", "routine"),
    ],
)
def test_reports_read_in_full(text, level):
    assert triage.assess(text).level == level


@pytest.mark.parametrize(
    "text, level",
    [
        ("my nephew's heart is in his mouth every time the fire alarm goes off", None),
        ("the lid is drooping since the jabs", "emergency"),
    ],
)
def test_words_of_other_things(text, level):
    assert triage.assess(text).level == level


def test_idioms_and_a_things_lid_anchor_nothing():
    assert "eyelid" not in triage.assess("the lid on my coffee cup leaks everywhere").anchors
    assert "eye" not in triage.assess("tax forms make my eyes glaze over").anchors
    assert "eyelid" in triage.assess("the lid on my eye is swollen").anchors
