"""Round 20: a sign said of a THING, not of a person (bot/triage/subject/reader.py,
parts.py, sight.py, bot/triage/figurative.py; knowledge/triage_subjects.yml,
knowledge/triage_figurative.yml). Both ways: the thing sense raises no alarm, a
report with the same words keeps its level. The sentences are written here for
the test (none comes from an evaluation set). WordNet must be installed.
"""

from __future__ import annotations

import pytest

from bot import triage
from bot.levels import rank


def _alarm(text: str) -> bool:
    return rank(triage.assess(text).level) >= rank("routine")


NO_ALARM = [
    # a place phrase between a thing and its state is read over, back to the thing
    "the router at my brother's house is gasping again",
    "the dodgems at the funfair had a seizure halfway through the ride",
    "my pension fund went into a seizure when the rates changed",
    # a noun whose first sense is a body part, right after a noun naming a thing
    "the tyre valve is stuck and won't go down",
    "the radiator valve is choking and hissing all night",
    # the head of a compound that no dictionary knows, after a thing noun
    "the gaming mic sounds hoarse and crackly on every call",
    # a lid after "the", in a sentence that names a made thing before it
    "the kettle is rattling on the hob and the lid shakes",
    "the suitcase zip broke and the lid droops open",
    # a thing seen through, dirty or fogged after it
    "can't see through the conservatory roof anymore, it's so grimy",
    "i can't see out of the van windscreen, it's all steamed up",
    # a thing looked at, after a describing word
    "i can't see anything on my old tablet, can you email it",
]

STILL_ALARM = [
    # a person before the place phrase is the subject, not the place
    ("my son at nursery had a seizure", "emergency"),
    ("my grandad at the care home collapsed this morning", "emergency"),
    ("the baby in the pram is wheezing", "emergency"),
    ("my daughter at school is gasping for air", "emergency"),
    # a thing that is itself a place of the person is no subject
    ("I was on the garden swing at the park and collapsed", "emergency"),
    ("we were on the settee at my aunt's and she had a fit", "emergency"),
    ("a wasp crawled into my can and my lips are swelling fast", "emergency"),
    # the body's own valve, lid and sight keep their alarm
    ("my heart valve thing, I'm breathless since the filler", "emergency"),
    ("my eye feels gritty and the lid droops", "emergency"),
    ("had botox yesterday and the lid droops", "emergency"),
    ("the lid droops since this morning", "emergency"),
    ("i can't see through my right eye, it's cloudy", "emergency"),
    ("I can't see through my glasses properly, everything is blurry", "emergency"),
    ("can't see out of the window, my sight is foggy since the injections", "emergency"),
    ("i can't see anything on my phone suddenly, everything went blurry", "emergency"),
    # "its" for "it's" after a likeness keeps a person's subject
    ("my boy jerks so hard it looks like its a seizure", "emergency"),
    ("my voice is hoarse since the treatment", "emergency"),
    ("everything looks blurry since the jabs", "emergency"),
]


@pytest.mark.parametrize("text", NO_ALARM)
def test_a_sign_said_of_a_thing_raises_no_alarm(text: str) -> None:
    assert not _alarm(text), triage.assess(text).matches


@pytest.mark.parametrize("text, level", STILL_ALARM)
def test_a_report_with_the_same_words_keeps_its_level(text: str, level: str) -> None:
    assert rank(triage.assess(text).level) >= rank(level), triage.assess(text).matches
