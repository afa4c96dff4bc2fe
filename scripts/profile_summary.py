"""Summarise a `py-spy record --format raw` file: where the busy CPU samples went.

Samples whose innermost frame is Sanic's `serve` are the event loop waiting
(uvloop's epoll is native code, so py-spy sees it as busy): they are counted as
idle and left out of the shares. Every other sample goes to the stage of the
innermost frame that names one (the categories below, in that order within a
frame), so SQLAlchemy under the tracker store counts as the tracker store, and
TensorFlow under DIET as the NLU parse. Stacks deeper than py-spy records
lose their outer frames; jsonschema's recursion is one, which is why it is a
stage of its own. Also the functions most often on the stack (inclusive) and
on top of it (self).

    python -m scripts.profile_summary results/profile/ours-rasa_server.txt
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

# (stage, substrings of a frame "function (file:line)"), most specific first.
CATEGORIES: list[tuple[str, tuple[str, ...]]] = [
    ("validating action-server replies (jsonschema)", ("jsonschema/",)),
    ("tracker store (read, replay, write)", ("rasa/core/tracker_store.py",)),
    ("lock store", ("rasa/core/lock_store.py",)),
    (
        "policies (predict next action)",
        ("rasa/core/policies/", "handoff_policy", "_predict_next_with_tracker"),
    ),
    ("NLU parse", ("_parse_message_with_graph", "rasa/nlu/", "bot/nlu/")),
    ("forms (loop logic)", ("rasa/core/actions/forms.py", "rasa/core/actions/loops.py")),
    (
        "action server call (client side)",
        ("rasa/core/actions/action.py", "rasa/utils/endpoints.py", "aiohttp/"),
    ),
    ("channel (REST/socket.io)", ("rasa/core/channels/", "bot/channels/")),
    ("processor (other)", ("rasa/core/processor.py", "rasa/core/agent.py")),
    # Action server
    ("triage (bot/triage)", ("bot/triage",)),
    ("pre-screen (bot/prescreen)", ("bot/prescreen",)),
    (
        "escalation, store, notify (SQLite)",
        ("bot/escalation", "bot/store", "bot/notify", "sqlite_utils/", "sqlite3/"),
    ),
    ("knowledge (bot/knowledge)", ("bot/knowledge",)),
    ("actions/ (our glue)", ("/actions/",)),
    ("rasa_sdk (tracker, dispatcher, executor)", ("rasa_sdk/",)),
    # Both
    ("HTTP server (sanic)", ("sanic/", "sanic_cors/", "httptools")),
]
OTHER = "other (logging, event loop, threads)"
IDLE_LEAF = "sanic/server/runners.py:serve"
FRAME = re.compile(r"^(?P<func>.+?) \((?P<file>[^()]*?)(?::\d+)?\)$")


def short(frame: str) -> str:
    """Shorten a py-spy frame.

    'function (…/site-packages/rasa/core/processor.py:123)' -> 'rasa/core/processor.py:function'.
    """
    m = FRAME.match(frame.strip())
    if not m:
        return frame.strip()
    path = m["file"]
    for cut in ("site-packages/", "/work/main/", "/work/wt/"):
        if cut in path:
            path = path.split(cut, 1)[1]
    path = re.sub(r"^issue-\d+/", "", path)
    return f"{path}:{m['func']}"


def read(raw: Path) -> list[tuple[list[str], int]]:
    samples = []
    for line in raw.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        frames = [short(f) for f in stack.split(";") if not f.startswith(("process ", "thread "))]
        samples.append((frames, int(count)))
    return samples


def stage(frames: list[str]) -> str:
    for frame in reversed(frames):
        for cat, patterns in CATEGORIES:
            if any(p in frame for p in patterns):
                return cat
    return OTHER


def summarise(raw: Path, top: int = 12) -> dict[str, Any]:
    if not raw.exists():
        return {"samples": 0, "note": f"{raw} missing (py-spy failed?)"}
    samples = read(raw)
    idle = sum(n for frames, n in samples if frames and frames[-1] == IDLE_LEAF)
    busy = sum(n for _, n in samples) - idle
    cats: Counter = Counter()
    inclusive: Counter = Counter()
    own: Counter = Counter()
    for frames, n in samples:
        if not frames or frames[-1] == IDLE_LEAF:
            continue
        cats[stage(frames)] += n
        for name in set(frames):
            inclusive[name] += n
        own[frames[-1]] += n

    def pct(n: int) -> float:
        return round(100 * n / (busy or 1), 1)

    return {
        "samples": busy + idle,
        "idle_pct_of_samples": round(100 * idle / ((busy + idle) or 1), 1),
        "stages_pct_of_busy": {c: pct(n) for c, n in cats.most_common()},
        "inclusive_pct_of_busy": {
            f: pct(n) for f, n in inclusive.most_common(40) if not _boilerplate(f)
        },
        "self_pct_of_busy": {f: pct(n) for f, n in own.most_common(top)},
    }


def _boilerplate(frame: str) -> bool:
    """Frames on every busy stack of a server (start-up, Sanic's request loop)."""
    return frame.startswith(
        (
            "rasa:",
            "rasa/__main__",
            "rasa/cli/",
            "rasa/api.py",
            "rasa/core/run.py",
            "sanic/",
            "connection_task",
            "handle_request",
            "rasa_sdk/__main__",
            "rasa_sdk/endpoint.py:run",
            "<module>",
        )
    )


def per_message(summary: dict[str, Any], cpu_ms: float | None) -> dict[str, float]:
    """Stage shares turned into CPU ms per message, given the process's CPU ms per message."""
    if not cpu_ms:
        return {}
    return {c: round(p * cpu_ms / 100, 1) for c, p in summary.get("stages_pct_of_busy", {}).items()}


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(arg)
        print(json.dumps(summarise(Path(arg)), indent=2))
