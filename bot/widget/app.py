"""The widget's small web server: demo page, static files, conversation history.

Why a server of our own and not a static folder: the page shows the clinic's
facts from ``bot.config.clinic()``; the browser must learn where Rasa's
socket.io endpoint is; and the history of a conversation is read from Rasa's
tracker with the API token, which must never reach the browser.

History is kept server-side (Rasa's tracker store is the one transcript):
a reload shows staff replies that arrived while the page was closed, nothing
medical is stored in the browser beyond its session token, and a "delete my
data" in the bot empties the history too. ``/api/history`` answers only for a
session token the server signed (``bot.channels.sessions``), and only with
that session's own conversation (``web-<key>``): a phone number, a chat id or
a guessed id gets 400/403, never a transcript. Requests are rate-limited per
address.
"""

from __future__ import annotations

import itertools
import logging
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import config, rasa_gateway
from bot.channels import limits, sessions
from bot.settings import settings

logger = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
TEMPLATES = Path(__file__).resolve().parent / "templates"
# The files /static serves, by their path under static/ (nothing else is served).
# vendor/socket.io.min.js is socket.io-client, vendored unchanged (vendor/README.md).
STATIC_FILES = {
    "widget.js": "application/javascript; charset=utf-8",
    "vendor/socket.io.min.js": "application/javascript; charset=utf-8",
    "widget.css": "text/css; charset=utf-8",
    "page.css": "text/css; charset=utf-8",
}
SESSION_TOKEN = re.compile(r"^[A-Za-z0-9_.-]{20,100}$")
HISTORY_TIMEOUT_SECONDS = 10
SOCKET_PATH = "/socket.io"
HOSTNAME = re.compile(r"^[A-Za-z0-9.:-]{1,253}$")
_names = itertools.count(1)


# ------------------------------------------------------------ configuration


def rasa_public_url(request: Request) -> str:
    """Where the browser reaches Rasa: ``RASA_PUBLIC_URL``, else this host's RASA_PORT."""
    configured = settings().RASA_PUBLIC_URL
    if configured:
        return configured.rstrip("/")
    try:
        host = urlsplit(f"//{request.host}").hostname or "127.0.0.1"
    except ValueError:
        host = "127.0.0.1"
    if not HOSTNAME.match(host):
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{settings().RASA_PORT}"


def socket_origins(rasa_url: str) -> str:
    """The CSP connect-src entries for Rasa (ws:// and http:// forms)."""
    parts = urlsplit(rasa_url)
    ws = "wss" if parts.scheme == "https" else "ws"
    return f"{parts.scheme}://{parts.netloc} {ws}://{parts.netloc}"


def security_headers(request: Request) -> dict[str, str]:
    connect = socket_origins(rasa_public_url(request))
    return {
        "Content-Security-Policy": (
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            f"connect-src 'self' {connect}; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'"
        ),
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


# ------------------------------------------------------------ the page


def clinic_facts() -> dict[str, str]:
    """The clinic facts the page shows, as plain strings (missing ones empty)."""
    try:
        facts = config.clinic() or {}
    except Exception:  # noqa: BLE001 - the page must render without the file
        logger.exception("could not read the clinic's facts")
        facts = {}
    keys = (
        "name",
        "address",
        "phone",
        "email",
        "booking_url",
        "hours",
        "urgent_line",
        "urgent_line_hours",
        "emergency_number",
    )
    out = {k: str(facts.get(k) or "") for k in keys}
    out["name"] = out["name"] or "Our clinic"
    out["emergency_number"] = out["emergency_number"] or "999"
    return out


# Autoescape on for every template, whatever its name; a missing value is an error.
PAGES = Environment(
    loader=FileSystemLoader(str(TEMPLATES)),
    autoescape=True,
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)


def render_page(request: Request) -> str:
    """The demo page (``templates/page.html``), every value escaped by Jinja."""
    facts = clinic_facts()
    booking = facts["booking_url"]
    return PAGES.get_template("page.html").render(
        clinic=facts,
        rasa_url=rasa_public_url(request),
        socket_path=SOCKET_PATH,
        # only a web address becomes a link (no javascript: or data: URLs)
        booking_url=booking if booking.startswith(("https://", "http://")) else "",
    )


# ------------------------------------------------------------ history


async def fetch_tracker(conversation_id: str) -> dict[str, Any] | None:
    """The conversation's tracker since its last restart, or None if unavailable.

    ``conversation_id`` is the session's own conversation (``web-<key>``),
    never a browser's word. Read through ``bot.rasa_gateway`` (Rasa's HTTP API).
    """
    result = await rasa_gateway.get_tracker(
        conversation_id, include_events="AFTER_RESTART", timeout=HISTORY_TIMEOUT_SECONDS
    )
    if not result.ok:
        logger.warning("could not read the history from Rasa: %s", result.error)
        return None
    return result.body if isinstance(result.body, dict) else None


# ------------------------------------------------------------ the app


def create_app(name: str | None = None) -> Sanic:
    app = Sanic(name or f"clinic_widget_{next(_names)}")
    app.config.REQUEST_MAX_SIZE = 64 * 1024
    readers = limits.limiter("RATE_HISTORY_PER_MINUTE", 60, burst_share=1 / 3)

    @app.middleware("response")
    async def add_headers(request: Request, resp: HTTPResponse) -> None:
        for k, v in security_headers(request).items():
            resp.headers.setdefault(k, v)

    @app.get("/")
    async def page(request: Request) -> HTTPResponse:
        return response.html(render_page(request), headers={"Cache-Control": "no-cache"})

    @app.get("/static/<name:path>")
    async def static(request: Request, name: str) -> HTTPResponse:
        if name not in STATIC_FILES:
            return response.json({"error": "not found"}, status=404)
        return response.raw(
            (STATIC / name).read_bytes(),
            content_type=STATIC_FILES[name],
            headers={"Cache-Control": "no-cache"},
        )

    @app.get("/api/history")
    async def history(request: Request) -> HTTPResponse:
        no_store = {"Cache-Control": "no-store"}
        token = request.args.get("session_id") or ""
        if not SESSION_TOKEN.match(token):
            return response.json({"error": "invalid session_id"}, status=400, headers=no_store)
        if not readers.allow(str(request.remote_addr or request.ip or "unknown")):
            return response.json(
                {"error": "too many requests"},
                status=429,
                headers={**no_store, "Retry-After": "60"},
            )
        conversation_id = sessions.conversation_of(token)
        if conversation_id is None:
            return response.json({"error": "unknown session"}, status=403, headers=no_store)
        tracker = await fetch_tracker(conversation_id)
        if tracker is None:
            return response.json(
                {"messages": [], "error": "history unavailable"}, status=502, headers=no_store
            )
        events = tracker.get("events") if isinstance(tracker.get("events"), list) else []
        return response.json({"messages": rasa_gateway.widget_history(events)}, headers=no_store)

    @app.get("/healthz")
    async def health(_: Request) -> HTTPResponse:
        return response.json({"status": "ok"})

    return app


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    host, port = settings().BIND_HOST, settings().WIDGET_PORT
    shown = f"[{host}]" if ":" in host else host
    print(f"Website widget demo page: http://{shown}:{port}/", flush=True)
    create_app("clinic_widget").run(host=host, port=port, access_log=False, workers=1, motd=False)
