"""First-look evaluation on blind sets, through the bot's HTTP contract.

The blind sets in ``tests/blind/`` were written by people who never saw the
training data, the rules or the tests (see ``tests/blind/README.md``). This
script talks to a running bot exactly as a patient's channel and the outside
evaluation do: ``/model/parse``, the REST channel and the tracker endpoint.
With no ``--url`` it starts the whole bot (``scripts/run.sh``) on free ports.

    .venv/bin/python -m scripts.blind_eval tests/blind/triage_dev.yml
    .venv/bin/python -m scripts.blind_eval tests/blind/faq_dev.yml tests/blind/oos_dev.yml
    .venv/bin/python -m scripts.blind_eval --url http://127.0.0.1:5005 --token T FILE...

The kind of a set is read from its items: ``level`` (triage), ``keys`` (FAQ),
``cat`` (unrelated requests). Results go to ``results/blind-<file>.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import urllib.parse
import urllib.request
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
ESCALATED = ("routine", "urgent", "emergency")
RANK = {None: -1, "none": 0, "routine": 1, "urgent": 2, "emergency": 3}


class Bot:
    def __init__(self, url: str, token: str) -> None:
        self.url, self.token = url.rstrip("/"), token

    def call(self, method: str, path: str, body: Any = None) -> Any:
        sep = "&" if "?" in path else "?"
        url = f"{self.url}{path}{sep}token={urllib.parse.quote(self.token)}"
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            url, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.loads(r.read() or b"null")

    def parse(self, text: str) -> dict:
        return self.call("POST", "/model/parse", {"text": text})

    def say(self, sender: str, text: str) -> list[dict]:
        return (
            self.call("POST", "/webhooks/rest/webhook", {"sender": sender, "message": text}) or []
        )

    def slots(self, sender: str) -> dict:
        tracker = self.call("GET", f"/conversations/{urllib.parse.quote(sender)}/tracker")
        return tracker.get("slots") or {}


def faq_key(parse: dict) -> str | None:
    if (parse.get("intent") or {}).get("name") != "faq":
        return None
    resp = ((parse.get("response_selector") or {}).get("faq") or {}).get("response") or {}
    key = resp.get("intent_response_key") or "faq/?"
    return key.split("/", 1)[-1]


def converse(bot: Bot, text: str, answer: str = "no", max_turns: int = 6) -> dict[str, Any]:
    """Send ``text`` in a new conversation; answer every question the bot's forms ask."""
    sender = "blind-" + uuid.uuid4().hex[:12]
    replies = [m.get("text") or "" for m in bot.say(sender, text)]
    first = bot.slots(sender)
    slots, asked = first, []
    while slots.get("requested_slot") and len(asked) < max_turns:
        asked.append(slots["requested_slot"])
        replies += [m.get("text") or "" for m in bot.say(sender, answer)]
        slots = bot.slots(sender)
    return {
        "first_level": first.get("triage_level"),
        "level": slots.get("triage_level"),
        "ticket": slots.get("handoff_ticket_id") or first.get("handoff_ticket_id"),
        "asked": asked,
        "replies": replies[:4],
    }


# ------------------------------------------------------------------ triage
def eval_triage(bot: Bot, items: list[dict]) -> dict:
    with ThreadPoolExecutor(4) as ex:
        runs = list(ex.map(lambda it: converse(bot, it["text"]), items))
    by_level: dict[str, Counter] = defaultdict(Counter)
    misses = []
    for it, r in zip(items, runs, strict=False):
        want, c = it["level"], by_level[it["level"]]
        c["n"] += 1
        final = r["level"]
        if want == "emergency":
            ok = r["first_level"] == "emergency"
        elif want == "none":
            ok = final in (None, "none") and not r["ticket"]
        else:
            ok = RANK[final] >= RANK[want]
        if final in ESCALATED and not r["ticket"]:
            ok = False  # every escalation must leave a ticket for staff
            c["no_ticket"] += 1
        c["ok"] += ok
        c["asked_questions"] += bool(r["asked"])
        if RANK[r["first_level"]] >= RANK[want] and want != "none":
            c["on_first_message"] += 1
        if not ok:
            misses.append(
                {
                    "want": want,
                    "first": r["first_level"],
                    "final": final,
                    "ticket": bool(r["ticket"]),
                    "asked": r["asked"],
                    "style": it.get("style"),
                    "text": it["text"],
                }
            )
    summary = {lv: dict(c) for lv, c in by_level.items()}
    return {"kind": "triage", "n": len(items), "by_level": summary, "misses": misses}


# ------------------------------------------------------------------ FAQ
def prescreen_started(bot: Bot, text: str) -> bool:
    sender = "blind-" + uuid.uuid4().hex[:12]
    bot.say(sender, text)
    return bool(bot.slots(sender).get("requested_slot"))


def eval_faq(bot: Bot, items: list[dict]) -> dict:
    with ThreadPoolExecutor(4) as ex:
        parses = list(ex.map(lambda it: bot.parse(it["text"]), items))
    per_key: dict[str, Counter] = defaultdict(Counter)
    per_form: dict[str, Counter] = defaultdict(Counter)
    misses = []
    prescreen_items = [it for it in items if "start_prescreen" in it["keys"]]
    with ThreadPoolExecutor(4) as ex:
        started = dict(
            zip(
                [it["text"] for it in prescreen_items],
                ex.map(lambda it: prescreen_started(bot, it["text"]), prescreen_items),
                strict=False,
            )
        )
    for it, p in zip(items, parses, strict=False):
        keys = it["keys"]
        got = faq_key(p)
        intent = (p.get("intent") or {}).get("name")
        if "start_prescreen" in keys:
            ok = started[it["text"]]
            label = "start_prescreen"
        elif "other_treatment" in keys:
            ok = got is None
            label = "other_treatment"
        else:
            ok = got in keys
            label = keys[0]
        per_key[label]["n"] += 1
        per_key[label]["ok"] += ok
        per_form[it.get("form") or "?"]["n"] += 1
        per_form[it.get("form") or "?"]["ok"] += ok
        if not ok:
            misses.append(
                {"want": keys, "got": got or intent, "form": it.get("form"), "text": it["text"]}
            )
    return faq_summary(per_key, per_form, misses)


def faq_summary(
    per_key: dict[str, Counter], per_form: dict[str, Counter], misses: list[dict]
) -> dict:
    """An FAQ set's report (here and in scripts/evaluate.py): top-1 over the FAQ
    keys (the pre-screen and other-treatment items counted on their own)."""
    faq = [c for k, c in per_key.items() if k not in ("start_prescreen", "other_treatment")]
    n = sum(c["n"] for c in faq)
    ok = sum(c["ok"] for c in faq)
    return {
        "kind": "faq",
        "faq_n": n,
        "faq_top1": ok / max(n, 1),
        "per_key": {k: dict(c) for k, c in sorted(per_key.items())},
        "per_form": {k: dict(c) for k, c in sorted(per_form.items())},
        "misses": misses,
    }


# ------------------------------------------------------------------ unrelated
def eval_unrelated(bot: Bot, items: list[dict]) -> dict:
    def one(it):
        return bot.parse(it["text"]), converse(bot, it["text"], answer="no", max_turns=0)

    with ThreadPoolExecutor(4) as ex:
        runs = list(ex.map(one, items))
    faq_answered, alarms, questions = [], [], []
    for it, (p, r) in zip(items, runs, strict=False):
        if faq_key(p):
            faq_answered.append({"cat": it.get("cat"), "got": faq_key(p), "text": it["text"]})
        if r["first_level"] in ESCALATED or r["ticket"]:
            alarms.append(
                {
                    "cat": it.get("cat"),
                    "level": r["first_level"],
                    "ticket": bool(r["ticket"]),
                    "text": it["text"],
                }
            )
        elif r["asked"] or r["first_level"] == "none":
            questions.append({"cat": it.get("cat"), "level": r["first_level"], "text": it["text"]})
    n = len(items)
    return {
        "kind": "unrelated",
        "n": n,
        "faq_answered": len(faq_answered),
        "faq_answered_rate": len(faq_answered) / max(n, 1),
        "alarms": len(alarms),
        "symptom_questions_or_reassurance": len(questions),
        "misses": faq_answered + alarms + questions,
    }


TRIAGE_LEVELS = ("emergency", "urgent", "routine", "none")


def as_items(data: Any) -> list[dict[str, Any]]:
    """A set's items; a mapping of level -> texts (``tests/data/triage_cases.yml``)
    becomes triage items (levels this script does not score, such as ``vague``, are left
    out)."""
    if isinstance(data, dict):
        return [
            {"text": str(t), "level": level}
            for level in TRIAGE_LEVELS
            for t in (data.get(level) or [])
        ]
    return [i for i in (data or []) if isinstance(i, dict) and "text" in i]


def kind_of(items: list[dict]) -> str:
    first = items[0]
    return "triage" if "level" in first else "faq" if "keys" in first else "unrelated"


def print_report(name: str, r: dict) -> None:
    print(f"== {name} ({r['kind']})")
    if r["kind"] == "triage":
        for lv in ("emergency", "urgent", "routine", "none"):
            c = r["by_level"].get(lv)
            if c:
                extra = (
                    ""
                    if lv == "none"
                    else f", at that level on the first message {c.get('on_first_message', 0)}"
                )
                print(
                    f"  {lv:9} {c.get('ok', 0):3d}/{c['n']:<3d} right{extra}, "
                    f"asked questions {c.get('asked_questions', 0)}, "
                    f"escalated without ticket {c.get('no_ticket', 0)}"
                )
    elif r["kind"] == "faq":
        print(f"  FAQ top-1 {r['faq_top1']:.1%} of {r['faq_n']}")
        for k, c in r["per_key"].items():
            print(f"    {k:22} {c.get('ok', 0):3d}/{c['n']}")
        print(
            "  per form: "
            + ", ".join(f"{k} {c.get('ok', 0)}/{c['n']}" for k, c in r["per_form"].items())
        )
    else:
        print(
            f"  answered with an FAQ {r['faq_answered']}/{r['n']} "
            f"({r['faq_answered_rate']:.1%}); alarms (escalation or ticket) {r['alarms']}; "
            f"symptom questions or reassurance {r['symptom_questions_or_reassurance']}"
        )
    for m in r["misses"]:
        print("  MISS " + json.dumps(m, ensure_ascii=False))


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--url")
    ap.add_argument("--token")
    ap.add_argument("--quiet", action="store_true", help="summaries only, no misses")
    a = ap.parse_args()
    bot_proc = None
    if a.url:
        bot = Bot(a.url, a.token or "")
    else:
        from scripts.launch import LocalBot

        bot_proc = LocalBot(Path(tempfile.mkdtemp(prefix="bot-blind-"))).start(timeout=900)
        bot = Bot(bot_proc.url, bot_proc.token)
    try:
        out = ROOT / "results"
        out.mkdir(exist_ok=True)
        for f in a.files:
            items = as_items(yaml.safe_load(f.read_text()))
            if not items:
                print(f"== {f.name}: no items")
                continue
            kind = kind_of(items)
            r = {"triage": eval_triage, "faq": eval_faq, "unrelated": eval_unrelated}[kind](
                bot, items
            )
            (out / f"blind-{f.stem}.json").write_text(json.dumps(r, indent=2))
            if a.quiet:
                r = {**r, "misses": []}
            print_report(f.name, r)
    finally:
        if bot_proc:
            bot_proc.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
