"""Round 33's unrelated requests left last session, read by meaning (the round's sets
are in tests/blind, never copied here: each reading is written anew, with the
counter-cases that must keep their level)."""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text, level",
    [
        # a state verb with its own object, after a bare function word: the loss is the thing's
        ("my speech is at noon and I lost my laptop", None),
        ("the speech went fine but I lost my car keys afterwards", None),
        ("I lost my voice since the jabs", "emergency"),
        ("my voice is hoarse and i lost my phone", "emergency"),
        ("speech is slurred and i lost my balance", "emergency"),
        # a person stuck in an activity, not a part that will not move
        ("I always get stuck pulling over the lip on the roof section, any tips?", None),
        ("my lip is stuck and won't move since the filler", "emergency"),
        ("my eye is stuck shut this morning", "emergency"),
        # the writer puzzled, with a word of manner before "confused"
        ("I'm honestly so confused and the council website makes my eyes glaze over", None),
        ("I'm suddenly so confused", "emergency"),
        ("my husband is really confused since this afternoon", "emergency"),
        # a thing of the sign's own shade that coloured the part
        ("the blue slushie turned his whole mouth blue haha", None),
        ("my lips turned blue after the filler", "emergency"),
        ("my lips turned blue", "emergency"),
        (
            "he ate a blue ice lolly and now his lips have gone blue and he can't breathe",
            "emergency",
        ),
        # what is seen out of is a thing; a person "out of it" stays confused
        ("the car windscreen is misty inside and I can't see out of it, what clears it?", None),
        ("she is completely out of it and can't see", "emergency"),
        ("my husband is out of it", "emergency"),
        ("since the jabs I can't see out of it, the left eye", "emergency"),
        # a thing so dark or dim that no one could see
        ("the screen was so dark and blurry for most of the film that we couldnt see faces", None),
        ("my eye was so swollen that I couldn't see", "emergency"),
        ("everything went so blurry that I couldn't see", "emergency"),
        ("the pain was so bad that I couldn't see", "emergency"),
        # a kind of skin, named after a shade the sign was paired with
        ("is cream or white nicer for pale skin? bright white drains me", None),
        ("is white better for my pale skin", "emergency"),
        ("since the meso my skin is white, is that ok for pale skin", "emergency"),
    ],
)
def test_round33_readings(text, level):
    assert triage.assess(text).level == level


@pytest.mark.parametrize(
    "text, level",
    [
        # seeing out of a thing named before the sign: a window, a lens
        (
            "the double glazing in the lounge has gone misty, can't see out of it, who fixes that?",
            None,
        ),
        ("the lens in my glasses is scratched, cant see out of it", None),
        ("woke up this morning and cant see out of it", "emergency"),
        ("got home and cant see out of it", "emergency"),
        ("the other day i woke up and cant see out of it", "emergency"),
        ("I can't see out of it, help", "emergency"),
        ("since the jabs i cant see out of it", "emergency"),
        ("my left eye is puffy and i cant see out of it", "emergency"),
        # a person out of it is confused; what comes out of a thing is not
        ("the cushion is split and the foam is bulging out of it, can you re-cover it?", None),
        ("mum seems a bit out of it today", "emergency"),
        ("feel rly out of it, cant remember what i did", "emergency"),
        ("totally out of it since the jabs", "emergency"),
    ],
)
def test_seen_out_of_and_out_of_it(text, level):
    assert triage.assess(text).level == level
