"""A booking told with a time ahead is no time since the treatment, and "book" the verb
is no page to read (written for this test, none from an evaluation set)."""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text",
    [
        "can you book me in two weeks from now",
        "pls book us in two weeks time, thanks",
        "could you book me in for three weeks from today? the redness from this morning is mild",
    ],
)
def test_a_booking_ahead_raises_nothing(text):
    assert triage.assess(text).level in (None, "none"), text


def test_a_time_ahead_from_today_is_not_a_time_since():
    a = triage.assess(
        "can I book the next session for four weeks from today? my face is a little "
        "swollen and pink since this morning's treatment"
    )
    assert a.level == "none" and a.days == 0


@pytest.mark.parametrize(
    "text",
    [
        "the words in my book are doubled since the injections",
        "i see two of every line in the book since this morning's treatment",
        "my face has been swollen for four weeks from the treatment",
    ],
)
def test_the_book_read_and_a_time_since_still_count(text):
    assert triage.assess(text).level in ("emergency", "routine"), text
