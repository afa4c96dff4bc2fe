"""Round 16 (b): a sign word said of a THING (bot/triage/subject/handled.py, bearers.py,
bot/triage/subject/things.py, knowledge/triage_subjects.yml,
knowledge/triage_figurative.yml): the lid of a thing handled by someone, "a rash
of" something under or behind a thing, a fluid or a smell out of a home's
appliance, faint print and print too faint to read. Both ways: the thing sense
raises no alarm, a report with the same words keeps its level. The sentences are
written here for the test (none comes from an evaluation set).
"""

from __future__ import annotations

import pytest

from bot import triage
from bot.levels import rank


def _alarm(text: str) -> bool:
    return rank(triage.assess(text).level) >= rank("routine")


NO_ALARM = [
    # a lid handled by someone, or a lid of a thing
    "I shut the lid of the piano and it trapped my sleeve",
    "the laptop screen cracked because I slammed the lid",
    "she forced the lid open and the jar smashed",
    "close the lid of the cool box so the ice lasts",
    # a subject the wind blew over, then "and collapsed" (a fence is also a person)
    "the fence blew over and collapsed onto the shed",
    "the old fence panel blew down in the night and then collapsed",
    # "a rash of" something under, behind or inside a thing
    "a rash of bubbles under the window tint",
    "a rash of little dents behind the bumper",
    "a rash of chips underneath the kitchen worktop edge",
    # a fluid or a smell out of a home's pipes and appliances
    "there's yellow stuff leaking from under the boiler",
    "yellow water dripping out of the dishwasher door",
    "there's a weird smell coming out of the drain",
    # faint print, and print too faint to read
    "the receipt is printed so faint I can hardly read it",
    "the ink on the old label is so faint",
    "the pencil marks are faint and I can barely read them",
]

STILL_ALARM = [
    ("my eyelid won't open", "emergency"),
    ("my left lid is drooping since the jabs", "emergency"),
    ("I can't shut the lid properly", "emergency"),
    ("I can't shut the lid on my left eye", "emergency"),
    ("the lid of my right eye is drooping", "emergency"),
    ("my mum went dizzy and collapsed onto the sofa", "emergency"),
    ("my uncle fell over and collapsed in the garden", "emergency"),
    ("the coach blew up at us and then collapsed", "emergency"),
    ("my dad blew out the candles and collapsed", "emergency"),
    ("a rash of tiny bumps on my neck", "urgent"),
    ("a rash of blisters under my chin since the filler", "urgent"),
    ("green fluid coming out of the spot on my cheek", "urgent"),
    ("yellow stuff oozing from the dots", "urgent"),
    ("yellow fluid leaking from the injection site", "urgent"),
    ("a bad smell coming from one of the injection spots", "urgent"),
    ("the spot smells bad", "urgent"),
    ("I feel faint", "emergency"),
    ("I feel faint and can barely read the screen", "emergency"),
    ("I can barely read, everything is blurry since the meso", "emergency"),
    ("the text looks faint and blurry since the filler", "emergency"),
]


@pytest.mark.parametrize("text", NO_ALARM)
def test_a_sign_said_of_a_thing_raises_no_alarm(text: str) -> None:
    assert not _alarm(text), triage.assess(text).matches


@pytest.mark.parametrize("text, level", STILL_ALARM)
def test_a_report_with_the_same_words_keeps_its_level(text: str, level: str) -> None:
    assert rank(triage.assess(text).level) >= rank(level), triage.assess(text).matches
