"""Round 21: a sign's course over the days, and signs told by a picture. Pain that grows
after the first days told as a course (a turn into a throbbing, gone then back and worse,
scores that rise, a pressure the face cannot bear, "ramping up"), swelling that still grows
after 72 hours ("bigger than yday", "more every single day", "grows a bit each day"),
blisters as raised domes of fluid, after fat-dissolving injections swallowing told as an
effort or a picture and an uneven grin, puffiness still there as "little pillows" and colour
lost weeks later. Each with the same words in a calm or unrelated sense. Our own sentences."""

from __future__ import annotations

import pytest

from bot.triage import assess

URGENT = [
    # pain that turns into another, worse pain after the first days
    (
        "it was only tender at first, but from day 5 it has turned into a deep ache",
        "pain_worsening",
    ),
    # gone, then back and worse
    (
        "the soreness had gone by tuesday, now it's friday and it's much worse than the day I "
        "had the jabs",
        "pain_worsening",
    ),
    # scores of the part that rise, no pain word
    ("my forehead has gone from 2/10 to 7/10 over the last few days, treated a week ago", ""),
    # a pressure the treated face cannot bear, worse each day
    ("day 5 and I can't rest my cheek on my hand, it gets worse every day", "pain_worsening"),
    ("day 6, the ache under my chin keeps ramping up", "pain_worsening"),
    # swelling still growing after 72 hours
    (
        "day 5 and the swelling on my jaw is bigger than yday, yday it was bigger than day 3",
        "swelling_growing",
    ),
    ("treated on monday, it's friday now and my cheeks puff up more every single day", ""),
    ("the swelling grows a little each day and it's been 5 days since my session", ""),
    # blisters told as raised domes of fluid
    ("a few small domes with clear fluid in them popped up round the injection points", "blisters"),
    # after fat-dissolving injections: swallowing told as an effort or a picture
    (
        "since my chin fat dissolving jabs, eating's a bit of an effort, like forcing a grape "
        "down a narrow pipe",
        "swallowing_difficulty",
    ),
    (
        "had the chin fat injections tuesday, she can't get her lunch down without sipping water "
        "to wash each mouthful through",
        "swallowing_difficulty",
    ),
    ("after the kybella my grin is a bit lopsided since yesterday", "uneven_smile"),
]

ROUTINE = [
    ("two weeks since the booster and under my eyes still look like little cushions", ""),
    ("my cheek seems to lose colour in a small patch, 3 months after the mesotherapy", ""),
]

CALM = [
    # the course going down, or expected in the first days
    "day 5 and the swelling is smaller than yday, much better",
    "day 4 and my chin is less puffy than yesterday",
    "day 1 after the jabs, cheeks a little puffy and pink",
    # the same words of a course, said of something else
    "my app rating went from 1 to 6 stars since the update",
    "my glow went from 4/10 to 9/10 after the booster, so happy",
    "the waiting list grows every day, can I still book for next month?",
    "my workload keeps ramping up, can I do meso in my lunch break?",
    # a habit of swallowing with no treatment named
    "swallowing pills has always been hard for me, will the tablets be big?",
    # crooked and bleached things
    "my wonky shelf fell down again",
    "the cat in the cartoon has a wonky grin",
    "I bought some bleached jeans, they lost colour in the wash",
    # domes and pillows that are things
    "the dome of the museum is lit up with clear glass",
    "we bought little pillows for the sofa",
    # a decision slept on
    "I can't sleep on it any longer, I want to book the fat dissolving injections",
    # pain gone and staying gone
    "the pain was gone by day 2 and it's not getting worse",
]


@pytest.mark.parametrize(("text", "sign"), URGENT)
def test_a_course_or_picture_after_treatment_is_urgent(text: str, sign: str) -> None:
    a = assess(text)
    assert a.level in ("urgent", "emergency"), a.reasons
    assert not sign or sign in a.signs, a.reasons


@pytest.mark.parametrize(("text", "sign"), ROUTINE)
def test_puffiness_that_stays_or_colour_lost_later_is_routine(text: str, sign: str) -> None:
    a = assess(text)
    assert a.level == "routine", a.reasons
    assert not sign or sign in a.signs, a.reasons


@pytest.mark.parametrize("text", CALM)
def test_the_same_words_going_down_early_or_elsewhere_stay_calm(text: str) -> None:
    a = assess(text)
    assert a.level in (None, "none"), a.reasons
