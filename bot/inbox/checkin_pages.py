"""Aftercare check-ins in the staff inbox.

- On a ticket page: the patient's treatments and check-ins with their status,
  a form to record a treatment, cancel buttons (``panel``, shown by
  ``templates/_checkins.html``).
- ``GET /checkins``: what needs a person: sent check-ins with no reply by the
  next one (or the reply window), and check-ins that failed ("could not be
  delivered ...").
- ``GET /checkins/patient?conversation=<id>``: one patient's check-ins.
- ``POST /checkins/record``, ``/checkins/cancel``, ``/checkins/retry``: forms
  (signed in, CSRF checked by the inbox's gate; the conversation id travels in
  fields and query strings, never in a path, where Sanic would not unescape it).
  Their notices (``checkins_*``) are in ``bot.inbox.web.NOTICES``.

Everything shown is escaped by the templates (autoescape). The work is
``bot.checkins``; staff actions are audited there with the staff account.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any
from urllib.parse import quote

from sanic import Blueprint
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import checkins
from bot.channels import ids
from bot.checkins import InvalidRequest
from bot.inbox import web

# Rasa channel name (``ids.channel_of``) -> the contract's channel name
CONTRACT_CHANNEL = {"whatsapp": "whatsapp_cloud"}


def channel_for(conversation_id: str, known: str | None = None) -> str:
    """The contract's channel of a conversation (its id's namespace; else REST)."""
    rasa_name = ids.channel_of(conversation_id) or known or "rest"
    name = CONTRACT_CHANNEL.get(rasa_name, rasa_name)
    return name if name in checkins.CHANNELS else "rest"


def panel(conversation_id: str, channel: str | None = None) -> dict[str, Any]:
    """What the check-in card of a ticket page shows."""
    settings = checkins.settings()
    return {
        "conversation_id": conversation_id,
        "channel": channel_for(conversation_id, channel),
        "treatments": checkins.treatments_for(conversation_id),
        "choices": list(settings.spec.registration.treatments),
        "timezone": settings.tz.key,
    }


def parse_local(value: str, settings: Any) -> datetime:
    """A ``datetime-local`` field (clinic time) as an aware time; InvalidRequest if not one."""
    try:
        naive = datetime.fromisoformat(value.strip())
    except ValueError:
        raise InvalidRequest("Enter the date and time of the treatment.") from None
    if naive.tzinfo is not None:
        return naive
    return naive.replace(tzinfo=settings.tz)


def record(conversation_id: str, fields: dict[str, str], actor: str) -> dict[str, Any]:
    """Record a treatment from the form (InvalidRequest with a sentence for staff)."""
    settings = checkins.settings()
    if not isinstance(conversation_id, str) or not ids.SAFE_ID.match(conversation_id):
        raise InvalidRequest("This conversation cannot have check-ins.")
    treated = parse_local(str(fields.get("treated_at") or ""), settings)
    body = {
        "sender_id": conversation_id,
        "channel": channel_for(conversation_id, fields.get("channel")),
        "treated_at": treated.isoformat(),
        "treatment": str(fields.get("treatment") or ""),
    }
    return checkins.register(body, actor=actor, conversation_id=conversation_id)


def _int(value: Any) -> int | None:
    text = str(value or "")
    return int(text) if text.isdigit() and len(text) < 18 else None


bp = Blueprint("inbox_checkins")


def back(fields: dict[str, str], notice: str) -> HTTPResponse:
    return web.go_back(fields.get("back"), f"checkins_{notice}")


async def in_thread(fn: Any, *args: Any, **kw: Any) -> Any:
    return await asyncio.to_thread(fn, *args, **kw)


@bp.get("/checkins")
async def overview(request: Request) -> HTTPResponse:
    overdue = await in_thread(checkins.overdue_unanswered)
    failed = await in_thread(_failed)
    return web.page(request, "checkins.html", overdue=overdue, failed=failed)


@bp.get("/checkins/patient")
async def patient(request: Request) -> HTTPResponse:
    cid = request.args.get("conversation") or ""
    if not ids.SAFE_ID.match(cid):
        raise SanicException("There is no such conversation.", status_code=404)
    data = await in_thread(panel, cid)
    return web.page(
        request,
        "checkins_patient.html",
        checkins=data,
        back=request.path + "?conversation=" + quote(cid, safe=""),
    )


@bp.post("/checkins/record")
async def record_treatment(request: Request) -> HTTPResponse:
    fields = web.form(request)
    try:
        stored = await in_thread(record, fields.get("conversation") or "", fields, web.me(request))
    except InvalidRequest as exc:
        data = (
            await in_thread(panel, fields.get("conversation") or "")
            if ids.SAFE_ID.match(fields.get("conversation") or "")
            else None
        )
        if data is None:
            raise SanicException(exc.reason, status_code=400) from None
        return web.page(
            request,
            "checkins_patient.html",
            status=400,
            error=exc.reason,
            checkins=data,
            back=web.safe_next(fields.get("back")),
        )
    return back(fields, "recorded" if stored.get("created") else "already")


@bp.post("/checkins/cancel")
async def cancel(request: Request) -> HTTPResponse:
    fields = web.form(request)
    who = web.me(request)
    checkin_id, treatment_id = _int(fields.get("checkin")), fields.get("treatment")
    if checkin_id is not None:
        await in_thread(checkins.cancel, who, checkin_id=checkin_id)
    elif treatment_id:
        await in_thread(checkins.cancel, who, treatment_id=str(treatment_id)[:40])
    else:
        raise SanicException("Nothing to cancel.", status_code=400)
    return back(fields, "cancelled")


@bp.post("/checkins/retry")
async def retry(request: Request) -> HTTPResponse:
    fields = web.form(request)
    checkin_id = _int(fields.get("checkin"))
    if checkin_id is None:
        raise SanicException("Nothing to send again.", status_code=400)
    await in_thread(checkins.retry_failed, checkin_id, web.me(request))
    return back(fields, "retrying")


def _failed() -> list[dict[str, Any]]:
    db = checkins.open_db()
    try:
        return checkins.store.checkins_with_status(db, "failed")
    finally:
        db.conn.close()
