"""A colour on a small mark at a needle point is a bruise; blocked blood flow stays an emergency.

CLINICAL.md `none`: small bruises in the first days. The sentences are our
own (not from any evaluation set).
"""

from __future__ import annotations

import pytest

from bot.triage import assess


@pytest.mark.parametrize(
    "text",
    [
        "three tiny purple dots on my cheek where the needles went in, day 1",
        "a small bluish spot at the injection point on my chin, 2 days after",
        "there's a blue dot next to my nose where she injected yesterday",
        "purplish where it bled on my forehead, about the size of a pea, day 1",
    ],
)
def test_small_coloured_mark_at_a_needle_point_is_a_bruise(text):
    result = assess(text)
    assert result.level == "none", result.reasons
    assert "bruising" in result.signs
    assert "skin_colour_change" not in result.signs


@pytest.mark.parametrize(
    "text",
    [
        # a patch, spreading, pale/white/grey, a web, cold, strong pain: blocked blood flow
        "a purple patch spreading from where the needle went in, day 1",
        "tiny blue spot where she injected and the skin around it has gone white",
        "two small purple dots at the injection points and it is really painful, day 1",
        "a little blue mark where they injected with a blotchy web around it",
        "small bluish spot where the needle went in, the cheek feels cold and numb",
        "a tiny grey-blue dot where she injected, day 1",
        # another emergency in the message keeps the level
        "a little purple dot where she injected and my vision went blurry",
    ],
)
def test_blocked_blood_flow_stays_an_emergency(text):
    assert assess(text).level == "emergency", assess(text).reasons


def test_a_small_mark_after_the_first_days_is_not_read_as_a_new_bruise():
    # past the first days the colour sign is left to its own rules
    result = assess("a tiny purple dot where she injected, 3 weeks ago")
    assert "bruising" not in result.signs
    assert result.level != "none"


def test_a_colour_sign_without_a_small_mark_is_unchanged():
    assert assess("my cheek has turned purple since the injections").level == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "my forehead was really bad and puffy when I woke up, it's much better now, day 2",
        "the swelling on my cheeks was terrible last night but it's going down, day 1",
        "forehead puffy and awful this morning, already settling, 2 days after",
    ],
)
def test_an_expected_effect_that_is_getting_better_stays_calm(text):
    result = assess(text)
    assert result.level == "none", result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "my cheek swelling is settling on one side, the other side is really bad, day 1",
        "my cheeks are swollen, really bad, and not going down, day 1",
        "swelling is terrible and it isn't getting better, day 2",
    ],
)
def test_swelling_that_is_not_getting_better_is_still_followed_up(text):
    assert assess(text).level == "routine", assess(text).reasons


def test_a_misspelt_bruise_is_a_bruise():
    result = assess("got a bruisd spot on my jaw, very small, day 1")
    assert result.level == "none"
    assert "bruising" in result.signs


def test_bumps_described_as_insect_bites_are_small_bumps():
    result = assess("my cheeks look like lots of mosquito bites since this morning's session")
    assert result.level == "none", result.reasons
    assert "small_bumps" in result.signs


def test_insect_bites_with_an_allergy_sign_stay_an_emergency():
    text = "my face looks like insect bites and my throat feels tight, 1 hour after"
    assert assess(text).level == "emergency"


def test_a_bite_to_eat_is_not_a_bump():
    assert assess("can I grab a bite to eat after my session?").signs == []


def test_a_comparison_with_my_own_last_session_is_a_report():
    text = (
        "compared to my first session the swelling on my forehead is worse this time,"
        " but it is going down already, day 1"
    )
    result = assess(text)
    assert result.level == "none", result.reasons
    assert "swelling" in result.signs
