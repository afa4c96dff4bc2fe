"""The bench's workload and measurements: what is said, to whom, the figures (scripts/bench.py)."""

from __future__ import annotations

import json
import math
import os
import statistics
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY_SPY = ROOT / ".venv" / "bin" / "py-spy"

# One patient conversation: FAQ questions, a symptom report (routine: a ticket
# and a staff alert), then the pre-screen started and two answers. The stock
# bot gets the same texts, although it understands none of them.
FAQS = [
    "does meso hurt",
    "how many sessions will I need",
    "how much does it cost",
    "what is in the cocktail",
    "is there any downtime afterwards",
    "can I wear makeup after the treatment",
    "how long before I see a difference",
    "who does the injections",
    "how long does an appointment take",
]
SYMPTOM = "my cheeks are still red two weeks after the session"
PRESCREEN = ["I'd like to check whether the treatment suits me", "yes", "I'm 42"]


def conversation_script(n: int) -> list[tuple[str, str]]:
    """The n-th conversation: 8 (kind, text) messages, three FAQs that vary with n."""
    faqs = [("faq", FAQS[(3 * n + k) % len(FAQS)]) for k in range(3)]
    return [
        ("greeting", "hi"),
        *faqs,
        ("symptom report", SYMPTOM),
        ("pre-screen start", PRESCREEN[0]),
        *[("pre-screen answer", text) for text in PRESCREEN[1:]],
    ]


# ------------------------------------------------------------------ targets


@dataclass
class Target:
    """One bot under load: where its REST channel is, and how to find its processes."""

    name: str
    url: str
    token: str
    processes: Callable[[], dict[int, str]]
    startup_s: float
    samples: dict[int, list[float]] = field(default_factory=dict)  # conversations -> s
    by_kind: dict[str, list[float]] = field(default_factory=dict)  # kind -> s, 1 conversation
    by_kind_8: dict[str, list[float]] = field(default_factory=dict)  # kind -> s, 8 at once
    walls: dict[int, float] = field(default_factory=dict)  # conversations -> s
    per_round: dict[int, list[float]] = field(default_factory=dict)  # conv -> msg/s
    empty: dict[int, int] = field(default_factory=dict)  # messages without reply
    cpu: dict[int, dict[str, float]] = field(default_factory=dict)  # conv -> name -> s


def say(target: Target, sender: str, text: str) -> tuple[float, int]:
    """(seconds, number of replies) for one message through the REST channel.

    The token rides along on every call: the REST channel may require it.
    """
    body = json.dumps({"sender": sender, "message": text}).encode()
    req = urllib.request.Request(
        f"{target.url}/webhooks/rest/webhook?token={target.token}",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    t = time.perf_counter()
    with urllib.request.urlopen(req, timeout=120) as r:
        replies = json.loads(r.read() or b"[]")
    return time.perf_counter() - t, len(replies)


def play(target: Target, conversations: int, scripts_each: int, round_no: int) -> None:
    """``conversations`` patients at once, each playing ``scripts_each`` scripts."""

    def patient(i: int) -> list[tuple[str, float, int]]:
        out = []
        for k in range(scripts_each):
            sender = f"bench-{round_no}-{i}-{k}-{uuid.uuid4().hex[:6]}"
            out += [
                (kind, *say(target, sender, text))
                for kind, text in conversation_script(round_no * 97 + i * 7 + k)
            ]
        return out

    before = cpu_seconds(target)
    t0 = time.perf_counter()
    with ThreadPoolExecutor(conversations) as ex:
        results = [r for rs in ex.map(patient, range(conversations)) for r in rs]
    wall = time.perf_counter() - t0
    target.walls[conversations] = target.walls.get(conversations, 0) + wall
    target.per_round.setdefault(conversations, []).append(len(results) / wall)
    after = cpu_seconds(target)
    cpu = target.cpu.setdefault(conversations, {})
    for name, s in after.items():
        cpu[name] = cpu.get(name, 0) + s - before.get(name, 0)
    target.samples.setdefault(conversations, []).extend(s for _, s, _ in results)
    target.empty[conversations] = target.empty.get(conversations, 0) + sum(
        1 for _, _, n in results if n == 0
    )
    kinds = target.by_kind if conversations == 1 else target.by_kind_8
    for kind, s, _ in results:
        kinds.setdefault(kind, []).append(s)


# ----------------------------------------------------------------- processes

# A piece of each process's command line -> its role (both `rasa run ...` and
# wrappers started as `python -m bot.<name>` are recognised).
OUR_NAMES = {
    " run actions ": "action server",
    "-m bot.action_server": "action server",
    " run --enable-api ": "rasa server",
    "-m bot.rasa_server": "rasa server",
    "-m bot.inbox": "inbox",
    "-m bot.widget": "widget",
    "-m bot.worker": "worker",
    "haproxy": "balancer",
    "redis-server": "redis",
    "postgres": "postgresql",
}


def role(cmd: str) -> str:
    return next(
        (n for key, n in OUR_NAMES.items() if key in f"{cmd} "),
        "other (run.sh, supervisors, log pipes)",
    )


def proc_status(pid: int, field_name: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def memory(target: Target) -> dict[str, float]:
    """Resident memory (MB) per role, summed over the target's processes, and the total."""
    out: dict[str, float] = {}
    for pid, cmd in target.processes().items():
        kb = proc_status(pid, "VmRSS")
        if kb is not None:
            out[role(cmd)] = round(out.get(role(cmd), 0) + kb / 1024, 1)
    out["total"] = round(sum(out.values()), 1)
    return out


def cpu_seconds(target: Target) -> dict[str, float]:
    """user+system CPU seconds per role so far."""
    tick = os.sysconf("SC_CLK_TCK")
    out: dict[str, float] = {}
    for pid, cmd in target.processes().items():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[role(cmd)] = out.get(role(cmd), 0) + (int(fields[11]) + int(fields[12])) / tick
    return out


def pid_of(target: Target, name: str) -> int | None:
    return next((pid for pid, cmd in target.processes().items() if role(cmd) == name), None)


# ------------------------------------------------------------------ figures


def percentile(xs: list[float], p: float) -> float:
    """Nearest-rank percentile: the smallest value with at least p of the values at or below it."""
    return sorted(xs)[max(0, math.ceil(p * len(xs)) - 1)]


def figures(target: Target, conversations: int) -> dict:
    xs = target.samples[conversations]
    n = len(xs)
    kinds = (
        {k: round(percentile(v, 0.50) * 1000, 1) for k, v in target.by_kind.items()}
        if conversations == 1
        else {k: round(percentile(v, 0.95) * 1000, 1) for k, v in target.by_kind_8.items()}
    )
    return {
        "conversations": conversations,
        "messages": n,
        "p50_ms": round(percentile(xs, 0.50) * 1000, 1),
        "p95_ms": round(percentile(xs, 0.95) * 1000, 1),
        "mean_ms": round(statistics.mean(xs) * 1000, 1),
        "messages_per_s": round(n / target.walls[conversations], 2),
        "messages_without_reply": target.empty[conversations],
        "cpu_ms_per_message": {
            k: round(v * 1000 / n, 1) for k, v in sorted(target.cpu[conversations].items())
        },
        **({f"p{50 if conversations == 1 else 95}_ms_by_kind": kinds} if kinds else {}),
    }


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None
