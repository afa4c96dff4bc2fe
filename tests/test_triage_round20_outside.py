"""Round 20 (b): a thing running hot ("the boiler is running a temperature"), "rash"
before an act or a choice (hasty), a skin on food (a film), and not seeing because
something is in the way or a thing's display went dark. Real reports keep their
level. Our own sentences."""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text",
    [
        "the laptop has been running a temperature all afternoon",
        "my old fridge is running a temperature, the compressor hums",
        "that was a rash bet on the horse, can I get a refund",
        "the gravy had a thick brown skin by the time I got to it",
        "there was a yellow skin on the custard",
        "I can't see the stage because the seat is right behind a pillar",
        "the tablet went black and I can't read anything",
        "my laptop display went black and I can't see anything but the fan is on",
    ],
)
def test_things_and_what_there_is_to_see_stay_calm(text):
    assert triage.assess(text).level is None, triage.assess(text).reasons


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("since the meso I can't see anything out of my right eye", "emergency"),
        ("it all went black and now I can't see", "emergency"),
        ("I can't see anything because my eyelid is swollen shut", "emergency"),
        ("I can't see because it's all blurry since yesterday", "emergency"),
        ("my screen went black and I can't see anything, my eye hurts", "emergency"),
        ("I made a rash decision and now my cheeks have a rash", "urgent"),
        ("a rash came up where the needles went in", "urgent"),
        ("my son is running a temperature and seems confused", "emergency"),
        ("my husband has a fever, the car is fine", "urgent"),
        ("the skin on my chin has gone grey", "emergency"),
        ("I have a grey skin and feel cold", "emergency"),
    ],
)
def test_reports_keep_their_level(text, level):
    assert triage.assess(text).level == level, triage.assess(text).reasons
