"""Round 15: signs borne by a made thing, a plant, an animal, the weather or a picture,
fixed by meaning: sentences written here, none taken from an evaluation set. Every calm
row has real reports beside it (the same words said of the patient or after the
treatment) that keep their level.
"""

from __future__ import annotations

import pytest

from bot.triage import assess

ROWS: list[tuple[str, str | None]] = [
    # a made thing the writer got, then the sign ("the armchair we ordered has a lump")
    ("the armchair we ordered has a lump under the cushion since last month", None),
    ("the rug I bought has developed a bump in the middle after three weeks", None),
    ("a lump came up on my jaw five weeks after the treatment", "routine"),
    ("the filler I got has left a lump on my lip", "none"),
    # a plant doing the sign to a thing, then a question about the plant
    ("the bindweed is strangling the trellis, how short can I trim it", None),
    ("the wisteria is choking the gutter, how far back can I prune it", None),
    ("I choked on a sip of tea and now can't swallow", "emergency"),
    ("I'm choking, I can't breathe, how long until the ambulance comes", "emergency"),
    # an animal's body part
    ("the goldfish's eye is cloudy, what should I feed it", None),
    ("the mixer choked on frozen fruit", None),
    # the weather's grey
    ("it's been grey for days now, when will the sunshine return", None),
    ("it's been grey and gloomy all week, any clouds clearing at the weekend", None),
    ("my face went grey since yesterday", "emergency"),
    ("my lips went blue, it's been grey outside but I'm indoors", "emergency"),
    # the colours of a picture
    ("the whites look yellow in my prints, is it the printer profile?", None),
    ("why do faces come out grey in my camera's night shots, is it the exposure", None),
    ("my skin looks grey in photos since the filler", "emergency"),
    ("my skin is turning orange-grey around the injection points", "emergency"),
]


@pytest.mark.parametrize(("text", "level"), ROWS)
def test_each_message_gets_its_level(text: str, level: str | None) -> None:
    a = assess(text)
    assert a.level == level, a.reasons


# A person's colour beside a word that may also be a picture's keeps its level: "shots"
# are injections, "balance" is the person's, a person named keeps the sign.
PERSON_NOT_PICTURE = [
    ("he went grey and lost his balance", "emergency"),
    ("she is blue around the mouth and lost her balance", "emergency"),
    ("after my shots the skin on my cheek went white and blotchy", "emergency"),
    ("my husband looks grey in the face, I took a photo to show you", "emergency"),
    ("the colours in my holiday photos look too orange, is it the white balance", None),
]


@pytest.mark.parametrize("text,expected", PERSON_NOT_PICTURE)
def test_a_persons_colour_is_no_pictures(text, expected):
    assert assess(text).level == expected
