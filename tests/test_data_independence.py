"""Evaluation data is never copied into training data.

Every sentence of the held-out sets in tests/data/, of the development sets in
tests/dev/ and tests/blind/ (tuned on, never trained on) and of the public
samples in ../shared/eval/sample/ is compared, after normalising case,
punctuation and spaces, with every NLU training example in data/nlu/. Any
match fails. The sealed blind test sets (tests/blind/*_test*.yml) are checked
the same way once the lead adds them, but a failure names only how many of
their sentences matched, never the sentences.

Utterances of one or two words ("hi", "thanks", "cancel", "good morning") are
the vocabulary of their intent rather than sentences anyone could copy: both
sets are bound to contain them, so they are not compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "eval" / "sample"


def norm(text: str) -> str:
    return " ".join(
        re.sub(r"[^a-z0-9 ]+", "", text.lower().replace("’", "'").replace("'", "")).split()
    )


def training_texts() -> dict[str, str]:
    from rasa.shared.nlu.training_data.loading import load_data

    td = load_data(str(ROOT / "data" / "nlu"))
    return {norm(m.get("text")): m.get_full_intent() for m in td.intent_examples}


def strings(node) -> Iterable[str]:
    """Every string in a YAML tree (keys excluded)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)


def evaluation_texts() -> list[str]:
    from rasa.shared.nlu.training_data.loading import load_data

    texts = [
        m.get("text") for m in load_data(str(ROOT / "tests/data/nlu_heldout.yml")).intent_examples
    ]
    texts += list(strings(yaml.safe_load((ROOT / "tests/data/triage_cases.yml").read_text())))
    for case in yaml.safe_load((ROOT / "tests/data/prescreen_cases.yml").read_text()):
        texts.append(case["start"])
        texts += [i["say"] for i in case.get("interrupt") or []]
    if SAMPLES.exists():
        for f in sorted(SAMPLES.glob("*.yml")):
            data = yaml.safe_load(f.read_text())
            if f.name == "prescreen.yml":
                texts += [c["start"] for c in data]
            else:
                texts += list(strings(data))
    for f in sorted((ROOT / "tests" / "dev").glob("*.yml")):
        texts += [m.get("text") for m in load_data(str(f)).intent_examples]
    for f in sorted(BLIND.glob("*_dev.yml")):
        texts += blind_texts(f)
    return texts


BLIND = ROOT / "tests" / "blind"


def blind_texts(path: Path) -> list[str]:
    """The messages of a blind set: a list of items, each with a ``text``."""
    return [item["text"] for item in yaml.safe_load(path.read_text()) or []]


def copied(texts: Iterable[str], train: dict[str, str]) -> list[str]:
    return sorted({t for t in texts if len(norm(t).split()) > 2 and norm(t) in train})


def test_no_evaluation_sentence_is_in_the_training_data():
    train = training_texts()
    found = copied(evaluation_texts(), train)
    assert not found, f"{len(found)} evaluation sentences are in data/nlu: {found[:20]}"
    # The sealed sets, when present: a count only, so they never leak into a log.
    n = sum(len(copied(blind_texts(p), train)) for p in sorted(BLIND.glob("*_test*.yml")))
    assert n == 0, f"{n} sentences of the sealed blind test sets are in data/nlu"


def test_the_blind_development_sets_are_covered():
    dev = sorted(BLIND.glob("*_dev.yml"))
    assert {p.name for p in dev} >= {"faq_dev.yml", "oos_dev.yml", "triage_dev.yml"}
    texts = set(evaluation_texts())
    assert all(t in texts for p in dev for t in blind_texts(p))
