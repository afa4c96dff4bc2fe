"""scripts/blind_eval.py reads every set form: lists of items and the level -> texts mapping."""

from __future__ import annotations

from pathlib import Path

import yaml

from scripts.blind_eval import as_items, kind_of

ROOT = Path(__file__).resolve().parent.parent


def test_the_level_mapping_of_triage_cases_becomes_triage_items() -> None:
    data = yaml.safe_load((ROOT / "tests" / "data" / "triage_cases.yml").read_text())
    items = as_items(data)
    assert kind_of(items) == "triage"
    scored = sum(len(data.get(level) or []) for level in ("emergency", "urgent", "routine", "none"))
    assert len(items) == scored > 0
    assert {i["level"] for i in items} <= {"emergency", "urgent", "routine", "none"}


def test_a_list_set_keeps_its_items_and_drops_what_is_no_item() -> None:
    items = as_items([{"text": "a", "cat": "x"}, "stray", {"no": "text"}])
    assert items == [{"text": "a", "cat": "x"}]
    assert kind_of(items) == "unrelated"
    assert as_items(None) == []
