"""Round 20 (safety): emergencies a blind set caught the rules missing, in our own sentences,
each with calm counterparts.

* a seizure told by what was seen and not lived: a limb or the face twitching, jerking or
  shaking with the person unaware in the same sentence (knowledge/triage_vocabulary.yml
  states ``jerking`` and ``unaware``, concept ``seizure``); a twitch alone, a thing that
  twitches or stops responding, or a limb shaking from effort or cold (red_flags.yml
  ``seizure`` exclude) is no fit;
* the injection site named by where a jab went in, with words between ("where the last
  injection went"): a colour told after that clause is the site's (``skin`` patterns), so
  white with pain is blocked blood flow, not only pain;
* confusion told in plain or non-native words: not knowing which day it is today, a head
  or mind "not clear", forgetting what one wanted to say or write (``knowing`` patterns,
  ``mind`` + ``unclear``, ``thread`` patterns); a day ahead, an errand forgotten, unclear
  instructions are not.
"""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text",
    [
        "my husband says my left hand kept jerking while I was blanked out in the car",
        "my leg was shaking for a couple of minutes and I have no memory of it at all",
        "my daughter saw my arm twitching on the bus, apparently I wasn't responding to her",
        "her face was twitching on one side and she was staring into space, had meso today",
        "my arm was jerking after the gym and I wasn't responding, my friend says",
    ],
)
def test_a_limb_jerking_while_unaware_is_a_seizure(text):
    a = triage.assess(text)
    assert a.level == "emergency" and "seizure" in a.signs, a.reasons


@pytest.mark.parametrize(
    "text",
    [
        "the phone screen twitches when I scroll and the app wasn't responding",
        "my eyelid keeps twitching, I don't remember it doing this before",
        "I zoned out in the meeting and nearly missed my name being called",
        "my arm was shaking after the gym and I zoned out watching tv",
        "my hands were trembling from the cold and I spaced out on the bus",
    ],
)
def test_a_twitch_alone_or_a_thing_is_no_seizure(text):
    assert "seizure" not in triage.assess(text).signs, triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "the little mark where the second jab went has turned pale and it hurts more and more",
        "on my chin where the first needle went the skin is chalky now and the pain is awful",
    ],
)
def test_white_at_the_site_told_after_where_the_jab_went_is_blocked_flow(text):
    a = triage.assess(text)
    assert a.level == "emergency" and "skin_paler" in a.signs, a.reasons


@pytest.mark.parametrize(
    "text",
    [
        "white chalk paint looks patchy",
        "where the last injection went it looks fine, a bit red",
    ],
)
def test_chalk_paint_and_a_calm_site_stay_calm(text):
    assert triage.assess(text).level in (None, "none"), triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "temperature 38.8 since yesterday and I cannot say which day is today",
        "my mind isn't clear since the fever started, I keep losing what I meant to say",
        "with the fever my head is not clear and I forget what I wanted to type to you",
    ],
)
def test_confusion_in_plain_words_is_an_emergency(text):
    a = triage.assess(text)
    assert a.level == "emergency" and "confusion" in a.signs, a.reasons


@pytest.mark.parametrize(
    "text",
    [
        "I don't know which day the parcel comes",
        "I forget what I wanted to buy",
        "the aftercare instructions are not clear to me",
        "what day is best for my next appointment?",
        "the head of the clinic said it's not clear yet",
        # a lapse in a message, or a choice of day, is no confusion
        "I forgot what I wanted to ask you, can I wear make-up tomorrow?",
        "sorry, I forget what I wanted to write, when is my next appointment",
        "I don't know which day is better for my appointment",
        "I don't know what day suits me best for the follow-up",
    ],
)
def test_a_day_ahead_an_errand_or_unclear_instructions_are_no_confusion(text):
    assert "confusion" not in triage.assess(text).signs, triage.assess(text).reasons
