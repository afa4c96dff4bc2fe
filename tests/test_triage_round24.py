"""Round 24's regression: the cover test, the skin around an eye on either side, a
home gone strange, a slow climb of a swelling, a spot that weeps, "cant" typed
without its apostrophe, the purples of fruit and flowers (lilac, mauve, plum), a
sign said of a part of life ("can't breathe financially");
and an emergency word read inside an expected effect ("my whole face feels
tight") is no alarm word, so a classifier's unsure emergency gives way to it.

Written in our own words (the round's sets are in tests/blind, never copied here).
"""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text, level",
    [
        # spaCy splits "cant" into "ca" + "nt": "nt" is no noun naming a thing
        ("cant get a full breath and my lips feel odd", "emergency"),
        ("i cant swallow properly since the jabs", "emergency"),
        # the skin around an eye with its side between: a place on the face
        ("a patch below her left eye turned bluish-grey an hour ago", "emergency"),
        ("the skin around my right eye went white and cold", "emergency"),
        # the cover test: what is wrong with both eyes open is right with one covered
        ("if I close my left eye the telly looks normal, with both open it's doubled", "emergency"),
        ("the stairs look doubled but shutting one eye fixes it", "emergency"),
        ("with one eye covered everything goes back to normal, both open it's a mess", "emergency"),
        # a muddled mind: things lost track of, one's own home gone strange
        ("fever of 39 and I keep losing track of things", "emergency"),
        ("my own kitchen looked alien to me this morning after the jabs", "emergency"),
        # a slow climb of a swelling after 72 hours; a spot that weeps fluid
        ("the swelling under my chin keeps creeping up, day 6 after the fat jabs", "urgent"),
        ("one spot on my cheek has been weeping yellowish fluid since yesterday", "urgent"),
        # the purples of fruit and flowers: blocked blood flow on the skin, a bruise's own colour
        ("my chin has gone a lilac colour and it hurts more every minute", "emergency"),
        ("a mauve patch by my nose, cold to the touch", "emergency"),
        ("tiny bruise on my jaw, mauve, day 2, no pain", "none"),
        ("the bruise under my right eye is fading from aubergine to yellow, day 4", "none"),
    ],
)
def test_round_24_reports_are_read_at_their_level(text, level):
    assert triage.assess(text).level == level


@pytest.mark.parametrize(
    "text",
    [
        "prices keep creeping up, can I lock my rate",
        "my kitchen looks unfamiliar since we knocked the wall down",
        "the lounge looks alien after the renovation",
        "I've been weeping all evening, the results are so good",
        "cover your right eye and read the top line, is that fine for the driving test?",
        "close one eye and aim, is the rifle sight fine",
        "dont cant wont",
        "paint the hallway walls lilac please, two coats",
        # a part of life, not the body
        "the rent rise means we can't breathe financially this year",
        "emotionally I'm bleeding after this breakup, recommend a sad film",
    ],
)
def test_round_24_words_in_other_senses_raise_no_alarm(text):
    level = triage.assess(text).level
    assert level in (None, "none")


@pytest.mark.parametrize(
    "text, alarm",
    [
        # "tight" read inside an expected effect on the skin is no emergency word
        ("freaking out, my whole face feels tight, day 1, eyes and breathing are fine", False),
        # one outside it still is
        ("my whole face feels tight and my throat feels tight too", True),
        ("bit puffy on day 1, breathing is fine and my throat is dry", True),
    ],
)
def test_an_emergency_word_inside_an_expected_effect_is_no_alarm_word(text, alarm):
    assert triage.assess(text).alarm_words is alarm
