"""Benchmarks that print figures: latency, throughput, memory, start-up, training.

Starts the whole bot (scripts/run.sh) on free loopback ports with a temporary
BOT_DATA_DIR, then measures REST round trips with 1 and with 8 conversations at
once, the memory of every process, and the start-up time. Training time is the
last real training's (models/last_training_seconds), or a fresh one with
`--train`. Results go to results/bench.json. `make bench` runs it.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from scripts.launch import LocalBot

ROOT = Path(__file__).resolve().parent.parent
MESSAGES = [
    "hi", "does meso hurt", "how many sessions will I need", "what is in the cocktail",
    "how long before I see a difference", "can I wear makeup after", "is there downtime",
    "how much does it cost", "who does the treatment", "what's the weather in paris",
    "my face is a bit red after yesterday's session", "thanks", "can it help dark circles",
    "is it safe", "how long does an appointment take", "bye",
]


def say(port: int, sender: str, text: str) -> float:
    """One REST round trip; the REST channel takes the API token (RASA_AUTH_TOKEN)."""
    body = json.dumps({"sender": sender, "message": text}).encode()
    token = urllib.parse.quote(os.environ.get("RASA_AUTH_TOKEN", ""))
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}/webhooks/rest/webhook?token={token}", data=body,
        headers={"Content-Type": "application/json"})
    t = time.perf_counter()
    urllib.request.urlopen(req, timeout=60).read()
    return time.perf_counter() - t


def load(port: int, conversations: int, per_conversation: int) -> dict:
    def conversation(i: int) -> list:
        sender = f"bench-{i}-{uuid.uuid4().hex[:6]}"
        return [say(port, sender, MESSAGES[(i + j) % len(MESSAGES)])
                for j in range(per_conversation)]

    t0 = time.perf_counter()
    with ThreadPoolExecutor(conversations) as ex:
        times = sorted(t for ts in ex.map(conversation, range(conversations)) for t in ts)
    wall = time.perf_counter() - t0
    q = lambda p: times[min(len(times) - 1, int(p * len(times)))] * 1000
    return {"conversations": conversations, "messages": len(times),
            "p50_ms": round(q(0.50), 1), "p95_ms": round(q(0.95), 1),
            "mean_ms": round(statistics.mean(times) * 1000, 1),
            "messages_per_s": round(len(times) / wall, 1)}


def memory(bot: LocalBot) -> dict:
    """Resident memory (MB) of each of the bot's processes."""
    names = {"bot.action_server": "action server", "bot.rasa_server": "rasa server",
             "bot.inbox": "inbox", "bot.widget": "widget"}
    out = {}
    for pid, cmd in bot.processes().items():
        name = next((n for key, n in names.items() if key in cmd), None)
        if not name:
            continue
        try:
            rss = next(int(line.split()[1]) for line in
                       Path(f"/proc/{pid}/status").read_text().splitlines()
                       if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            continue
        out[name] = round(out.get(name, 0) + rss / 1024, 1)
    out["total"] = round(sum(out.values()), 1)
    return out


def train_seconds(fresh: bool) -> float | None:
    if fresh:
        with tempfile.TemporaryDirectory() as out:
            t0 = time.perf_counter()
            subprocess.run([str(ROOT / ".venv/bin/rasa"), "train", "--data", "data",
                            "build/responses.yml", "--out", out], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return round(time.perf_counter() - t0, 1)
    f = ROOT / "models" / "last_training_seconds"
    return float(f.read_text()) if f.exists() else None


def main() -> int:
    model = os.environ.get("BOT_MODEL")
    bot = LocalBot(Path(tempfile.mkdtemp(prefix="bot-bench-")),
                   model=Path(model) if model else None).start(timeout=600)
    os.environ["RASA_AUTH_TOKEN"] = bot.token  # say() sends it
    port = bot.ports["RASA_PORT"]
    try:
        for m in MESSAGES:  # warm-up, not measured
            say(port, "bench-warmup", m)
        one = load(port, 1, 60)
        eight = load(port, 8, 30)
        mem = memory(bot)
    finally:
        bot.stop()
    startup = bot.startup_seconds
    results = {"startup_s": round(startup, 1), "rest_1": one, "rest_8": eight,
               "memory_mb": mem, "training_s": train_seconds("--train" in sys.argv),
               "machine": f"{os.cpu_count()} cores", "at": time.strftime("%Y-%m-%d %H:%M")}
    (ROOT / "results").mkdir(exist_ok=True)
    (ROOT / "results" / "bench.json").write_text(json.dumps(results, indent=2))
    print(f"start-up (make run ready, model already trained): {results['startup_s']} s")
    for r in (one, eight):
        print(f"REST round trip, {r['conversations']} conversation(s) at once: "
              f"p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, {r['messages_per_s']} msg/s "
              f"({r['messages']} messages)")
    print("memory (RSS, MB): " + ", ".join(f"{k} {v}" for k, v in mem.items()))
    print(f"training time: {results['training_s']} s")
    print("written to results/bench.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
