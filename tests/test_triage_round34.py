"""Round 34's misses, read by meaning after its one blind run (the round's sets are in
tests/blind, never copied here: each reading is written anew, with the counter-cases
that must keep their level)."""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text, level",
    [
        # the skin's colour named as such, dark, with the pain growing: blocked blood flow
        (
            "My jaw, where was the needle yesterday, the colour now is dark and murky, and it "
            "hurt much more than this morning.",
            "emergency",
        ),
        ("the colour of the bruise is dark and it hurts more than yesterday", "urgent"),
        ("the colour is dark and it hurts a bit, day 2", "none"),
        # "isn't getting worse" denies the growth; "isn't getting better" does not
        ("day 3, cheeks a little tender, the tenderness isn't getting worse", "none"),
        ("the swelling isn't getting any bigger", "none"),
        ("the pain isn't getting better, it's worse every day", "urgent"),
        ("the swelling doesn't get any better and keeps growing", "urgent"),
        # a likeness of an activity done is no eating now
        (
            "my jaw feels like I've been chewing gum for hours, a bit sore, day after the fat "
            "dissolving jabs",
            "none",
        ),
        # a jaw sore when chewing is tenderness, not hard swallowing (round 73; the red-flag check
        # still asks about swallowing before any reassurance); a chew that cannot be done, or
        # swallowing that hurts, keeps its level
        ("chewing is sore since the fat dissolving jabs", "none"),
        ("it hurts to chew since the injections under my chin", "none"),
        ("it hurts to chew and swallow since the fat dissolving", "urgent"),
        ("I can barely chew since the jabs", "emergency"),
        # a swelling going down in a clause joined on is getting better, not food swallowed
        ("some puffiness under my eyes, which was worse yesterday and is going down now", "none"),
        ("since the jabs its harder to swallow and nothing is going down", "emergency"),
    ],
)
def test_reports_read_in_full(text, level):
    assert triage.assess(text).level == level


@pytest.mark.parametrize(
    "text, level",
    [
        # darkness as where one is, not sight gone dark
        ("how long do your eyes take to adjust to the dark?", None),
        ("can owls really see in the dark", None),
        ("since the meso everything went dark in my left eye", "emergency"),
        ("my left eye sees only dark since the jabs", "emergency"),
        # a thing named before a short aside is the subject after it
        ("the visor (the clear plastic bit) went foggy and now I can barely see through it", None),
        ("my eye (the left one) went foggy and now I can barely see", "emergency"),
        # numbers of a small size are print
        ("can't read the tiny numbers on the meter in bright sun", None),
        ("i cant read the numbers on my phone since the jabs", "emergency"),
        # a "so" of result after a blurred thing; a blurred eye or view keeps the sign
        ("everything was blurry so i couldnt read", "emergency"),
        ("my eye was blurry so i couldnt read", "emergency"),
    ],
)
def test_words_of_other_things(text, level):
    assert triage.assess(text).level == level


def test_the_lid_of_an_owned_thing_anchors_no_eyelid():
    assert "eyelid" not in triage.assess("the lid of my old weber is rusty").anchors
    assert "eyelid" in triage.assess("the lid of my left eye is drooping").anchors


def test_a_cocktail_named_by_what_is_in_it_is_the_treatment():
    a = triage.assess("breath is shallow and I keep gulping for air, had the peptide shots at noon")
    assert "treatment" in a.anchors
    assert all(m["status"] == "counted" for m in a.matches if m["sign"] == "breathing_difficulty")
    assert "treatment" not in triage.assess("two tequila shots and a cocktail please").anchors
