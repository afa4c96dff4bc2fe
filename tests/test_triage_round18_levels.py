"""Round 18: levels read by meaning. Our own sentences, each with calm counterparts.

* swallowing told by what gets stuck while a person swallows ("tablets catch when I
  swallow"): the one who swallows is the person, what is swallowed a thing by nature
  (bot/triage/subject ``_person_does_function``);
* matter of an infection's colour coming out ("greenish muck seeping out"): pus
  (knowledge/red_flags.yml ``pus``);
* an old lump that turns red and hot and drains "out of it": the pronoun stands for the
  lump, no thing is named (bot/triage/subject ``_pronoun_only``); "out of it" after a
  flow is a place, not a daze (``confusion`` exclude);
* darker or lighter skin placed where the needle went is a pigment change, not a skin
  type (``pigment_change`` exclude).
"""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text",
    [
        "I had fat dissolving on my chin and now tablets get stuck when I swallow.",
        "my mum had fat dissolving jabs, now bread catches when she tries to swallow",
        "fat dissolving injections last week, capsules keep getting stuck when I swallow",
    ],
)
def test_swallowing_told_by_what_gets_stuck_after_fat_dissolving_is_urgent(text):
    assert triage.assess(text).level == "urgent", triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "the printer gets stuck when I print double sided",
        "the zip gets stuck when she pulls it up",
        "the drawer catches when you open it, can someone fix it",
    ],
)
def test_things_that_get_stuck_stay_calm(text):
    assert triage.assess(text).level is None, triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "greenish muck seeping out of one of the holes since yesterday",
        "the spots keep weeping some creamy yellow stuff",
        "day 3, thick yellow goo is coming out and it stinks",
    ],
)
def test_matter_of_an_infections_colour_coming_out_is_urgent(text):
    assert triage.assess(text).level == "urgent", triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "the yellow paint keeps dripping off the ceiling",
        "green slime all over the kids' hands from the toy shop",
    ],
)
def test_coloured_things_that_drip_stay_calm(text):
    assert triage.assess(text).level is None, triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "a bump from my meso in march went angry and hot and it burst, stuff is leaking out of it",
        "the old lump under my chin has turned red and sore and there's fluid coming out of it",
        "two of the nodules from weeks ago got red and warm and one popped, "
        "there's stuff draining out of it",
    ],
)
def test_an_old_lump_that_turns_red_hot_and_drains_is_urgent(text):
    assert triage.assess(text).level == "urgent", triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "the kettle is leaking and water is draining out of it",
        "the bath tap drips and water keeps running out of it",
    ],
)
def test_things_draining_out_of_it_stay_calm(text):
    assert triage.assess(text).level is None, triage.assess(text).reasons


def test_a_lump_with_nothing_coming_out_of_it_stays_routine():
    text = "the lump from last month is still there, no redness, nothing coming out of it"
    assert triage.assess(text).level == "routine", triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "since the meso in June I've got lighter skin on the spots where it was injected",
        "I've got darker skin where the needles went in, six weeks after the session",
        "I've got darker skin around the jab marks since my treatment in the autumn",
    ],
)
def test_darker_or_lighter_skin_where_the_needle_went_is_routine(text):
    assert triage.assess(text).level == "routine", triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "I have darker skin, is mesotherapy safe for me?",
        "can I have meso if I have darker skin",
        "my sister has darker skin than me, can we both book?",
    ],
)
def test_darker_skin_as_a_skin_type_stays_calm(text):
    assert triage.assess(text).level is None, triage.assess(text).reasons
