"""Round 40's misses, read by meaning after its one blind run (the round's sets are in
tests/blind, never copied here: each reading is written anew, with the counter-cases
that must keep their level)."""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text, level",
    [
        # pain growing, told by a comparative said twice or "more pain" with each day
        ("had the jabs 8 days ago and the pain gets stronger and stronger", "urgent"),
        ("treated last week, since friday there is more pain every day", "urgent"),
        ("the bumps from the jabs get smaller and smaller every day", "none"),
        # a blur heard, not seen
        ("the speakers at the venue made everything sound so blurry", None),
        ("everything looks blurry since the jabs", "emergency"),
        # a made thing's lid is no eyelid
        ("the piano lid has a white patch from the plant pot", None),
        ("my lid has gone white and cold since the jabs", "emergency"),
        # the writer's own heart stopping is a fright
        ("my heart stopped when the bookcase collapsed", None),
        ("my heart stopped and then I collapsed on the floor", "emergency"),
        # a blister named by what rubs
        ("got a huge blister from my new hiking boots", None),
        ("a blister from the injection on my cheek", "urgent"),
        # the core of a thing is no heart
        ("this story should be the heart of the speech", None),
    ],
)
def test_round40_readings(text, level):
    assert triage.assess(text).level == level
