"""Round 17: a weather word that is the named sight's own state ("my vision has gone
foggy") is no topic of weather (bot/triage/figurative.py ``why``); the weather told
beside what cannot be seen stays calm. Our own sentences."""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text",
    [
        "my vision has gone foggy on the right",
        "eyesight a bit foggy since this afternoon",
        "the vision in my left eye went all foggy",
    ],
)
def test_sight_told_as_foggy_is_an_emergency(text):
    assert triage.assess(text).level == "emergency", triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "so foggy on the motorway I can't see the car in front",
        "the fog is so thick my vision is poor on the drive home",
        "foggy again this morning, will the flights be delayed?",
    ],
)
def test_the_weather_beside_what_cannot_be_seen_stays_calm(text):
    assert triage.assess(text).level is None, triage.assess(text).reasons
