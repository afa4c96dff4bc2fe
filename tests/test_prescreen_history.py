"""Pre-screen answers the clinical review found misrouted (2026-12-01, items 22-24).

- Antibiotics on their own (often long-term, for acne or rosacea) are not an
  acute illness: a clinician looks (clinician_review), not a refusal.
- Getting cold sores often, with none now: clinician_review, so that a
  medicine to prevent an outbreak can be considered (CMAC herpes guideline).
- Permanent filler or implants, however long ago: clinician_review.
The routing is data in knowledge/prescreen.yml (rules with `terms`).
"""

from __future__ import annotations

import pytest
import yaml

from bot import prescreen


def rules_copy():
    """The rules file as data, for a test that breaks it in a temporary copy."""
    return yaml.safe_load(prescreen.RULES_PATH.read_text(encoding="utf-8"))


ALL_NO = {q["slot"]: False for q in prescreen.questions() if q["type"] == "yes_no_detail"}
ALL_NO["age"] = 34


def route(slot: str, text: str) -> prescreen.Outcome:
    answers = dict(ALL_NO)
    answers[slot] = prescreen.parse_yes_no(text, slot)
    return prescreen.outcome(answers)


# fmt: off
@pytest.mark.parametrize("slot,text,expected,reason", [
    # item 22: antibiotics alone
    ("acute_illness", "just on antibiotics for my acne", "clinician_review", "antibiotics"),
    ("acute_illness", "I take doxycycline for my rosacea", "clinician_review", "antibiotics"),
    ("medical_conditions", "long term antibiotics", "clinician_review", None),
    # ... but with an illness named, the illness decides
    ("acute_illness", "antibiotics for a chest infection", "not_suitable", "unwell"),
    ("acute_illness", "yes, flu", "not_suitable", "unwell"),
    ("acute_illness", "yes", "not_suitable", "unwell"),
    # item 23: cold sores often, none now
    ("skin_condition", "I get cold sores a lot but none now", "clinician_review", "cold sores"),
    ("skin_condition", "no, but I often get cold sores", "clinician_review", "cold sores"),
    ("skin_condition", "I'm prone to cold sores", "clinician_review", "cold sores"),
    # ... an active one still waits
    ("skin_condition", "I've got a cold sore at the moment", "not_suitable", "healed"),
    ("skin_condition", "a cold sore right now", "not_suitable", "healed"),
    ("skin_condition", "I had a cold sore last month", "clinician_review", "over"),
    # item 24: permanent filler or implants, any time
    ("recent_procedures", "silicone in my lips 5 years ago", "clinician_review",
     "permanent filler"),
    ("recent_procedures", "I had cheek implants in 2015", "clinician_review", "permanent filler"),
    ("recent_procedures", "permanent filler years ago", "clinician_review", "permanent filler"),
    ("recent_procedures", "Botox 3 weeks ago", "clinician_review", "recently"),
    ("recent_procedures", "no", "eligible", None),
])
# fmt: on
def test_routing(slot, text, expected, reason):
    result = route(slot, text)
    assert result.outcome == expected, (text, result)
    if reason:
        assert any(reason in r for r in result.patient_reasons), result.patient_reasons


def test_a_rule_limited_to_terms_names_real_terms(tmp_path, monkeypatch):
    data = rules_copy()
    for q in data["questions"]:
        terms = {e["term"] for e in q.get("vocabulary") or []}
        for rule in q.get("rules") or []:
            assert set(rule.get("terms") or []) <= terms, q["slot"]
    bad = rules_copy()
    bad["questions"][3]["rules"][-1]["terms"] = ["no such term"]
    path = tmp_path / "prescreen.yml"
    path.write_text(yaml.safe_dump(bad))
    monkeypatch.setattr(prescreen.rules, "RULES_PATH", path)
    prescreen.reload()
    try:
        with pytest.raises(prescreen.PrescreenRulesError, match="terms"):
            prescreen.questions()
    finally:
        monkeypatch.undo()
        prescreen.reload()


def test_stored_answers_keep_what_was_named():
    """The form stores {typed, understood, value}; the outcome reads the words again."""
    stored = {"typed": "just on antibiotics for my acne", "understood": "yes: antibiotics",
              "value": True}
    answers = dict(ALL_NO, acute_illness=stored)
    assert prescreen.outcome(answers).outcome == "clinician_review"
