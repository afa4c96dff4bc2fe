"""Round 21: stroke, collapse, airway and thunderclap signs told as they were lived.
Our own sentences, each with calm counterparts (the same words in another sense).

* the mouth or lip going down on one side (the vocabulary's ``slanted``, said of the
  mouth as its subject), drink spilling out of the mouth when drinking (``spilling``),
  speech "not clear" said of the speaking (``unclear``), one word said for another
  (``slurred_speech``), a hand that "stopped working" (``impaired``);
* walking into fixed things on one side: part of the view lost (``bumping`` +
  ``one_sided``);
* a person going down "like a sack of potatoes" (``dropping`` + ``dead_weight``), gone
  floppy, only half answering (``faint_collapse``);
* a comparison ("big like a duck, and the tongue ...") names no subject
  (bot/triage/subject/reader.py ``likened_noun``); swallowing told as pushing something
  too big down (``catching``); the neck swollen on the inside (``throat_swelling``);
* a headache told as a firework going off inside the head (``thunderclap``).
"""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text",
    [
        # stroke
        "since this morning her lip is dropping to the left and she sounds odd",
        "orange juice keeps dribbling out of my mouth whenever I drink, had jabs yesterday",
        "my husband talks not clear since an hour, and his arm feels weird",
        "dad said spoon when he meant remote, twice, right after the skin booster",
        "my left arm just stopped working while I was brushing my hair",
        "he keeps knocking into the furniture on his right since the injections",
        # collapse
        "my husband went down like a felled tree in the car park after his vitamin shots",
        "after the meso my daughter went all limp in the chair",
        "my partner had jabs at noon and is barely responding to me now",
        # airway
        "my top lip got huge within minutes, like a balloon, and the tongue feels too thick",
        "swallowing water feels like forcing a marble through since my lip jabs",
        "the inside of my neck feels swollen since the injections",
        "my neck is kind of puffy on the inside and it's hard to swallow",
        # thunderclap
        "out of the blue my head felt like fireworks, then I had to lie down, had meso today",
        "something burst in my head while I was cooking, now it pounds",
    ],
)
def test_lived_emergencies_are_emergencies(text):
    result = triage.assess(text)
    assert result.level == "emergency", result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "the coffee machine stopped working again",
        "my hand gets tired from knitting",
        "I mix up my verbs all the time in Spanish",
        "we painted the shop door frame on the left yesterday",
        "the right side of the allotment is gone to weeds",
        "the remote dropped like a stone behind the sofa",
        "the old cushion is floppy",
        "doing duck lips for a selfie with my sister",
        "the firework display starts at eight tonight",
        "that advert gives me a headache",
        "lying in the dark listening to a podcast",
        "the hand dryer stopped working in the toilets",
        "the market dropped like a stone this week",
        "he's barely responding to my texts this week",
        "my daughter says yes when she means no",
        "the car keeps bumping into the kerb on the left",
        "the fireworks next door gave me a headache",
        "swallowing big vitamin tablets is a bit like swallowing a horse pill",
        "the filler went down on one side of the syringe",
    ],
)
def test_the_same_words_in_other_senses_stay_calm(text):
    result = triage.assess(text)
    assert result.level in (None, "none"), result.reasons
