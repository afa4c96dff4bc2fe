"""Round 18 (calm18): the treatment day named as the time of a report ("on the night of my
session") is the day itself, so warmth then is the early warm skin; "burning up" said of a
part of the skin is its heat, not a fever; a coloured area named by its colour ("the pink
zone") is redness whose spread is read; a crop of bubbles on the lip told as the patient's
own recurring trouble is a cold sore; a duration inside a likeness ("puffy like I've been
partying all week") is no time of the sign; tiny dots likened to a rash are the dots.
Our own sentences, with counterparts."""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text",
    [
        "my lips feel a bit puffy and warm on the night of my session, normal?",
        "is it fine that my chin is swollen and warm on the afternoon of the injections?",
        "forehead burning up like an oven, honestly just warm and pink, had the jabs 2 hours ago",
    ],
)
def test_warmth_on_the_treatment_day_is_expected(text):
    assert triage.assess(text).level == "none", triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "my cheek was swollen and warm, treated 4 days ago",
        "since the day of my treatment my cheek has been swollen and hot",
        "I'm burning up and shivery since the jabs yesterday",
        "my face is burning up, had it done 5 days ago",
    ],
)
def test_warmth_later_and_a_fever_keep_their_level(text):
    assert triage.assess(text).level == "urgent", triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "The reddish patch by my jaw keeps creeping outwards, day 4.",
        "I circled the pink zone with a biro and by lunch it had gone way beyond the mark. "
        "Had it done 3 days ago.",
        "A cluster of tingly little bubbles on my top lip where she did the injections, "
        "like I always get when I'm stressed. Done Monday.",
        "tiny bubbles popping up along my bottom lip after the jabs, "
        "the same thing I get when I'm poorly",
    ],
)
def test_spreading_redness_and_a_cold_sore_described(text):
    assert triage.assess(text).level == "urgent", triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "The pink patch on my chin is fading, day 3.",
        "I always get a bit tired when I'm stressed, "
        "my lip is a bit swollen after the filler yesterday",
        "A few little bumps on my lip where she injected, had it done Monday.",
    ],
)
def test_calm_counterparts_stay_calm(text):
    assert triage.assess(text).level == "none", triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "my under-eyes look swollen like I've been partying all week, had the jabs yesterday",
        "loads of tiny pink dots like some awful rash on my cheeks, done this morning",
    ],
)
def test_a_likeness_is_no_time_and_no_rash(text):
    assert triage.assess(text).level == "none", triage.assess(text).reasons


@pytest.mark.parametrize(
    "text,level",
    [
        ("my eyes are puffy like I've been crying, it's been like this for a week", "routine"),
        ("my lids have been swollen for a week now", "routine"),
        ("tiny red dots and an itchy rash on my neck since the jabs this morning", "urgent"),
        ("an itchy rash like hives spreading on my chest after the injections", "urgent"),
    ],
)
def test_a_real_time_and_a_real_rash_keep_their_level(text, level):
    assert triage.assess(text).level == level, triage.assess(text).reasons
