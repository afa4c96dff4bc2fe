"""Round 31's misses, fixed by meaning (the round's sets are in tests/blind, never
copied here; each reading with its counter-cases)."""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text, level",
    [
        # a negation whose own word comes first, then "and": it does not reach the next part
        (
            "my sister had the booster today, red dots, she says it doesn't sting and her eyes "
            "are fine",
            "none",
        ),
        ("no eyes or breathing problems, just pink after the meso", "none"),
        # "fine" or "ok" denied is not well
        ("my vision is not fine since the meso", "emergency"),
        ("my breathing isnt ok since the filler", "emergency"),
        ("the wifi is not ok", None),
        # the spacing of sessions, numbers inside it, and a duration asked about
        (
            "bit red with tiny bumps this morning, had it yesterday. is it 2 weeks or 3 weeks "
            "between sessions?",
            "none",
        ),
        (
            "day 2 after the chin jabs, swollen and tender. when is the next one, is eight "
            "weeks right?",
            "none",
        ),
        ("it's been eight weeks and the lump is still there", "routine"),
        # the treated chin likened to a bigger double chin: its shape, not a course
        (
            "chin fat dissolving yesterday, swollen and sore, like a double chin got bigger lol",
            "none",
        ),
        (
            "day 5 after fat dissolving, my double chin got bigger since yesterday and is sore",
            "urgent",
        ),
        # the treatment's product named in the singular
        (
            "had polynucleotide in my cheeks 7 weeks ago. since a few days small firm bumps under "
            "the skin, not red",
            "routine",
        ),
    ],
)
def test_reports_read_in_full(text, level):
    assert triage.assess(text).level == level


@pytest.mark.parametrize(
    "text, level",
    [
        # a growth that a thing has, or that is placed in or on a thing
        # (a lump alone reads as an expected effect: no alarm)
        ("the radiator valve has a white crusty lump on the joint, is it leaking", "none"),
        ("little blisters all over the epoxy worktop, can it be fixed", None),
        ("my cheek has a crusty lump, is it leaking", "urgent"),
        ("blisters in the injection area", "urgent"),
        ("got blisters on my cheek", "urgent"),
        # a verb after "but"/"and" with no subject of its own shares the first clause's
        ("the croissants look fine going in but collapse in the oven", None),
        ("I was fine but collapsed in the kitchen", "emergency"),
        ("my mum was fine and collapsed in the hallway", "emergency"),
        # print of a size named before the sight words
        ("the menu is in grey tiny print and i cant see which dish is which", None),
        ("since the jabs i cant see the tiny text on my phone", "emergency"),
        # a liking denied, a change made
        (
            "our new rescue is nervous and he doesnt like his feet being touched, can you "
            "groom him gently",
            None,
        ),
        ("the only thing we changed was the brand of dog food", None),
        ("she doesnt move her arm", "emergency"),
        ("my arm doesnt work since the meso", "emergency"),
    ],
)
def test_words_of_other_things(text, level):
    assert triage.assess(text).level == level
