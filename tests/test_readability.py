"""Readable on a phone: every answer and reply at reading grade 8 or below.

Measured with textstat 0.7.3 (kept in the lock: later versions download a
pronunciation dictionary at run time) on the text as rendered with the
clinic's facts and the safety net, as the patient sees it (an FAQ answer
with its "Sources:" line). A message is split into
sentences at ".", "!", "?" and at line breaks (paragraphs and list lines).
"""

from __future__ import annotations

import re

import pytest
import textstat

from bot import knowledge
from tests.knowledge_text import faq_text

MAX_GRADE = 8.0
MAX_SENTENCE_WORDS = 25


def messages() -> list[tuple[str, str]]:
    """(name, text) of every FAQ answer, every reply variation and the safety net."""
    out = [(f"faq/{k}", faq_text(k)) for k in knowledge.faq_keys()]
    for name, variations in sorted(knowledge.responses().items()):
        if name.startswith("utter_faq/"):
            continue
        for i, v in enumerate(variations):
            if v.get("text"):
                out.append((f"{name}[{i}]", v["text"]))
    out.append(("safety net", knowledge.safety_text()))
    return out


def sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])[\"')\]]*\s+|\n+", text)
    return [p.strip() for p in parts if p.strip()]


def grade(text: str) -> float:
    return textstat.flesch_kincaid_grade(text)


MESSAGES: dict[str, str] = dict(messages())


def test_textstat_is_the_kept_version():
    """Later versions fetch a dictionary from the internet when first used."""
    import importlib.metadata

    assert importlib.metadata.version("textstat") == "0.7.3"


def test_the_measures_see_hard_text():
    """The checks themselves: a dense sentence fails, plain ones pass."""
    dense = (
        "Mesotherapy constitutes a minimally invasive intradermal administration "
        "of pharmacologically active microinjections facilitating dermal revitalisation."
    )
    assert grade(dense) > MAX_GRADE
    assert grade("Most people go back to work the same day. It can sting a bit.") <= MAX_GRADE
    assert sentences("One. Two?\n\nThree: a, b.") == ["One.", "Two?", "Three: a, b."]


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_reading_grade_at_most_8(name):
    assert grade(MESSAGES[name]) <= MAX_GRADE, f"{name}: grade {grade(MESSAGES[name]):.1f}"


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_no_sentence_over_25_words(name):
    long = [s for s in sentences(MESSAGES[name]) if len(s.split()) > MAX_SENTENCE_WORDS]
    assert not long, f"{name}: {long[0]!r} ({len(long[0].split())} words)"


def test_mean_grade_of_the_faq(capsys):
    """Reported for the clinician (README); the bar is the per-answer one above."""
    grades = [grade(knowledge.faq_entry(k)["answer"]) for k in knowledge.faq_keys()]
    mean = sum(grades) / len(grades)
    assert mean <= MAX_GRADE
    with capsys.disabled():
        print(f"\nFAQ reading grade: mean {mean:.1f}, highest {max(grades):.1f}")
