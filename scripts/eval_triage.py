"""Triage figures per level, per layer (rules alone, DIET alone, both), with the misses.

Reads triage sets in either form: a mapping ``level: [messages]``
(tests/data/triage_cases.yml, a regression set now) or a list of
``{text, level}`` (the blind sets in tests/blind/); and unrelated-request sets
(a list of ``{text, cat}``), on which any escalation is an alarm.

Layers, each on its own and together, on the first message:

* ``rules``: ``bot.triage.assess`` alone (no model needed);
* ``diet``: the intent classifier alone (the intent DIET gave before the
  rule layer, kept in the parse's ``triage.classifier``): report_emergency,
  report_urgent, report_routine name a level; report_symptom means "a report,
  level unknown";
* ``both``: what the bot does (the parse's ``triage.level`` and intent).

Scoring follows the dialogue: an emergency counts only at ``emergency`` on
the message; urgent and routine count at that level or higher, where a
report with no level would get the red-flag questions and end as routine;
an expected effect counts when calm (``none``: the red-flag check, answered
"no", ends in reassurance). For unrelated requests an alarm is routine or
higher. Blind sets are also measured through the HTTP contract by
scripts/blind_eval.py, which plays the whole conversation.

    python -m scripts.eval_triage                      # rules alone, the default sets
    python -m scripts.eval_triage --model              # all three layers (the current model)
    python -m scripts.eval_triage --model --sets tests/blind/triage_dev.yml tests/blind/oos_dev.yml
    python -m scripts.eval_triage --json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot import triage  # noqa: E402
from bot.levels import rank  # noqa: E402

CASES = ROOT / "tests" / "data" / "triage_cases.yml"
DEFAULT_SETS = [
    CASES,
    ROOT / "tests" / "blind" / "triage_dev.yml",
    ROOT / "tests" / "blind" / "oos_dev.yml",
]
INTENT_LEVEL = {
    "report_emergency": "emergency",
    "report_urgent": "urgent",
    "report_routine": "routine",
    "report_symptom": "report",
}
LAYERS = ("rules", "diet", "both")
UNRELATED = "unrelated"


def load_cases(path: Path = CASES) -> dict[str, list[str]]:
    """``{label: [texts]}`` from either file form; unrelated sets under ``unrelated``."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    if isinstance(data, dict):
        return {str(k): [str(t) for t in (v or [])] for k, v in data.items()}
    out: dict[str, list[str]] = {}
    for item in data:
        label = str(item.get("level") or (UNRELATED if "cat" in item else "?"))
        out.setdefault(label, []).append(str(item["text"]))
    return out


def rules_level(text: str) -> str | None:
    """The rule layer alone: a level, "ask" (a symptom that needs the questions) or None."""
    a = triage.assess(text)
    if a.level is None and a.ask:
        return "ask"
    return a.level


def diet_level(parse: dict[str, Any]) -> str | None:
    """The intent classifier alone (before the rule layer)."""
    prior = ((parse.get("triage") or {}).get("classifier") or {}).get("intent")
    if prior is None and not parse.get("triage"):
        prior = (parse.get("intent") or {}).get("name")  # a parse without the rule layer
    return INTENT_LEVEL.get(prior or "")


def both_level(parse: dict[str, Any]) -> str | None:
    """What the bot sets on the first message."""
    intent = (parse.get("intent") or {}).get("name")
    level = (parse.get("triage") or {}).get("level")
    if intent in ("report_emergency", "report_urgent", "report_routine"):
        return INTENT_LEVEL[intent]
    if intent == "report_symptom":
        return level if level is not None else "report"
    return None


def outcome(label: str, got: str | None, layer: str = "rules") -> bool:
    """Right or wrong, as the dialogue would end with every question answered "no".

    An expected effect is calm at ``none`` (the check, answered "no", ends in
    reassurance); for DIET alone "a report, level unknown" is calm too (it
    raises nothing by itself), and for both layers so is no report at all
    (the bot answers the question as an FAQ).
    """
    if label == UNRELATED:
        return rank(got) < rank("routine")
    if label == "none":
        calm = {"rules": ("none",), "diet": (None, "report", "none"), "both": ("none", None)}
        return got in calm.get(layer, ("none",))
    # a report with no level gets the red-flag questions: all "no" is routine
    final = "routine" if got in ("ask", "report") else got
    if label == "emergency":
        return got == "emergency"
    if label in ("urgent", "routine"):
        return rank(final) >= rank(label)
    if label == "vague":  # never reassured at once
        return got != "none"
    return got == label


def evaluate(
    sets: dict[str, dict[str, list[str]]], parses: dict[str, dict[str, Any]] | None = None
) -> dict[str, Any]:
    """Figures per set, label and layer; ``parses`` maps text to the model's parse."""
    layers = ("rules",) if parses is None else LAYERS
    figures: dict[str, Any] = {"layers": list(layers), "sets": {}}
    for name, cases in sets.items():
        per: dict[str, dict[str, Counter]] = {}
        misses: list[dict[str, Any]] = []
        for label, texts in cases.items():
            per[label] = {layer: Counter() for layer in layers}
            for text in texts:
                got = {"rules": rules_level(text)}
                if parses is not None:
                    p = parses.get(text) or {}
                    got["diet"], got["both"] = diet_level(p), both_level(p)
                for layer in layers:
                    per[label][layer]["n"] += 1
                    per[label][layer]["ok"] += outcome(label, got[layer], layer)
                final = layers[-1]
                if not outcome(label, got[final], final):
                    misses.append({"label": label, "text": text, **got})
        figures["sets"][name] = {
            "per_label": {lab: {lay: dict(c) for lay, c in d.items()} for lab, d in per.items()},
            "misses": misses,
        }
    return figures


def report(figures: dict[str, Any]) -> str:
    layers = figures["layers"]
    lines = []
    for name, fig in figures["sets"].items():
        lines.append(f"== {name}  (right / all, per layer: {', '.join(layers)})")
        for label, d in fig["per_label"].items():
            what = {
                "emergency": "flagged on the message",
                "urgent": "urgent or higher",
                "routine": "routine or higher",
                "none": "kept calm",
                UNRELATED: "no alarm",
            }.get(label, "")
            cells = "   ".join(
                f"{lay} {d[lay].get('ok', 0):4d}/{d[lay]['n']:<4d}" for lay in layers
            )
            lines.append(f"  {label:10} {cells}   ({what})")
        lines.append(f"  misses of {layers[-1]} ({len(fig['misses'])}):")
        for m in fig["misses"]:
            got = ", ".join(f"{lay}={m.get(lay)}" for lay in layers)
            lines.append(f"    [{m['label']}] {got} :: {m['text']}")
    return "\n".join(lines)


async def _parse_all(agent, texts: list[str]) -> list[dict]:
    return [await agent.parse_message(t) for t in texts]


def model_parses(texts: list[str], model: str | None) -> dict[str, dict[str, Any]]:
    logging.disable(logging.WARNING)
    from rasa.core.agent import Agent

    from scripts.train import model_path

    path = Path(model or os.environ.get("BOT_MODEL") or model_path())
    if not path.exists():  # Rasa would silently load the newest model instead
        raise SystemExit(f"no model {path}: run `make train` first (or set BOT_MODEL)")
    agent = Agent.load(str(path))
    unique = list(dict.fromkeys(texts))
    loop = asyncio.new_event_loop()
    return dict(zip(unique, loop.run_until_complete(_parse_all(agent, unique)), strict=True))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--sets",
        "--cases",
        nargs="+",
        type=Path,
        default=None,
        help="triage or unrelated-request sets (default: the regression and dev sets)",
    )
    ap.add_argument(
        "--model",
        nargs="?",
        const="",
        default=None,
        help="also measure DIET alone and both layers (optionally a model path)",
    )
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    paths = args.sets or [p for p in DEFAULT_SETS if p.exists()]
    sets: dict[str, dict[str, list[str]]] = {}
    for p in paths:
        if not p.exists():
            print(f"no cases file at {p}", file=sys.stderr)
            return 2
        sets[p.name] = load_cases(p)
    parses = None
    if args.model is not None:
        texts = [t for cases in sets.values() for ts in cases.values() for t in ts]
        parses = model_parses(texts, args.model or None)
    figures = evaluate(sets, parses)
    (ROOT / "results").mkdir(exist_ok=True)
    (ROOT / "results" / "eval_triage.json").write_text(json.dumps(figures, indent=2))
    print(json.dumps(figures, indent=2, ensure_ascii=False) if args.json else report(figures))
    return 0


def summary(figures: dict[str, Any], name: str) -> dict[str, tuple[int, int]]:
    """``{label: (ok, n)}`` of the last layer for one set (used by the tests)."""
    layer = figures["layers"][-1]
    return {
        lab: (d[layer].get("ok", 0), d[layer]["n"])
        for lab, d in figures["sets"][name]["per_label"].items()
    }


if __name__ == "__main__":
    raise SystemExit(main())
