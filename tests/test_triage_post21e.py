"""After round 21: three emergencies read as urgent, fixed by meaning. Our own sentences,
each with calm counterparts (the same words in another sense).

* the injection site told as a dark, dull or dirty-looking colour with pain growing: "colour"
  after its shade ("dark colour") is no subject of its own, so the dark is the site's
  (``colour`` function exclude), and dirt or mud is a picture of a dark shade
  (``colour_dark``); dark circles under the eyes are tiredness;
* a sudden pain that "hit my head" out of nowhere: "hit" before an owned part is the verb,
  not a thing that is the subject (bot/triage/subject/reader.py ``kind``), and "head out"
  is the verb of going only when the head has no owner;
* the writer told by someone else as not making sense, and the same things asked over
  and over in any person (``confusion``); an apology for one's own message is not.
"""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text",
    [
        # blocked blood flow: a dark, dirty-looking site with pain growing
        "the spot where the nurse injected my chin is a dark colour now and it hurts more",
        "my cheek where the needle went looks like dirt, kind of muddy, and the ache is worse",
        "since the filler my nose tip is a dull dark colour and the pain keeps increasing",
        # sudden severe headache told as a pain that hit the head
        "had my forehead done on tuesday. ten minutes ago a pain hit my head out of nowhere",
        "an awful pain struck my head all of a sudden, like an explosion, after the skin booster",
        # fever with confusion, told by another or as asking the same things again and again
        "I'm shivery with a temperature since the jabs, my partner told me I wasn't making sense",
        "a fever after the meso, my son says I keep asking him the same questions over and over",
        "she has a fever after her injections and kept asking the same thing again and again",
    ],
)
def test_post21e_emergencies(text):
    result = triage.assess(text)
    assert result.level == "emergency", result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "the bruise on my cheek is dark but fading and it doesn't hurt",
        "I have dark circles under my eyes, can fillers help?",
        "there was some dirt on my cheek after gardening, I washed it off",
        "this foundation is too dark a colour for my skin",
        "I dyed my hair a dark colour and my scalp is a bit sore",
        "the bruise from my lip filler is a dark colour and a little tender, day 3",
        "a blinding headache from the sun",
        "the news hit me like a thunderclap",
        "we head out of town tomorrow morning",
        "the instructions aren't making sense, when do I use the cream?",
        "I keep asking the same question, sorry, which day is my appointment?",
        "sorry if I'm not making sense, when can I book my next session?",
        "my husband says I make no sense of the bills, can I pay by card?",
    ],
)
def test_post21e_calm(text):
    result = triage.assess(text)
    assert result.level != "emergency", result.reasons
