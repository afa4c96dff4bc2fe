"""The clinical review's probes (Appendix A), regression tests of the rule layer.

tests/data/triage_probes.yml lists each probe with the levels that are right
(``ask``: the bot asks the red-flag questions before deciding; ``calm``: no
escalation). The review found 55 of them wrong before the concept layer.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot import triage

ROOT = Path(__file__).resolve().parent.parent
PROBES = yaml.safe_load((ROOT / "tests/data/triage_probes.yml").read_text(encoding="utf-8"))
CASES = [
    (group, item["text"], tuple(item["expect"]))
    for group, items in PROBES.items()
    for item in items
]


def test_the_probe_file_has_every_group():
    assert set(PROBES) == {"under_triage", "over_triage", "correct"}
    assert len(PROBES["under_triage"]) >= 50


@pytest.mark.parametrize("group, text, expect", CASES, ids=[c[1][:60] for c in CASES])
def test_probe_is_at_its_expected_level(group, text, expect):
    a = triage.assess(text)
    got = "ask" if a.level is None and a.ask else a.level
    if "calm" in expect:
        assert got in (None, "none"), a.reasons
    else:
        assert got in expect, (got, a.reasons)
