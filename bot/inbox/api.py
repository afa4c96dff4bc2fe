"""The treatments API on the inbox (CONTRACT.md, "Treatments and aftercare check-ins").

For staff tools and booking systems: ``POST /api/v1/treatments`` records a
treatment and schedules its check-ins; ``GET /api/v1/treatments/<id>`` shows
them with their status. On only when ``INBOX_API_TOKEN`` is set (else 404
with the reason); every call needs ``Authorization: Bearer <token>``,
compared in constant time (401 without it or with a wrong one).

Answers are JSON. Bad input is a 400 with ``{"error": <one sentence>}``:
malformed or non-object JSON, an unknown field or channel, a time without an
offset, an empty or oversized body, a sender id that is not an address on
its channel. Nothing here raises past the route: an unexpected error is a
503 "try again", never a 500 page. The work itself is ``bot.checkins``;
these functions only translate HTTP, so tests call them with a moved clock.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import re
from typing import Any

from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse
from sanic.response import json as json_response

from bot import checkins
from bot.channels import ids
from bot.checkins import Clock, InvalidRequest, SystemClock
from bot.settings import settings

log = logging.getLogger("bot.inbox.api")

PREFIX = "/api/v1/"
MAX_BODY_BYTES = 16 * 1024
TREATMENT_ID = re.compile(r"^TR-[0-9A-F]{10}$")
Answer = tuple[int, dict[str, Any]]


def api_token() -> str | None:
    return settings().INBOX_API_TOKEN or None


def check_auth(header: str | None, token: str | None) -> Answer | None:
    """None when the call may go on; else the answer (404 API off, 401 no or wrong token)."""
    if not token:
        return 404, {"error": "The treatments API is off: set INBOX_API_TOKEN to turn it on."}
    expected = f"Bearer {token}".encode()
    given = (header or "").strip().encode("utf-8", "surrogateescape")
    if not hmac.compare_digest(given, expected):
        reason = "a wrong" if header else "no"
        return 401, {
            "error": f"The request has {reason} bearer token (Authorization: "
            "Bearer <INBOX_API_TOKEN>)."
        }
    return None


def parse_body(raw: bytes | None) -> Any:
    """The JSON body; InvalidRequest when it is empty, too large or not JSON."""
    if not raw or not raw.strip():
        raise InvalidRequest(
            "The body is empty; send a JSON object with sender_id, channel, "
            "treated_at and treatment."
        )
    if len(raw) > MAX_BODY_BYTES:
        raise InvalidRequest(
            f"The body has {len(raw)} bytes; at most {MAX_BODY_BYTES} are accepted."
        )
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise InvalidRequest("The body is not valid JSON (UTF-8).") from None


def conversation_for(body: dict[str, Any]) -> str:
    """The conversation a (checked) request's check-ins go to: the channel's own id."""
    channel, sender = body["channel"], body["sender_id"]
    conversation = ids.for_address(channel, sender)
    if conversation is None:
        if channel == "socketio":
            raise InvalidRequest(
                "For the widget (socketio) sender_id must be the "
                "conversation id shown in the inbox (web-...)."
            )
        raise InvalidRequest(
            f"sender_id is not an address on {channel} (e.g. a chat id "
            "for telegram, a phone number for WhatsApp; a REST sender "
            "may not use another channel's prefix)."
        )
    return conversation


def post_treatment(raw: bytes | None, clock: Clock, actor: str = "api", db: Any = None) -> Answer:
    """``POST /api/v1/treatments`` without HTTP: (status, JSON body)."""
    try:
        body = parse_body(raw)
        request = checkins.validate(body, clock.now(), checkins.settings())
        conversation = conversation_for(
            {"channel": request.channel, "sender_id": request.sender_id}
        )
        stored = checkins.register(request, clock, actor=actor, conversation_id=conversation, db=db)
    except InvalidRequest as exc:
        return 400, {"error": exc.reason}
    return (201 if stored.get("created") else 200), checkins.contract_view(stored)


def get_treatment(treatment_id: str, db: Any = None) -> Answer:
    """``GET /api/v1/treatments/<id>`` without HTTP."""
    found = (
        checkins.get_treatment(treatment_id, db=db)
        if TREATMENT_ID.match(treatment_id or "")
        else None
    )
    if found is None:
        return 404, {"error": "There is no treatment with this id."}
    return 200, checkins.contract_view(found)


def register(app: Sanic, clock: Clock | None = None) -> None:
    """Add the routes to the inbox app (the inbox's sign-in gate lets ``PREFIX`` through)."""
    clock = clock or SystemClock()

    async def answer(request: Request, work: Any, *args: Any) -> HTTPResponse:
        refused = check_auth(request.headers.get("authorization"), api_token())
        if refused:
            return json_response(refused[1], status=refused[0])
        try:
            loop = asyncio.get_running_loop()
            status, body = await loop.run_in_executor(None, work, *args)
        except Exception:  # noqa: BLE001 - never a 500 page; the log says why
            log.exception("treatments API call failed")
            status, body = (
                503,
                {
                    "error": "The check-ins could not be stored or read just "
                    "now; nothing was changed. Try again."
                },
            )
        return json_response(body, status=status)

    @app.post("/api/v1/treatments")
    async def create(request: Request) -> HTTPResponse:
        return await answer(request, post_treatment, request.body, clock)

    @app.get("/api/v1/treatments/<treatment_id>")
    async def show(request: Request, treatment_id: str) -> HTTPResponse:
        return await answer(request, get_treatment, treatment_id)
