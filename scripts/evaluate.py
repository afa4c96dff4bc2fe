"""Held-out evaluation of the trained model: FAQ keys and out-of-scope.

Reads only tests/data/ (never trained on). Prints per-key precision and recall,
the most confused pairs, FAQ top-1 and out-of-scope rejection, and writes
everything to results/eval.json. `make eval` runs it, then
scripts/eval_triage.py for triage (per level and per layer).
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Dict, List, Tuple


ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def load_nlu_cases(path: Path) -> List[Tuple[str, str]]:
    """(text, label) pairs; label is `faq/<key>` or an intent name."""
    from rasa.shared.nlu.training_data.loading import load_data
    td = load_data(str(path))
    return [(m.get("text"), m.get_full_intent()) for m in td.intent_examples]


def predicted_label(parse: dict) -> str:
    intent = (parse.get("intent") or {}).get("name")
    if intent == "faq":
        resp = ((parse.get("response_selector") or {}).get("faq") or {}).get("response") or {}
        return resp.get("intent_response_key") or "faq/?"
    return intent or "none"


async def parse_all(agent, texts: List[str]) -> List[dict]:
    return [await agent.parse_message(t) for t in texts]


def nlu_report(cases, parses) -> Dict:
    gold = [label for _, label in cases]
    pred = [predicted_label(p) for p in parses]
    labels = sorted(set(gold))
    per = {}
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, pred))
        fp = sum(p == label and g != label for g, p in zip(gold, pred))
        fn = sum(g == label and p != label for g, p in zip(gold, pred))
        per[label] = {"precision": tp / (tp + fp) if tp + fp else 0.0,
                      "recall": tp / (tp + fn) if tp + fn else 0.0, "n": tp + fn}
    faq = [(g, p) for g, p in zip(gold, pred) if g.startswith("faq/")]
    oos = [(g, p) for g, p in zip(gold, pred) if g == "out_of_scope"]
    confused = Counter((g, p) for g, p in zip(gold, pred) if g != p)
    misses = [{"text": t, "expected": g, "got": p}
              for (t, g), p in zip(cases, pred) if g != p]
    return {
        "faq_top1": sum(g == p for g, p in faq) / max(len(faq), 1), "faq_n": len(faq),
        "oos_rejection": sum(not p.startswith("faq") for _, p in oos) / max(len(oos), 1),
        "oos_n": len(oos),
        "intent_accuracy": sum(g == p for g, p in zip(gold, pred)) / max(len(gold), 1),
        "per_label": per,
        "confused_pairs": [{"expected": g, "got": p, "count": n}
                           for (g, p), n in confused.most_common(10)],
        "misses": misses,
    }


def main() -> int:
    import argparse
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--nlu", type=Path, default=DATA / "nlu_heldout.yml",
                    help="NLU file to evaluate (tests/dev/nlu_dev.yml while tuning)")
    ap.add_argument("--no-triage", action="store_true",
                    help="kept for old commands: triage is scripts/eval_triage.py")
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    from rasa.core.agent import Agent
    from scripts.train import model_path
    model = Path(os.environ.get("BOT_MODEL") or model_path())
    if not model.exists():   # Rasa would silently load the newest model instead
        print(f"no model {model}: run `make train` first (or set BOT_MODEL)")
        return 2
    agent = Agent.load(str(model))
    nlu_cases = load_nlu_cases(args.nlu)
    loop = asyncio.new_event_loop()
    t0 = time.perf_counter()
    nlu_parses = loop.run_until_complete(parse_all(agent, [t for t, _ in nlu_cases]))
    elapsed = time.perf_counter() - t0
    nlu = nlu_report(nlu_cases, nlu_parses)
    results = {"model": model.name, "nlu": nlu, "parse_seconds": elapsed}
    (ROOT / "results").mkdir(exist_ok=True)
    name = "eval.json" if args.nlu == DATA / "nlu_heldout.yml" else f"eval-{args.nlu.stem}.json"
    (ROOT / "results" / name).write_text(json.dumps(results, indent=2))

    print(f"model {model.name}")
    print(f"FAQ top-1 {nlu['faq_top1']:.1%} of {nlu['faq_n']}; "
          f"out-of-scope rejection {nlu['oos_rejection']:.1%} of {nlu['oos_n']}; "
          f"all-intent accuracy {nlu['intent_accuracy']:.1%}")
    print(f"{'label':34} {'prec':>6} {'recall':>6} {'n':>4}")
    for label, r in sorted(nlu["per_label"].items()):
        print(f"{label:34} {r['precision']:6.2f} {r['recall']:6.2f} {r['n']:4d}")
    print("most confused (expected -> got):")
    for c in nlu["confused_pairs"]:
        print(f"  {c['count']:3d}  {c['expected']} -> {c['got']}")
    print(f"full report: results/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
