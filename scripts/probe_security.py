"""Probe a running bot the way an outsider, a flood or an unlucky clinic would meet it.

    .venv/bin/python -m scripts.probe_security [--repo PATH] [--out FILE] [--only PHASES]

Starts ``scripts/run.sh`` of the checkout at ``--repo`` (default: this one)
on free loopback ports with a temporary BOT_DATA_DIR, every channel configured
against local fakes of Telegram, Twilio and Meta (``tests/fakes/providers.py``)
and a recording staff webhook. It talks HTTP and socket.io only, so the same
probe measures an older checkout for a before/after comparison. Phases:

- ``isolation``: a WhatsApp Cloud, a Telegram and a Twilio patient report an
  emergency; an outsider who knows their numbers tries to read, write into and
  delete their conversations (widget history, REST, socket.io, forged buttons)
  and to take over the staff reply. Counts attempts and successes.
- ``staff``: on each channel, staff reply and hand back from the inbox; did the
  reply reach the provider and is the conversation back with the bot?
- ``flood``: a patient's emergency reply time (REST) alone, then while three
  clients flood REST with 250 KB messages, then with 20,000-character
  messages; and 100 emergencies from one client.
- ``badinput``: a bad-input corpus on every entry point; the 5xx count.
- ``defence``: a forged action-server call; data file modes; tokens on command lines.
- ``crash``: a Telegram update in flight when Rasa is killed; re-sent after the restart.

Loopback only; every loop has a count and a timeout. Results go to ``--out``
(JSON) and a summary is printed.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.probe_bot import Bot, Hook  # noqa: E402
from scripts.probe_isolation import phase_isolation, phase_staff  # noqa: E402
from scripts.probe_load import (  # noqa: E402
    phase_badinput,
    phase_crash,
    phase_defence,
    phase_flood,
    phase_widgetflood,
)
from tests.fakes.providers import ThreadedProviders  # noqa: E402

PHASES = {
    "widgetflood": phase_widgetflood,
    "isolation": phase_isolation,
    "staff": phase_staff,
    "badinput": phase_badinput,
    "defence": phase_defence,
    "flood": phase_flood,
    "crash": phase_crash,
}


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--repo", type=Path, default=ROOT)
    ap.add_argument("--out", type=Path, default=ROOT / "results" / "probe_security.json")
    ap.add_argument("--only", default=",".join(PHASES))
    a = ap.parse_args()
    data = Path(tempfile.mkdtemp(prefix="probe-"))
    providers, hook = ThreadedProviders(), Hook()
    bot = Bot(a.repo.resolve(), data, providers, hook)
    report: dict[str, Any] = {"repo": str(a.repo.resolve())}
    bot.start(timeout=600)
    report["startup_s"] = round(bot.startup_seconds or 0, 1)
    for url in (bot.inbox + "/login", bot.widget + "/"):  # LocalBot waits for Rasa only
        for _ in range(120):
            if bot.http("GET", url)[0] == 200:
                break
            time.sleep(0.5)
    try:
        for name in a.only.split(","):
            t = time.time()
            try:
                report[name] = PHASES[name](bot)
            except Exception as e:  # one broken phase must not hide the others  # noqa: BLE001 - one broken phase must not hide the others
                report[name] = {"error": f"{type(e).__name__}: {e}"}
            print(
                f"{name} ({time.time() - t:.0f} s): "
                f"{json.dumps(report[name].get('summary', report[name]))[:600]}",
                flush=True,
            )
    finally:
        bot.stop()
        providers.close()
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(report, indent=2, default=str))
    print(f"full report: {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
