"""Probe phases under load and abuse: flood, bad input, defence in depth, crash, widget flood."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import os
import signal
import stat
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any

from scripts.probe_bot import EMERGENCY, Bot, socket_session  # noqa: E402
from tests.fakes.providers import (  # noqa: E402
    TELEGRAM_SECRET,
    TWILIO_TOKEN,
    WHATSAPP_APP_SECRET,
)


def timed_emergency(bot: Bot) -> float:
    t = time.perf_counter()
    status, _ = bot.rest(f"patient-{uuid.uuid4().hex[:8]}", EMERGENCY, timeout=180)
    took = time.perf_counter() - t
    return took if status == 200 else float("nan")


def phase_flood(bot: Bot) -> dict:
    out: dict[str, Any] = {}
    out["alone_s"] = [round(timed_emergency(bot), 3) for _ in range(5)]
    big = "how much does it cost " * (250_000 // 22)
    long20k = "tell me about aftercare please " * (20_000 // 30)

    def flood(message: str, per_client: int, seconds: float) -> dict:
        stop = time.time() + seconds
        codes: list[int] = []

        def client(c: int) -> None:
            for i in range(per_client):
                if time.time() > stop:
                    break
                codes.append(bot.rest(f"flood-{c}-{i}", message, timeout=180)[0])

        threads = [threading.Thread(target=client, args=(c,)) for c in range(3)]
        for t in threads:
            t.start()
        time.sleep(0.3)
        timings = []
        while any(t.is_alive() for t in threads) and len(timings) < 10:
            timings.append(round(timed_emergency(bot), 3))
            time.sleep(0.5)
        for t in threads:
            t.join(300)
        return {
            "patient_emergency_s": timings,
            "max_s": max(timings) if timings else None,
            "median_s": statistics.median(timings) if timings else None,
            "flood_status_codes": {str(c): codes.count(c) for c in sorted(set(codes))},
        }

    out["three_clients_250KB"] = flood(big, 200, 25)
    out["three_clients_20k_chars"] = flood(long20k, 200, 25)
    out["three_clients_4k_chars"] = flood(long20k[:4000], 200, 25)
    # 100 emergencies from one client: REST (one sender), then the widget (new sessions)
    tickets_before, pages_before = len(bot.tickets()), len(bot.hook.received)
    for i in range(100):
        bot.rest("flooder-1", f"{EMERGENCY} {i}")
    time.sleep(3)
    out["hundred_emergencies_one_sender"] = {
        "tickets": len(bot.tickets()) - tickets_before,
        "staff_pages": len(bot.hook.received) - pages_before,
    }

    async def widget_sessions() -> int:
        confirmed = 0
        rasa = bot.url
        for i in range(100):
            sio, sid, _ = await socket_session(rasa, None, timeout=3)
            if sid:
                confirmed += 1
                await sio.emit("user_uttered", {"message": f"{EMERGENCY} {i}", "session_id": sid})
            await sio.close()
        return confirmed

    tickets_before, pages_before = len(bot.tickets()), len(bot.hook.received)
    confirmed = asyncio.run(widget_sessions())
    time.sleep(5)
    out["hundred_emergencies_new_widget_sessions"] = {
        "sessions_given": confirmed,
        "tickets": len(bot.tickets()) - tickets_before,
        "staff_pages": len(bot.hook.received) - pages_before,
    }
    return out


def bad_corpus(bot: Bot) -> list[tuple[str, str, str, bytes, dict[str, str]]]:
    """(entry point, method, url, body, headers) for the bad-input corpus."""
    r, t = bot.url, bot.token
    nested = b"[" * 60_000 + b"]" * 60_000
    nested_small = b"[" * 20_000 + b"]" * 20_000
    bodies = [
        b"",
        b"{not json",
        b"[]",
        b"null",
        b'"text"',
        b"\xff\xfe",
        nested,
        nested_small,
        b'{"sender": "x"}',
        b'{"message": "hi"}',
        b'{"sender": 5, "message": 5}',
        b'{"sender": "x", "message": "hi", "metadata": [1]}',
        json.dumps({"sender": "x" * 10_000, "message": "hi"}).encode(),
        json.dumps({"sender": "x", "message": "y" * 300_000}).encode(),
        b'{"sender": "x", "message": "\\ud800 my vision went blurry"}',
        json.dumps({"sender": "../../etc/passwd", "message": "hi"}).encode(),
        json.dumps({"sender": "a b\r\nc", "message": "hi"}).encode(),
    ]
    out = []
    for b in bodies:
        out.append(("rest (token)", "POST", f"{r}/webhooks/rest/webhook?token={t}", b, {}))
        out.append(("rest (no token)", "POST", f"{r}/webhooks/rest/webhook", b, {}))
    parse = [
        b"",
        b"{not json",
        b"[1]",
        b'{"text": 5}',
        b'{"text": null}',
        b'{"text": {}}',
        b"{}",
        nested,
        nested_small,
        b"\xff\xfe",
        b'{"text": "\\ud800"}',
        json.dumps({"text": "x" * 1_000_000}).encode(),
    ]
    for b in parse:
        out.append(("model/parse", "POST", f"{r}/model/parse?token={t}", b, {}))
    tg = {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}
    for b in [
        nested,
        nested_small,
        b"{not json",
        b"[]",
        b'{"update_id": "x"}',
        json.dumps(
            {"update_id": 9001, "message": {"chat": {"id": "1" * 10_000}, "text": "hi"}}
        ).encode(),
        json.dumps({"update_id": 9002, "callback_query": {"data": ["x"]}}).encode(),
        json.dumps({"update_id": 9003, "message": {"chat": {"id": 5}, "text": 5}}).encode(),
    ]:
        out.append(("telegram", "POST", f"{r}/webhooks/telegram/webhook", b, tg))

    def wa(b: bytes) -> dict[str, str]:
        return {
            "X-Hub-Signature-256": "sha256="
            + hmac.new(WHATSAPP_APP_SECRET.encode(), b, hashlib.sha256).hexdigest()
        }

    msg = {
        "from": "447000000001",
        "id": "wamid.bad",
        "type": "interactive",
        "interactive": {"type": ["button_reply"], "button_reply": {"id": "/x"}},
    }
    for b in [
        nested,
        nested_small,
        b"{not json",
        b"[]",
        json.dumps({"entry": [{"changes": [{"value": {"messages": [msg]}}]}]}).encode(),
        json.dumps(
            {
                "entry": [
                    {
                        "changes": [
                            {
                                "value": {
                                    "messages": [
                                        {
                                            "from": "1" * 10_000,
                                            "id": "w2",
                                            "type": "text",
                                            "text": {"body": "hi"},
                                        }
                                    ]
                                }
                            }
                        ]
                    }
                ]
            }
        ).encode(),
    ]:
        out.append(("whatsapp", "POST", f"{r}/webhooks/whatsapp/webhook", b, wa(b)))
    from twilio.request_validator import RequestValidator

    path = f"{r}/webhooks/twilio_whatsapp/webhook"
    for fields in [
        {},
        {"MessageSid": "SMbad1"},
        {"MessageSid": "SMbad2", "From": "x" * 10_000, "Body": "hi"},
        {
            "MessageSid": "SMbad3",
            "From": "whatsapp:+447000000002",
            "Body": "\ud800".encode("utf-8", "surrogatepass").decode("latin-1"),
        },
    ]:
        b = urllib.parse.urlencode(fields).encode()
        out.append(
            (
                "twilio",
                "POST",
                path,
                b,
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "X-Twilio-Signature": RequestValidator(TWILIO_TOKEN).compute_signature(
                        path, fields
                    ),
                },
            )
        )
    w = bot.widget
    for q in [
        "",
        "?session_id=",
        "?session_id=../../etc/passwd",
        "?session_id=" + "a" * 10_000,
        "?session_id=%ff%fe",
        "?session_id=447100012345",
    ]:
        out.append(("widget", "GET", f"{w}/api/history{q}", b"", {}))
    return out


def phase_badinput(bot: Bot) -> dict:
    staff = bot.staff_session()
    results = []
    for entry, method, url, body, headers in bad_corpus(bot):
        status, _ = bot.http(method, url, raw=body if method == "POST" else None, headers=headers)
        results.append((entry, status))
    r = staff.post(
        f"{bot.inbox}/notifications/99999999999999999999999/retry",
        data={"csrf": staff.csrf},
        allow_redirects=False,
    )
    results.append(("inbox", r.status_code))
    by_entry: dict[str, dict[str, int]] = {}
    for entry, status in results:
        klass = (
            "5xx"
            if status >= 500
            else "4xx"
            if status >= 400
            else "error"
            if status == 0
            else "2xx/3xx"
        )
        by_entry.setdefault(entry, {}).setdefault(klass, 0)
        by_entry[entry][klass] += 1
    alive = bot.rest("after-badinput", "how long does a session take")[0]
    return {
        "requests": len(results),
        "5xx": sum(s >= 500 for _, s in results),
        "no_answer": sum(s == 0 for _, s in results),
        "by_entry": by_entry,
        "faq_afterwards": alive,
    }


def phase_defence(bot: Bot) -> dict:
    victim = "defence-victim"
    bot.rest(victim, "can I talk to a real person please")
    before = len(bot.tickets(victim))
    body = {
        "next_action": "action_delete_my_data",
        "sender_id": victim,
        "version": "3.6.21",
        "domain": {},
        "tracker": {
            "sender_id": victim,
            "slots": {},
            "latest_message": {},
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": None,
        },
    }
    status, _ = bot.http("POST", f"http://127.0.0.1:{bot.ports['ACTION_PORT']}/webhook", body)
    opened = [
        str(p) for p in [bot.data, *bot.data.rglob("*")] if stat.S_IMODE(p.stat().st_mode) & 0o077
    ]
    cmdlines = bot.processes().values()
    return {
        "forged_action_call_status": status,
        "forged_call_deleted_tickets": before - len(bot.tickets(victim)),
        "files_open_to_others": len(opened),
        "examples": opened[:5],
        "data_dir_mode": oct(stat.S_IMODE(bot.data.stat().st_mode)),
        "token_on_a_command_line": sum(bot.token in c for c in cmdlines),
    }


def phase_crash(bot: Bot) -> dict:
    """Emergencies from four Telegram chats; Rasa killed while they are handled."""
    text = "I had my session two days ago and since this morning " * 60 + EMERGENCY
    chats = [str(6100 + i) for i in range(4)]
    first: dict[str, int] = {}

    def send(chat: str, i: int) -> None:
        first[chat] = bot.provider_post("telegram", chat, text, 7000 + i, timeout=150)

    threads = [threading.Thread(target=send, args=(c, i)) for i, c in enumerate(chats)]
    for t in threads:
        t.start()
    time.sleep(0.25)
    for pid, cmd in bot.processes().items():
        if ("rasa run" in cmd or "bot.rasa_server" in cmd) and "actions" not in cmd:
            os.kill(pid, signal.SIGKILL)
    for t in threads:
        t.join(180)
    bot.wait_ready(300)
    out = {}
    for i, chat in enumerate(chats):  # Telegram re-sends until it gets a 200
        retries = []
        for _ in range(30):
            retries.append(bot.provider_post("telegram", chat, text, 7000 + i))
            if retries[-1] == 200:
                break
            time.sleep(3)
        cid = next((c for c in (chat, f"tg-{chat}") if bot.user_events(c)), None)
        events = bot.user_events(cid) if cid else []
        out[chat] = {
            "first_post": first.get(chat),
            "retries": retries,
            "user_events": len(events),
            "ticket": bool(cid and bot.tickets(cid)),
        }
    in_flight = [c for c, r in out.items() if r["first_post"] != 200]
    return {
        "in_flight_at_the_kill": len(in_flight),
        "lost": sum(out[c]["user_events"] == 0 for c in chats),
        "handled_twice": sum(out[c]["user_events"] > 1 for c in chats),
        "chats": out,
    }


def phase_widgetflood(bot: Bot) -> dict:
    """Three browser clients flood the widget (an open entry point) with 2,000-character
    messages from one address; a patient's emergency reply time (REST) meanwhile."""
    text = ("tell me about aftercare please " * 70)[:2000]
    stop_at = time.time() + 25
    sent = [0, 0, 0]

    async def client(c: int) -> None:
        sio, sid, _ = await socket_session(bot.url, None)
        if not sid:  # the old widget accepted any id the browser sent
            sid = f"flood-client-{c}-{uuid.uuid4().hex[:8]}"
            await sio.emit("session_request", {"session_id": sid})
        while time.time() < stop_at:
            await sio.emit("user_uttered", {"message": text, "session_id": sid})
            sent[c] += 1
            await asyncio.sleep(0.02)
        await sio.close()

    def run_clients() -> None:
        async def all_clients() -> None:
            await asyncio.gather(*(client(c) for c in range(3)))

        asyncio.run(all_clients())

    flood = threading.Thread(target=run_clients)
    alone = [round(timed_emergency(bot), 3) for _ in range(3)]
    flood.start()
    time.sleep(2)
    timings = []
    while flood.is_alive() and len(timings) < 12:
        timings.append(round(timed_emergency(bot), 3))
        time.sleep(0.5)
    flood.join(120)
    return {
        "alone_s": alone,
        "patient_emergency_s": timings,
        "median_s": statistics.median(timings) if timings else None,
        "max_s": max(timings) if timings else None,
        "messages_sent": sum(sent),
    }
