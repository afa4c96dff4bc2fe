"""Round 21: unrelated messages with body-like words raise no alarm (knowledge/
triage_subjects.yml, triage_vocabulary.yml, red_flags.yml; bot/triage/match.py
for an anchor's own ``exclude``). Both ways: the other sense raises no alarm, a
report with the same words keeps its level. The sentences are written here for
the test (none comes from an evaluation set). WordNet must be installed.
"""

from __future__ import annotations

import pytest

from bot import triage
from bot.levels import rank


def _alarm(text: str) -> bool:
    return rank(triage.assess(text).level) > rank("none")


NO_ALARM = [
    # a numbered step is not "two of": "day 2 of", "part 2 of"
    "day 2 of moving house and everything is in boxes",
    "part 2 of the series, everything goes wrong for the crew",
    # "day N of" another activity is no day since the treatment
    "pale blotchy patches on the fresh plaster wall, day 3 of drying, is that normal?",
    # sound and picture gear is a thing: a mic, a radio, a game's textures
    "my mic sounds really hoarse on calls, is it the cable?",
    "the vhf handset sounds hoarse on channel 16",
    "the textures in this game look blurry on my new monitor",
    # headlights are lamps looked at, not the eyes
    "car headlights are foggy and blurry, best restoration kit?",
    # "under foot": where one treads
    "the loft boards give way under foot near the hatch",
]

STILL_ALARM = [
    ("everything looks doubled since the jab", "emergency"),
    ("I'm seeing two of everything since the injections", "emergency"),
    ("day 2 after the filler and I see 2 of everything", "emergency"),
    ("I can't swallow, day 2 after the injections", "emergency"),
    ("day 2 of healing and my face has gone blue and blotchy", "emergency"),
    ("my face has gone blue and blotchy", "emergency"),
    ("grey blotchy patches on my cheek, day 4", "emergency"),
    ("my voice is so hoarse since the treatment", "emergency"),
    ("the headlights look blurry since the injections", "emergency"),
    ("my vision is foggy since this morning's session", "emergency"),
    ("my leg gives way under me since the injections", "emergency"),
]


@pytest.mark.parametrize("text", NO_ALARM)
def test_an_unrelated_message_raises_no_alarm(text: str) -> None:
    assert not _alarm(text), triage.assess(text).matches


@pytest.mark.parametrize("text, level", STILL_ALARM)
def test_a_report_with_the_same_words_keeps_its_level(text: str, level: str) -> None:
    assert rank(triage.assess(text).level) >= rank(level), triage.assess(text).matches
