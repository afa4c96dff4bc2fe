"""The bot under probe: ``scripts/run.sh`` on loopback with faked providers, and its helpers.

Used by the phases in ``scripts/probe_isolation.py`` and ``scripts/probe_load.py``;
run them with ``python -m scripts.probe_security``.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.launch import LocalBot  # noqa: E402
from tests.fakes.providers import (  # noqa: E402
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

        self.create_staff("ana", PASSWORD)
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


async def utter(
    sio: WidgetClient,
    session_id: str,
    text: str,
    wait: float,
    metadata: dict[str, Any] | None = None,
) -> None:
    """Send one widget message on the socket, then give the bot ``wait`` seconds."""
    message: dict[str, Any] = {"message": text, "session_id": session_id}
    if metadata:
        message["metadata"] = metadata
    await sio.emit("user_uttered", message)
    await asyncio.sleep(wait)
