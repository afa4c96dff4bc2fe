"""A sign blamed on a cause that is not the clinic's treatment (bot/triage/cause.py,
the ``cause_*`` lists of the ``addressee`` section of knowledge/triage_subjects.yml).

Both ways, in one table: a made thing, a food or a substance that gives, makes or
leaves a person a sign, a degree said of a thing or of the weather with a sign as
its result, or a thing said to be hot or cold before a sign of the heat or the cold
raises no alarm (each sign so blamed alarms without the step: its status is
``other_cause``); a message that names the treatment, a sign said of the body, an
allergic or airway reaction, a sign the cause cannot explain, or an emergency told
as going on keeps its level. The sentences are written here for the test (none
comes from an evaluation set). WordNet (Debian's wordnet-base) must be installed.
"""

from __future__ import annotations

import pytest

from bot import triage
from bot.levels import rank
from bot.triage import cause

BLAMED = "blamed"  # no alarm, and a sign marked as blamed on another cause

CASES = [
    # a thing, a food or a substance gives, makes or leaves a person a sign
    ("the new sandals gave me blisters on both ankles", BLAMED),
    ("the oven cleaner made us cough and we could hardly breathe", BLAMED),
    ("the wool scarf left my son with a rash on his neck", BLAMED),
    ("these cheap earrings gave my daughter a rash, are they nickel?", BLAMED),
    ("the glue fumes made my husband dizzy and he nearly fainted", BLAMED),
    ("the leather gloves gave me blisters on my wrists", BLAMED),
    ("the carpet cleaner made my son wheeze and he couldn't breathe properly", BLAMED),
    # ... the thing anywhere in a run of nouns ("the window cleaning SPRAY smell")
    ("the eye shadow primer spray made my mum dizzy and she nearly fainted", BLAMED),
    # a place said to be hot or cold makes a person a sign of the heat or the cold
    ("the boiling dance hall made my son sick and dizzy", BLAMED),
    ("the stuffy exam room made my daughter dizzy and she nearly fainted", BLAMED),
    # a degree said of a thing or of the weather, a sign as its result
    ("the harness was so tight around his chest he said he couldn't breathe", BLAMED),
    ("the lorry was so bumpy my nan got dizzy", BLAMED),
    ("it's so warm in the lecture hall I feel faint", BLAMED),
    # a thing said to be hot or cold, a sign of the heat or the cold after it
    ("the bus was roasting and my dad felt faint", BLAMED),
    ("the changing room was freezing, my boy was shivering the whole lesson", BLAMED),
    # a thing struck a body part, a sign of the blow after it
    ("the suitcase fell on my shin and the bruise is still there after 3 weeks", BLAMED),
    ("the shopping trolley crushed my toe and the bruise has been there for a month", BLAMED),
    # ... a sign no blow explains, or the treatment named
    ("the shelf fell on my foot and now it's numb and I can't move my toes", "emergency"),
    ("a branch hit my eye and now I can't see properly", "emergency"),
    ("the car door caught my cheek, huge bruise now, I had filler there last week", "routine"),
    # the treatment or the clinic named: every sign counts
    ("the sandals gave me blisters, and my cheek is hot and red since the injections", "urgent"),
    ("the room was so cold after my session that I was shivering and felt faint", "emergency"),
    # the body is the cause: "so swollen I can't breathe"
    ("my lips are so swollen I can't breathe", "emergency"),
    ("my tongue is so thick I can barely swallow", "emergency"),
    # "it" with a state of the body, or a body part in the sentence
    ("it's so swollen I can't open my eye", "emergency"),
    ("it's so painful I can't sleep", "urgent"),
    # an allergic or airway reaction counts whatever its cause
    ("the peanut sauce made my tongue swell and I can't breathe", "emergency"),
    ("the hair dye made my scalp burn and my throat feels like it's closing", "emergency"),
    ("the makeup I wore gave me a rash and my lips are swelling up", "emergency"),
    # a sign the cause does not explain, told in a clause of its own
    ("the curry made me throw up and my vision is blurry now", "emergency"),
    ("the face wash made my skin peel and my vision is blurry", "emergency"),
    # a cold room makes no lips blue and no fever
    ("the room was so cold my lips went blue", "emergency"),
    ("the bus was freezing and I'm shivering with a fever", "urgent"),
    ("the hot room made my lips go blue", "emergency"),
    ("the hot yoga class made my vision go blurry", "emergency"),
    ("the warm shower made me dizzy after the injections", "emergency"),
    # the clinic's own things, a medicine: not another cause
    ("the ice pack gave me a blister on my cheek", "urgent"),
    ("the antibiotics gave me a rash all over", "urgent"),
    ("the vitamins made me dizzy and I nearly fainted", "emergency"),
    # an emergency told as going on now
    ("the shellfish made me dizzy and I nearly passed out, I'm still dizzy now", "emergency"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_a_sign_blamed_on_another_cause(text: str, expected: str) -> None:
    result = triage.assess(text)
    blamed = [m for m in result.matches if m["status"] == cause.STATUS]
    if expected == BLAMED:
        assert rank(result.level) < rank("routine") and not result.ask, result.reasons
        assert blamed, result.reasons
    else:
        assert result.level == expected, result.reasons
        assert not blamed, result.reasons


def test_the_reason_names_the_cause_for_staff() -> None:
    result = triage.assess("the new sandals gave me blisters on both ankles")
    assert any("blamed on another cause: 'sandals gave'" in r for r in result.reasons)


def test_the_signs_the_surroundings_explain_are_signs_of_the_rules() -> None:
    from bot.triage import addressee

    rules = triage.load_rules()
    listed = addressee.load().environment_signs
    assert listed and listed <= set(rules.signs), listed - set(rules.signs)
