"""A sign asked about as a topic for schoolwork (an exam, an essay, homework) is no
report (issue 10); the writer's own or kin's signs beside schoolwork keep the
alarm. Sentences written here, none taken from an evaluation set."""

from __future__ import annotations

import pytest

from bot.levels import rank
from bot.triage import assess

CASES = [
    ("explain how an allergic reaction makes the throat swell for a biology exam question", "none"),
    ("summarise what causes blue lips in the cold for our homework sheet", "none"),
    ("my lips are blue and I can't breathe, I have an exam tomorrow", "emergency"),
    ("help I can't breathe, I'm revising for my exam", "emergency"),
    ("my son's lips went blue, he was studying for a test", "emergency"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_a_topic_for_schoolwork_is_no_report(text: str, expected: str) -> None:
    result = assess(text)
    if expected == "none":
        assert rank(result.level) <= rank("none"), result.reasons
    else:
        assert result.level == expected, result.reasons
