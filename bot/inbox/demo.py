"""Fictional demo data for the inbox, and the screenshots in docs/screenshots/.

    python -m bot.inbox.demo seed                  # into BOT_DATA_DIR (must hold no tickets)
    python -m bot.inbox.demo screenshots [--out docs/screenshots]

Every person, message and number here is made up. ``seed`` also writes
transcripts through Rasa's own tracker store (``bot.rasa_gateway``), before
Rasa runs on that folder. ``screenshots`` seeds a
temporary directory, starts the inbox on a free loopback port and drives
Debian's headless Chromium with Playwright.
"""
from __future__ import annotations

import argparse
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Dict, List, Optional

from bot import config, rasa_gateway, store
from bot.inbox import auth

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


# ------------------------------------------------------------ demo data

def _ago(minutes: float) -> datetime:
    return datetime.now(timezone.utc) - timedelta(minutes=minutes)


def _backdate(db, ticket_id: str, minutes: float) -> None:
    """Demo only: make a ticket look as old as the story says."""
    ts = _ago(minutes).isoformat(timespec="seconds")
    db.execute("update tickets set created_at = ?, updated_at = ? where id = ?",
               [ts, ts, ticket_id])
    db.execute("update audit set at = ? where ticket_id = ? and action = 'ticket_created'",
               [ts, ticket_id])


def _conversation(tracker: rasa_gateway.TrackerStoreGateway, cid: str, start_min: float,
                  channel: str, lines: List[tuple]) -> None:
    """``lines``: (minutes after start, kind, text[, staff]) with kind user/bot/staff/held."""
    t0 = _ago(start_min).timestamp()
    events: List[Dict[str, Any]] = []
    for line in lines:
        at, kind = t0 + line[0] * 60, line[1]
        if kind == "user":
            events.append({"event": "user", "timestamp": at, "text": line[2],
                           "input_channel": channel, "message_id": secrets.token_hex(8),
                           "parse_data": {"intent": {"name": "report_symptom",
                                                     "confidence": 0.97},
                                          "entities": [], "text": line[2]}})
        elif kind in ("bot", "staff"):
            events.append({"event": "bot", "timestamp": at, "text": line[2],
                           "metadata": {"staff": line[3]} if kind == "staff" else {}})
        elif kind == "held":
            events.append({"event": "slot", "timestamp": at, "name": "handoff_active",
                           "value": True})
    tracker.append(cid, events)


DEMO_TICKETS = [
    # (conversation, channel, priority, reason as triage writes it, signs, minutes ago,
    #  status, assignee)
    ("web-7f3a91", "socketio", "emergency",
     "vision_change (emergency): 'vision went blurry'", ["vision_change"], 3, "open", None),
    ("wa-447700900123", "whatsapp", "emergency",
     "skin_colour_change (emergency): 'gone a weird grey'; "
     "pain_out_of_proportion (emergency): 'really hurts'",
     ["skin_colour_change", "pain_out_of_proportion"], 14, "open", "dr.patel"),
    ("tg-58213377", "telegram", "urgent",
     "spreading_redness (urgent): 'spreading'; infection_fever (urgent): 'shivery'",
     ["spreading_redness", "infection_fever"], 85, "pending", "sam.jones"),
    ("web-c19e02", "socketio", "urgent", "cold_sore (urgent): 'cold sore'", ["cold_sore"],
     190, "open", None),
    ("web-2b8d40", "socketio", "routine", "lump_persistent -> routine (3 weeks)",
     ["lump_persistent"], 60 * 26, "open", None),
    ("rest-demo-17", "rest", "routine", "bruise_persistent -> routine (9 days)",
     ["bruise_persistent"], 60 * 50, "open", None),
]


def seed_demo(data_dir: Path) -> Dict[str, Any]:
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
            store.create_staff_user(name, auth.hash_password(users[name], n=2 ** 14),
                                    role="admin" if name == "dr.patel" else "staff", db=db)
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
    _conversation(tracker, "web-7f3a91", 9.2, "socketio", [
        (0, "user", "Hi, I had mesotherapy under my eyes this morning"),
        (0.1, "bot", "Hello, I'm the clinic's automated assistant. I can give general "
                     "information; if you have a problem after a treatment, tell me what "
                     "you notice."),
        (5.8, "user", "my vision went blurry in my left eye about 20 minutes ago"),
        (5.9, "bot", f"Please act now: call {emergency} or go to A&E, and call our urgent "
                     f"line on {urgent}. A change in vision after injections needs to be "
                     "seen straight away. Don't wait to see if it settles."),
        (6.0, "bot", "I've alerted the clinic team. A member of staff will reply here as "
                     "soon as possible."),
        (6.0, "held", None),
        (7.5, "user", "ok calling now. Should I take my contact lenses out?"),
    ])
    _conversation(tracker, "wa-447700900123", 14.3, "whatsapp", [
        (0, "user", "had my first session yesterday, the skin on my cheek has gone a "
                    "weird grey colour and it really hurts"),
        (0.1, "bot", f"Please call our urgent line now on {urgent}: skin changing colour "
                     "with pain can mean blocked blood flow, which needs treatment "
                     f"quickly. If you cannot get through, call {emergency}."),
        (0.2, "held", None),
        (3, "staff", "Hello, this is Dr Patel from the clinic. Please come in now - "
                     "we are keeping a room free for you. Are you able to travel?",
         "dr.patel"),
        (5, "user", "yes my sister can drive me, 15 minutes"),
        (6, "staff", "Thank you. Please keep the area uncovered and don't apply heat or "
                     "ice. See you shortly.", "dr.patel"),
    ])
    _conversation(tracker, "tg-58213377", 85.3, "telegram", [
        (0, "user", "the injection spots on my forehead are red, hot and it's spreading. "
                    "I feel shivery"),
        (0.1, "bot", "Thank you for telling me. Redness that spreads with feeling shivery "
                     "needs to be checked today: I've asked the clinic to contact you."),
        (0.2, "held", None),
        (10, "staff", "Hi, it's Sam from reception. Dr Patel can see you at 4.30 today. "
                      "Does that work?", "sam.jones"),
    ])
    _conversation(tracker, "web-c19e02", 190.3, "socketio", [
        (0, "user", "I think I have a cold sore coming where I had the injections"),
        (0.1, "bot", "A cold sore where you were treated should be looked at today. I've "
                     "let the clinic know."),
    ])
    _conversation(tracker, "web-2b8d40", 60 * 26 + 4, "socketio", [
        (0, "user", "there's still a small lump on my jaw from my treatment 3 weeks ago"),
        (0.1, "bot", "A lump that is still there after about two weeks should be checked "
                     "by a clinician. I've passed this on and the team will contact you."),
    ])
    _conversation(tracker, "rest-demo-17", 60 * 50 + 2, "rest", [
        (0, "user", "the bruise under my eye is still there after 9 days"),
        (0.1, "bot", "Bruising that lasts more than a week should be checked. I've let "
                     "the clinic know and someone will be in touch."),
    ])
    store.add_note(ids[1], "dr.patel", "Spoke to her by phone: on her way in, about 15 minutes. "
                   "Hyaluronidase kit ready in room 2.", db=db)
    store.add_note(ids[2], "sam.jones", "Booked with Dr Patel 16:30 today.", db=db)
    for tid in ids[:3]:
        nid = store.enqueue_notification(tid, "new_ticket", "telegram",
                                         {"ticket_id": tid}, db=db)
        store.claim_notification(nid, db=db)
        store.finish_notification(nid, ok=True, db=db)
    consent = _ago(60 * 26 + 10).isoformat(timespec="seconds")
    store.save_prescreen("web-2b8d40", "socketio", {
        "age": {"typed": "I'm 42", "understood": 42},
        "pregnant_or_breastfeeding": {"typed": "no", "understood": False},
        "blood_thinners": {"typed": "yes I take apixaban", "understood": True},
        "bleeding_disorder": {"typed": "nope", "understood": False},
        "skin_condition": {"typed": "no", "understood": False},
        "keloid_history": {"typed": "no", "understood": False},
        "allergies": {"typed": "only penicillin", "understood": False},
        "medical_conditions": {"typed": "no", "understood": False},
        "recent_procedures": {"typed": "botox about 6 months ago", "understood": False},
    }, "clinician_review", ["blood_thinners"], consent, db=db)
    store.save_prescreen("web-91aa07", "socketio", {
        "age": {"typed": "thirty one", "understood": 31},
        "pregnant_or_breastfeeding": {"typed": "no", "understood": False},
        "blood_thinners": {"typed": "no", "understood": False},
    }, "eligible", [], _ago(300).isoformat(timespec="seconds"), db=db)
    db.conn.close()
    return {"tickets": ids, "users": users}


# ------------------------------------------------------------ running the inbox

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, timeout: float = 30.0, proc: Optional[subprocess.Popen] = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as resp:  # noqa: S310 - loopback
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.15)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


def start_inbox(data_dir: Path, port: int, extra_env: Optional[Dict[str, str]] = None,
                log_path: Optional[Path] = None) -> subprocess.Popen:
    """``python -m bot.inbox`` in a subprocess on 127.0.0.1:``port``; waits for /healthz."""
    env = {**os.environ, "BOT_DATA_DIR": str(data_dir), "INBOX_PORT": str(port),
           "BIND_HOST": "127.0.0.1", **(extra_env or {})}
    out = open(log_path, "ab") if log_path else subprocess.DEVNULL
    proc = subprocess.Popen([sys.executable, "-m", "bot.inbox"], env=env, cwd=str(config.ROOT),
                            stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz", proc=proc)
    except Exception:
        stop(proc)
        raise
    return proc


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def sign_in(page: Any, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def screenshots(out_dir: Path) -> List[Path]:
    """Seed a temporary clinic, start the inbox, save queue.png and ticket.png."""
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        seeded = seed_demo(Path(tmp))
        port = free_port()
        proc = start_inbox(Path(tmp), port)
        base = f"http://127.0.0.1:{port}"
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1400, "height": 860})
                sign_in(page, base, "sam.jones", seeded["users"]["sam.jones"])
                page.wait_for_selector("#live:not([hidden])")
                paths = [out_dir / "queue.png", out_dir / "ticket.png"]
                page.screenshot(path=str(paths[0]))
                page.goto(f"{base}/tickets/{seeded['tickets'][1]}")
                page.set_viewport_size({"width": 1400, "height": 1000})
                page.screenshot(path=str(paths[1]))
                browser.close()
        finally:
            stop(proc)
    return paths


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bot.inbox.demo", description=__doc__.split("\n")[0])
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
    for path in screenshots(Path(args.out)):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
