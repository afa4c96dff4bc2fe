"""An animal's trouble is for a vet, but the writer's own body told after it is a report
(written for this test, none from an evaluation set)."""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text",
    [
        "the cat is sneezing and my throat feels tight",
        "the dog jumped on me and now i cant breathe properly",
        "our cat rubbed against my face and now my lips are swelling up fast",
    ],
)
def test_the_writers_own_body_after_an_animal_is_a_report(text):
    assert triage.assess(text).level == "emergency", text


@pytest.mark.parametrize(
    "text",
    [
        "the dog is wheezing and my kids are worried",
        "my dog is limping and my heart is breaking",
        "the cat keeps sneezing and I think it has a cold",
    ],
)
def test_an_animals_trouble_stays_calm(text):
    assert triage.assess(text).level in (None, "none"), text
