"""Round 16: a sign said of a THING, not of a person (bot/triage/subject/,
bot/triage/wordnet.py, knowledge/triage_subjects.yml). Both ways: the thing
sense raises no alarm, a report with the same words keeps its level. The
sentences are written here for the test (none comes from an evaluation set).
WordNet (Debian's wordnet-base) must be installed.
"""

from __future__ import annotations

import pytest

from bot import triage
from bot.levels import rank
from bot.triage import wordnet


def _alarm(text: str) -> bool:
    return rank(triage.assess(text).level) >= rank("routine")


NO_ALARM = [
    # a noun whose senses WordNet never counted is read by the class most of them
    # share ("jack": mostly artifacts), not by the quantity listed first
    "the jack collapsed",
    "the jack slipped on the gravel and collapsed under the trailer",
    # a blind spot placed on an artifact
    "there's a blind spot on the near side of the caravan",
    "the forklift has a blind spot behind the mast",
    "a blind spot at the back of the horsebox, so reverse slowly",
    "is there a blind spot near the tailgate of the truck",
]

STILL_ALARM = [
    ("my friend collapsed", "emergency"),
    ("my brother collapsed at the gym", "emergency"),
    ("a blind spot in my right eye since this morning", "emergency"),
    ("I keep getting a blind spot in the middle of what I look at", "emergency"),
    ("there's a blind spot in my sight since the filler", "emergency"),
    ("I've got a blind spot on the right side", "emergency"),
    ("suddenly a blind spot on the left of the screen when I read", "emergency"),
    ("a blind spot on the left since my tear trough filler", "emergency"),
]


@pytest.mark.parametrize("text", NO_ALARM)
def test_a_sign_said_of_a_thing_raises_no_alarm(text: str) -> None:
    assert not _alarm(text), triage.assess(text).matches


@pytest.mark.parametrize("text, level", STILL_ALARM)
def test_a_report_with_the_same_words_keeps_its_level(text: str, level: str) -> None:
    assert rank(triage.assess(text).level) >= rank(level), triage.assess(text).matches


def test_the_usual_class_of_a_noun_whose_senses_were_never_counted() -> None:
    assert wordnet.usual_class("jack") == 6  # an artifact, not the quantity listed first
    assert wordnet.usual_class("car") is None  # counted senses: their order stands
    assert wordnet.usual_class("kid") is None
