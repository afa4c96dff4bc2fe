"""Round 22's regression: time nouns read by their singular, and a message with an
expected effect counted on the body stays a report whatever else it calls a thing.

Written in our own words (the round's sets are in tests/blind, never copied here).
"""

from __future__ import annotations

import pytest

from bot import triage

pytest.importorskip("rasa")

from bot.nlu.red_flags import _said_of_things  # noqa: E402


@pytest.mark.parametrize(
    "text, level",
    [
        # "minutes" is first the record of a meeting in WordNet; as a time it is
        # never the subject a sign is said of
        (
            "twenty minutes ago a pounding headache hit me out of nowhere, the worst ever",
            "emergency",
        ),
        ("a couple of minutes after the jabs my lips started swelling fast", "emergency"),
        ("a few seconds later my eye went dark", "emergency"),
        # a thing still is the subject; the minutes of a meeting are no time
        ("five minutes ago the printer started wheezing again", None),
        ("the minutes of the meeting were a headache", None),
    ],
)
def test_a_time_noun_is_never_what_the_sign_is_said_of(text, level):
    assert triage.assess(text).level == level


@pytest.mark.parametrize(
    "text, of_things",
    [
        # an expected effect counted on the body keeps the message a report
        ("my cheeks are a bit pink today. the old car is wheezing up every hill", False),
        ("a little redness on my cheeks today; separately, the boiler keeps wheezing", False),
        # only signs said of things: not a report
        ("the old car is wheezing up every hill", True),
        ("five minutes ago the printer started wheezing again", True),
    ],
)
def test_a_counted_sign_keeps_the_message_a_report(text, of_things):
    assert _said_of_things(triage.assess(text)) is of_things
