"""Round 21: the writer's own "I'm confused" is puzzlement, not a confused mind, in a
message naming no body part, symptom or treatment and holding no other sign
(knowledge/red_flags.yml ``puzzled_writer``; bot/triage/assess.py
``_drop_puzzlement``). Someone else confused, "I feel confused", or a body,
treatment or other sign beside it keeps the emergency. Sentences written here for
the test (none comes from an evaluation set).
"""

from __future__ import annotations

import pytest

from bot import triage

PUZZLED = [
    "the printer says paper jam but there is no paper in it, I'm confused",
    "my train ticket shows two different times and i am so confused",
    "im confused",
    "wait, now I'm totally confused, which one do I pick?",
    "the recipe says 200g then 2 cups, I'm a bit muddled",
    "i am confuse, the form has two boxes for the same thing",
]

STILL_EMERGENCY = [
    "I'm confused and my face is swelling since the injections",
    "i feel so confused and strange",
    "my mum is confused and keeps asking the same thing",
    "I'm confused and I don't know where I am",
    "I am confused and my head hurts worse than ever, treatment was today",
    "im so confused and dizzy, had meso this morning",
    "she is muddled and hot, 39 degrees",
    "I'm confused since the treatment yesterday",
]


@pytest.mark.parametrize("text", PUZZLED)
def test_writer_puzzled_is_no_alarm(text: str) -> None:
    a = triage.assess(text)
    assert a.level in (None, "none"), (a.level, a.reasons)
    assert "confusion" not in a.signs


@pytest.mark.parametrize("text", STILL_EMERGENCY)
def test_confusion_with_a_body_or_another_person_stays_emergency(text: str) -> None:
    a = triage.assess(text)
    assert a.level == "emergency", a.reasons


@pytest.mark.parametrize(
    "text",
    [
        "I'm confused about where I am right now",
        "i am so muddled about where i am",
    ],
)
def test_puzzled_about_where_or_who_one_is_stays_emergency(text: str) -> None:
    assert triage.assess(text).level == "emergency"
