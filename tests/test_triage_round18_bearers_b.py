"""Round 18 (b): signs borne by animals and things, and shock told as a scare.
Our own sentences, each with a real report that keeps its level.

* an animal that is the subject of its whole sentence bears the airway signs told
  there too, its "his"/"her" owning only body parts (``bearers._animal_subject``);
  a bee or a wasp that stung someone, or a writer in the sentence, keeps them;
* an animal in any noun sense owns the parts after "'s", past describing words
  ("our old spaniel's hind legs"; ``wordnet.animal_in_any_sense``, ``part_describers``);
* a thing that is the sign's own subject, with body parts only as a place after a
  preposition ("... on my toe"), is a thing (``_thing_with_body_as_place``);
* a machine's verbs before "like it's ..." are walked over to the machine
  (``Reader._present_verb``);
* "nearly/almost" + a sign, then seeing or hearing a thing, is a scare
  (``shock_openers``, ``shock_verbs``).
"""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text",
    [
        "the puppy is retching and licking his lips, I think a bone is caught in his throat",
        "my pony fell down in the stable last night and is panting hard, can a vet visit",
        "my old spaniel's hind legs are shaky and he can't jump onto the sofa",
        "the kitten's front paw is swollen and she won't put weight on it",
        "the garden bench collapsed, the whole thing came apart under my arm",
        "the bookshelf has collapsed on one side, a box could fall on someone's toe",
        "the washing machine bangs and rattles like it's having a seizure",
        "I almost fainted when I opened the electricity bill",
        "nearly had a heart attack as I read the exam results",
    ],
)
def test_said_of_an_animal_a_thing_or_a_scare(text):
    assert triage.assess(text).level in (None, "none"), triage.assess(text).reasons


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("the dog jumped up and scratched my cheek and now my eye is blurry", "emergency"),
        ("a wasp stung him on the neck and his throat is swelling", "emergency"),
        ("the cat is sneezing and my lips have swollen up since the filler", "emergency"),
        ("my grandad's legs are shaky and he can't stand up", "emergency"),
        ("the shelf collapsed and now my arm is numb", "emergency"),
        ("my son shakes and jerks like he's having a fit", "emergency"),
        ("I nearly passed out when I saw my face after the filler", "emergency"),
        ("I almost fainted after the injection and my lips look blue", "emergency"),
    ],
)
def test_people_keep_their_signs(text, level):
    assert triage.assess(text).level == level, triage.assess(text).reasons
