"""Round 7: a mind's figure said of an experience, a period or a load of things
to do, a competitor choking in contests, a sign's verb done to a thing
(bot/triage/figurative.py, knowledge/triage_figurative.yml). Both ways: the
unrelated message raises no alarm, a report with the same words still does.
The sentences are written here for the test (none comes from an evaluation
set). WordNet (Debian's wordnet-base) must be installed.
"""

from __future__ import annotations

import pytest

from bot import triage
from bot.levels import rank


def _alarm(text: str) -> bool:
    return rank(triage.assess(text).level) >= rank("routine")


NO_ALARM = [
    # a mind's overload caused by a show, a story, the news
    "my head is spinning after that season finale, who was the traitor",
    "honestly my head is still spinning after the lecture on tax law",
    # said of a person, a load of things to do
    "my daughter's head is spinning from so many weekend chores, how do we share them",
    # the load of a period
    "my head is spinning, the month was so hectic, any tips to unwind",
    # a competitor failing under pressure
    "why do I always choke under pressure when I play chess online",
    "he keeps choking in penalty shootouts, how do I coach him",
    # a sign's verb done to a thing
    "the heavy snow collapsed the shed roof last night, is that covered",
    # a rash placed on a thing: a deposit, not a skin sign
    "there's a grey flaky rash on the garage wall after the frost, how do I clean it",
    # a thing's elided subject after its comma: "[it] looks like it might collapse"
    "the old garden shed is leaning badly, looks like it might collapse any day",
    # a body part a picture shows: the picture is blurry, not the sight
    "my face picture on the bank app is blurry so the login fails",
    # "it" is the weather
    "our heater blows hot air all night, it's burning in this heat",
]

STILL_ALARMS = [
    ("my head is spinning and I fainted after the injections", "emergency"),
    ("she collapsed", "emergency"),
    ("I'm seeing double", "emergency"),
    ("my head is spinning after the fall, should I worry", "emergency"),
    ("my head is spinning from the new meds", "emergency"),
    ("my head is spinning since this morning and the room keeps moving", "emergency"),
    ("my mum's head is spinning after her session", "emergency"),
    ("my son started choking at the football match", "emergency"),
    ("he is choking on a grape", "emergency"),
    ("she collapsed on the floor", "emergency"),
    ("he collapsed this morning at work", "emergency"),
    ("I can't breathe, this week was awful", "emergency"),
    ("there's a red itchy rash on my neck", "urgent"),
    ("a rash on the baby's cheek", "urgent"),
    ("there's a red rash on the chest", "urgent"),
    ("there's a red rash on the injection site", "urgent"),
    ("a rash on the back of the knee", "urgent"),
    ("my mum is very pale and shaky, looks like she might collapse", "emergency"),
    ("my lips are swollen, looks like it is blistering", "urgent"),
    ("my eye is blurry, the face photo is fine", "emergency"),
    ("everything is blurry, my eye photo shows a red spot", "emergency"),
    ("had meso yesterday, it's burning in the sun", "urgent"),
    ("my cheeks are red, it's burning in the heat", "urgent"),
    ("it's burning", "urgent"),
]


@pytest.mark.parametrize("text", NO_ALARM)
def test_a_figure_raises_no_alarm(text: str) -> None:
    assert not _alarm(text), triage.assess(text).matches


@pytest.mark.parametrize("text,level", STILL_ALARMS)
def test_a_report_with_the_same_words_still_alarms(text: str, level: str) -> None:
    assert rank(triage.assess(text).level) >= rank(level), triage.assess(text).matches


def test_the_reason_names_the_figure_for_staff() -> None:
    a = triage.assess("my head is spinning, the week was so long")
    assert [m["status"] for m in a.matches] == ["figurative"], a.matches
    assert any("period" in r for r in a.reasons), a.reasons
