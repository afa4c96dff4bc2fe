"""Round 18: a customer matter does not silence the writer's own body; a limb told as
not one's own. Our own sentences, each with calm counterparts.

* a message that asks the one addressed for a refund or an exchange about a thing, and in
  a sentence of its own tells a sign of the writer's own body part ("my chest"), keeps
  that sign: the other-business verdict reaches only sentences that name a business, a
  product or the one addressed (bot/triage/addressee ``_own_body_apart``); a place in
  the body ("the centre of my chest", "the middle of my back") is no product or business
  (``_body_place``);
* an arm, a leg or a hand felt as someone else's, or not obeying when used, is limb
  weakness (knowledge/triage_vocabulary.yml state ``disowned``, said of the limb as its
  subject).
"""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text",
    [
        "The parking meter took my coins twice, can I get a refund please? Separately, since "
        "lunch there's been a crushing ache in the centre of my chest.",
        "Please exchange the kettle, it arrived dented. Also my chest pain started ten "
        "minutes ago and it is spreading to my arm.",
        "Could you refund the second payment from the card reader? Oh and there is a tight "
        "pressure in the middle of my chest right now.",
    ],
)
def test_own_chest_sign_in_its_own_sentence_after_a_refund_is_emergency(text):
    assert triage.assess(text).level == "emergency", triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "The parking meter took my coins twice, can I get a refund please?",
        "Please exchange the kettle, it arrived dented, and the middle of the lid is cracked.",
        "Could you refund the second payment from the card reader? The receipt is attached.",
    ],
)
def test_refunds_and_exchanges_alone_stay_calm(text):
    assert triage.assess(text).level is None, triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "my right arm feels like it belongs to somebody else since this morning",
        "her foot is not obeying when she tries to stand up, it started an hour ago",
        "had filler today and now my hand won't do what I tell it",
        "my left leg feels like a stranger's and keeps not responding when I step",
    ],
)
def test_a_limb_felt_as_not_ones_own_or_not_obeying_is_emergency(text):
    assert triage.assess(text).level == "emergency", triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "I put my hand up and the waiter wasn't listening",
        "this umbrella belongs to someone else, I picked it up by mistake",
        "the app is not responding on my phone again",
        "my kids are not listening to a word I say",
    ],
)
def test_things_and_people_not_listening_or_not_ones_own_stay_calm(text):
    assert triage.assess(text).level is None, triage.assess(text).reasons
