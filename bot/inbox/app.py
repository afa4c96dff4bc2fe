"""The staff inbox: where clinic staff take over conversations.

A small Sanic app with server-rendered Jinja pages (autoescaped) and a few
JSON endpoints that the page's own script polls. Every state lives in the
database (``bot.store``) or Rasa (read and written through
``bot.rasa_gateway``), nothing in process memory, so a second replica behind a
load balancer would work the same. Background work (alert retries, the
reconciler, housekeeping) runs in ``python -m bot.worker``, not here.

This module is the app itself: the sign-in gate and CSRF check, the security
headers, error pages, ``/healthz`` and ``/static/*``. The routes are
blueprints, one per resource:

- ``signin``: ``/login``, ``/logout``
- ``queue``: ``/`` (the queue), ``/api/queue``, ``/notifications/<id>/retry``
- ``tickets``: ``/tickets/<id>`` and its actions, ``/api/tickets/<id>/transcript``
- ``prescreens``: ``/prescreens``, ``/prescreens/<id>``
- ``checkin_pages``: ``/checkins`` and its forms
- ``api``: the treatments API under ``/api/v1/`` (bearer token, no session)

What the pages share (templates, forms, cookies) is ``bot.inbox.web``.
"""

from __future__ import annotations

import logging
from urllib.parse import quote

from sanic import Sanic
from sanic.exceptions import SanicException
from sanic.handlers import ErrorHandler
from sanic.request import Request
from sanic.response import HTTPResponse, json, redirect

from bot import escalation, store
from bot.inbox import api, auth, checkin_pages, prescreens, queue, signin, tickets
from bot.inbox.web import (
    MAX_BODY,
    SESSION_COOKIE,
    STATIC,
    db_of,
    error_page,
    form,
    safe_next,
)

log = logging.getLogger("bot.inbox")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
)
ERROR_MESSAGES = {
    400: "The request could not be read.",
    403: "Not allowed.",
    404: "Not found.",
    405: "That method is not allowed here.",
    413: "That is too large.",
}


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
            if not message or len(message) >= 200:
                message = ERROR_MESSAGES.get(status, "The request was refused.")
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
    app.register_middleware(gate, "request")
    app.register_middleware(security_headers, "response")
    app.add_route(healthz, "/healthz", methods=["GET"])
    for blueprint in (signin.bp, queue.bp, tickets.bp, prescreens.bp, checkin_pages.bp):
        app.blueprint(blueprint)
    api.register(app)
    return app


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
            "This form has expired or did not come from the inbox. Reload the page and try again.",
        )
    return None


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


async def healthz(request: Request) -> HTTPResponse:
    try:
        store.open_db().execute("select 1").fetchone()
    except Exception as exc:  # noqa: BLE001
        return json({"ok": False, "error": type(exc).__name__}, status=503)
    problem = escalation.storage_problem()  # a full disk would lose escalations
    if problem:
        return json({"ok": False, "error": problem}, status=503)
    return json({"ok": True})
