"""Signing in and out of the staff inbox: ``GET``/``POST /login``, ``POST /logout``.

The sign-in form carries a double-submit token (a cookie and a hidden field)
because there is no session yet for the inbox's CSRF check; the password
check, its rate limits and the sessions are ``bot.inbox.auth``.
"""

from __future__ import annotations

import asyncio
import secrets

from sanic import Blueprint
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse, redirect

from bot import store
from bot.inbox import auth
from bot.inbox.web import (
    LOGIN_COOKIE,
    SESSION_COOKIE,
    clear_cookie,
    client_ip,
    db_of,
    form,
    me,
    page,
    safe_next,
    set_cookie,
    text_field,
)

bp = Blueprint("inbox_signin")


@bp.get("/login")
async def login_form(request: Request) -> HTTPResponse:
    if request.ctx.session:
        return redirect(safe_next(request.args.get("next")))
    return login_page(request)


@bp.post("/login")
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


@bp.post("/logout")
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
