"""Evaluation of the trained model's NLU: FAQ keys and out-of-scope.

The held-out set tests/data/nlu_heldout.yml (never trained on, never tuned
on): per-key precision and recall, the most confused pairs, FAQ top-1 and
out-of-scope rejection, written to results/eval.json. `make eval` runs it,
then scripts/eval_triage.py for triage (per level and per layer).

With ``--dev`` (what `make eval` runs) also the development sets, which were
tuned on (tests/dev/ and the blind sets tests/blind/*_dev.yml, written by
helpers who never saw the data), in-process through the same NLU as the
running bot, and an ablation: every decision of FaqAnswerGate is taken again
from the signals it recorded (``faq_gate.signals``) with one signal or more
left out (``bot.faq.decide``), so the table shows what each one contributes.
Written to results/eval-dev.json. The blind sets' pre-screen items count here
when the intent is ``start_prescreen``; scripts/blind_eval.py checks through
the REST channel that the questionnaire really starts.
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

import yaml

from scripts.blind_eval import faq_summary

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
DEV = [ROOT / "tests" / "dev" / "nlu_dev.yml", ROOT / "tests" / "dev" / "nlu_dev_short.yml"]
#: The blind sets: the *_dev ones tuned on from the start; the *_test ones
#: regression sets since their one sealed run (tests/blind/README.md).
BLIND = [
    ROOT / "tests" / "blind" / name
    for name in (
        "faq_dev.yml",
        "oos_dev.yml",
        "faq_test.yml",
        "oos_test.yml",
        "r3_faq_test.yml",
        "r3_oos_test.yml",
        "r3_oos_tricky_dev.yml",
    )
]
RED_FLAG_INTENTS = ("report_emergency", "report_urgent", "report_routine", "report_symptom")
#: The ablation: signals left out of FaqAnswerGate's decision, by row.
#: "classifier": LinearIntentClassifier's reading (its intents and FAQ keys);
#: "retrieval": its answer ranking by similarity with each answer's own texts;
#: "ngram": NgramClassifier; "vocabulary": InScopeVocabulary.
ABLATION = [
    ("all signals", ()),
    ("without n-grams", ("ngram",)),
    ("without the retrieval", ("retrieval",)),
    ("without the vocabulary", ("vocabulary",)),
    ("classifier + retrieval alone", ("ngram", "vocabulary")),
    ("n-grams alone", ("classifier", "retrieval", "vocabulary")),
    ("n-grams + vocabulary", ("classifier", "retrieval")),
]


def load_nlu_cases(path: Path) -> list[tuple[str, str]]:
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


async def parse_all(agent, texts: list[str]) -> list[dict]:
    return [await agent.parse_message(t) for t in texts]


def nlu_report(cases, parses) -> dict:
    gold = [label for _, label in cases]
    pred = [predicted_label(p) for p in parses]
    labels = sorted(set(gold))
    per = {}
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=False))
        fp = sum(p == label and g != label for g, p in zip(gold, pred, strict=False))
        fn = sum(g == label and p != label for g, p in zip(gold, pred, strict=False))
        per[label] = {
            "precision": tp / (tp + fp) if tp + fp else 0.0,
            "recall": tp / (tp + fn) if tp + fn else 0.0,
            "n": tp + fn,
        }
    faq = [(g, p) for g, p in zip(gold, pred, strict=False) if g.startswith("faq/")]
    oos = [(g, p) for g, p in zip(gold, pred, strict=False) if g == "out_of_scope"]
    confused = Counter((g, p) for g, p in zip(gold, pred, strict=False) if g != p)
    misses = [
        {"text": t, "expected": g, "got": p}
        for (t, g), p in zip(cases, pred, strict=False)
        if g != p
    ]
    return {
        "faq_top1": sum(g == p for g, p in faq) / max(len(faq), 1),
        "faq_n": len(faq),
        "oos_rejection": sum(not p.startswith("faq") for _, p in oos) / max(len(oos), 1),
        "oos_n": len(oos),
        "intent_accuracy": sum(g == p for g, p in zip(gold, pred, strict=False))
        / max(len(gold), 1),
        "per_label": per,
        "confused_pairs": [
            {"expected": g, "got": p, "count": n} for (g, p), n in confused.most_common(10)
        ],
        "misses": misses,
    }


def redecided_label(parse: dict, settings) -> str:
    """The label FaqAnswerGate would give with other settings, from the
    signals it recorded; the parse's own label where it recorded none."""
    from bot import faq

    recorded = (parse.get("faq_gate") or {}).get("signals")
    if not recorded or (parse.get("intent") or {}).get("name") in RED_FLAG_INTENTS:
        return predicted_label(parse)  # the red-flag layer, after the gate, has the last word
    ngram = recorded.get("ngram")
    signals = faq.Signals(
        recorded.get("intent"),
        dict(recorded.get("intents") or []),
        dict(recorded.get("answers") or []),
        None if ngram is None else {k: dict(v or []) for k, v in ngram.items()},
        recorded.get("words"),
        recorded.get("previous"),
        None if recorded.get("keys") is None else dict(recorded["keys"]),
    )
    decision = faq.decide(signals, settings)
    if decision.intent is None:
        return signals.intent or "none"
    if decision.intent == "faq":
        return "faq/" + decision.answers[0][0] if decision.answers else "faq/?"
    return decision.intent


def blind_report(items: list[dict], labels: list[str]) -> dict:
    """Scores of a blind set (scripts/blind_eval.py's rules) from labels."""
    if "keys" not in items[0]:  # unrelated requests
        answered = [
            {"cat": it.get("cat"), "got": lab, "text": it["text"]}
            for it, lab in zip(items, labels, strict=False)
            if lab.startswith("faq/")
        ]
        return {
            "kind": "unrelated",
            "n": len(items),
            "faq_answered": len(answered),
            "faq_answered_rate": len(answered) / max(len(items), 1),
            "misses": answered,
        }
    per_key: dict[str, Counter] = {}
    per_form: dict[str, Counter] = {}
    misses = []
    for it, lab in zip(items, labels, strict=False):
        keys = it["keys"]
        key = lab[4:] if lab.startswith("faq/") else None
        if "start_prescreen" in keys:
            ok, name = lab == "start_prescreen", "start_prescreen"
        elif "other_treatment" in keys:
            ok, name = key is None, "other_treatment"
        else:
            ok, name = key in keys, keys[0]
        for table, k in ((per_key, name), (per_form, it.get("form") or "?")):
            table.setdefault(k, Counter())["n"] += 1
            table[k]["ok"] += ok
        if not ok:
            misses.append({"want": keys, "got": lab, "form": it.get("form"), "text": it["text"]})
    return faq_summary(per_key, per_form, misses)


def dev_summary(nlu: dict) -> str:
    return (
        f"FAQ top-1 {nlu['faq_top1']:.1%} of {nlu['faq_n']}, out-of-scope rejected "
        f"{nlu['oos_rejection']:.1%} of {nlu['oos_n']}"
    )


def blind_summary(r: dict) -> str:
    if r["kind"] == "unrelated":
        return f"answered with an FAQ {r['faq_answered']}/{r['n']} ({r['faq_answered_rate']:.1%})"
    extra = ", ".join(
        f"{k} {r['per_key'][k]['ok']}/{r['per_key'][k]['n']}"
        for k in ("start_prescreen", "other_treatment")
        if k in r["per_key"]
    )
    return f"FAQ top-1 {r['faq_top1']:.1%} of {r['faq_n']}; {extra}"


def evaluate_dev(agent, loop, gate_config: dict) -> dict:
    """The development sets with every signal, then the ablation rows."""
    from bot import faq

    sets = []
    for path in DEV:
        cases = load_nlu_cases(path)
        sets.append((path, "nlu", cases, [t for t, _ in cases]))
    for path in BLIND:
        items = yaml.safe_load(path.read_text())
        sets.append((path, "blind", items, [it["text"] for it in items]))
    parses = {path: loop.run_until_complete(parse_all(agent, texts)) for path, _, _, texts in sets}
    out: dict = {"sets": {}, "ablation": []}
    for name, off in ABLATION:
        settings = faq.Settings.of({**gate_config, "off": off})
        row = {"name": name, "off": list(off), "sets": {}}
        for path, kind, cases, _ in sets:
            labels = [redecided_label(p, settings) for p in parses[path]]
            if kind == "nlu":
                report = nlu_report(
                    cases,
                    [
                        {
                            "intent": {"name": lab.split("/")[0]},
                            "response_selector": {
                                "faq": {"response": {"intent_response_key": lab}}
                            },
                        }
                        for lab in labels
                    ],
                )
                row["sets"][path.name] = dev_summary(report)
            else:
                report = blind_report(cases, labels)
                row["sets"][path.name] = blind_summary(report)
            if not off:
                out["sets"][path.name] = report
        out["ablation"].append(row)
    # The recorded signals must give back the decisions the bot took.
    settings = faq.Settings.of(gate_config)
    out["redecided_differently"] = sum(
        redecided_label(p, settings) != predicted_label(p) for ps in parses.values() for p in ps
    )
    return out


def gate_config_of() -> dict:
    """FaqAnswerGate's settings in config.yml (the model was trained from it)."""
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    return next(
        (
            c
            for c in config.get("pipeline") or []
            if str(c.get("name", "")).endswith("FaqAnswerGate")
        ),
        {},
    )


def main() -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument(
        "--nlu",
        type=Path,
        default=DATA / "nlu_heldout.yml",
        help="NLU file to evaluate (tests/dev/nlu_dev.yml while tuning)",
    )
    ap.add_argument(
        "--no-triage",
        action="store_true",
        help="kept for old commands: triage is scripts/eval_triage.py",
    )
    ap.add_argument(
        "--dev",
        action="store_true",
        help="also the development sets (tests/dev, tests/blind/*_dev.yml) "
        "and what each signal contributes",
    )
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    import structlog  # Rasa logs every parse at debug level through structlog

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    from rasa.core.agent import Agent

    from scripts.train import model_path

    model = Path(os.environ.get("BOT_MODEL") or model_path())
    if not model.exists():  # Rasa would silently load the newest model instead
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
    print(
        f"FAQ top-1 {nlu['faq_top1']:.1%} of {nlu['faq_n']}; "
        f"out-of-scope rejection {nlu['oos_rejection']:.1%} of {nlu['oos_n']}; "
        f"all-intent accuracy {nlu['intent_accuracy']:.1%}"
    )
    print(f"{'label':34} {'prec':>6} {'recall':>6} {'n':>4}")
    for label, r in sorted(nlu["per_label"].items()):
        print(f"{label:34} {r['precision']:6.2f} {r['recall']:6.2f} {r['n']:4d}")
    print("most confused (expected -> got):")
    for c in nlu["confused_pairs"]:
        print(f"  {c['count']:3d}  {c['expected']} -> {c['got']}")
    print(f"full report: results/{name}")
    if args.dev:
        dev = evaluate_dev(agent, loop, gate_config_of())
        (ROOT / "results" / "eval-dev.json").write_text(json.dumps(dev, indent=2))
        print_dev(dev)
    return 0


def print_dev(dev: dict) -> None:
    print("\ndevelopment sets (tuned on; the blind ones written without seeing the data):")
    for name, report in dev["sets"].items():
        summary = blind_summary(report) if "kind" in report else dev_summary(report)
        print(f"  {name:22} {summary}")
        if report.get("kind") == "faq":
            print(
                "    by key:  "
                + ", ".join(f"{k} {c.get('ok', 0)}/{c['n']}" for k, c in report["per_key"].items())
            )
            print(
                "    by form: "
                + ", ".join(f"{k} {c.get('ok', 0)}/{c['n']}" for k, c in report["per_form"].items())
            )
    print("what each signal contributes (FaqAnswerGate's decisions taken again):")
    for row in dev["ablation"]:
        print(f"  {row['name']}")
        for name, summary in row["sets"].items():
            print(f"    {name:22} {summary}")
    print(f"  (decisions the recorded signals do not give back: {dev['redecided_differently']})")
    print("full report: results/eval-dev.json")


if __name__ == "__main__":
    sys.exit(main())
