"""A slip of the thumb on a sign's own word is read as that word (rules.Rules._read_slips_as_signs).

The vocabulary's functions and states had guessed forms already; the words
the signs name themselves ("seizure", "collapsed", "fainted", "slurred") had
none, so "had a seizrue" got no level at all. Written for this test, none
from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot import triage

SLIPPED_EMERGENCIES = [
    "my grandad had a seizrue an hour after his jabs",
    "she colalpsed in the hallway after her session",
    "speech is slurrde since lunch, had the forehead done at 11",
    "my sister fianted in the kitchen after her treatment",
    "Dad COLALPSED on the stairs tonight, he had his face done today",
    "Fianted twice since the injections, still feel faint",
]

# the same slips in another sense, and slips of the words that calm a reading
CALM = [
    "the deal colalpsed at the last minute",
    "the cake colalpsed in the oven",
    "my photos look bulrry on the new phone",
    "the old kettle is wheezign again",
]


@pytest.mark.parametrize("text", SLIPPED_EMERGENCIES)
def test_a_slip_on_a_signs_own_word_keeps_the_emergency(text):
    assert triage.assess(text).level == "emergency", text


@pytest.mark.parametrize("text", CALM)
def test_the_slipped_word_in_another_sense_stays_calm(text):
    assert triage.assess(text).level in (None, "none"), text


def test_a_slip_of_a_calming_word_is_no_guess():
    """ "nromal" is not read as "normal": a guess may raise a reading, never lower one."""
    rules = triage.load_rules()
    assert rules.slips.get("seizrue") == "seizure"
    assert rules.slips.get("colalpsed") == "collapsed"
    assert "nromal" not in rules.slips and "normla" not in rules.slips
    assert "mouth" not in rules.slips  # a word of its own is never a slip
    # a slip is read, not rewritten: the token keeps what the patient wrote
    doc = rules.nlp.make_doc("he had a seizrue")
    assert [t.text for t in doc][-1] == "seizrue" and doc[-1].lower_ == "seizure"


def test_the_slips_of_one_set_of_rules_do_not_leak_into_another():
    """Each set of rules reads with its own tokenizer: a test's rules with other
    words cannot change how the bot's own rules read a message."""
    rules = triage.load_rules()
    other = triage.Rules(dict(rules.data))
    assert other.nlp is not rules.nlp


# A message typed in capitals: its words were read as names (a shop, a person).
SHOUTED_EMERGENCIES = [
    "MY WIFE HAD THE FACE INJECTIONS AT LUNCH AND NOW SHE CAN'T LIFT HER LEFT ARM",
    "I CANT SEE OUT OF MY RIGHT EYE SINCE THE SESSION, EVERYTHING IS DARK",
    "hi sorry. MY LIPS ARE SWELLING UP REALLY FAST AND MY THROAT FEELS TIGHT",
]
SHOUTED_CALM = [
    "WHAT TIME DO YOU OPEN ON SATURDAY? I WANT TO BOOK A CONSULT",
    "THE ROOF COLLAPSED AFTER THE STORM, WHO DO I CALL",
    "MY EYES ARE STREAMING FROM CUTTING ONIONS LOL HOW DO I STOP IT",
]


@pytest.mark.parametrize("text", SHOUTED_EMERGENCIES)
def test_a_message_in_capitals_is_read_as_written_in_lower_case(text):
    assert triage.assess(text).level == "emergency", text


@pytest.mark.parametrize("text", SHOUTED_CALM)
def test_an_unrelated_message_in_capitals_stays_calm(text):
    assert triage.assess(text).level in (None, "none"), text


def test_capitals_in_an_ordinary_message_are_kept():
    """An acronym or a name keeps its capitals; a shouted message keeps its length."""
    from bot.triage.text import prepare

    assert prepare("had PRP at the NHS clinic today, all fine")[0] == (
        "had PRP at the NHS clinic today, all fine"
    )
    shouted = "SINCE 3PM I CAN'T SEE PROPERLY, Dr Lee SAID CALL"
    clean = prepare(shouted)[0]
    assert clean == "since 3PM I can't see properly, Dr Lee said call"
    assert len(clean) == len(shouted)  # entities still point into what was written


def test_shorthand_is_read_as_its_word():
    assert triage.assess(
        "she's jerking n shaking n not answering me, had injections today"
    ).level == ("emergency")
    assert triage.assess("rock n roll night at the pub, anyone coming?").level is None
    rules = triage.load_rules()
    assert rules.nlp.make_doc("jerking n shaking")[1].lower_ == "and"


# A letter typed three times or more for emphasis
STRETCHED_EMERGENCIES = [
    "my lips are swoooollen and getting bigger fast, had meso 20 min ago",
    "cant breatheee properly since the jabs",
    "my eye is blurryyy since the session",
]


@pytest.mark.parametrize("text", STRETCHED_EMERGENCIES)
def test_a_stretched_word_is_read_as_the_word_it_stretches(text):
    assert triage.assess(text).level == "emergency", text


def test_a_stretched_word_that_calms_is_not_read_so():
    rules = triage.load_rules()
    assert rules._unstretched("swoooollen") == "swollen"
    assert rules._unstretched("eyeeee") == "eye"
    doc = rules.read("nooo and fiiine")
    assert doc[0].lower_ == "nooo" and doc[2].lower_ == "fiiine"
    assert triage.assess("sooo excited for the holiday!!").level is None


@pytest.mark.parametrize(
    "text, clean",
    [
        # dots after a word that cannot end a clause, before a word in lower case: a pause
        ("my view is just... gone", "my view is just    gone"),
        ("it's like… blurry", "it's like  blurry"),
        # ... not after a word that can end one, nor before a capital
        ("my eye is fine... cant breathe", "my eye is fine... cant breathe"),
        ("I am... Ok", "I am... Ok"),
    ],
)
def test_a_pause_typed_inside_a_clause_is_no_sentence_end(text, clean):
    from bot.triage.text import prepare

    out = prepare(text)[0]
    assert out == clean and len(out) == len(text)
