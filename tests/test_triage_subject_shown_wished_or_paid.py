"""Round 6: signs said of things read or shown, of a chosen look, of a wish, of
money and of a sight (bot/triage/subject/, knowledge/triage_subjects.yml);
an overload of the mind as a cause (bot/triage/figurative.py,
knowledge/triage_figurative.yml). Both ways: the unrelated request raises no
alarm, a report with the same words still does. The sentences are written
here for the test (none comes from an evaluation set). WordNet (Debian's
wordnet-base) must be installed.
"""

from __future__ import annotations

import pytest

from bot import triage
from bot.levels import rank


def _alarm(text: str) -> bool:
    return rank(triage.assess(text).level) >= rank("routine")


NO_ALARM = [
    # an overload of the mind as the cause
    "my head is spinning from all these invoices, which one do I pay first",
    "my head is spinning from algebra homework, can you explain fractions",
    "head spinning over the visa paperwork, where do I start",
    # a laugh further back, a sight that leaves one breathless
    "we giggled so much at the comedy show last night that I was breathless",
    "the view from the summit this morning left me breathless",
    # what a screen shows, a screen too dim for its light
    "can't read the captions, they're grey on a grey background",
    "i can't see my tablet on the beach, it's too dim",
    # a reader that is a machine, an app that stutters
    "the card reader is so blurry I can't make out the prices",
    "the app keeps choking every few minutes when I stream",
    # a relative clause: the picture is blurry, not the writer
    "the holiday picture we uploaded is blurry, we will upload it again",
    # the colour something is printed in
    "the warranty terms were printed in tiny light grey text, does that count",
    # money and escape idioms
    "this subscription is bleeding me dry, how do I get out of it",
    # "a rash of" many things on a thing
    "the bike came back with a rash of small chips along the frame",
    # a look asked for
    "I'd like my toenails dark red with white tips for the wedding",
    # a software update
    "everything looks washed out since the software update on my laptop",
]

STILL_ALARM = [
    ("my head is spinning and I collapsed in the kitchen", "emergency"),
    ("my head is spinning from the injection this morning", "emergency"),
    ("my head is spinning from the new meds", "emergency"),
    ("she collapsed from the shock of the news", "emergency"),
    ("the stairs last night left me breathless", "emergency"),
    ("I can't see the tv", "emergency"),
    ("can't see the words on the page since the filler", "emergency"),
    ("the letters look blurry since my injections, I can't read", "emergency"),
    ("it's too dark, I can't see anything since the filler", "emergency"),
    ("the photo I took shows my lips are blue", "emergency"),
    ("my lips have gone pale and grey", "emergency"),
    ("a rash of small bumps came up on my neck", "urgent"),
    ("I want to know why the spots have white tips", "urgent"),
    ("they look like white heads on my chin", "urgent"),
    ("the app says I should call because I can't breathe", "emergency"),
]


@pytest.mark.parametrize("text", NO_ALARM)
def test_an_unrelated_request_with_sign_words_raises_no_alarm(text: str) -> None:
    assert not _alarm(text), triage.assess(text).matches


@pytest.mark.parametrize("text, level", STILL_ALARM)
def test_a_report_with_the_same_words_still_alarms(text: str, level: str) -> None:
    assert rank(triage.assess(text).level) >= rank(level), triage.assess(text).matches


def test_the_reason_names_the_overload_for_staff() -> None:
    a = triage.assess("my head is spinning from these tax forms")
    assert [m["status"] for m in a.matches] == ["figurative"], a.matches
    assert any("overload" in r for r in a.reasons), a.reasons
