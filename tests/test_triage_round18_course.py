"""Round 18: the course over time. A pain that gains in strength after the first
days ("the ache keeps getting stronger") and a swelling at its largest so far
("more swollen than ever", "the puffiest it has been") are worsening cues
(knowledge/red_flags.yml ``cues.worsening``); strength said of something else, or
a record said of no sign, stays calm. Our own sentences."""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text",
    [
        "day 6 after meso and the ache keeps getting stronger",
        "it's day 4 and the soreness is sharper each morning",
        "4 days since the jabs, my jaw hurts and the throbbing is stronger than yesterday",
        "fine at first, now day 5 and the pain in my cheek is growing more intense",
    ],
)
def test_pain_gaining_strength_after_the_first_days_is_urgent(text):
    assert triage.assess(text).level == "urgent", triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "a week on from my jabs, my cheek is the puffiest it has ever been",
        "day 4 now, my chin is more swollen than ever",
        "the swelling was settling, 5 days later it's bigger than it's ever been",
    ],
)
def test_swelling_at_its_largest_after_72_hours_is_urgent(text):
    assert triage.assess(text).level == "urgent", triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "had meso yesterday, my cheek is a bit sore but my arms are getting stronger at the gym",
        "day 2 after treatment, my face is a little puffy, my coffee is stronger than ever lol",
        "day 1, my forehead is a bit tender, best results I've ever had",
        "day 2, bit tender, the wifi signal is getting stronger since the new router",
    ],
)
def test_strength_or_a_record_of_something_else_stays_calm(text):
    assert triage.assess(text).level == "none", triage.assess(text).reasons
