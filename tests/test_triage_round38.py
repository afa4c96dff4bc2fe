"""Round 38's misses, read by meaning after its one blind run (the round's sets are in
tests/blind, never copied here: each reading is written anew, with the counter-cases
that must keep their level)."""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text, level",
    [
        # pain's own verb with "more", against no other thing, is pain growing
        ("4 days since the jabs and my cheek is aching even more now", "urgent"),
        ("day 6, the jaw is throbbing more, not less", "urgent"),
        ("day 1 it hurts a bit, the needle bits sting more on the left", "none"),
        # sight told as it should be is no change in sight
        ("day 2, eyes fine, seeing everything perfectly, only the under-eye is puffy", "none"),
        ("since the jabs I'm seeing everything double", "emergency"),
        # an eyelid is never the lid OF a thing
        ("the lid of the paint tin is leaking", None),
        ("the lid of my eye is leaking goo since the injections", "urgent"),
        # the eye bulging is the eye's shape, never the shape of what is seen
        ("my laptop battery swelled and the screen is bulging out", "none"),  # no alarm
        ("her eye is bulging forward since the filler", "emergency"),
        # a colour the teeth share is a stain
        ("blue lips and blue teeth from the blue raspberry slushie", None),
        ("his lips have gone blue and he's gasping", "emergency"),
        # numb with the cold named as its cause
        ("my toes went numb in the freezing sea, is a wetsuit worth it", None),
        ("my right leg went numb an hour after the treatment", "emergency"),
        # a movement away is no failing function
        ("the chalk is gone and my fingers slip off the crimps", None),
        ("my right hand feels off and weak since lunch", "emergency"),
        # hands and feet blister where they rub, never where the face was treated
        ("got blisters on both heels from the new walking boots", None),
        ("blisters came up on my chin two days after the jabs", "urgent"),
        # a fright told by the one who lived it
        ("my heart sank when I saw the bill, it was grey and crumpled in the post", None),
        ("my heart stopped when I saw my nose, it's gone grey since the filler", "emergency"),
        # a pet WordNet does not know
        ("our cockapoo's eye looks cloudy, should we see a vet", None),
        ("my son's eye looks cloudy since this morning", "emergency"),
    ],
)
def test_round38_readings(text, level):
    assert triage.assess(text).level == level
