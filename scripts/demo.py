"""Fictional demo data for the inbox, and the screenshots in docs/screenshots/.

    python -m scripts.demo seed                  # into BOT_DATA_DIR (must hold no tickets)
    python -m scripts.demo screenshots [--out docs/screenshots]

Every person, message and number here is made up. ``seed`` also writes
transcripts through Rasa's own tracker store (``bot.rasa_gateway``), before
Rasa runs on that folder. ``screenshots`` seeds a
temporary directory, starts the inbox on a free loopback port and drives
Debian's headless Chromium with Playwright (``scripts/browser.py``).
"""

from __future__ import annotations

import argparse
import secrets
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from bot import config, rasa_gateway, store
from bot.inbox import auth
from scripts.demo_data import DEMO_PRESCREENS, DEMO_TICKETS, conversations

# ------------------------------------------------------------ demo data


def _ago(minutes: float) -> datetime:
    return datetime.now(timezone.utc) - timedelta(minutes=minutes)


def _backdate(db, ticket_id: str, minutes: float) -> None:
    """Demo only: make a ticket look as old as the story says."""
    ts = _ago(minutes).isoformat(timespec="seconds")
    db.execute(
        "update tickets set created_at = ?, updated_at = ? where id = ?", [ts, ts, ticket_id]
    )
    db.execute(
        "update audit set at = ? where ticket_id = ? and action = 'ticket_created'", [ts, ticket_id]
    )


def _conversation(
    tracker: rasa_gateway.TrackerStoreGateway,
    cid: str,
    start_min: float,
    channel: str,
    lines: list[tuple],
) -> None:
    """``lines``: (minutes after start, kind, text[, staff]) with kind user/bot/staff/held."""
    t0 = _ago(start_min).timestamp()
    events: list[dict[str, Any]] = []
    for line in lines:
        at, kind = t0 + line[0] * 60, line[1]
        if kind == "user":
            events.append(
                {
                    "event": "user",
                    "timestamp": at,
                    "text": line[2],
                    "input_channel": channel,
                    "message_id": secrets.token_hex(8),
                    "parse_data": {
                        "intent": {"name": "report_symptom", "confidence": 0.97},
                        "entities": [],
                        "text": line[2],
                    },
                }
            )
        elif kind in ("bot", "staff"):
            events.append(
                {
                    "event": "bot",
                    "timestamp": at,
                    "text": line[2],
                    "metadata": {"staff": line[3]} if kind == "staff" else {},
                }
            )
        elif kind == "held":
            events.append(
                {"event": "slot", "timestamp": at, "name": "handoff_active", "value": True}
            )
    tracker.append(cid, events)


def seed_demo(data_dir: Path) -> dict[str, Any]:
    """Write the demo clinic's tickets, transcripts, records and staff into ``data_dir``.

    Returns ``{"tickets": [ids in DEMO_TICKETS order], "users": {name: password}}``.
    """
    db = store.open_db(Path(data_dir) / "clinic.db")
    if store.list_tickets(db=db):
        raise SystemExit("this data directory already has tickets: seed an empty one")
    tracker = rasa_gateway.tracker_store(overrides={"BOT_DATA_DIR": str(data_dir)})
    users = {}
    for name in ("sam.jones", "dr.patel"):
        users[name] = secrets.token_urlsafe(12)
        if not store.get_staff_user(name, db=db):
            store.create_staff_user(
                name,
                auth.hash_password(users[name], n=2**14),
                role="admin" if name == "dr.patel" else "staff",
                db=db,
            )
    ids = []
    for cid, channel, priority, reason, signs, minutes, status, who in DEMO_TICKETS:
        t = store.create_ticket(cid, channel, priority, reason, signs, db=db)
        _backdate(db, t["id"], minutes)
        if who:
            store.update_ticket(t["id"], who, assigned_to=who, db=db)
        if status != "open":
            store.update_ticket(t["id"], who or "sam.jones", status=status, db=db)
        if channel in ("whatsapp", "telegram"):
            store.touch_contact(cid, channel, db=db)
        ids.append(t["id"])
    clinic = config.clinic()
    urgent = clinic.get("urgent_line", "the clinic's urgent line")
    emergency = clinic.get("emergency_number", "999")
    for cid, start, channel, lines in conversations(urgent, emergency):
        _conversation(tracker, cid, start, channel, lines)
    store.add_note(
        ids[1],
        "dr.patel",
        "Spoke to her by phone: on her way in, about 15 minutes. "
        "Hyaluronidase kit ready in room 2.",
        db=db,
    )
    store.add_note(ids[2], "sam.jones", "Booked with Dr Patel 16:30 today.", db=db)
    for tid in ids[:3]:
        nid = store.enqueue_notification(tid, "new_ticket", "telegram", {"ticket_id": tid}, db=db)
        store.claim_notification(nid, db=db)
        store.finish_notification(nid, ok=True, db=db)
    for cid, minutes, outcome, reasons, answers in DEMO_PRESCREENS:
        consent = _ago(minutes).isoformat(timespec="seconds")
        typed = {slot: {"typed": t, "understood": u} for slot, (t, u) in answers.items()}
        store.save_prescreen(cid, "socketio", typed, outcome, reasons, consent, db=db)
    db.conn.close()
    return {"tickets": ids, "users": users}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m scripts.demo", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("seed", help="write the fictional demo data into BOT_DATA_DIR")
    s = sub.add_parser("screenshots", help="write queue.png and ticket.png")
    s.add_argument("--out", default=str(config.ROOT / "docs" / "screenshots"))
    args = p.parse_args(argv)
    if args.command == "seed":
        seeded = seed_demo(config.data_dir())
        print(f"seeded {len(seeded['tickets'])} demo tickets into {config.data_dir()}")
        for name, password in seeded["users"].items():
            print(f"  demo account {name}  password {password}")
        return 0
    from scripts.browser import screenshots

    for path in screenshots(Path(args.out)):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
