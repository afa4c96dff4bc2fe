"""Sign words in text that is not a report (issue 10): FAQ questions and other senses stay calm.

Sentences written here, none taken from an evaluation set. Each kind is tried both ways: the
question or the other sense raises no alarm, and a report with the same word still does.
"""

from __future__ import annotations

import pytest

from bot.levels import rank
from bot.triage import assess


def _alarm(text: str) -> bool:
    return rank(assess(text).level) >= rank("routine")


# --- word senses --------------------------------------------------------------------------
OTHER_SENSES = [
    # puzzled by what one read, before any treatment
    "I've been reading up on skin boosters versus meso online and I'm now a bit confused. "
    "Which suits oily skin?",
    "I looked into three kinds of meso on different clinic pages. Now I am completely confused, "
    "what is the difference?",
    # someone who keeps talking about a topic
    "my sister can't stop talking about her skin boosters, what exactly are they?",
    "everyone at work is talking about meso, does it really do anything?",
    # swallowed up / swallowed by: used up, taken over
    "my evenings off are swallowed up by chores, can the appointment be done in 30 minutes?",
    "our whole Saturday was swallowed by the school fair, are you open on Sundays for meso?",
    # a tired complexion as the reason to want the treatment
    "I'd love to try meso. After months of night shifts my face looks grey and tired, "
    "would it help?",
    "considering meso because my skin looks pale and lifeless these days, how many sessions?",
]
SAME_WORDS_REPORTS = [
    ("since the injection this morning my dad is confused, doesn't know where he is", "emergency"),
    ("I read about it and now I'm confused and my speech is slurred, had meso today", "emergency"),
    ("after my filler yesterday my husband says I'm talking funny", "emergency"),
    ("since the session I can hardly swallow, it feels like my throat is closing", "emergency"),
    ("thinking of another session, but since the last my cheek looks grey and cold", "emergency"),
    ("she can't get her words out properly since her injections", "emergency"),
]


# --- questions about the treatment, asked before having it ---------------------------------
QUESTIONS = [
    "It is really sore the needles? I faint easily",
    "and the forehead, is that the most painful part?",
    "is possible to get bruise or infection from this?",
    "I get cold sores now and again, could meso set one off?",
    "Who gets the most out of meso - people with acne scars, redness or dark patches?",
    "who can have skin boosters if they have darker skin?",
    "Would it lighten my dark patches? They're from my two pregnancies",
    # a general question with no report of the writer's own after it
    "do people get blisters after meso? my cousin said she had some",
    "can I have another session if I get small lumps?",
]
REPORTS = [
    ("my cheek is really sore since the injections, is that the most painful part?", "urgent"),
    ("I think the area is infected, there is pus and it's hot since yesterday", "urgent"),
    ("I get cold sores now and again and one is coming up right where she injected", "urgent"),
    ("who do I call? my lips are swelling fast and I can't breathe after the filler", "emergency"),
    ("I have new brown patches on my cheek three weeks after the meso", "routine"),
    ("It is very painful, the pain is getting worse every hour since the session", "urgent"),
    # the sign asked about, taken up by "ones"/"one" on the writer's own body: a report
    ("do people get blisters after meso? two tiny watery ones on my chin since lunch", "urgent"),
    # a condition told as still so is the writer's state now, whatever the question before it
    (
        "can I book another round if I still have hard lumps in my cheek from the first one"
        " two months ago?",
        "routine",
    ),
]


@pytest.mark.parametrize("text", OTHER_SENSES + QUESTIONS)
def test_other_sense_or_question_raises_no_alarm(text: str) -> None:
    assert not _alarm(text), assess(text).reasons


@pytest.mark.parametrize(("text", "level"), SAME_WORDS_REPORTS + REPORTS)
def test_report_with_the_same_words_keeps_its_level(text: str, level: str) -> None:
    assert rank(assess(text).level) >= rank(level), assess(text).reasons


def test_pre_treatment_frame_never_drops_an_emergency_said_now() -> None:
    text = "I'm considering meso for next month, but right now my vision went dark in one eye"
    assert assess(text).level == "emergency"


def test_pre_treatment_frame_is_off_after_a_reported_treatment() -> None:
    text = "I've read about it and I'm confused, I had it done yesterday"
    result = assess(text)
    assert result.level == "emergency"
    assert all(m["status"] != "pre_treatment" for m in result.matches)
