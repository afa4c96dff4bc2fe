"""A sign said of someone the patient does not report for (issue 10): someone
unnamed ("a guy", "people", "the singer") or the one the message is written to
("you seem..."). Sentences written here, none taken from an evaluation set."""

from __future__ import annotations

import pytest

from bot.levels import rank
from bot.triage import assess

NOT_A_REPORT = [
    "is there a series where a man wakes up blind in a hospital",
    "at the festival people were fainting in the heat, are your tickets refundable",
    "a woman on the bus collapsed and the driver just kept going",
    "in that game the hero gets dizzy after every spin, so annoying",
    "everybody at the party was breathless after the conga line",
    "the actress slurs her words in that scene on purpose right?",
    "you sound confused, let me rephrase",
    "you look lost, should I start again?",
    "that movie where a guy goes deaf and blind after the crash, what was it called",
    "in the stampede people couldn't breathe, the venue should refund us",
    "you seem a bit confused today bot",
    "the players were gasping for air at half time",
    "my colleague passed out at the pub on friday, should I bring it up with her?",
    "our colleague fainted at the christmas do last week, should we get her a card",
    "the wrestler's lip was split and swollen after the bout, why didn't they stop the fight",
    "the referee fainted in the second half, why wasn't there a medic on the pitch",
]

STILL_A_REPORT = [
    ("a woman in the waiting room told me my lips look blue", "emergency"),
    ("people keep saying my cheek looks grey since the meso", "emergency"),
    ("my friend had her booster this morning and now she can't breathe properly", "emergency"),
    ("someone please help, I can't breathe since the injections", "emergency"),
    ("you know when you can't see properly? that's me since the jab", "emergency"),
    ("my mum had the treatment and everyone noticed her face drooping on one side", "emergency"),
    ("my colleague collapsed at lunch and is still on the floor, what do I do", "emergency"),
    ("a colleague at work said my lips look blue since this morning", "emergency"),
    ("the cyclist collapsed and didn't get up, what should we do", "emergency"),
    ("the referee collapsed and isn't moving, why isn't anyone helping", "emergency"),
]


@pytest.mark.parametrize("text", NOT_A_REPORT)
def test_a_sign_said_of_someone_else_raises_no_alarm(text: str) -> None:
    result = assess(text)
    assert rank(result.level) <= rank("none"), result.reasons


@pytest.mark.parametrize(("text", "level"), STILL_A_REPORT)
def test_the_patient_or_someone_they_speak_for_keeps_the_level(text: str, level: str) -> None:
    assert assess(text).level == level


def test_the_reason_names_the_person_for_staff() -> None:
    reasons = " ".join(assess("a woman on the bus collapsed").reasons)
    assert "said of someone else: 'woman'" in reasons


# Round 13: "the old man", "my old lady", "me old woman" are the writer's own
# parent or partner said colloquially, unless a place or a clause after says
# which stranger ("the old man next door", "the old woman in the story").
COLLOQUIAL_KIN = [
    ("the old man can't get his breath since lunch", "emergency"),
    ("my old lady fainted this morning after her face injections", "emergency"),
    ("me old man keeps coughing and choking on his tea since lunch", "emergency"),
]
COLLOQUIAL_STRANGERS = [
    "the old man next door collapsed yesterday",
    "the old woman in the story went blind",
]


@pytest.mark.parametrize("text, level", COLLOQUIAL_KIN)
def test_round13_the_old_man_is_the_writer_s_own(text: str, level: str) -> None:
    result = assess(text)
    assert rank(result.level) >= rank(level), result.reasons


@pytest.mark.parametrize("text", COLLOQUIAL_STRANGERS)
def test_round13_an_old_stranger_placed_or_told_of_stays_calm(text: str) -> None:
    result = assess(text)
    assert rank(result.level) < rank("routine"), result.reasons
