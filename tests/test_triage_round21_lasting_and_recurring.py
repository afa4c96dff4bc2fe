"""Round 21 (after the blind test): a cold sore told as someone's own recurring
crop, lumps that stay or appear weeks later, and a strong word taken back by a
small size.

- A crop of tingly sores on the lip, told as "the sort she gets with a cold" or
  "the ones he always gets when he's run down", is a cold sore (urgent), in any
  person; a habit asked about a booking ("can I still come in?") and sores
  elsewhere from shoes stay calm.
- Bumps that "just won't go", said of them by a pronoun however far from them
  in the sentence, are a lasting lump (routine), unless a day of the first days
  is told; a nodule first noticed days ago, weeks after treatment, appears weeks
  later (routine), its denials of pain and redness do not cancel it.
- "huge bruise ... well, the size of a pea" takes the strong word back (none);
  a large size ("the size of my hand") keeps it.
"""

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text",
    [
        "my daughter had her lip filler on Saturday and now has tingly little sores "
        "on her bottom lip, the sort she gets with a cold",
        "my partner had his lips done last week and there's a batch of tingly sores "
        "on his upper lip, the kind he always gets when he's run down",
    ],
)
def test_a_recurring_crop_on_the_lip_is_a_cold_sore(text):
    assert triage.assess(text).level == "urgent", triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "I tend to get cold sores in the cold weather, could I still come in for my lips?",
        "blisters on my heels from my new running shoes",
        "my son gets sores on his knees from football",
    ],
)
def test_cold_sore_history_and_sores_elsewhere_stay_calm(text):
    assert triage.assess(text).level in (None, "none"), triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "my sister has small bumps along her jaw from the booster she had in the spring, "
        "nothing sore and nothing red, they just won't go",
        "a few little bumps on my cheeks from the mesotherapy. They simply don't go.",
        "I had the polynucleotides in my cheeks two months ago. Noticed a small hard nodule "
        "by my ear the day before yesterday, not painful, not red, no discharge",
        "had my skin booster 5 weeks ago, noticed a firm lump under my chin this week, "
        "no pain at all",
    ],
)
def test_lumps_that_stay_or_appear_weeks_later_are_routine(text):
    assert triage.assess(text).level == "routine", triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "a few small bumps on my forehead on day 2 after the booster, "
        "they don't hurt, they just won't go",
        "got a couple of little bumps on my chin from the booster yesterday, "
        "I won't go to the gym today",
        "had my booster 3 days ago, noticed tiny bumps this morning",
        "Could I spread the cost of the course over three months? It's day 3 after my first "
        "booster and the little bumps on my cheeks are settling.",
    ],
)
def test_bumps_in_the_first_days_stay_calm(text):
    assert triage.assess(text).level == "none", triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "OMG a huge bruise on my chin from the jabs yesterday, well, about the size of a pea. "
        "Feel fine otherwise.",
        "an enormous bruise on my jaw from the filler two days ago, only about the size of a 5p",
    ],
)
def test_a_strong_word_taken_back_by_a_small_size_is_a_small_bruise(text):
    assert triage.assess(text).level == "none", triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "huge bruise on my chin after the filler yesterday, well, about the size of my hand",
        "I have an enormous bruise on my cheek the size of my palm",
        "my lip is massively swollen after filler yesterday, ok, the size of a pea",
    ],
)
def test_a_large_size_keeps_the_strong_word(text):
    level = triage.assess(text).level
    assert level in ("routine", "urgent", "emergency"), triage.assess(text).reasons
