"""The red-flag questions and what staff read.

A vague report gets the questions of ``vague_questions()`` and is decided by
``assess_answers``; a report of expected effects gets the one-message
red-flag check (``check_slot``, ``check_option_ids``, ``check_answer``,
``assess_check``) before any reassurance. ``signs_label``, ``sign_info`` and
``reply_for`` turn sign ids and levels into words and responses, from
knowledge/red_flags.yml.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from bot.levels import highest, rank
from bot.triage.assess import Assessment, assess
from bot.triage.rules import load_rules
from bot.triage.text import normalise


def vague_questions() -> list[dict[str, Any]]:
    """The red-flag questions for a vague report, in the order to ask them.

    Each: ``slot`` (e.g. ``rf_vision``), ``response`` (``utter_ask_rf_vision``),
    ``level`` if the answer is yes, ``label`` for staff, ``covers`` (sign ids).
    """
    return [dict(q) for q in load_rules().questions]


_YES = {"yes", "y", "true", "affirm", "yeah", "yep", "1"}
_NO = {"no", "n", "false", "deny", "nope", "0"}


def _as_bool(value: Any) -> bool | None:
    if isinstance(value, bool) or value is None:
        return value
    low = str(value).strip().lower()
    if low in _YES:
        return True
    if low in _NO:
        return False
    return None


def assess_answers(answers: dict[str, Any]) -> Assessment:
    """Decide a vague report from the answers to ``vague_questions()``.

    Any yes gives that question's level (the highest if several); all no or
    unclear gives ``routine``: still unsure means routine at least.
    """
    rules = load_rules()
    answers = answers or {}
    yes, unclear = [], []
    for q in rules.questions:
        value = _as_bool(answers.get(q["slot"]))
        if value is True:
            yes.append(q)
        elif value is None:
            unclear.append(q["slot"])
    if yes:
        level = highest(*(q["level"] for q in yes))
        signs = [q["slot"] for q in sorted(yes, key=lambda q: -rank(q["level"]))]
        reasons = [f"yes to {q['slot']} ({q['level']})" for q in yes]
    else:
        level = rules.vague_default
        signs = ["vague_report"]
        reasons = ["no red flag confirmed; still unsure means routine at least"]
    if unclear:
        reasons.append("unclear or missing: " + ", ".join(unclear))
    return Assessment(level=level, signs=signs, matches=[], negated=[], reasons=reasons)


def check_slot() -> str | None:
    """The slot of the red-flag check asked before any reassurance (``rf_check``)."""
    return load_rules().check_slot


def check_option_ids() -> list[str]:
    """The red-flag check's options, most serious first (``sight``, ``breathing``...)."""
    return [o["id"] for o in load_rules().check_options]


_WORD = re.compile(r"[a-z][a-z'-]*")


def check_answer(text: Any) -> list[str]:
    """The check options an answer names ("my sight", "breathing", "the pain").

    An option the answer denies ("no, breathing is fine") is not named.
    """
    rules = load_rules()
    clean = normalise(("" if text is None else str(text))[:2000]).lower()
    words = set(_WORD.findall(clean))
    not_denied = set(assess(clean, rules=rules).check) if words else set()
    out = []
    for opt in rules.check_options:
        terms = [str(w).lower() for w in opt.get("words") or []]
        if (
            any((t in words) if " " not in t else (t in clean) for t in terms)
            and opt["id"] in not_denied
        ):
            out.append(opt["id"])
    return out


def assess_check(
    answer: str | None, pending: dict[str, Any] | None = None
) -> tuple[str, list[str], list[str]]:
    """Level, signs and reasons after the red-flag check.

    ``answer`` is what the check form recorded: "no" (or None when the patient
    stopped) keeps the expected effect (``none``: the bot reassures); an option
    id counts as that option's sign at its level; "yes" without saying which
    is urgent; "unclear" is routine (still unsure).
    """
    rules = load_rules()
    pending = pending or {}
    signs = list(pending.get("signs") or [])
    reasons = list(pending.get("reasons") or [])
    by_id = {o["id"]: o for o in rules.check_options}
    if answer in by_id:
        opt = by_id[answer]
        sign = rules.signs[opt["sign"]]
        return (
            sign.level,
            [sign.id] + [s for s in signs if s != sign.id],
            reasons + [f"red-flag check: yes to {opt.get('label') or opt['id']}"],
        )
    if answer == "yes":
        return "urgent", signs, reasons + ["red-flag check: yes, without saying which"]
    if answer == "unclear":
        return "routine", signs, reasons + ["red-flag check: no clear answer; still unsure"]
    if answer is None:
        return "none", signs, reasons + ["red-flag check: not answered"]
    return "none", signs, reasons + ["red-flag check: no"]


def signs_label(signs: Sequence[str]) -> str:
    """Human-readable list for staff: "a change in vision; difficulty breathing"."""
    rules = load_rules()
    by_slot = {q["slot"]: q for q in rules.questions}
    labels = []
    for sid in signs or []:
        if sid in rules.signs:
            labels.append(rules.signs[sid].label)
        elif sid in by_slot:
            labels.append("said yes to: " + str(by_slot[sid].get("label") or sid))
        elif sid in {o["id"] for o in rules.check_options}:
            labels.append("said yes to: " + str(sid))
        elif sid == "vague_report":
            labels.append("a vague report with no red flag confirmed")
        else:
            labels.append(str(sid))
    return "; ".join(labels) if labels else "no symptom named"


def sign_info(sign_id: str) -> dict[str, Any] | None:
    """Level, label, source and pre-screen overlap of one sign id (None if unknown)."""
    sign = load_rules().signs.get(sign_id)
    return asdict(sign) if sign else None


def reply_for(level: str | None) -> str | None:
    """The response name for a level (``utter_triage_urgent``...), from the YAML."""
    return load_rules().replies.get(level or "")
