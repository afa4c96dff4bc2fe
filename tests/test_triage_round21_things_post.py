"""Round 21 (after the blind sets): words of a sign said of a thing, a choice or a price
raise no alarm; a real report in the same words keeps its level.

- "can't" that governs another act (deciding, choosing, waiting) says nothing of eating or
  swallowing, though food is named;
- a shoe's tongue, sole or heel, with the footwear named, is no one's body;
- an inbox, a backlog or a queue that swells is a pile of work;
- a symptom word that only says what a thing's colour is like ("like a bruise") names no
  symptom of anyone's;
- "the price of X is killing me" is the idiom of annoyance, whatever X is; a pet's or a
  parasite's treatment (flea, tick, worming) is not the clinic's; "second-hand" names no hand;
- "can't take" a day or time off is leave, not pain; "the fitting" after a determiner is a
  part that fixes a lamp or a pipe; a burning or gas smell is a thing's; "must-see" is worth
  a visit, not sight.

The sentences are our own (not from any evaluation set).
"""

from __future__ import annotations

import pytest

from bot.triage import assess

_ALARM = ("emergency", "urgent")


@pytest.mark.parametrize(
    "text",
    [
        # a choice, not swallowing
        "we can't decide which restaurant to book, we both love seafood and long lunches",
        "I can't choose between the two cafes, the food at both is great",
        "they couldn't agree where to go for dinner, any tips for good food near the station?",
        # a thing's part
        "the trainers arrived with a scuffed heel and the tongue is ripped on the left one",
        "these boots are old, the sole is split and one tongue came unstitched",
        # a pile of work
        "our backlog is swelling faster than the team can close tickets",
        "the support queue keeps swelling every monday, can we add a shift?",
        # a likeness of a thing's colour
        "the stain on the ceiling is getting bigger, it's gone a yellow-purple like an old bruise",
        "the mould in the shower is spreading and it's turned grey, like a bruise",
        # a price
        "the cost of cat food is killing me this month, any discount codes?",
        "prices for spare parts are killing me, do you sell refurbished ones?",
        "the dog's worming treatment is killing me on price, is there a bundle?",
        "tick treatment prices are killing me, any cheaper brand?",
        # leave, a part, a smell of burning, a place worth a visit
        "I can't take more time off for deliveries, is there an evening slot?",
        "the electrician left the old fitting on the landing, can you take it away?",
        "there's a smell of burning plastic when the toaster is on",
        "the car gives off a burnt smell after a long drive",
        "what are the must-see museums in Vienna?",
    ],
)
def test_things_choices_and_prices_raise_no_alarm(text):
    result = assess(text)
    assert result.level not in _ALARM, result.reasons


@pytest.mark.parametrize(
    "text, level",
    [
        # eating and swallowing kept
        ("since the fat dissolving I can't swallow food properly", "urgent"),
        ("I can't swallow, food gets stuck since the injections", "emergency"),
        # the tongue kept
        ("my tongue is swelling since the injections", "emergency"),
        ("I took my shoes off and now my tongue is swelling up", "emergency"),
        # swelling kept
        ("my face is swelling faster each hour", "emergency"),
        ("the queue at the clinic was long and now my lips are swelling fast", "emergency"),
        # a colour on the body kept
        ("a purple-grey patch spreading on my cheek since the treatment", "emergency"),
        ("the patch on my chin is spreading, it's gone grey like a bruise", "emergency"),
        ("I had filler and it's gone a dusky purple like a bruise", "emergency"),
        # pain kept
        ("the pain is killing me since the jab", "emergency"),
        ("the side of my face is killing me since the filler", "emergency"),
        ("the price was fine but the pain of the treatment is killing me", "emergency"),
        # a hand kept
        ("I bought a second-hand car and my hand is numb since the jab", "emergency"),
        # pain, a fit, a bad smell and sight kept
        ("I can't take the pain any more since the filler", "emergency"),
        ("she started fitting on the sofa an hour after the injections", "emergency"),
        ("the injection site smells bad and there's pus", "urgent"),
        ("I keep seeing things double since the treatment", "emergency"),
    ],
)
def test_real_reports_in_the_same_words_keep_their_level(text, level):
    result = assess(text)
    assert result.level == level, result.reasons
