"""docs/screenshots/checkins.png: a patient's aftercare check-ins in the inbox.

    .venv/bin/python -m scripts.checkins_screenshot [--out docs/screenshots]

Seeds the fictional demo clinic (``scripts/demo.py``) in a temporary directory,
records a treatment for one demo patient four days ago and moves a test clock
through it (24-hour check-in sent and answered, 72-hour sent), then opens the
patient's check-in page in headless Chromium.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from bot import checkins, config
from scripts import browser as chromium
from scripts import demo, launch

PATIENT = "tg-58213377"  # a demo patient (scripts/demo_data.py)


def record(data_dir: Path) -> None:
    db = checkins.open_db(data_dir / "clinic.db")
    tz = checkins.settings().tz
    treated = (datetime.now(tz) - timedelta(days=4)).replace(hour=10, minute=30, second=0)
    clock = checkins.FakeClock(treated + timedelta(hours=1))
    body = {
        "sender_id": PATIENT,
        "channel": "telegram",
        "treated_at": treated.isoformat(),
        "treatment": "mesotherapy",
    }
    checkins.register(body, clock, actor="sam.jones", conversation_id=PATIENT, db=db)
    clock.set(treated + timedelta(hours=24, minutes=1))
    checkins.send_due(clock, lambda message: None, db=db)
    clock.set(treated + timedelta(hours=26))
    checkins.record_reply(PATIENT, "all good, just a bit pink", clock, db=db)
    clock.set(treated + timedelta(hours=72, minutes=1))
    checkins.send_due(clock, lambda message: None, db=db)
    db.conn.close()


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(config.ROOT / "docs" / "screenshots"))
    out = Path(ap.parse_args(argv).out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        seeded = demo.seed_demo(Path(tmp))
        record(Path(tmp))
        port = launch.free_port()
        proc = launch.start_inbox(Path(tmp), port)
        base = f"http://127.0.0.1:{port}"
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path=chromium.CHROMIUM, args=chromium.CHROMIUM_ARGS
                )
                page = browser.new_page(viewport={"width": 1200, "height": 760})
                chromium.sign_in(page, base, "sam.jones", seeded["users"]["sam.jones"])
                page.goto(f"{base}/checkins/patient?conversation={PATIENT}")
                page.screenshot(path=str(out / "checkins.png"), full_page=True)
                browser.close()
        finally:
            launch.stop(proc)
    print(f"wrote {out / 'checkins.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
