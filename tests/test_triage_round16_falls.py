"""Round 16: a fall the person does not get up from is a collapse; the place of a fall is
not a thing done to (bot/triage/figurative.py ``_done_to_thing``, knowledge/red_flags.yml
``faint_collapse``). Our own sentences, each with a calm counterpart."""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text",
    [
        # the place where someone fell is not what a verb was done to
        "my husband fell down in the car park after the jabs",
        "grandad fell down at the bus stop on the way back",
        # a fall and a state that no fall leaves by itself
        "my wife fell in the hallway and isn't moving",
        "mum fell over and we can't wake her",
        "he fell off the step and can't get up",
        "she tripped and fell and now she isn't responding",
        "i fell down the stairs and couldn't stand up",
    ],
)
def test_a_fall_the_person_does_not_get_up_from_is_an_emergency(text):
    assert triage.assess(text).level == "emergency", triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "the storm collapsed our greenhouse",
        "I fell asleep on the train and didn't get up for my stop",
        "we fell behind on the project and can't get up to date",
        "they fell in love and can't get enough of each other",
        "the picture fell off the wall and I can't get the nail back in",
        "my brother and I fell out with our cousin and she won't answer",
    ],
)
def test_falls_that_are_no_fall_of_a_body_stay_calm(text):
    assert triage.assess(text).level is None, triage.assess(text).reasons
