"""Round 21: expected effects told in pictures, courses and lists stay calm; their alarming
counterparts keep the higher level.

CLINICAL.md `none`: small bruises in the first days (a bruise goes blue-purple, then green,
yellow or brown as it heals), redness, mild swelling, itching and pinpoint marks in the first
days. A colour that spreads, darkens, goes grey, white or blotchy, a cold skin, severe or
worsening pain, or a bruise past the first week keep their level. The sentences are our own
(not from any evaluation set).
"""

from __future__ import annotations

import pytest

from bot.triage import assess


def _level(text: str) -> str | None:
    return assess(text).level


# -- a bruise on its healing course ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "day 3, a bruise by my nose, the cheek beside it going from purple to a greenish yellow",
        "one little bruise on my jaw, day 3, the skin going from blue to yellow and shrinking",
        "my bruise has gone all the colours of a rainbow, blue on monday, now yellow, day 4",
        "the bruise under my lip has turned the colours of an autumn leaf, day 5",
    ],
)
def test_a_bruise_on_its_healing_course_is_calm(text):
    result = assess(text)
    assert result.level == "none", result.reasons
    assert "bruising" in result.signs
    assert "skin_colour_change" not in result.signs
    assert "vision_change" not in result.signs


@pytest.mark.parametrize(
    "text",
    [
        # grey, white, cold, blotchy, spreading, darker, severe pain: blocked blood flow
        "a bruise on my chin, the cheek by it going from blue to yellow but now grey at the edge",
        "a bruise on my jaw, and my cheek went from purple to yellow, now it's cold and white",
        "a bruise on my lip and my chin is turning from purple to green, blotchy and spreading",
        "bruise on my chin, my cheek going from blue to yellow, getting darker by the hour",
        "bruise by my mouth, the cheek turning from bluish to yellow and the pain is excruciating",
        # no healing course told
        "a bruise on my chin and the cheek beside it turned bluish this afternoon",
        # all the colours gone from what is seen
        "after the jab near my eye all the colours have gone from everything",
    ],
)
def test_blocked_blood_flow_beside_a_bruise_stays_an_emergency(text):
    assert _level(text) == "emergency", assess(text).reasons


def test_a_bruise_past_the_first_week_is_followed_up():
    text = (
        "a bruise on my jaw from treatment 10 days ago, greenish and a little bigger than last week"
    )
    assert _level(text) == "routine", assess(text).reasons


def test_a_blue_colour_past_the_first_week_keeps_its_level():
    # past the first week a blue or purple is not read as a bruise's course
    text = "a bruise on my jaw from treatment 10 days ago, the cheek once purple and now yellow"
    assert _level(text) == "emergency", assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "my bruise has gone a yellowy colour, day 3",
        "the little bruise faded to a greenish brown, day 4",
    ],
)
def test_a_bruise_gone_another_colour_is_still_there(text):
    result = assess(text)
    assert result.level == "none", result.reasons
    assert "bruising" in result.signs


def test_a_bruise_gone_is_gone():
    assert assess("the bruise has gone completely, day 6").level is None


# -- a bruise's late colours around the eyes --------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "yellowish-green rings around my eyes on day 4, less each morning",
        "a greenish tinge under my left eye, day 3, going away",
    ],
)
def test_a_late_bruise_colour_around_the_eyes_is_a_bruise(text):
    result = assess(text)
    assert result.level == "none", result.reasons
    assert "bruising" in result.signs


def test_a_late_bruise_colour_around_the_eyes_past_a_week_is_followed_up():
    text = "greenish shadows under my eyes, two weeks after the treatment"
    assert _level(text) == "routine", assess(text).reasons


def test_a_green_shadow_in_a_painting_is_no_report():
    assert _level("the green shadows under the trees in that painting are lovely") is None


# -- redness likened to the weather -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "cheeks pink like I've been out in an icy breeze, treated this morning",
        "my face is flushed as if I'd cycled through a cold wind, day 1",
    ],
)
def test_redness_likened_to_the_weather_is_calm(text):
    result = assess(text)
    assert result.level == "none", result.reasons
    assert "skin_cold" not in result.signs


@pytest.mark.parametrize(
    "text",
    [
        "my cheek is cold to the touch and pale since the injection, even out of the wind",
        "the treated cheek feels icy cold and looks grey",
    ],
)
def test_a_cold_skin_stays_an_emergency(text):
    assert _level(text) == "emergency", assess(text).reasons


# -- a sign inside a list of denials; an itch's own strength ---------------------------


def test_an_itch_like_crazy_does_not_make_a_small_bruise_severe():
    text = (
        "little bruise near my eye and itching like mad on day 1. "
        "Sight fine, breathing fine, no colour change, only mild pain"
    )
    result = assess(text)
    assert result.level == "none", result.reasons
    assert "bruise_persistent" not in result.signs


def test_a_bruise_told_severe_is_still_followed_up():
    text = "massive bruise on my cheek, day 2, and it's itchy"
    assert _level(text) == "routine", assess(text).reasons


# -- pinpoint marks and mild swelling in the first days ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "A few pinprick dots on my chin still showing, tiny and red. First night.",
        "red needle points still visible on my forehead, it's the first evening",
        "faint dotted imprints across my forehead, the morning after the booster",
        "face a bit puffy, needle marks in a grid, booster yesterday, my birthday's in 10 days",
    ],
)
def test_pinpoint_marks_in_the_first_days_are_calm(text):
    assert _level(text) == "none", assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        # still there, the time told as a time since
        "red dots on my chin still there since the first night.",
        # past the first week
        "faint dotted imprints still on my forehead three weeks after the booster",
    ],
)
def test_pinpoint_marks_that_last_are_followed_up(text):
    assert _level(text) == "routine", assess(text).reasons


def test_a_birthday_ahead_is_no_time_since_treatment():
    result = assess(
        "my birthday is in 12 days and my cheeks are a bit red since the jabs yesterday"
    )
    assert result.level == "none", result.reasons
    assert result.days == 1


# -- a picture or a question about one's own sign is a report -----------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the needle marks look like stitches someone sewed with red thread along my jaw, day 1",
        "how long do the little bumps usually stay? mine are on day 2 and already flatter",
    ],
)
def test_a_picture_or_a_question_about_ones_own_sign_is_a_calm_report(text):
    assert _level(text) == "none", assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "how long does swelling usually last? mine is on day 5 and it's getting bigger every day",
        "my bruise from 10 days ago is still there though the others cleared, is that ok?",
    ],
)
def test_a_question_about_ones_own_sign_that_lasts_or_grows_is_a_report(text):
    level = _level(text)
    assert level in ("routine", "urgent"), assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "can someone get a bruise from mesotherapy?",
        "do others get swelling after the booster?",
    ],
)
def test_a_general_question_stays_a_question(text):
    assert _level(text) is None, assess(text).reasons
