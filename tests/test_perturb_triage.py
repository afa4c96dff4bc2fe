"""The changes scripts/perturb_triage.py makes are the ones it says, and the same on every run."""

from __future__ import annotations

import random

from scripts import perturb_triage as p


def rng(seed: int | str) -> random.Random:
    return random.Random(seed)  # noqa: S311 (a seeded change, no secret)


def test_a_swap_changes_one_pair_of_neighbouring_letters():
    text = "everything looks blurry through my right eye"
    changed = p.swap(rng(1), text)
    diff = [k for k, (a, b) in enumerate(zip(text, changed, strict=True)) if a != b]
    assert len(diff) == 2 and diff[1] == diff[0] + 1
    assert sorted(text) == sorted(changed)


def test_a_stretch_only_repeats_a_vowel():
    text = "my eyelid is drooping since the treatment this morning"
    changed = p.stretch(rng(3), text)
    assert len(changed) >= len(text)
    assert (
        changed.replace("aaa", "a")
        .replace("eee", "e")
        .replace("iii", "i")
        .replace("ooo", "o")
        .replace("uuu", "u")
        == text
    )


def test_the_changes_are_seeded():
    text = "she is slurring her words and her face looks droopy"
    for change in p.CHANGES.values():
        assert change(rng("0:x"), text) == change(rng("0:x"), text)
    assert p.texting(rng(0), "you and me") == "u n me"
    assert p.capitals(rng(0), "my lips") == "MY LIPS"
