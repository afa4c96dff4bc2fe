"""A faint colour around the eyes that is getting better is a bruise; blocked blood flow stays
an emergency. And fire as the strength of another feeling ("on fire with itching") is that
feeling, not heat.

CLINICAL.md `none`: small bruises in the first days, around the eyes up to 5-7 days; blocked
blood flow is a colour often with pain or getting worse. The sentences are our own (not from
any evaluation set).
"""

from __future__ import annotations

import pytest

from bot.triage import assess


@pytest.mark.parametrize(
    "text",
    [
        "a faint bluish tinge around my eyes, fading away nicely, day 6",
        "below my right eye it's slightly purple, day 2, already better than this morning",
        "my eye area has a light purple hue on day 3 and it's improving",
    ],
)
def test_a_faint_tint_around_the_eye_getting_better_is_a_bruise(text):
    result = assess(text)
    assert result.level == "none", result.reasons
    assert "bruising" in result.signs
    assert "skin_colour_change" not in result.signs


@pytest.mark.parametrize(
    "text",
    [
        # darker, spreading, cold, blotchy, painful, not better: blocked blood flow
        "the skin under my eye went blue-grey and it's getting darker and painful",
        "under my eye is a little purple, day 4, it's getting darker",
        "under my eye is a little purple and really sore, day 3, getting better",
        "under my eye has gone a little blue and it's cold, day 2, a bit better",
        "under my eye turned blue, day 2, not getting better and it hurts",
        "a slight purple blotchy area under my eyes, getting better",
        "the skin under my eye is a little purple and spreading, day 2, better than yesterday",
        # not faint, not said to improve, not around the eye, or past the first week
        "under my eyes has turned purple, day 3, getting better",
        "under my eye went a little blue this morning, day 2",
        "my cheek went a little blue, day 3, getting better",
        "a faint purple around my eye, day 12, getting better",
    ],
)
def test_blocked_blood_flow_around_the_eye_stays_an_emergency(text):
    assert assess(text).level == "emergency", assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "my whole jaw is on fire with itchiness since the jab, nothing else",
        "my scalp feels like it's on fire from the itch after the vitamin shots",
    ],
)
def test_fire_with_itching_is_itching_not_heat(text):
    result = assess(text)
    assert "warmth" not in result.signs, result.reasons
    assert result.level == "none", result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "my cheek is on fire, hot to touch and spreading red, day 4",
        "my cheek is on fire with heat and the itching is bad",
        "my forehead is on fire since the injections",
    ],
)
def test_fire_told_as_heat_stays_urgent(text):
    assert assess(text).level == "urgent", assess(text).reasons


def test_on_fire_from_embarrassment_is_no_sign():
    assert "warmth" not in assess("my cheeks were on fire from embarrassment at the clinic").signs
