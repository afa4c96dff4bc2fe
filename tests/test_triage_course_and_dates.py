"""Round 10's kinds, read by meaning (issue 10): sentences written here, none taken
from an evaluation set.

- a comparative written with "more" is the comparative ("more dark" is darker);
- a comparative with a repeated time is a course ("puffier every day", "wider each
  morning"), one measured against the usual face is not ("puffier than usual");
- a bubble that holds fluid is a blister;
- two days the message names, one of them today, give the time since treatment
  ("it's Thursday now, I had it done on Sunday"; "done on the 2nd, today is the 14th");
- a negated auxiliary belongs to the verb after it ("eyesight fine, doesn't hurt").
"""

from __future__ import annotations

import pytest

from bot.triage import assess
from bot.triage.durations import dated_gap
from bot.triage.forms import comparative_base, phrase_variants
from bot.triage.rules import load_rules

LEVELS = [
    ("three weeks on, the skin where she injected has gone more dark", "routine"),
    ("a month after meso my cheek skin went more pale in one spot", "routine"),
    ("my jaw looks more puffy every day and it's day 6 now", "urgent"),
    ("the pink patch by my ear is wider each morning", "urgent"),
    ("the redness gets redder by the day", "urgent"),
    ("there are tiny bubbles of water on my chin where the needles went", "urgent"),
    ("a few spots with clear liquid in them came up on my forehead", "urgent"),
    ("it's Thursday now and I had it done on Sunday, my cheek keeps getting puffier", "urgent"),
    ("had my session on the 2nd, today is the 14th and there's still some swelling", "routine"),
    ("bit puffier than usual this morning, had it done yesterday", "none"),
    ("small bruise by my eye since yesterday, eyesight fine, doesn't hurt at all", "none"),
    ("eyesight fine, swallowing fine, just a bit swollen on day 1", "none"),
]


@pytest.mark.parametrize(("text", "level"), LEVELS)
def test_each_kind_gives_its_level(text: str, level: str) -> None:
    result = assess(text)
    assert result.level == level, result.reasons


@pytest.mark.parametrize(
    ("word", "base"),
    [
        ("darker", "dark"),
        ("paler", "pale"),
        ("puffier", "puffy"),
        ("redder", "red"),
        ("tender", None),
        ("fever", None),
        ("number", None),
        ("swollen", None),
    ],
)
def test_a_comparative_knows_its_adjective(word: str, base: str | None) -> None:
    assert comparative_base(word) == base


def test_a_phrase_with_a_comparative_gains_its_more_form() -> None:
    assert "skin is more dark" in phrase_variants("skin is darker")
    assert not any("more more" in v for v in phrase_variants("more darker"))


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("it's friday now and I had it done monday", 4.0),
        ("had it done on a saturday, today is monday", 2.0),
        ("done on the 28th, today is the 3rd", 5.0),
        ("treatment was on the 3rd and today is the 15th", 12.0),
        ("it's monday now and I had it done monday", 7.0),
    ],
)
def test_two_days_named_one_today_give_the_gap(text: str, days: float) -> None:
    rules = load_rules()
    assert [d for _, d in dated_gap(rules, rules.nlp.make_doc(text))] == [days]


@pytest.mark.parametrize(
    "text",
    [
        "had it done monday, my review is on friday",  # no day said to be today
        "today I feel fine, had it done monday",  # today is no weekday here
        "booked for the 3rd and the 15th",
        "it's friday now and I sat in the sun",  # "sat", "sun": words of their own, no days
    ],
)
def test_no_gap_without_a_today(text: str) -> None:
    rules = load_rules()
    assert dated_gap(rules, rules.nlp.make_doc(text)) == []


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # growing within the first hours is swelling fast (rapid_swelling)
        ("my top lip keeps getting bigger and bigger in the past 30 mins", "emergency"),
        ("my lips are getting bigger, had lip meso 3 days ago", "urgent"),
        # a picture likened to someone's doing is still the skin's own look
        ("my cheek looks like somebody scribbled a purple net on it, 3 hours after", "emergency"),
        # the day named in the sign's own sentence, counted from today
        ("Had it on Monday. It's Friday and the swelling is bigger now than on Tuesday", "urgent"),
        # "paining", the -ing form of pain as many speakers of English use it
        ("my left eye is paining badly since the injections this afternoon", "emergency"),
    ],
)
def test_round_11_kinds(text: str, level: str) -> None:
    result = assess(text)
    assert result.level == level, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        # "go down" said of a sign is its subsiding, not food swallowed
        "little bumps on my chin that won't go down yet, had it done this morning",
        # less than expected is not out of proportion
        "it was far less painful than I expected, just a bit pink today",
    ],
)
def test_expected_effects_in_alarming_words_stay_calm(text: str) -> None:
    assert assess(text).level == "none", assess(text).reasons


def test_a_negation_in_another_sentence_leaves_a_duration_alone() -> None:
    result = assess("not sore, no pain. 1 hour after the session, a bit pink")
    assert result.days is not None and result.days > 0


# The treatment day told from leaving the clinic ("since I left", "in the hour since I left
# the clinic", "when I got home"): warm skin then is the expected warmth of the first day.
# Leaving something else, or the clinic on a named day, is no time of today.
WARM_ON_THE_DAY = [
    "my forehead went warm and tingly since i left, is that normal?",
    "in the first hour since leaving the salon my jaw has felt warm and a bit pink",
    "when I got home my cheeks were warm and looked flushed",
    # a plan ahead is no time since the treatment: "rebook ... in six weeks"
    "had the booster this morning, I'd like to rebook for the same slot in six weeks. "
    "My skin is a little warm and red.",
]
WARM_LATER = [
    "my cheeks have felt hot since I left my job last month",
    "since I left the clinic on monday my cheek has been hot and sore",
    "I had meso 5 days ago, in 2 days the red patch went hot",
]


@pytest.mark.parametrize("text", WARM_ON_THE_DAY)
def test_warm_skin_on_the_day_told_from_leaving_the_clinic_is_expected(text: str) -> None:
    result = assess(text)
    assert result.level == "none", result.reasons


@pytest.mark.parametrize("text", WARM_LATER)
def test_warm_skin_later_or_leaving_something_else_stays_urgent(text: str) -> None:
    result = assess(text)
    assert result.level == "urgent", result.reasons
