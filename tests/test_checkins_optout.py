""" "stop" and its variants, and messages that merely contain the word."""

from __future__ import annotations

import copy

import pytest

from bot.checkins import config
from bot.checkins.optout import is_opt_out, words
from tests.fakes.checkins import DEFAULT, FACTS


@pytest.mark.parametrize(
    "text",
    [
        "stop",
        "STOP",
        "Stop.",
        "stop!!!",
        " stop ",
        "Stop please",
        "please stop",
        "STOP 🛑",
        "stop it",
        "stop all",
        "STOPALL",
        "stop the messages",
        "please stop the check-ins",
        "stop texting me",
        "stop sending me these reminders",
        "Stop messaging me now thanks",
        "unsubscribe",
        "Unsubscribe me",
        "opt out",
        "opt-out",
        "OPTOUT",
        "cancel",
        "quit",
        "end",
        "no more messages",
        "no more check ins please",
        "Don't send me any more reminders",
        "don’t message me",
        "do not text me anymore",
        "I want to unsubscribe",
        "can you stop the messages please",
        "leave me alone",
        "ok stop",
        "stop stop stop",
    ],
)
def test_opt_outs(text):
    assert is_opt_out(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "ok",
        "thanks",
        "thank you",
        "please",
        "no more",
        "no",
        "I can't stop itching",
        "the bleeding won't stop",
        "stop the pain",
        "how do I stop swelling",
        "stop, it hurts",
        "cancel my appointment",
        "can I cancel my next session",
        "when does the course end",
        "the end of my eyebrow is swollen",
        "should I quit smoking",
        "no more swelling, all fine",
        "all fine",
        "redness or swelling",
        "something worries me",
        "stop" * 100,
        "stop " + "x" * 300,
        "s t o p",
        "stopp",
    ],
)
def test_not_opt_outs(text):
    assert not is_opt_out(text)


@pytest.mark.parametrize("value", [None, 3, ["stop"], {"text": "stop"}, b"stop"])
def test_non_text_is_never_an_opt_out(value):
    assert not is_opt_out(value)


def test_words_ignore_case_marks_and_emoji():
    assert words("Don’t STOP—now!! 🛑") == ["dont", "stop", "now"]


def test_the_word_list_comes_from_the_file():
    data = copy.deepcopy(DEFAULT)
    data["opt_out"]["alone"] = ["stop", "basta"]
    s = config.parse(data, clinic=FACTS)
    assert is_opt_out("Basta!", s)
    assert not is_opt_out("basta", config.load())
    assert not is_opt_out("cancel", s)
