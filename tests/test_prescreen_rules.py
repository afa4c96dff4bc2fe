"""The pre-screen's knowledge: knowledge/prescreen.yml and its replies.

The rules file and the replies must agree with each other and with the
contract; a rules file that would route patients wrongly is refused at load
with a message naming the place (bot/prescreen/rules.py, pydantic models).
"""

from __future__ import annotations

import re

import pytest
import yaml

from bot import checked_yaml, config, knowledge, prescreen
from bot.prescreen import PrescreenRulesError
from bot.prescreen.rules import RulesFile
from tests.prescreen_data import CONTRACT_SLOTS, EXTRA_SLOTS, all_clear, rules_copy, rules_file

REPLIES_FILE = config.KNOWLEDGE / "replies" / "prescreen.yml"
CLINIC_FIELDS_USED = {"name", "phone", "booking_url", "retention_days"}


@pytest.fixture(scope="module")
def rules():
    return rules_copy()


@pytest.fixture(scope="module")
def replies():
    return (yaml.safe_load(REPLIES_FILE.read_text(encoding="utf-8")) or {})["responses"]


def test_questions_cover_the_contract_slots_in_order():
    slots = [q["slot"] for q in prescreen.questions()]
    assert slots[0] == "prescreen_consent"
    assert set(CONTRACT_SLOTS) <= set(slots)
    assert set(slots) <= set(CONTRACT_SLOTS) | EXTRA_SLOTS
    assert [s for s in slots if s in CONTRACT_SLOTS] == CONTRACT_SLOTS


def test_form_asks_exactly_the_questions_of_the_rules():
    domain = yaml.safe_load((config.ROOT / "domain.yml").read_text(encoding="utf-8"))
    required = domain["forms"]["prescreen_form"]["required_slots"]
    assert required == prescreen.slots()
    for slot in prescreen.slots():
        assert slot in domain["slots"], slot


def test_every_question_has_its_replies(replies):
    for q in prescreen.questions():
        assert q["ask"] == f"utter_ask_{q['slot']}" and q["ask"] in replies, q
        assert q["why"] == f"utter_why_{q['slot']}" and q["why"] in replies, q
        assert q["reask"] in replies, q
        assert prescreen.why_response(q["slot"]) == q["why"]
    assert prescreen.why_response("nonexistent") in replies


@pytest.mark.parametrize(
    "name",
    [
        "utter_prescreen_stuck",
        "utter_prescreen_no_consent",
        "utter_prescreen_eligible",
        "utter_prescreen_clinician_review",
        "utter_prescreen_not_suitable",
        "utter_prescreen_cancelled",
        "utter_prescreen_resume",
        "utter_prescreen_reask_consent",
        "utter_prescreen_reask_age",
        "utter_prescreen_reask_yes_no_detail",
    ],
)
def test_ending_and_reask_replies_exist(replies, name):
    assert replies.get(name)


def test_replies_are_short_and_use_known_placeholders(replies):
    for name, variations in replies.items():
        for v in variations:
            text = v["text"]
            assert len(text.split()) <= 90, name
            for field in re.findall(r"\{\{\s*clinic\.([a-z_.]+)\s*\}\}", text):
                assert field in CLINIC_FIELDS_USED, (name, field)
            slots = set(re.findall(r"(?<!\{)\{([a-z_]+)\}(?!\})", text))
            assert slots <= {"prescreen_reasons"}, (name, slots)
            knowledge.render(text)  # every field exists in clinic.yml
            for b in v.get("buttons", []):
                assert b["title"] and b["payload"] and len(b["title"]) <= 25


def test_outcome_replies_say_the_right_things(replies):
    consent = replies["utter_ask_prescreen_consent"][0]["text"]
    assert "{{clinic.retention_days}}" in consent and "delete" in consent
    assert "staff" in consent and {
        b["payload"] for b in replies["utter_ask_prescreen_consent"][0]["buttons"]
    } >= {"/affirm", "/deny"}
    assert "consultation" in replies["utter_prescreen_eligible"][0]["text"]
    assert "{{clinic.booking_url}}" in replies["utter_prescreen_eligible"][0]["text"]
    for name in ("utter_prescreen_clinician_review", "utter_prescreen_not_suitable"):
        assert "{prescreen_reasons}" in replies[name][0]["text"], name
        assert "{{clinic.phone}}" in replies[name][0]["text"], name
    assert "haven't stored" in replies["utter_prescreen_no_consent"][0]["text"]


def test_yes_no_questions_offer_buttons(replies):
    for q in prescreen.questions():
        if q["type"] in ("yes_no_detail", "consent"):
            payloads = {b["payload"] for b in replies[q["ask"]][0].get("buttons", [])}
            assert {"/affirm", "/deny"} <= payloads, q["slot"]


def test_rules_reference_known_slots_and_outcomes(rules):
    known = set(CONTRACT_SLOTS) | EXTRA_SLOTS
    for q in rules["questions"]:
        assert q["slot"] in known
        for rule in q.get("rules") or []:
            assert rule["outcome"] in ("not_suitable", "clinician_review")
    assert rules["outcomes"] == ["not_suitable", "clinician_review", "eligible"]
    assert rules["not_placed"]["outcome"] == "clinician_review"


def test_every_yes_no_question_has_a_yes_rule(rules):
    for q in rules["questions"]:
        if q["type"] == "yes_no_detail":
            # one general rule; rules limited to some `terms` may come on top
            assert [r["when"] for r in q["rules"] if not r.get("terms")] == ["yes"], q["slot"]
            assert all(r["when"] == "yes" for r in q["rules"]), q["slot"]
            assert q.get("vocabulary"), q["slot"]


def test_patient_reasons_read_as_phrases(rules):
    reasons = [r["patient_reason"] for q in rules["questions"] for r in q.get("rules") or []]
    reasons.append(rules["not_placed"]["patient_reason"])
    for r in reasons:
        assert r[0].islower() or r.startswith("I "), r
        assert not r.endswith("."), r
        assert len(r) <= 160, r


def test_every_vocabulary_form_is_understood(rules):
    """A form that never reads as a yes (shadowed, or a filler word) is a data mistake."""
    problems = []
    for q in rules["questions"]:
        for entry in q.get("vocabulary") or []:
            for form in entry["forms"]:
                a = prescreen.parse_yes_no(str(form), q["slot"])
                if a.value is not True:
                    problems.append((q["slot"], form, a.understood))
        for entry in q.get("not_counted") or []:
            for form in entry["forms"]:
                a = prescreen.parse_yes_no(f"I have {form}", q["slot"])
                if a.value is not False:
                    problems.append((q["slot"], form, a.understood))
    assert not problems


def test_negated_vocabulary_reads_as_no(rules):
    problems = []
    for q in rules["questions"]:
        for entry in q.get("vocabulary") or []:
            form = str(entry["forms"][0])
            a = prescreen.parse_yes_no(f"no, I've never had {form}", q["slot"])
            if a.value is not False:
                problems.append((q["slot"], form, a.understood))
    assert not problems


def _question(data, slot):
    return next(q for q in data["questions"] if q["slot"] == slot)


# fmt: off
BROKEN = [
    # (what a clinician's edit does, what the error names)
    (lambda d: _question(d, "pregnant_or_breastfeeding")["rules"][0].update(outcome="maybe"),
     r"questions -> 2 \(pregnant_or_breastfeeding\) -> rules -> 0 -> outcome: unexpected value"),
    (lambda d: _question(d, "age").update(type="number"),
     r"questions -> 1 \(age\): No match for discriminator 'type' and value 'number'"),
    (lambda d: d.update(outcomes=["eligible", "clinician_review", "not_suitable"]),
     r"outcomes: `outcomes` must be .* \(strongest first\)"),
    (lambda d: _question(d, "age")["rules"][0].update(when={"under": 18}),
     r"\(age\) -> rules -> 0 -> when -> under: extra fields not permitted"),
    (lambda d: _question(d, "age")["rules"][0].update(when={"below": 18, "above": 75}),
     r"\(age\) -> rules -> 0 -> when: an age rule needs"),
    (lambda d: _question(d, "allergies")["rules"][0].update(when=True),   # unquoted yes
     r"\(allergies\) -> rules -> 0 -> when: unexpected value; permitted: 'yes'"),
    (lambda d: _question(d, "allergies").pop("unlisted_is_yes"),
     r"\(allergies\) -> unlisted_is_yes: field required"),
    (lambda d: _question(d, "allergies").update(unlisted_is_yess=True),   # a typo
     r"\(allergies\) -> unlisted_is_yess: extra fields not permitted"),
    (lambda d: _question(d, "allergies").update(ask="ask_allergies"),
     r"\(allergies\) -> ask: must name an utter_ response"),
    (lambda d: _question(d, "allergies")["rules"][0].update(staff_reason="  "),
     r"\(allergies\) -> rules -> 0 -> staff_reason: must not be empty"),
    (lambda d: d["questions"].append(dict(d["questions"][2])),
     "slot pregnant_or_breastfeeding appears twice"),
    (lambda d: d["questions"].reverse(), "the first question must be the consent"),
    (lambda d: _question(d, "blood_thinners")["vocabulary"].append({"term": "x"}),
     r"vocabulary -> \d+ \(x\) -> forms: field required"),
    (lambda d: _question(d, "blood_thinners")["vocabulary"].append({"term": "x", "forms": []}),
     r"\(x\) -> forms: `forms` must be a list of words"),
    (lambda d: _question(d, "acute_illness")["rules"][1].update(terms=["no such term"]),
     r"\(acute_illness\): a rule's `terms` must name terms of its vocabulary"),
    (lambda d: d["not_placed"].update(outcome="eligible?"), r"not_placed -> outcome"),
    (lambda d: d["past_answer"].update(outcome="not_suitable"), r"past_answer -> outcome"),
]
# fmt: on


@pytest.mark.parametrize("change,message", BROKEN)
def test_a_broken_rules_file_is_refused_with_the_place(tmp_path, monkeypatch, change, message):
    data = rules_copy()
    change(data)
    with rules_file(data, tmp_path, monkeypatch):
        with pytest.raises(PrescreenRulesError, match=message):
            prescreen.questions()
        # the routing stops too: a broken file must never be read as "all clear"
        with pytest.raises(PrescreenRulesError):
            prescreen.outcome(all_clear())


def test_errors_name_the_file_as_the_repository_knows_it():
    with pytest.raises(PrescreenRulesError, match=r"^knowledge/prescreen.yml: must be a mapping$"):
        checked_yaml.load(prescreen.RULES_PATH, RulesFile, PrescreenRulesError, data=[])


def test_a_clinician_edit_changes_the_routing(tmp_path, monkeypatch):
    """The rules are data: raising the age limit needs no code change."""
    data = rules_copy()
    _question(data, "age")["rules"][1]["when"] = {"above": 70}
    with rules_file(data, tmp_path, monkeypatch):
        assert prescreen.outcome(all_clear(age=72)).outcome == "clinician_review"
    assert prescreen.outcome(all_clear(age=72)).outcome == "eligible"


def test_unlisted_statements_follow_the_rules_file(tmp_path, monkeypatch):
    """`unlisted_is_yes` decides whether "I have X" (X not listed) is a yes."""
    assert prescreen.parse_yes_no("I have a headache", "acute_illness").value is None
    data = rules_copy()
    _question(data, "acute_illness")["unlisted_is_yes"] = True
    with rules_file(data, tmp_path, monkeypatch):
        assert prescreen.parse_yes_no("I have a headache", "acute_illness").value is True


def test_yes_that_rules_out_treatment_needs_a_listed_word_or_a_yes(rules):
    for q in rules["questions"]:
        if (
            any(r["outcome"] == "not_suitable" for r in q.get("rules") or [])
            and q["type"] == "yes_no_detail"
        ):
            assert q["unlisted_is_yes"] is False, q["slot"]
