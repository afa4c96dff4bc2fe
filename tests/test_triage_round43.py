"""Round 43's misses, read by meaning after its one blind run (the round's sets are in
tests/blind, never copied here: each reading is written anew, with the counter-cases
that must keep their level)."""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text, level",
    [
        # heat felt as a likeness of something hot, with describing words
        ("hard lump on my chin, feels like a tiny oven when I touch it, booster monday", "urgent"),
        ("the lump on my cheek feels like a little radiator", "urgent"),
        ("our conservatory feels like an oven by noon", None),
        # a discharge told as "something" drained, or as a start of draining
        ("the bump near my jaw started draining something yellowish overnight", "urgent"),
        ("the shower tray started draining slowly again", None),
        # a pain that faded and crept back is worse again; a bruise felt is the pain's likeness
        ("the soreness had almost gone but it's creeping back, meso 6 days ago", "urgent"),
        ("it feels like a bruise", "none"),
        ("it looks like a bruise and it's getting darker", "routine"),
        # a greeting's "good week" is no time since the treatment
        ("hope you're having a good week! had my boosters 3 days ago and it's a bit puffy", "none"),
        ("the swelling has been there a whole week", "routine"),
        # half of a task, not of the view
        ("only half way through the audiobook, can you sum up chapter 4", None),
        ("since the jabs I only see half of the page", "emergency"),
        # a recording named by the voice on it
        ("the voice memo sounds muffled and flat, which mic setting?", None),
        ("my voice goes all croaky since the jabs", "emergency"),
        # a light in the eyes named as the cause, over a word of its kind
        ("can't read the menu board, it's blurry from the headlight glare", None),
        ("since the jabs everything is blurry from the glare", "emergency"),
        ("my eye is blurry from the glare", "emergency"),
        # a speech given as an event
        ("my brother welled up during his speech, lovely photo", None),
        ("my mum's speech has been slurred since this morning", "emergency"),
    ],
)
def test_round43_readings(text, level):
    assert triage.assess(text).level == level


@pytest.mark.parametrize(
    "text, level",
    [
        # reading aloud to someone is no seeing
        ("looking for the book my nan used to read to us, about a little grey mouse", None),
        ("I'm reading to my son and the words look blurry since the meso", "emergency"),
        # others' talk not heard over noise is hearing, not speech
        ("the band was so loud we couldn't hear each other talk", None),
        ("she can't talk properly, we can hardly understand her", "emergency"),
        # food a café ran out of is no eating
        ("the buffet ran out of food halfway through the evening", None),
        ("can't get my food down since the fat dissolving jabs", "urgent"),
        # another fitting booked
        ("can I book another fitting on Friday?", None),
    ],
)
def test_round44_readings(text, level):
    assert triage.assess(text).level == level
