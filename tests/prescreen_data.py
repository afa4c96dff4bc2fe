"""Shared by the pre-screen tests: the contract's slots, the rules file as data,
a temporary edit of it, and a healthy adult's answers."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot import prescreen

CONTRACT_SLOTS = [
    "prescreen_consent",
    "age",
    "pregnant_or_breastfeeding",
    "blood_thinners",
    "bleeding_disorder",
    "skin_condition",
    "keloid_history",
    "allergies",
    "medical_conditions",
    "recent_procedures",
]
EXTRA_SLOTS = {"acute_illness"}  # CLINICAL.md lists it under not_suitable


def rules_copy() -> Any:
    """The rules file as data, for tests that change it in a temporary copy."""
    return yaml.safe_load(prescreen.RULES_PATH.read_text(encoding="utf-8"))


@contextlib.contextmanager
def rules_file(data: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Use ``data`` as knowledge/prescreen.yml inside the block; the real file after it."""
    path = tmp_path / "prescreen.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(prescreen.rules, "RULES_PATH", path)
    prescreen.reload()
    try:
        yield path
    finally:
        monkeypatch.undo()
        prescreen.reload()


def all_clear(**overrides: Any) -> dict[str, Any]:
    """A healthy adult's answers, as the form stores them (bools and an int age)."""
    answers: dict[str, Any] = {
        q["slot"]: False for q in prescreen.questions() if q["type"] == "yes_no_detail"
    }
    answers.update(prescreen_consent=True, age=40)
    answers.update(overrides)
    return answers
