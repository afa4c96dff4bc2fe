"""Round 29's misses, fixed by meaning (the round's sets are in tests/blind, never
copied here; each reading with its counter-cases)."""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text, level",
    [
        # a lump's place named between the lump and its draining
        ("six weeks after meso one bump on my cheek is opening and coming out liquid", "urgent"),
        # a bruise bigger than it was at an earlier time is getting worse
        ("the bruise on my jaw is bigger and darker today than it was yesterday, day 3", "routine"),
        ("small bruise on my cheek, not bigger than yesterday, day 2", "none"),
        ("the bruise is bigger than a 10p coin, day 2", "none"),
        # a colour word before a sign word is that sign's colour, not a thing
        ("a yellowish green bruise on my chin 12 days after", "routine"),
    ],
)
def test_reports_read_in_full(text, level):
    assert triage.assess(text).level == level


@pytest.mark.parametrize(
    "text, level",
    [
        # the illness "a cold", then a word that names nothing, is no cold skin
        ("I have a cold and the skin on my chin is a bit red after the meso", "none"),
        ("got a cold so can i still come to my appointment?", None),
        # cold skin stays cold skin
        ("had filler yesterday, have a cold patch on my cheek", "emergency"),
        ("have a cold, white area near the injection", "emergency"),
    ],
)
def test_a_cold_is_an_illness(text, level):
    assert triage.assess(text).level == level


@pytest.mark.parametrize(
    "text, level",
    [
        # a crowded place explains breath hard to get
        ("the tube was rammed like sardines, could hardly breathe lol", None),
        (
            "the tube was rammed and I could hardly breathe, my throat swelled after the filler",
            "emergency",
        ),
        # the writer's own slip told as the moment of a blush
        ("I went bright red when I called my boss by my dad's name 🙈", "none"),
        ("since the jabs she keeps calling me by my sister's name", "emergency"),
        # booking a thing is no reading
        ("the app won't let me book a swim slot", None),
        ("since the filler I can't read a book, the words swim", "emergency"),
        # a filler for a thing is no treatment
        ("the wood filler has gone all lumpy in the tub, I only opened it a week ago", None),
        ("my lip filler has gone lumpy, 3 weeks after", "routine"),
        # a car's blind spot checks
        ("blind spot checks keep catching me out, can we practise next session", None),
        # a dry matter coming out is no draining
        ("bumps in the plaster and sawdust coming out of the skirting board, woodworm?", "none"),
        # asking how the treatment smells is a general question
        ("does the treatment smell? my mum is staying next week", None),
        ("the wound smells bad since the treatment", "urgent"),
    ],
)
def test_words_of_other_things(text, level):
    assert triage.assess(text).level == level
