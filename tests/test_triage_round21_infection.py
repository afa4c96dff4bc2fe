"""Round 21: signs of infection told in lay words (knowledge/red_flags.yml `infection_fever`,
`pus`, `oozing`, `warmth`; knowledge/triage_vocabulary.yml states `hot`, `outgrown`,
`spreading_out`; bot/triage/durations.py for the first-hours warmth). Both ways: a report keeps
its level, the same words in an unrelated or calm sense raise no alarm. The sentences are
written here for the test (none comes from an evaluation set).
"""

from __future__ import annotations

import pytest

from bot import triage
from bot.levels import rank

URGENT = [
    # a body temperature told as a number held over a time, or read off a thermometer
    ("had the booster on monday, my temp has been 38.4 since this morning", "infection_fever"),
    ("my temperature's been around 38 all day, treatment was 3 days ago", "infection_fever"),
    ("temp still hovering at about 38.6, had meso on the 3rd", "infection_fever"),
    ("thermometer said 38.5 last night, had meso four days ago", "infection_fever"),
    # a chill of the body caught or felt
    ("I've had a bit of a chill all afternoon and the jabs were two days ago", "infection_fever"),
    ("caught a chill since the injections 3 days ago and feel achy all over", "infection_fever"),
    # heat of the treated skin told by a hand laid on it, by comparison, or given off
    ("my forehead feels hot under my palm compared to my neck, 5 days after the meso", "warmth"),
    ("day 3 and the treated cheek is warm against my fingers compared to the left", "warmth"),
    ("my chin is throwing off heat, treatment was 4 days ago", "warmth"),
    ("the injected area under my jaw is giving off heat, 3 days post meso", "warmth"),
    ("4 days after the jabs my cheek feels as if it's been left next to a heater", "warmth"),
    # the first-hours warmth is not the warmth of a later evening, days after the treatment
    (
        "my wife had her session last tuesday. I touched her cheek tonight and it was really hot",
        "warmth",
    ),
    # a fluid let out, told yellow or thick after it
    ("out of one of the holes comes some thick creamy fluid, 3 days after the jabs", "pus"),
    (
        "since friday's meso there's liquid coming out of the marks, kinda cloudy, yellow",
        "pus",
    ),
    ("thick stuff is oozing from two of the needle marks, had it done 4 days ago", "pus"),
    # "pussy" said of the marks as their state
    ("a couple of the marks on my cheek look pussy and sore, had it done 3 days ago", "pus"),
    ("the bumps on my forehead have gone all pussy, day 4 after meso", "pus"),
    # marks that fill again once wiped
    (
        "the spots on my chin fill up again every time I wipe them, 4 days after the injections",
        "oozing",
    ),
    # the cheekbone is a place of the face: a sign told of it is about the body
    ("the skin by my cheekbone is oozing a bit since the meso", "oozing"),
    ("any tips? the patch under my cheekbone smells nasty since yesterday", "bad_smell"),
    # redness told larger than it was, or moved on to new places
    (
        "the red patch was the size of a coin on tuesday and now it's more like a saucer",
        "spreading_redness",
    ),
    (
        "the pink has travelled up to my eye and down to my jaw, had meso 4 days ago",
        "spreading_redness",
    ),
    (
        "the redness has moved from my cheek onto my neck since the treatment 3 days ago",
        "spreading_redness",
    ),
    (
        "the redness around the jabs has wandered over towards my ear since thursday",
        "spreading_redness",
    ),
]


@pytest.mark.parametrize("text, sign", URGENT)
def test_infection_told_in_lay_words_is_urgent(text: str, sign: str) -> None:
    result = triage.assess(text)
    assert result.level == "urgent", result.reasons
    assert sign in result.signs, result.reasons


CALM = [
    # a number that is not a body's temperature
    "the oven is at 180 and the cake is nearly done",
    "we had 38 guests at the party",
    "I'm in room 38 at the hotel",
    "the bath thermometer says 38, is that ok for the baby's bath",
    # heat of a thing, not of the skin
    "the radiator is hot and giving off heat in the hall",
    "my tea is hot like a mug should be",
    "the water bottle gives off heat after the sun",
    "the soup is hot compared to the salad",
    "my hand is warm against the mug",
    "the lager came out warm and the red had been in the freezer",
    # a yellow or thick thing that is no fluid of the skin
    "the glue is yellowish and thick and it comes out of the tube slowly",
    "the cat is a pussy cat and sleeps on my lap",
    # spreading, wandering and a smell of things
    "the rash of bookings is spreading across the whole month",
    "the stain wandered across the rug after the dog knocked the wine",
    "the fridge smells funny, must be the cheese",
    "the paint was the size of a coin on the wall, now it's more like a plate",
    # chill as calm, the air or a fright
    "chill out, it's only a week until the holiday",
    "there's a chill in the air this morning",
    "had a chill evening in after work",
]


@pytest.mark.parametrize("text", CALM)
def test_same_words_of_a_thing_raise_no_alarm(text: str) -> None:
    result = triage.assess(text)
    assert rank(result.level) < rank("routine"), result.reasons


NOT_INFECTION = [
    # a temperature denied or normal
    "no fever, 36.8 this morning, the injection marks are fading, 4 days after meso",
    "my temp is 36.9 and I feel fine, 3 days after treatment",
    "not hot at all, just a little pink, day 3 after the meso",
    # warmth on the first evening is the expected warmth
    "my cheeks felt a bit warm this evening after the treatment this afternoon",
    "the treated skin is slightly warm tonight, I had the meso at lunch today",
]


@pytest.mark.parametrize("text", NOT_INFECTION)
def test_denied_or_first_evening_warmth_is_not_urgent(text: str) -> None:
    result = triage.assess(text)
    assert rank(result.level) < rank("urgent"), result.reasons
