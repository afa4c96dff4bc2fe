"""Held-out evaluation of the red-flag rules alone (no Rasa model needed).

Reads tests/data/triage_cases.yml (a mapping ``level: [messages]``, written by
someone else and never used to write the rules) and runs ``bot.triage.assess``
on each message. Prints:

* recall per level (the exact level expected);
* emergency recall (level emergency);
* urgent recall (urgent or emergency: a higher level is never a miss);
* routine recall at least (routine or higher);
* the rate of ``none`` cases escalated (routine or higher), and how many were
  not recognised at all (level None: the bot would ask the red-flag questions);
* ``vague`` cases: asked (None), escalated (routine or higher), or wrongly
  settled as ``none``;
* every miss, with the signs found.

    python -m scripts.eval_triage [--cases PATH] [--json]

The full model evaluation (with DIET in front) is scripts/evaluate.py.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot import triage  # noqa: E402

CASES = ROOT / "tests" / "data" / "triage_cases.yml"


def load_cases(path: Path = CASES) -> Dict[str, List[str]]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return {str(k): [str(t) for t in (v or [])] for k, v in data.items()}


def _rate(hits: int, total: int) -> Optional[float]:
    return round(hits / total, 4) if total else None


def evaluate(cases: Dict[str, List[str]]) -> Dict[str, Any]:
    """Figures and misses for a ``level: [messages]`` mapping."""
    rank = triage.level_rank
    results: Dict[str, List[Dict[str, Any]]] = {}
    for expected, texts in cases.items():
        results[expected] = []
        for text in texts:
            a = triage.assess(text)
            results[expected].append({"text": text, "level": a.level, "signs": a.signs,
                                      "negated": a.negated})

    def count(label: str, ok) -> int:
        return sum(1 for r in results.get(label, []) if ok(r["level"]))

    def total(label: str) -> int:
        return len(results.get(label, []))

    per_level = {lv: _rate(count(lv, lambda got, lv=lv: got == lv), total(lv))
                 for lv in triage.LEVELS if total(lv)}
    figures = {
        "cases": {k: len(v) for k, v in results.items()},
        "recall_per_level": per_level,
        "emergency_recall": _rate(count("emergency", lambda g: g == "emergency"), total("emergency")),
        "urgent_recall": _rate(count("urgent", lambda g: rank(g) >= rank("urgent")), total("urgent")),
        "routine_recall_at_least": _rate(count("routine", lambda g: rank(g) >= rank("routine")),
                                         total("routine")),
        "none_escalated_rate": _rate(count("none", lambda g: rank(g) >= rank("routine")), total("none")),
        "none_unrecognised_rate": _rate(count("none", lambda g: g is None), total("none")),
        "vague": {
            "asked": count("vague", lambda g: g is None),
            "escalated": count("vague", lambda g: rank(g) >= rank("routine")),
            "settled_as_none": count("vague", lambda g: g == "none"),
            "total": total("vague"),
        },
    }
    misses = []
    for expected, rows in results.items():
        for r in rows:
            if _is_miss(expected, r["level"]):
                misses.append({"expected": expected, **r})
    figures["misses"] = misses
    return figures


def _is_miss(expected: str, got: Optional[str]) -> bool:
    rank = triage.level_rank
    if expected == "vague":
        return got == "none"
    if expected == "none":
        return got != "none"
    if expected == "routine":
        return got != "routine"
    return rank(got) < rank(expected)  # a higher level for urgent/emergency is not a miss


def report(figures: Dict[str, Any]) -> str:
    pct = lambda v: "n/a" if v is None else f"{100 * v:.1f}%"  # noqa: E731
    lines = ["Triage rules on the held-out cases (" +
             ", ".join(f"{k} {v}" for k, v in figures["cases"].items()) + ")"]
    for lv, v in figures["recall_per_level"].items():
        lines.append(f"  recall {lv:<10} {pct(v)}")
    lines += [
        f"  emergency recall                    {pct(figures['emergency_recall'])}",
        f"  urgent recall (urgent or emergency) {pct(figures['urgent_recall'])}",
        f"  routine recall (routine or higher)  {pct(figures['routine_recall_at_least'])}",
        f"  none escalated (routine or higher)  {pct(figures['none_escalated_rate'])}",
        f"  none not recognised (would ask)     {pct(figures['none_unrecognised_rate'])}",
    ]
    v = figures["vague"]
    if v["total"]:
        lines.append(f"  vague: {v['asked']} asked, {v['escalated']} escalated, "
                     f"{v['settled_as_none']} settled as none (of {v['total']})")
    lines.append(f"Misses ({len(figures['misses'])}):")
    for m in figures["misses"]:
        lines.append(f"  [{m['expected']} -> {m['level']}] {m['text']}  signs={m['signs']}"
                     + (f" negated={m['negated']}" if m["negated"] else ""))
    return "\n".join(lines)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not args.cases.exists():
        print(f"no cases file at {args.cases}", file=sys.stderr)
        return 2
    figures = evaluate(load_cases(args.cases))
    print(json.dumps(figures, indent=2, ensure_ascii=False) if args.json else report(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
