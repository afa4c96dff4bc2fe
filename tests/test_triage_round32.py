"""Round 32's misses, fixed by meaning (the round's sets are in tests/blind, never
copied here; each reading with its counter-cases)."""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text, level",
    [
        # "book" after a verb and "to" is booking, not a page read
        (
            "two of my colleagues want to book too, any group price? my cheeks are still a "
            "bit pink from friday's booster, eyes fine",
            "none",
        ),
        ("i want to book, but i see two of everything since the jabs", "emergency"),
        # a smell of damp or mould is a room's or a thing's
        ("the towels are still wet 3 days later and theres a musty smell", None),
        ("my cheek smells musty since the meso", "urgent"),
        ("day 3 and there's a bad smell from the spots", "urgent"),
        # straining to look, an idiom
        ("this e-reader is too dim at night, hard on my eyes", None),
        # a fitting booked
        ("can I cancel my fitting session, I will rebook next week", None),
        ("she was fitting on the floor after the meso", "emergency"),
        ("my mum is fitting", "emergency"),
    ],
)
def test_reports_and_words_of_other_things(text, level):
    assert triage.assess(text).level == level


@pytest.mark.parametrize(
    "text, level",
    [
        # a language or a hand one cannot read is not understood
        ("the menu app switched to a script he cant read", None),
        ("since the meso he cant read his phone", "emergency"),
        # print of a size told after it, as the cause
        (
            "my grandad keeps getting letters he cant read because the print is so small and pale",
            None,
        ),
        ("since the meso she cant read because the print is blurry", "emergency"),
        # a sign placed in a picture is what the picture shows
        ("my eyes are shut in every team photo, can you edit them open", None),
        ("my eyes are shut since the meso", "emergency"),
        ("my eye is shut in the morning", "emergency"),
    ],
)
def test_seeing_words_of_other_things(text, level):
    assert triage.assess(text).level == level
