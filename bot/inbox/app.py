"""The staff inbox: where clinic staff take over conversations.

A small Sanic app with server-rendered Jinja pages (autoescaped) and a few
JSON endpoints that the page's own script polls. Every state lives in the
database (``bot.store``) or Rasa (read and written through
``bot.rasa_gateway``), nothing in process memory, so a second replica behind a
load balancer would work the same. Background work (alert retries, the
reconciler, housekeeping) runs in ``python -m bot.worker``, not here.

Pages: /login, / (queue), /tickets/<id>, /prescreens, /prescreens/<id>;
JSON: /api/queue, /api/tickets/<id>/transcript; /healthz; /static/*.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import secrets
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sanic import Sanic
from sanic.exceptions import SanicException
from sanic.handlers import ErrorHandler
from sanic.request import Request
from sanic.response import HTTPResponse, html, json, redirect

from bot import config, escalation, notify, store
from bot import whatsapp_window as whatsapp_window_rule
from bot.inbox import api, auth, checkin_pages, present, rasa_client
from bot.inbox.transcript import Transcript, channel_of, read_transcript

log = logging.getLogger("bot.inbox")

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
SESSION_COOKIE = "inbox_session"
LOGIN_COOKIE = "inbox_login"
MAX_TEXT = 4000
MAX_BODY = 256 * 1024
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
QUEUE_VIEWS = ("active", "open", "pending", "resolved")
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
)
NOTICES = {
    "reply_sent": "Reply sent to the patient.",
    "reply_template": "Reply sent; outside the WhatsApp window it goes as the approved template.",
    "handed_back": "The conversation is back with the assistant.",
    "note_added": "Note added.",
    "status_changed": "Status changed.",
    "assigned": "Ticket assigned to you.",
    "unassigned": "Ticket unassigned.",
    "resolved": "Ticket resolved.",
    "resolved_handed_back": "Ticket resolved and the conversation handed back to the assistant.",
    "reviewed": "Pre-screen record marked as reviewed.",
    "retrying": "The notification will be tried again within a few seconds.",
    "signed_out": "You are signed out.",
}


def handback_text() -> str:
    """What the patient reads when staff hand the conversation back."""
    return (
        config.secret("INBOX_HANDBACK_TEXT")
        or "Thank you for your patience. You're talking with the clinic's automated "
        "assistant again; if you need a person, just ask."
    )


# ------------------------------------------------------------ templates


def make_env() -> Environment:
    """Jinja with autoescape on for every template, whatever its name."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        when=present.when,
        clock=present.clock,
        age=present.age,
        iso=present.iso,
        sign=present.sign_label,
        priority=present.priority_label,
        status=present.status_label,
        outcome=present.outcome_label,
        channel=present.channel_label,
        question=present.question_label,
        answer=present.answer_text,
        audit=present.audit_text,
        title=present.ticket_title,
    )
    return env


ENV = make_env()


def page(request: Request, template: str, status: int = 200, **ctx: Any) -> HTTPResponse:
    session = getattr(request.ctx, "session", None)
    base = {
        "me": session["username"] if session else None,
        "csrf": session["csrf"] if session else "",
        "clinic_name": present.clinic_name(),
        "path": request.path,
        "notice": NOTICES.get(request.args.get("notice", "")),
        "error": None,
    }
    base.update(ctx)
    return html(ENV.get_template(template).render(**base), status=status)


def error_page(request: Request, status: int, message: str) -> HTTPResponse:
    if request.path.startswith("/api/"):
        return json({"error": message}, status=status)
    return page(request, "error.html", status=status, status_code=status, message=message)


# ------------------------------------------------------------ helpers


def client_ip(request: Request) -> str:
    return str(request.remote_addr or request.ip or "unknown")[:64]


def cookie_secure(request: Request) -> bool:
    """``INBOX_COOKIE_SECURE`` 1/0, or automatic: on when served over https."""
    setting = (os.environ.get("INBOX_COOKIE_SECURE") or "auto").lower()
    if setting in ("1", "true", "yes", "on"):
        return True
    if setting in ("0", "false", "no", "off"):
        return False
    return request.scheme == "https" or notify.inbox_url().startswith("https://")


def set_cookie(
    request: Request, response: HTTPResponse, name: str, value: str, max_age: int
) -> None:
    response.cookies[name] = value
    cookie = response.cookies[name]
    cookie["path"] = "/"
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["max-age"] = max_age
    if cookie_secure(request):
        cookie["secure"] = True


def clear_cookie(request: Request, response: HTTPResponse, name: str) -> None:
    set_cookie(request, response, name, "", 0)


def safe_next(value: str | None) -> str:
    """A local path to go back to after sign-in; anything else is ``/``."""
    if (
        not value
        or not value.startswith("/")
        or value.startswith("//")
        or value.startswith("/\\")
        or len(value) > 500
        or any(c in value for c in "\r\n\t")
    ):
        return "/"
    return value


def form(request: Request) -> dict[str, str]:
    """The urlencoded/multipart fields as a plain dict (first value of each)."""
    try:
        fields = request.form or {}
    except Exception:  # noqa: BLE001 - a malformed body is a bad request
        raise SanicException("The form could not be read.", status_code=400) from None
    return {k: (v[0] if isinstance(v, list) and v else v) for k, v in fields.items()}


def text_field(fields: dict[str, str], name: str) -> str:
    return str(fields.get(name) or "").replace("\x00", "").strip()


def db_of(request: Request):
    db = getattr(request.ctx, "db", None)
    if db is None:
        db = request.ctx.db = store.open_db()
    return db


def me(request: Request) -> str:
    return request.ctx.session["username"]


def load_ticket(request: Request, ticket_id: str) -> dict[str, Any]:
    if not ID_RE.match(ticket_id):
        raise SanicException("There is no such ticket.", status_code=404)
    ticket = store.get_ticket(ticket_id, db=db_of(request))
    if ticket is None:
        raise SanicException("There is no such ticket.", status_code=404)
    return ticket


def back_to(ticket_id: str, notice: str) -> HTTPResponse:
    return redirect(f"/tickets/{quote(ticket_id)}?notice={notice}", status=303)


# ------------------------------------------------------------ WhatsApp window


def whatsapp_window(
    ticket: dict[str, Any],
    contact: dict[str, Any] | None,
    transcript: Transcript,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Whether free text can still reach a WhatsApp patient (``bot.whatsapp_window``).

    Returns ``{"applies", "closed", "template", "last_inbound"}``; ``closed``
    with no ``template`` means a reply cannot be sent.
    """
    channel = str((contact or {}).get("channel") or ticket.get("channel") or "")
    setting = whatsapp_window_rule.TEMPLATE_SETTINGS.get(channel)
    if setting is None:
        return {
            "applies": False,
            "closed": False,
            "template": None,
            "last_inbound": None,
            "setting": None,
        }
    last = whatsapp_window_rule.parse_time((contact or {}).get("last_inbound_at"))
    closed = not whatsapp_window_rule.is_open(last, now)
    return {
        "applies": True,
        "closed": closed,
        "template": config.secret(setting) if closed else None,
        "last_inbound": last.isoformat(timespec="seconds") if last else None,
        "setting": setting,
    }


# ------------------------------------------------------------ page data


def queue_data(db, view: str) -> dict[str, Any]:
    tickets = store.list_tickets(None if view == "active" else view, limit=500, db=db)
    counts = store.ticket_counts(db=db)
    counts["active"] = counts.get("open", 0) + counts.get("pending", 0)
    return {
        "tickets": tickets,
        "counts": counts,
        "view": view,
        "failed": store.failed_notifications(unresolved_only=True, db=db),
    }


async def ticket_data(request: Request, ticket: dict[str, Any]) -> dict[str, Any]:
    db = db_of(request)
    cid = ticket["conversation_id"]
    transcript = await read_transcript(cid)
    contact = store.contact(cid, db=db)
    channel = (contact or {}).get("channel") or ticket.get("channel") or channel_of(transcript)
    return {
        "ticket": ticket,
        "transcript": transcript,
        "channel": channel,
        "prescreens": store.prescreens_for(cid, db=db),
        "notes": store.notes(ticket["id"], db=db),
        "audit": store.audit_log(ticket["id"], db=db),
        "notifications": store.notifications_for(ticket["id"], db=db),
        "window": whatsapp_window(ticket, contact, transcript),
        "checkins": await asyncio.to_thread(checkin_pages.panel, cid, channel),
        "draft": "",
        "statuses": store.TICKET_STATUSES,
    }


async def ticket_page(
    request: Request,
    ticket: dict[str, Any],
    status: int = 200,
    error: str | None = None,
    draft: str = "",
) -> HTTPResponse:
    data = await ticket_data(request, ticket)
    data.update(error=error, draft=draft)
    return page(request, "ticket.html", status=status, **data)


# ------------------------------------------------------------ the app


def signed_in(request: Request) -> bool:
    """For errors raised before the gate ran (e.g. an unknown path)."""
    if getattr(request.ctx, "session", None):
        return True
    token = request.cookies.get(SESSION_COOKIE)
    try:
        request.ctx.session = auth.load_session(token) if token else None
    except Exception:  # noqa: BLE001
        return False
    return request.ctx.session is not None


class InboxErrorHandler(ErrorHandler):
    """Every error as a small page (JSON under /api/), never a stack trace."""

    def default(self, request: Request, exception: Exception) -> HTTPResponse:
        status = (
            getattr(exception, "status_code", 500) if isinstance(exception, SanicException) else 500
        )
        if status >= 500:
            log.error(
                "error on %s %s",
                request.method if request else "?",
                request.path if request else "?",
                exc_info=exception,
            )
            message = "Something went wrong on our side. The error has been logged."
        else:
            message = str(exception) if isinstance(exception, SanicException) else ""
            message = (
                message
                if message and len(message) < 200
                else {
                    400: "The request could not be read.",
                    403: "Not allowed.",
                    404: "Not found.",
                    405: "That method is not allowed here.",
                    413: "That is too large.",
                }.get(status, "The request was refused.")
            )
        try:
            if (
                status in (404, 405)
                and not signed_in(request)
                and not request.path.startswith(api.PREFIX)
            ):
                return redirect("/login")  # unknown paths reveal nothing either
            return error_page(request, status, message)
        except Exception:  # noqa: BLE001 - last resort, plain text
            return HTTPResponse(message, status=status, content_type="text/plain")


_APPS = 0


def create_app(name: str = "clinic_inbox") -> Sanic:
    global _APPS
    _APPS += 1  # Sanic keeps a registry of app names: one per app in a process
    app = Sanic(
        name if _APPS == 1 else f"{name}_{_APPS}",
        error_handler=InboxErrorHandler(),
        configure_logging=False,
    )
    app.config.REQUEST_MAX_SIZE = MAX_BODY
    app.config.FALLBACK_ERROR_FORMAT = "html"
    app.static("/static", str(STATIC), name="static")
    register_hooks(app)
    register_auth_routes(app)
    register_queue_routes(app)
    register_ticket_routes(app)
    register_prescreen_routes(app)
    api.register(app)
    checkin_pages.register(app)
    return app


def register_hooks(app: Sanic) -> None:
    @app.middleware("request")
    async def gate(request: Request) -> HTTPResponse | None:
        """Sign-in required everywhere but /login, /healthz and /static; CSRF on POST."""
        request.ctx.session = None
        path = request.path
        if path.startswith(("/static/", api.PREFIX)) or path == "/healthz":
            return None  # the treatments API checks its own bearer token
        length = request.headers.get("content-length") or ""
        if length.isdigit() and int(length) > MAX_BODY:
            # Sanic runs this middleware for errors too: answer 413 before anything else
            return error_page(request, 413, "That is too large for the inbox.")
        token = request.cookies.get(SESSION_COOKIE)
        session = auth.load_session(token, db=db_of(request)) if token else None
        request.ctx.session = session
        if path == "/login":
            return None
        if session is None:
            if path.startswith("/api/"):
                return json({"error": "signed out"}, status=401)
            target = path + (f"?{request.query_string}" if request.query_string else "")
            if request.method == "GET" and path != "/":
                return redirect(f"/login?next={quote(safe_next(target))}")
            return redirect("/login", status=303)
        if request.method == "POST" and not auth.csrf_ok(session, form(request).get("csrf")):
            return error_page(
                request,
                403,
                "This form has expired or did not come from "
                "the inbox. Reload the page and try again.",
            )
        return None

    @app.middleware("response")
    async def security_headers(request: Request, response: HTTPResponse) -> None:
        headers = response.headers
        headers["Content-Security-Policy"] = CSP
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "no-referrer"
        headers["X-Frame-Options"] = "DENY"
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        if not request.path.startswith("/static/"):
            headers["Cache-Control"] = "no-store"
        db = getattr(request.ctx, "db", None)
        if db is not None:
            db.conn.close()
            request.ctx.db = None

    @app.get("/healthz")
    async def healthz(request: Request) -> HTTPResponse:
        try:
            store.open_db().execute("select 1").fetchone()
        except Exception as exc:  # noqa: BLE001
            return json({"ok": False, "error": type(exc).__name__}, status=503)
        problem = escalation.storage_problem()  # a full disk would lose escalations
        if problem:
            return json({"ok": False, "error": problem}, status=503)
        return json({"ok": True})


def register_auth_routes(app: Sanic) -> None:
    @app.get("/login")
    async def login_form(request: Request) -> HTTPResponse:
        if request.ctx.session:
            return redirect(safe_next(request.args.get("next")))
        return login_page(request)

    @app.post("/login")
    async def login(request: Request) -> HTTPResponse:
        fields = form(request)
        sent, kept = fields.get("csrf") or "", request.cookies.get(LOGIN_COOKIE) or ""
        if not sent or not kept or not secrets.compare_digest(sent.encode(), kept.encode()):
            return login_page(request, 403, "The sign-in form expired. Please try again.")
        username = text_field(fields, "username")[:64]
        password = str(fields.get("password") or "")
        if not username or not password:
            return login_page(request, 400, "Enter your account name and password.", username)
        loop = asyncio.get_running_loop()
        result = await loop.run_in_executor(
            None, auth.check_login, username, password, client_ip(request)
        )
        if result.reason == "rate_limited":
            return login_page(
                request,
                429,
                "Too many failed sign-ins. Wait 15 minutes and try again, or ask an administrator.",
                username,
            )
        if not result.ok:
            return login_page(request, 401, "Wrong account name or password.", username)
        session = auth.start_session(result.username, db=db_of(request))
        response = redirect(safe_next(fields.get("next")), status=303)
        set_cookie(request, response, SESSION_COOKIE, session["token"], auth.session_hours() * 3600)
        clear_cookie(request, response, LOGIN_COOKIE)
        return response

    @app.post("/logout")
    async def logout(request: Request) -> HTTPResponse:
        auth.end_session(request.cookies.get(SESSION_COOKIE), db=db_of(request))
        store.audit(me(request), "logout", db=db_of(request))
        response = redirect("/login?notice=signed_out", status=303)
        clear_cookie(request, response, SESSION_COOKIE)
        return response


def login_page(
    request: Request, status: int = 200, error: str | None = None, username: str = ""
) -> HTTPResponse:
    """The sign-in form with a fresh double-submit token (cookie + hidden field)."""
    token = secrets.token_urlsafe(24)
    response = page(
        request,
        "login.html",
        status=status,
        error=error,
        login_csrf=token,
        username=username,
        next=safe_next(request.args.get("next") or form_next(request)),
    )
    set_cookie(request, response, LOGIN_COOKIE, token, 3600)
    return response


def form_next(request: Request) -> str | None:
    if request.method != "POST":
        return None
    try:
        return form(request).get("next")
    except SanicException:
        return None


def register_queue_routes(app: Sanic) -> None:
    @app.get("/")
    async def queue(request: Request) -> HTTPResponse:
        view = request.args.get("status", "active")
        view = view if view in QUEUE_VIEWS else "active"
        return page(request, "queue.html", **queue_data(db_of(request), view))

    @app.get("/api/queue")
    async def queue_json(request: Request) -> HTTPResponse:
        view = request.args.get("status", "active")
        view = view if view in QUEUE_VIEWS else "active"
        data = queue_data(db_of(request), view)
        ctx = {"csrf": request.ctx.session["csrf"], "me": me(request), **data}
        return json(
            {
                "rows": ENV.get_template("_queue_rows.html").render(**ctx),
                "failed": ENV.get_template("_failed.html").render(**ctx),
                "counts": data["counts"],
                "ids": [t["id"] for t in data["tickets"]],
                "emergencies": [
                    t["id"]
                    for t in data["tickets"]
                    if t["priority"] == "emergency" and t["status"] == "open"
                ],
            }
        )

    @app.post("/notifications/<nid:int>/retry")
    async def retry(request: Request, nid: int) -> HTTPResponse:
        if not 0 < nid < 2**63:  # SQLite's integer range: bigger ids are no one's
            raise SanicException("There is no such notification.", status_code=404)
        store.retry_notification(nid, me(request), db=db_of(request))
        back = safe_next(form(request).get("back"))
        sep = "&" if "?" in back else "?"
        return redirect(f"{back}{sep}notice=retrying", status=303)


def register_ticket_routes(app: Sanic) -> None:
    @app.get("/tickets/<ticket_id>")
    async def ticket_view(request: Request, ticket_id: str) -> HTTPResponse:
        ticket = load_ticket(request, ticket_id)
        if not store.audited_recently(
            me(request), "ticket_viewed", ticket_id, 900, db=db_of(request)
        ):
            store.audit(me(request), "ticket_viewed", ticket_id=ticket_id, db=db_of(request))
        return await ticket_page(request, ticket)

    @app.get("/api/tickets/<ticket_id>/transcript")
    async def transcript_json(request: Request, ticket_id: str) -> HTTPResponse:
        ticket = load_ticket(request, ticket_id)
        transcript = await read_transcript(ticket["conversation_id"])
        return json(
            {
                "last_id": transcript.last_id,
                "html": ENV.get_template("_transcript.html").render(
                    transcript=transcript, ticket=ticket
                ),
            }
        )

    @app.post("/tickets/<ticket_id>/reply")
    async def reply(request: Request, ticket_id: str) -> HTTPResponse:
        ticket = load_ticket(request, ticket_id)
        text = text_field(form(request), "text")
        if not text:
            return await ticket_page(request, ticket, 400, "Write a reply first.")
        if len(text) > MAX_TEXT:
            return await ticket_page(
                request,
                ticket,
                400,
                f"A reply can have at most {MAX_TEXT} characters; this one has {len(text)}.",
                draft=text[:MAX_TEXT],
            )
        data = await ticket_data(request, ticket)
        window = data["window"]
        if window["closed"] and not window["template"]:
            store.audit(me(request), "reply_blocked", ticket_id=ticket_id, db=db_of(request))
            return await ticket_page(
                request,
                ticket,
                409,
                "The patient cannot be reached with free text on "
                "WhatsApp outside the 24-hour window.",
                draft=text,
            )
        result = await rasa_client.send_staff_reply(
            ticket["conversation_id"], text, me(request), channel=data["channel"]
        )
        if not result.ok:
            store.audit(
                me(request),
                "reply_failed",
                ticket_id=ticket_id,
                detail={"status": result.status},
                db=db_of(request),
            )
            return await ticket_page(request, ticket, 502, result.error, draft=text)
        store.audit(
            me(request),
            "reply_sent",
            ticket_id=ticket_id,
            detail={"chars": len(text), "template": window["template"]},
            db=db_of(request),
        )
        if not ticket.get("assigned_to"):
            store.update_ticket(ticket_id, me(request), assigned_to=me(request), db=db_of(request))
        return back_to(ticket_id, "reply_template" if window["template"] else "reply_sent")

    @app.post("/tickets/<ticket_id>/handback")
    async def handback(request: Request, ticket_id: str) -> HTTPResponse:
        ticket = load_ticket(request, ticket_id)
        result = await do_handback(request, ticket)
        if not result.ok:
            return await ticket_page(request, ticket, 502, result.error)
        return back_to(ticket_id, "handed_back")

    @app.post("/tickets/<ticket_id>/resolve")
    async def resolve(request: Request, ticket_id: str) -> HTTPResponse:
        ticket = load_ticket(request, ticket_id)
        also_handback = form(request).get("handback") == "1"
        if also_handback:
            result = await do_handback(request, ticket)
            if not result.ok:
                return await ticket_page(
                    request, ticket, 502, result.error + " The ticket was not resolved."
                )
        store.update_ticket(ticket_id, me(request), status="resolved", db=db_of(request))
        return back_to(ticket_id, "resolved_handed_back" if also_handback else "resolved")

    @app.post("/tickets/<ticket_id>/status")
    async def set_status(request: Request, ticket_id: str) -> HTTPResponse:
        ticket = load_ticket(request, ticket_id)
        status = form(request).get("status")
        if status not in store.TICKET_STATUSES:
            return await ticket_page(request, ticket, 400, "Choose open, pending or resolved.")
        if status != ticket["status"]:
            store.update_ticket(ticket_id, me(request), status=status, db=db_of(request))
        return back_to(ticket_id, "status_changed")

    @app.post("/tickets/<ticket_id>/assign")
    async def assign(request: Request, ticket_id: str) -> HTTPResponse:
        load_ticket(request, ticket_id)
        fields = form(request)
        to = "" if fields.get("to") == "none" else me(request)
        store.update_ticket(ticket_id, me(request), assigned_to=to, db=db_of(request))
        if fields.get("back") == "queue":
            return redirect("/?notice=" + ("assigned" if to else "unassigned"), status=303)
        return back_to(ticket_id, "assigned" if to else "unassigned")

    @app.post("/tickets/<ticket_id>/notes")
    async def add_note(request: Request, ticket_id: str) -> HTTPResponse:
        ticket = load_ticket(request, ticket_id)
        text = text_field(form(request), "text")
        if not text:
            return await ticket_page(request, ticket, 400, "Write the note first.")
        if len(text) > MAX_TEXT:
            return await ticket_page(
                request, ticket, 400, f"A note can have at most {MAX_TEXT} characters."
            )
        store.add_note(ticket_id, me(request), text, db=db_of(request))
        return back_to(ticket_id, "note_added")


async def do_handback(request: Request, ticket: dict[str, Any]) -> rasa_client.RasaResult:
    """Clear ``handoff_active`` and tell the patient the assistant is back."""
    result = await rasa_client.hand_back(
        ticket["conversation_id"], handback_text(), channel=ticket.get("channel")
    )
    store.audit(
        me(request),
        "handed_back" if result.ok else "handback_failed",
        ticket_id=ticket["id"],
        detail=None if result.ok else {"status": result.status},
        db=db_of(request),
    )
    return result


def register_prescreen_routes(app: Sanic) -> None:
    @app.get("/prescreens")
    async def prescreens(request: Request) -> HTTPResponse:
        records = store.list_prescreens(db=db_of(request))
        return page(request, "prescreens.html", records=records)

    @app.get("/prescreens/<record_id>")
    async def prescreen(request: Request, record_id: str) -> HTTPResponse:
        record = (
            store.get_prescreen(record_id, db=db_of(request)) if ID_RE.match(record_id) else None
        )
        if record is None:
            raise SanicException("There is no such pre-screen record.", status_code=404)
        ticket = store.open_ticket_for(record["conversation_id"], db=db_of(request))
        return page(request, "prescreen.html", record=record, ticket=ticket)

    @app.post("/prescreens/<record_id>/reviewed")
    async def reviewed(request: Request, record_id: str) -> HTTPResponse:
        record = (
            store.get_prescreen(record_id, db=db_of(request)) if ID_RE.match(record_id) else None
        )
        if record is None:
            raise SanicException("There is no such pre-screen record.", status_code=404)
        if not record.get("reviewed_at"):
            store.mark_reviewed(record_id, me(request), db=db_of(request))
        return redirect(f"/prescreens/{quote(record_id)}?notice=reviewed", status=303)
