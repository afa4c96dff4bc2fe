"""Round 42's leftovers and the regression sets' rule alarms, read by meaning (the sets
are in tests/blind, never copied here: each reading is written anew, with the
counter-cases that must keep their level)."""

from __future__ import annotations

import pytest

from bot import triage
from bot.triage import wordnet


@pytest.mark.parametrize(
    "text, level",
    [
        # a negative question that proposes is no inability
        ("why bother with verbs, can't we just memorise phrases?", None),
        ("can't I just talk normally? my words come out slurred", "emergency"),
        ("i can't get my words out since this morning", "emergency"),
        # a two-word noun written as one ("wetsuit", "tshirt") is the thing WordNet knows
        ("my drysuit leaks at the wrist seal, is it the wrong size?", None),
        ("my new wetsuit leaks at the neck, should I size down?", None),
        ("the injection site on my neck is leaking a yellow fluid", "urgent"),
        # what "it" became after "but": the thing named before
        ("I bleached my old jeans but it came out blotchy", None),
        ("I had the meso and it came out blotchy", "emergency"),
        # a bare lid after a container named earlier
        ("the tin of paint fell over, lid wasn't on properly", None),
        ("the box fell on me and the lid is swollen", "none"),
        ("the lid is drooping since the jabs", "emergency"),
        # an injection of a maker's material is not the treatment
        ("there's a bubble under the laminate, should I inject some resin?", None),
        ("they injected the vitamins and now I have a blister", "urgent"),
        # a pet named by its owner's possessive
        ("my aunt's spaniel got stung and its muzzle swelled up", None),
        ("a dog bit me and my lip swelled up", "emergency"),
        # a story the writer is writing, and "your" in a scene to write
        ("in my thriller a character is choked and his lips go blue, is that realistic?", None),
        ("write a paragraph about an ice hotel where your fingers go numb", None),
        ("my novel is due and my lips swell every time I work", "urgent"),
        # limbs aching after a race or a sport, even a day later
        # (since round 57 the forearms' soreness has no level at all: told of a limb, not the face)
        ("my forearms were so sore the day after the karting, the wheel is heavy", None),
        ("my arms are so sore after the fat dissolving injections", "urgent"),
        # gear in the way of the eyes
        ("my ski goggles keep fogging and slipping and everything goes blurry", None),
        ("my glasses slipped and suddenly everything went blurry in my left eye", "emergency"),
        ("after the meso my goggles leak and everything is blurry", "emergency"),
        # a mark in a corner of a room, or in a thing, in a message with no body word
        ("there's a green patch in the corner of the bathroom ceiling", None),
        ("a black patch in the corner of my mouth", "emergency"),
        # an area of a building named by what is done there
        ("is the blue seating area near the stage?", None),
        ("the injection area went purple", "emergency"),
        # a fitting booked
        ("can I move my fitting to next week? the dress needs taking in", None),
        ("my husband was fitting on the floor after his jab", "emergency"),
        # a ball named by what it is made of or for
        ("the suet balls went grey and mouldy in the feeder", None),
        # numb with the cold, told by when or where
        ("my toes go numb whenever it's below zero", None),
        ("my fingers went numb on the chairlift", None),
        ("my left arm went numb when I was on the lift", "emergency"),
        # the pictures named before, said again
        ("the group shots came out dark and my skin looks grey in all of them", None),
        ("my face looks grey since the jabs", "emergency"),
    ],
)
def test_round42_leftovers(text, level):
    assert triage.assess(text).level == level


def test_closed_compounds():
    assert wordnet.lemma("wetsuit") == "wet_suit"
    assert wordnet.classes("tshirt") == wordnet.classes("t-shirt") == (6,)
    assert wordnet.lemma("cup") == "cup"  # a word of its own is itself
    assert wordnet.lemma("blurry") is None  # no noun
