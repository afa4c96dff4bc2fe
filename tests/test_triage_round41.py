"""Round 41's misses, read by meaning after its one blind run (the round's sets are in
tests/blind, never copied here: each reading is written anew, with the counter-cases
that must keep their level)."""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text, level",
    [
        # one hive with a determiner is a beehive; hives on the skin keep their level
        ("we moved the hive to the end of the garden, any tips", None),
        ("I've got hives all over my neck since the jabs", "urgent"),
        ("a hive came up on my cheek", "urgent"),
        # too tired to think is a worn-out mind, not a confused one
        ("the twins are up all night and I'm so tired I can't think straight", None),
        ("I'm so confused I can't think straight since the injection", "emergency"),
        # a blur through an instrument one looks through
        ("the stars look blurry through my binoculars", None),
        ("my vision is blurry with my glasses on since the jabs", "emergency"),
        # an animal's coat changing colour
        ("the fur on my cat's back has gone a bit yellow", None),
        ("the skin on his chest has gone grey", "emergency"),
        # limbs aching after exercise
        ("my arms are killing me after the gym yesterday", None),
        ("my face is killing me after the jabs yesterday", "emergency"),
        # one's own white top is a garment, not a whitehead
        ("the dye dripped onto my white top", None),
        ("one of the spots on my chin has a white top and it's sore, day 3", "urgent"),
    ],
)
def test_round41_readings(text, level):
    assert triage.assess(text).level == level


@pytest.mark.parametrize(
    "text, level",
    [
        # the head moved is not the head aching (round 41's calm miss)
        ("day 2 after the chin fat jabs, swollen and a bit tender when I turn my head", "none"),
        ("terrible headache when I turn my head since the jabs", "emergency"),
    ],
)
def test_round41_head_moved(text, level):
    assert triage.assess(text).level == level


@pytest.mark.parametrize(
    "text, level",
    [
        # round 42's misses (its sets were measured once, then tuned on): a part of the view
        # gone, told in non-native words or as a curtain drawn
        ("my right eye see only the top half since the jabs", "emergency"),
        (
            "after the injection the bottom of what I see is dark like someone put a curtain",
            "emergency",
        ),
        # a colour denied is no colour change
        ("day 2, small bumps, the colour is not white or grey", "none"),
        # a hedge before a colon does not make the report a question
        (
            "I don't know if it matters: the spot where you injected is weeping yellow liquid",
            "urgent",
        ),
        # a thing that drags on the floor; a food's skin
        ("the hem drags on the floor at the back", None),
        ("she is on the floor and won't wake up", "emergency"),
        ("I bought mackerel and the skin went dull grey overnight", None),
        ("I ate fish and the skin on my arm went white and cold", "emergency"),
        ("I had sushi after the jabs and the skin went white", "emergency"),
    ],
)
def test_round42_readings(text, level):
    assert triage.assess(text).level == level
