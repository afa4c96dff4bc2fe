"""What every page of the staff inbox shares: templates, forms, cookies, the request's database.

The blueprints (``signin``, ``queue``, ``tickets``, ``prescreens``,
``checkin_pages``) build their answers with these; ``app`` puts them together.
Jinja autoescapes every template, whatever its name.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse, html, json, redirect

from bot import notify, store
from bot.inbox import present
from bot.settings import settings

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
SESSION_COOKIE = "inbox_session"
LOGIN_COOKIE = "inbox_login"
MAX_TEXT = 4000
MAX_BODY = 256 * 1024
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
#: ``?notice=<key>`` on a page shows this line at its top.
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
    "checkins_recorded": "Treatment recorded: the check-ins are scheduled.",
    "checkins_already": "This treatment was already recorded.",
    "checkins_cancelled": "Cancelled.",
    "checkins_retrying": "The check-in will be sent again within a minute.",
}


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
    # the filters are bot.inbox.present's functions: times by their name, labels as
    # ``|sign`` for ``sign_label``, and three texts
    env.filters.update({name: getattr(present, name) for name in ("when", "clock", "age", "iso")})
    labels = ("sign", "priority", "status", "outcome", "channel", "question")
    env.filters.update({name: getattr(present, f"{name}_label") for name in labels})
    env.filters.update(
        answer=present.answer_text, audit=present.audit_text, title=present.ticket_title
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


def go_back(target: str | None, notice: str) -> HTTPResponse:
    """303 to a local path (``safe_next``) with ``?notice=`` (or ``&notice=``) added."""
    back = safe_next(target)
    sep = "&" if "?" in back else "?"
    return redirect(f"{back}{sep}notice={quote(notice)}", status=303)


# ------------------------------------------------------------ requests


def client_ip(request: Request) -> str:
    return str(request.remote_addr or request.ip or "unknown")[:64]


def cookie_secure(request: Request) -> bool:
    """``INBOX_COOKIE_SECURE`` 1/0, or automatic: on when served over https."""
    setting = settings().INBOX_COOKIE_SECURE.lower()
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


def db_of(request: Request) -> Any:
    """The request's connection to ``clinic.db`` (opened once, closed with the response)."""
    db = getattr(request.ctx, "db", None)
    if db is None:
        db = request.ctx.db = store.open_db()
    return db


def me(request: Request) -> str:
    """The signed-in staff account (the gate has checked there is one)."""
    return str(request.ctx.session["username"])
