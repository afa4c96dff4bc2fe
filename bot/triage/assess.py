"""``assess``: the triage of one message, and the answers to the red-flag questions.

The steps, each in its own module: text preparation (``text``), matching
(``match``), negation and frames (``negation``), durations and cues
(``durations``); the highest level counted wins.
"""
from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from typing import Any, Dict, List, Optional, Sequence

from bot.levels import LEVELS, highest, rank
from bot.triage.durations import apply_escalation
from bot.triage.match import Match, collect, drop_within, sign_matches
from bot.triage.negation import apply_frames, apply_negation
from bot.triage.rules import Rules, load_rules
from bot.triage.text import normalise, prepare

logger = logging.getLogger(__name__)

level_rank = rank  # the public name of bot.levels.rank here

# A message longer than this is cut before matching: 30,000 characters is far
# beyond a real chat message (a 20,000-character one is read in full). A red
# flag anywhere in the first 30,000 characters is found.
MAX_CHARS = 30_000
# Keep the match list readable for staff and logs.
MAX_MATCHES = 60



@dataclass
class Assessment:
    """The triage of one message.

    level: the highest level found; ``None`` when no symptom was found at all
    (a vague report or not a report), ``"none"`` when only expected effects were.
    signs: the counted sign ids, worst first. matches: every sign found, with
    its status ("counted", "negated", "resolved", "general_question", "history",
    "habitual", "no_context", "within"). negated: sign ids found but negated.
    reasons: short sentences for staff and logs.
    """

    level: Optional[str]
    signs: List[str] = field(default_factory=list)
    matches: List[Dict[str, Any]] = field(default_factory=list)
    negated: List[str] = field(default_factory=list)
    reasons: List[str] = field(default_factory=list)

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)


def assess(text: Any, rules: Optional[Rules] = None) -> Assessment:
    """Triage one message. Never raises: on an internal error the level is None.

    None makes the dialogue treat the message as vague, which asks the red-flag
    questions and escalates at least as routine, so an error fails safe.
    ``rules`` defaults to knowledge/red_flags.yml (tests pass their own).
    """
    try:
        return _assess("" if text is None else str(text), rules or load_rules())
    except Exception:  # pragma: no cover - defensive: a crash must not swallow a message
        logger.exception("triage failed; treating the message as vague")
        return Assessment(level=None, reasons=["internal error in triage; treated as vague"])


def _assess(text: str, rules: Rules) -> Assessment:
    reasons: List[str] = []
    if len(text) > MAX_CHARS:
        reasons.append(f"only the first {MAX_CHARS} characters were read")
        text = text[:MAX_CHARS]
    clean, offsets = prepare(text)
    if not clean.strip():
        return Assessment(level=None, reasons=reasons + ["empty message"])
    doc = rules.nlp.make_doc(clean)
    found = collect(rules, doc)
    matches = sign_matches(rules, found)
    if not matches:
        return Assessment(level=None, reasons=reasons + ["no sign found"])

    contexts = {k[4:] for k in found if k.startswith("CTX|")}
    for m in matches:
        m.level = rules.effective_level(rules.signs[m.sign], contexts)
        if m.level is None:
            m.status = "no_context"
            m.note = f"counts only {rules.contexts.get(rules.signs[m.sign].context, '')}"
    apply_negation(rules, doc, found, matches)
    apply_frames(rules, doc, found, matches)
    apply_escalation(rules, doc, found, matches, reasons)
    drop_within(matches)
    for c in sorted(contexts):
        reasons.append(f"context: {c}")
    return _result(rules, doc, matches, reasons, offsets)


def _result(
    rules: Rules, doc, matches: List[Match], reasons: List[str], offsets: Optional[List[int]]
) -> Assessment:
    counted = [m for m in matches if m.status == "counted"]
    level = highest(*(m.level for m in counted))
    order = sorted(counted, key=lambda m: (-level_rank(m.level), m.start))
    signs = list(dict.fromkeys(m.sign for m in order))
    negated = list(dict.fromkeys(m.sign for m in matches if m.status in ("negated", "resolved")))
    out = []
    for m in matches[:MAX_MATCHES]:
        span = doc[m.start:m.end]
        start, end = span.start_char, span.end_char
        if offsets is not None:
            start, end = offsets[start], offsets[end - 1] + 1
        item = {
            "sign": m.sign,
            "level": m.level,
            "start": start,
            "end": end,
            "text": span.text,
            "status": m.status,
            "term": m.term,
        }
        if m.base:
            item["from"] = m.base
        out.append(item)
        if m.status == "counted":
            reasons.append(f"{m.sign} ({m.level}): '{span.text}'")
        elif m.status != "within":
            reasons.append(f"{m.sign} not counted: '{span.text}' {m.note}".rstrip())
    if len(matches) > MAX_MATCHES:
        reasons.append(f"{len(matches) - MAX_MATCHES} more matches not listed")
    return Assessment(level=level, signs=signs, matches=out, negated=negated, reasons=reasons)


def vague_questions() -> List[Dict[str, Any]]:
    """The red-flag questions for a vague report, in the order to ask them.

    Each: ``slot`` (e.g. ``rf_vision``), ``response`` (``utter_ask_rf_vision``),
    ``level`` if the answer is yes, ``label`` for staff, ``covers`` (sign ids).
    """
    return [dict(q) for q in load_rules().questions]


_YES = {"yes", "y", "true", "affirm", "yeah", "yep", "1"}
_NO = {"no", "n", "false", "deny", "nope", "0"}


def _as_bool(value: Any) -> Optional[bool]:
    if isinstance(value, bool) or value is None:
        return value
    low = str(value).strip().lower()
    if low in _YES:
        return True
    if low in _NO:
        return False
    return None


def assess_answers(answers: Dict[str, Any]) -> Assessment:
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
        signs = [q["slot"] for q in sorted(yes, key=lambda q: -level_rank(q["level"]))]
        reasons = [f"yes to {q['slot']} ({q['level']})" for q in yes]
    else:
        level = rules.vague_default
        signs = ["vague_report"]
        reasons = ["no red flag confirmed; still unsure means routine at least"]
    if unclear:
        reasons.append("unclear or missing: " + ", ".join(unclear))
    return Assessment(level=level, signs=signs, matches=[], negated=[], reasons=reasons)


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
        elif sid == "vague_report":
            labels.append("a vague report with no red flag confirmed")
        else:
            labels.append(str(sid))
    return "; ".join(labels) if labels else "no symptom named"


def sign_info(sign_id: str) -> Optional[Dict[str, Any]]:
    """Level, label, source and pre-screen overlap of one sign id (None if unknown)."""
    sign = load_rules().signs.get(sign_id)
    return asdict(sign) if sign else None


def reply_for(level: Optional[str]) -> Optional[str]:
    """The response name for a level (``utter_triage_urgent``...), from the YAML."""
    return load_rules().replies.get(level or "")


def is_first_person_report(text: Any) -> bool:
    """True for "my face is swollen since yesterday", False for "will I bruise?".

    Rule (data in ``report_markers``): a first-person word and an
    after-treatment or present-state word.
    """
    try:
        rules = load_rules()
        clean = normalise(("" if text is None else str(text))[:MAX_CHARS])
        doc = rules.nlp.make_doc(clean)
        if not any(t.lower_ in rules.first_person for t in doc):
            return False
        strings = rules.nlp.vocab.strings
        return any(strings[k] == "RM" for k, _, _ in rules.phrases(doc))
    except Exception:  # pragma: no cover
        logger.exception("is_first_person_report failed")
        return False


def main(argv: Optional[List[str]] = None) -> int:
    """``python -m bot.triage "my vision is blurry"``: show how a message is read."""
    import json
    import sys

    args = sys.argv[1:] if argv is None else argv
    text = " ".join(args) if args else sys.stdin.read()
    result = assess(text)
    print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    print("staff label:", signs_label(result.signs))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
