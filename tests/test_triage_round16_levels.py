"""Round 16: levels read wrongly, fixed by meaning (a function and its state, the bearer of a
colour): sentences written here, none taken from an evaluation set. Every fixed reading has
calm counterparts (the same words said of a thing, a picture, the weather or age) and real
reports beside it that keep their level.
"""

from __future__ import annotations

import pytest

from bot.triage import assess

# "all" standing for everything the patient sees, told by two states of sight joined
# (CLINICAL.md emergency: any change in vision); after a bearer ("the lamps are all dim")
# "all" is a word of degree, and a state of a picture, a memory or the weather is no sight.
SIGHT_ALL: list[tuple[str, str | None]] = [
    ("all fuzzy and doubled since lunchtime", "emergency"),
    ("all smudgy and dim since the jabs yesterday", "emergency"),
    ("woke up from a nap and it's all dim and murky", "emergency"),
    ("since the booster it has gone all shadowy and blurred", "emergency"),
    ("my eyes are all fuzzy and dim", "emergency"),
    ("everything dim and grainy since this afternoon", "emergency"),
    ("my eyes are all blurry", "emergency"),
    # calm: a bearer before "all", a picture, a memory, the weather
    ("the bulbs in the hall are all dim and flickering, which ones should I buy", None),
    ("the streetlights are all dim and fuzzy in this fog", None),
    ("it's all a bit fuzzy in my memory, was my appointment on Tuesday?", None),
    ("all dim and grainy in the old photos from the wedding", None),
    ("all grey and misty outside, typical November", None),
    ("all dark and cloudy since lunch, no sun at all", None),
    ("the video calls are all fuzzy and dim on my laptop", None),
    ("it's all dark and shadowy in the lane at night, is it safe to walk", None),
    ("it's all dim and dark in here, where is the light switch", None),
    ("it's all sparkly and shiny for the party tonight", None),
    ("it's all hazy and misty on the coast today", None),
]


@pytest.mark.parametrize(("text", "level"), SIGHT_ALL)
def test_all_as_everything_seen(text: str, level: str | None) -> None:
    a = assess(text)
    assert a.level == level, a.reasons


# A scab or crust is the bearer of a dark colour told after its place ("the crust on my chin
# has gone black"): dark or black scabbing skin is URGENT (CLINICAL.md); the skin itself turning
# black, grey, dusky or white stays an EMERGENCY (blocked blood flow).
SCAB_COLOUR: list[tuple[str, str | None]] = [
    ("the crust on my chin has turned black since the meso", "urgent"),
    ("a scab under my nose is going dark brown after the filler", "urgent"),
    ("the scabs along my jawline have become blackish", "urgent"),
    ("my chin has turned black since the meso", "emergency"),
    ("the skin on my chin has gone black and it hurts", "emergency"),
    ("the crust on my chin is black and the skin around it has gone dusky", "emergency"),
    ("the scab on my chin is fine but the skin next to it has gone white", "emergency"),
    ("the crust on my chin has gone white since the filler", "emergency"),
    # calm: a crust that is food
    ("the crust on my quiche went dark brown in the oven", None),
]


@pytest.mark.parametrize(("text", "level"), SCAB_COLOUR)
def test_a_scab_bears_its_colour(text: str, level: str | None) -> None:
    a = assess(text)
    assert a.level == level, a.reasons


# The jaw or the chin told as drooping or slack, or a part of the face numb (heavy, dead) and
# drooping, is face drooping (CLINICAL.md emergency: signs of stroke); a jaw that drops in
# surprise, a jawline that sags, a droop that age brought and is asked about, are not.
FACE_DROOP: list[tuple[str, str | None]] = [
    ("my jaw feels numb and droopy on the left", "emergency"),
    ("her chin is hanging slack on one side", "emergency"),
    ("my jaw has gone droopy since this morning", "emergency"),
    ("my cheek went dead and droopy an hour ago", "emergency"),
    ("the left side of my face is drooping", "emergency"),
    # calm
    ("my jaw dropped when the bill arrived", None),
    ("my jawline is sagging, can filler lift it", None),
    ("my jaw is drooping with age, would threads help?", None),
    ("my cheeks are drooping with age, what do you recommend", None),
    ("my jaw is numb from the dentist's injection", None),
]


@pytest.mark.parametrize(("text", "level"), FACE_DROOP)
def test_jaw_and_chin_droop(text: str, level: str | None) -> None:
    a = assess(text)
    assert a.level == level, a.reasons


# Numb lips after another procedure (nails, a dentist, hair): the same reading as numb lips
# after the treatment, the red-flag questions before any reassurance (never a calm 'none').
NUMB_LIPS = [
    "I had my eyebrows threaded and now my lips are numb",
    "after my manicure my lips went numb",
    "my lips are numb after the filler",
    "my lips are numb",
]


@pytest.mark.parametrize("text", NUMB_LIPS)
def test_numb_lips_ask_the_red_flag_questions(text: str) -> None:
    a = assess(text)
    assert a.level != "none", a.reasons
    assert a.level is not None or a.ask, a.reasons
