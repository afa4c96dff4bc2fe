"""Probe a running bot the way an outsider, a flood or an unlucky clinic would meet it.

    .venv/bin/python -m scripts.probe_security [--repo PATH] [--out FILE] [--skip PHASES]

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
import asyncio
import hashlib
import hmac
import json
import os
import re
import signal
import stat
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.launch import LocalBot  # noqa: E402
from tests.fakes.providers import (  # noqa: E402
    TELEGRAM_SECRET,
    TWILIO_TOKEN,
    WHATSAPP_APP_SECRET,
    ThreadedProviders,
    provider_env,
    signed_message,
)
from tests.fakes.widget_client import WidgetClient  # noqa: E402

PASSWORD = "a long staff passphrase"  # noqa: S105 - the probe's own throwaway staff password
EMERGENCY = "my vision went blurry after my injections"
VICTIMS = {"whatsapp": "447100012345", "telegram": "4242", "twilio_whatsapp": "447000077777"}


class Hook:
    """A staff webhook that counts what it receives."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        hook = self

        class H(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                n = int(self.headers.get("Content-Length") or 0)
                try:
                    hook.received.append(json.loads(self.rfile.read(n) or b"{}"))
                except ValueError:
                    hook.received.append({})
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *a: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


class Bot(LocalBot):
    """The checkout's run.sh with every channel pointed at the fake providers."""

    def __init__(self, repo: Path, data: Path, providers: ThreadedProviders, hook: Hook) -> None:
        super().__init__(
            data,
            root=repo,
            INBOX_BACKGROUND_SECONDS="1",
            BOT_RESTART_DELAY="3",
            PYTHONPATH=str(repo),
            STAFF_WEBHOOK_URL=hook.url,
            INBOX_COOKIE_SECURE="0",
            **provider_env(providers.url),
        )
        self.repo, self.data, self.providers, self.hook = repo, data, providers, hook
        self.inbox = f"http://127.0.0.1:{self.ports['INBOX_PORT']}"
        self.widget = f"http://127.0.0.1:{self.ports['WIDGET_PORT']}"

    # ------------------------------------------------------------ HTTP
    def http(
        self,
        method: str,
        url: str,
        body: Any = None,
        raw: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 120,
    ) -> tuple[int, str]:
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        req = urllib.request.Request(
            url,
            data=data,
            method=method,
            headers={"Content-Type": "application/json", **(headers or {})},
        )
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, r.read().decode(errors="replace")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode(errors="replace")
        except OSError as e:
            return 0, str(e)

    def rest(self, sender: str, text: str, token: bool = True, timeout: float = 120):
        q = f"?token={self.token}" if token else ""
        return self.http(
            "POST",
            f"{self.url}/webhooks/rest/webhook{q}",
            {"sender": sender, "message": text},
            timeout=timeout,
        )

    def tracker(self, cid: str) -> dict:
        status, text = self.http(
            "GET", f"{self.url}/conversations/{cid}/tracker?token={self.token}"
        )
        return json.loads(text) if status == 200 else {}

    def user_events(self, cid: str) -> list[str]:
        return [
            e.get("text") for e in self.tracker(cid).get("events", []) if e.get("event") == "user"
        ]

    def db(self):
        import sqlite3

        return sqlite3.connect(str(self.data / "clinic.db"), timeout=10)

    def tickets(self, cid: str | None = None) -> list[tuple]:
        with self.db() as c:
            if cid is None:
                return c.execute(
                    "select id, conversation_id, priority, status from tickets"
                ).fetchall()
            return c.execute(
                "select id, conversation_id, priority, status from tickets "
                "where conversation_id = ?",
                [cid],
            ).fetchall()

    # ------------------------------------------------------------ providers
    def provider_post(
        self, channel: str, address: str, text: str, msg_id: int, timeout: float = 120
    ) -> int:
        url, body, headers = signed_message(channel, self.url, address, text, msg_id)
        return self.http("POST", url, raw=body, headers=headers, timeout=timeout)[0]

    def sent_to(self, channel: str, address: str) -> list[str]:
        out = []
        for c in self.providers.calls:
            if (
                channel == "telegram"
                and c.provider == "telegram"
                and str((c.json or {}).get("chat_id")) == address
            ):
                out.append(c.json.get("text") or "")
            elif (
                channel == "twilio_whatsapp"
                and c.provider == "twilio"
                and c.form.get("To") == f"whatsapp:+{address}"
            ):
                out.append(c.form.get("Body") or "")
            elif (
                channel == "whatsapp"
                and c.provider == "whatsapp"
                and (c.json or {}).get("to") == address
            ):
                t = c.json.get("text") or (c.json.get("interactive") or {}).get("body") or {}
                out.append(t.get("body") or t.get("text") or "")
        return out

    # ------------------------------------------------------------ inbox
    def staff_session(self):
        import requests

        subprocess.run(
            [
                str(self.repo / ".venv/bin/python"),
                "-m",
                "bot.inbox.admin",
                "create",
                "ana",
                "--password-stdin",
            ],
            input=f"{PASSWORD}\n{PASSWORD}\n",
            text=True,
            cwd=self.repo,
            env=self.env,
            capture_output=True,
        )
        s = requests.Session()
        r = s.get(f"{self.inbox}/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', r.text).group(1)
        s.post(f"{self.inbox}/login", data={"csrf": csrf, "username": "ana", "password": PASSWORD})
        s.csrf = re.search(r'name="csrf" value="([^"]+)"', s.get(f"{self.inbox}/").text).group(1)
        return s


def conversation_of(bot: Bot, channel: str, address: str) -> str:
    """The patient's real conversation id (from the tickets, whatever the id scheme)."""
    candidates = {
        "whatsapp": (address, f"wa-{address}"),
        "telegram": (address, f"tg-{address}"),
        "twilio_whatsapp": (f"whatsapp:+{address}", f"tw-{address}"),
    }[channel]
    for _, cid, _, _ in bot.tickets():
        if cid in candidates:
            return cid
    raise RuntimeError(f"no ticket for the {channel} patient {address}")


# ------------------------------------------------------------ socket.io
async def socket_session(
    base: str, session_id: str | None, timeout: float = 10
) -> tuple[WidgetClient, str, list[Any]]:
    """A widget socket that asked for ``session_id``: the token it was given ('' if none)."""
    sio = WidgetClient()
    try:
        sid = await sio.open(base, session_id, timeout)
    except asyncio.TimeoutError:
        sid = ""
    return sio, sid, sio.got


# ------------------------------------------------------------ phases
def phase_isolation(bot: Bot) -> dict:
    for i, (channel, address) in enumerate(VICTIMS.items()):
        bot.provider_post(channel, address, EMERGENCY, 100 + i)
    victims = {ch: conversation_of(bot, ch, addr) for ch, addr in VICTIMS.items()}
    staff = bot.staff_session()
    attempts: dict[str, list[dict]] = {"read": [], "write": [], "delete": [], "takeover": []}

    def guesses(channel: str, address: str) -> list[str]:
        plus = f"whatsapp:+{address}" if channel == "twilio_whatsapp" else None
        prefix = {"whatsapp": "wa-", "telegram": "tg-", "twilio_whatsapp": "tw-"}[channel]
        return [g for g in (address, f"+{address}", prefix + address, plus) if g]

    for channel, address in VICTIMS.items():
        cid = victims[channel]
        own_text = EMERGENCY
        for g in guesses(channel, address):
            # READ: the widget's history endpoint
            status, text = bot.http(
                "GET", f"{bot.widget}/api/history?session_id={urllib.parse.quote(g)}"
            )
            attempts["read"].append(
                {
                    "how": "widget history",
                    "as": g,
                    "status": status,
                    "ok": status == 200 and own_text in text,
                }
            )
            # WRITE: REST into the conversation
            before = len(bot.user_events(cid))
            status, _ = bot.rest(g, "hello, writing into your chat")
            attempts["write"].append(
                {"how": "REST", "as": g, "status": status, "ok": len(bot.user_events(cid)) > before}
            )

        # socket.io: a session named after the patient
        # run at once in this iteration; the defaults bind its values
        async def sockets(channel=channel, address=address, cid=cid) -> None:
            for g in guesses(channel, address):
                sio, sid, got = await socket_session(bot.url, g)
                before = len(bot.user_events(cid))
                await sio.emit(
                    "user_uttered", {"message": "hello from the widget", "session_id": sid or g}
                )
                await asyncio.sleep(2)
                attempts["write"].append(
                    {
                        "how": "socket.io",
                        "as": g,
                        "session": sid,
                        "ok": len(bot.user_events(cid)) > before,
                    }
                )
                # TAKEOVER: does a staff reply to the patient reach this socket?
                ticket = bot.tickets(cid)
                if ticket:
                    tid = ticket[0][0]
                    staff.post(
                        f"{bot.inbox}/tickets/{tid}/reply",
                        data={"csrf": staff.csrf, "text": f"Ana here for {g}"},
                    )
                    await asyncio.sleep(2)
                    attempts["takeover"].append(
                        {
                            "how": "socket.io + staff reply",
                            "as": g,
                            "ok": any(f"Ana here for {g}" in str(m) for m in got),
                            "patient_got_it": any(
                                f"Ana here for {g}" in t for t in bot.sent_to(channel, address)
                            ),
                        }
                    )
                await sio.close()

        asyncio.run(sockets())

    # DELETE: restart + "delete my data" as the patient, by REST and socket.io
    for channel, address in VICTIMS.items():
        cid = victims[channel]
        for g in guesses(channel, address):
            before = len(bot.tickets(cid))
            bot.rest(g, "/restart")
            bot.rest(g, "delete my data")
            attempts["delete"].append(
                {
                    "how": "REST /restart + delete my data",
                    "as": g,
                    "ok": len(bot.tickets(cid)) < before,
                }
            )

            async def by_socket(g=g, cid=cid) -> None:
                sio, sid, _ = await socket_session(bot.url, g)
                before = len(bot.tickets(cid))
                await sio.emit(
                    "user_uttered",
                    {
                        "message": "/restart",
                        "session_id": sid or g,
                        "metadata": {"button_title": "OK"},
                    },
                )
                await asyncio.sleep(1.5)
                await sio.emit(
                    "user_uttered", {"message": "delete my data", "session_id": sid or g}
                )
                await asyncio.sleep(2.5)
                attempts["delete"].append(
                    {
                        "how": "socket.io /restart button + delete",
                        "as": g,
                        "ok": len(bot.tickets(cid)) < before,
                    }
                )
                await sio.close()

            asyncio.run(by_socket())
    summary = {
        k: {"attempts": len(v), "succeeded": sum(a["ok"] for a in v)} for k, v in attempts.items()
    }
    return {"victims": victims, "summary": summary, "attempts": attempts}


def phase_staff(bot: Bot) -> dict:
    staff = bot.staff_session()
    out = {}
    for i, (channel, address) in enumerate(VICTIMS.items()):
        address = str(int(address) + 7)  # a fresh patient on each channel
        bot.provider_post(channel, address, EMERGENCY, 300 + i)
        cid = conversation_of(bot, channel, address)
        ((tid, *_),) = [t for t in bot.tickets(cid) if t[3] != "resolved"]
        before = len(bot.sent_to(channel, address))
        r = staff.post(
            f"{bot.inbox}/tickets/{tid}/reply",
            data={"csrf": staff.csrf, "text": "Ana from the clinic: on your way?"},
        )
        reply_arrived = any("on your way?" in t for t in bot.sent_to(channel, address)[before:])
        r2 = staff.post(
            f"{bot.inbox}/tickets/{tid}/resolve", data={"csrf": staff.csrf, "handback": "1"}
        )
        slots = bot.tracker(cid).get("slots", {})
        before = len(bot.sent_to(channel, address))
        bot.provider_post(channel, address, "how long does a session take", 400 + i)
        answered = len(bot.sent_to(channel, address)) > before
        out[channel] = {
            "conversation": cid,
            "inbox_said_sent": "reply_sent" in r.url,
            "reply_reached_provider": reply_arrived,
            "handed_back": slots.get("handoff_active") is False,
            "resolve_ok": "resolved" in r2.url,
            "next_question_answered": answered,
        }
    return out


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
