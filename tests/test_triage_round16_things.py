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
    # "a rash of" marks placed on a thing that is not worn or slept in
    "a rash of tiny grey dots on the bathroom tiles again",
    "there's a rash of small dark spots along the shower screen seal",
    "a rash of pale marks across the dining table after the party",
    # a sign after "and then" / "then" whose subject, far back, is a thing
    "the meringue baked for two hours in the low oven and then collapsed",
    "the gazebo flapped about in the gale all afternoon then collapsed",
    # a fall told with a laugh: whoever fell is awake and well
    "the cousins fell down in the sand dunes giggling",
    "the toddlers kept falling down in the ball pit laughing",
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
    ("a rash of bumps on my jaw since the filler", "urgent"),
    ("a rash of raised bumps came up on my neck overnight", "urgent"),
    ("my daughter has a rash all over her tummy", "urgent"),
    ("my dad went grey and then collapsed", "emergency"),
    ("she got up from the sofa and then collapsed", "emergency"),
    ("the room was spinning and then collapsed", "emergency"),
    ("my partner walked into the warm kitchen and then collapsed", "emergency"),
    ("my grandma fell down in the hallway and didn't get up", "emergency"),
    ("the kids fell down in the playground and aren't moving", "emergency"),
    ("the lads fell down in the muddy field giggling and one of them isn't moving", "emergency"),
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


def test_marks_on_what_touches_the_skin_are_left_to_the_skin() -> None:
    # a sheet or a pillow may carry the skin's own marks: not read as the thing's
    for text in ("a rash of bumps all over the pillowcase", "a rash of bumps on the sheets"):
        a = triage.assess(text)
        assert not any(m["status"] == "thing" for m in a.to_dict()["matches"]), a.matches
