"""Routing a set of pre-screen answers: not_suitable > clinician_review > eligible.

The rules are data (``knowledge/prescreen.yml``, read by ``rules``); this
module applies them. Any question missing or not placed goes to a clinician
(CLINICAL.md), and so does anything that cannot be evaluated.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.prescreen import rules
from bot.prescreen.answers import MAX_AGE, MIN_AGE, parse_age, parse_yes_no
from bot.prescreen.rules import AgeQuestion, PrescreenRulesError, Question, YesNoQuestion, YesRule
from bot.text import Answer, clip, never_raises, unclear


@dataclass
class Outcome:
    """The routing result: ``reasons`` for staff (every finding, in question
    order), ``patient_reasons`` for the reply (only those of the winning
    outcome, as short lowercase phrases)."""

    outcome: str
    reasons: list[str] = field(default_factory=list)
    patient_reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Finding:
    """One answer's effect. An answer that could not be placed names its ``unplaced``
    topic instead of a patient reason: all of them become one phrase ("about A and B")."""

    outcome: str
    staff: str
    patient: str = ""
    unplaced: str | None = None


def _could_not_evaluate() -> Outcome:
    return Outcome(
        "clinician_review",
        ["the answers could not be evaluated"],
        ["a clinician needs to go over your answers with you"],
    )


@never_raises(
    factory=_could_not_evaluate,
    let_through=(PrescreenRulesError,),
    message="pre-screen outcome failed; routing to clinician review",
)
def outcome(answers: object) -> Outcome:
    """Route a set of answers: not_suitable > clinician_review > eligible.

    ``answers`` maps slot to what the form stored: a bool, an int age, None
    (not answered or not sure), "unsure", an ``Answer``, a dict with
    ``value`` (and optionally ``detail``/``understood``/``typed``), or the
    typed text itself. Any question missing or unplaced goes to clinician
    review (CLINICAL.md); so does anything that is not a mapping. The
    consent is not part of the routing.
    """
    given: Mapping[str, Any] = answers if isinstance(answers, Mapping) else {}
    the_rules = rules.rules()
    findings: list[_Finding] = []
    for q in the_rules.questions:
        raw = given.get(q.slot)
        if isinstance(q, AgeQuestion):
            findings += _age_findings(q, raw)
        elif isinstance(q, YesNoQuestion):
            findings += _yes_no_findings(q, raw, the_rules)
    return _route(findings, the_rules.file)


def _age_findings(q: AgeQuestion, raw: Any) -> list[_Finding]:
    age = _coerce_age(raw)
    if age is None:
        unsure = isinstance(raw, str) and raw.strip().lower() in ("unsure", "skipped")
        return [_not_placed(q, unsure)]
    return [
        _Finding(
            rule.outcome,
            _fill(rule.staff_reason, value=age),
            _fill(rule.patient_reason, value=age),
        )
        for rule in q.rules
        if rule.when.applies(age)
    ]


def _yes_no_findings(q: YesNoQuestion, raw: Any, the_rules: rules.Rules) -> list[_Finding]:
    answer = _coerce_yes_no(q.slot, raw)
    if answer.value is None:
        return [_not_placed(q, answer.unsure)]
    if not answer.value:
        return []
    routed: list[YesNoQuestion] = [
        target
        for s in answer.other_questions
        if isinstance(target := the_rules.by_slot.get(s), YesNoQuestion)
    ]
    if answer.own or not routed:
        routed.insert(0, q)
    findings: list[_Finding] = []
    past_answer = the_rules.file.past_answer
    for target in routed:
        detail = answer.detail or "yes"
        if target is not q:
            detail = f"{detail} (said in answer to: {q.topic_staff})"
        for rule in _rules_for(target, answer):
            if rule.outcome == "not_suitable" and answer.past:
                # spoken of as past: a clinician checks it is over
                topics = {"topic": target.topic, "topic_staff": target.topic_staff}
                findings.append(
                    _Finding(
                        past_answer.outcome,
                        _fill(past_answer.staff_reason, detail=detail, **topics),
                        _fill(past_answer.patient_reason, detail=detail, **topics),
                    )
                )
                continue
            findings.append(
                _Finding(
                    rule.outcome,
                    _fill(rule.staff_reason, detail=detail),
                    _fill(rule.patient_reason, detail=detail),
                )
            )
    return findings


def _route(findings: Sequence[_Finding], file: rules.RulesFile) -> Outcome:
    """The strongest outcome found; all findings for staff, the winning ones for the patient."""
    if not findings:
        return Outcome("eligible", [], [])
    best = min((f.outcome for f in findings), key=file.outcomes.index)
    patient: list[str] = []
    unclear_topics: list[str] = []
    for f in findings:
        if f.outcome != best:
            continue
        if f.unplaced is not None:
            unclear_topics.append(f.unplaced)
        elif f.patient not in patient:
            patient.append(f.patient)
    if unclear_topics:  # one phrase for all of them: "... about A, B and C"
        patient.append(_fill(file.not_placed.patient_reason, topic=_and_list(unclear_topics)))
    return Outcome(best, [f.staff for f in findings], patient)


def _coerce_yes_no(slot: str, raw: Any) -> Answer:
    """An Answer from what the form stored: bool, Answer, dict or the typed text.

    A stored dict keeps the typed text: it is read again to learn whether
    the patient named another question's words (``own`` / ``other_questions``).
    """
    if isinstance(raw, Answer):
        return raw
    if isinstance(raw, Mapping):
        return _coerce_stored(slot, raw)
    if isinstance(raw, bool):
        return Answer(raw, None, "yes" if raw else "no")
    if isinstance(raw, str):
        s = raw.strip().lower()
        if s in ("yes", "true"):
            return Answer(True, None, "yes")
        if s in ("no", "false"):
            return Answer(False, None, "no")
        if s in ("unsure", "not sure", "skipped", "not sure / skipped"):
            return Answer(None, None, "not sure", True)
        return parse_yes_no(raw, slot)
    return unclear()


def _coerce_stored(slot: str, raw: Mapping[str, Any]) -> Answer:
    """An Answer from the form's record ``{typed, understood, value}`` (``detail`` optional)."""
    value = raw.get("value")
    detail = raw.get("detail")
    understood = raw.get("understood")
    typed = raw.get("typed")
    if detail is None and isinstance(understood, str) and understood.startswith("yes: "):
        detail = understood[5:]
    detail = clip(detail) if isinstance(detail, str) else None
    if value is True:
        again = parse_yes_no(typed, slot) if isinstance(typed, str) else None
        if again is not None and again.value is True:
            return Answer(
                True,
                detail or again.detail,
                again.understood,
                other_questions=again.other_questions,
                own=again.own,
                past=again.past,
                terms=again.terms,
            )
        return Answer(True, detail, "yes")
    if value is False:
        return Answer(False, detail, "no")
    if value is None and isinstance(typed, str) and understood is None and not raw.get("unsure"):
        return parse_yes_no(typed, slot)
    unsure = bool(raw.get("unsure")) or value == "unsure" or isinstance(understood, str)
    return Answer(None, None, "not sure", unsure)


def _coerce_age(raw: Any) -> int | None:
    if isinstance(raw, (Answer, bool)):
        return None
    if isinstance(raw, Mapping):
        return _coerce_age(raw.get("value"))
    if isinstance(raw, float):
        return int(raw) if raw.is_integer() and MIN_AGE <= raw <= MAX_AGE else None
    if isinstance(raw, (int, str)):
        return parse_age(raw)
    return None


def _fill(template: str, **values: Any) -> str:
    """str.format that tolerates a clinician's typo in a placeholder."""
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def _rules_for(target: YesNoQuestion, answer: Answer) -> list[YesRule]:
    """The rules of ``target`` that a yes applies: a rule with ``terms`` when the
    patient named one of them; the general rules when the patient named
    something else too, or nothing listed (a plain "yes")."""
    named = {t for s, t in answer.terms if s == target.slot}
    specific = [r for r in target.rules if r.terms]
    covered = {t for r in specific for t in r.terms or ()}
    chosen = [r for r in specific if named & set(r.terms or ())]
    if not named or named - covered:
        chosen += [r for r in target.rules if not r.terms]
    return chosen


def _and_list(items: Sequence[str]) -> str:
    unique = list(dict.fromkeys(items))
    return unique[0] if len(unique) == 1 else ", ".join(unique[:-1]) + " and " + unique[-1]


def _not_placed(q: Question, unsure: bool) -> _Finding:
    """A finding for an answer that could not be placed; its patient text is merged later."""
    not_placed = rules.rules().file.not_placed
    status = not_placed.status.unsure if unsure else not_placed.status.missing
    staff = _fill(not_placed.staff_reason, topic_staff=q.topic_staff, topic=q.topic, status=status)
    return _Finding(not_placed.outcome, staff, unplaced=q.topic)


def reasons_text(patient_reasons: Sequence[str]) -> str:
    """The patient reasons as one phrase list for the ``{prescreen_reasons}`` slot."""
    return "; ".join(patient_reasons)
