"""One ticket: ``GET /tickets/<id>``, its transcript as JSON for the page's script,
and the staff's actions on it (reply, hand back, resolve, status, assign, notes).

A reply to a WhatsApp patient is checked against the 24-hour window first
(``whatsapp_window``, which asks ``bot.whatsapp_window``): staff see before
they type whether free text can still reach the patient.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any
from urllib.parse import quote

from sanic import Blueprint
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse, json, redirect

from bot import store
from bot import whatsapp_window as whatsapp_window_rule
from bot.inbox import checkin_pages, rasa_client
from bot.inbox.transcript import Transcript, channel_of, read_transcript
from bot.inbox.web import ENV, ID_RE, MAX_TEXT, db_of, form, me, page, text_field
from bot.settings import setting as setting_value
from bot.settings import settings

bp = Blueprint("inbox_tickets")


def handback_text() -> str:
    """What the patient reads when staff hand the conversation back."""
    return (
        settings().INBOX_HANDBACK_TEXT
        or "Thank you for your patience. You're talking with the clinic's automated "
        "assistant again; if you need a person, just ask."
    )


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
        "template": setting_value(setting) if closed else None,
        "last_inbound": last.isoformat(timespec="seconds") if last else None,
        "setting": setting,
    }


def load_ticket(request: Request, ticket_id: str) -> dict[str, Any]:
    ticket = store.get_ticket(ticket_id, db=db_of(request)) if ID_RE.match(ticket_id) else None
    if ticket is None:
        raise SanicException("There is no such ticket.", status_code=404)
    return ticket


def back_to(ticket_id: str, notice: str) -> HTTPResponse:
    return redirect(f"/tickets/{quote(ticket_id)}?notice={notice}", status=303)


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


def refusal(text: str, when_empty: str, what: str) -> str | None:
    """Why a reply or note cannot be kept (empty, or over ``MAX_TEXT``); None when it can."""
    if not text:
        return when_empty
    if len(text) > MAX_TEXT:
        return f"A {what} can have at most {MAX_TEXT} characters; this one has {len(text)}."
    return None


@bp.get("/tickets/<ticket_id>")
async def ticket_view(request: Request, ticket_id: str) -> HTTPResponse:
    ticket = load_ticket(request, ticket_id)
    if not store.audited_recently(me(request), "ticket_viewed", ticket_id, 900, db=db_of(request)):
        store.audit(me(request), "ticket_viewed", ticket_id=ticket_id, db=db_of(request))
    return await ticket_page(request, ticket)


@bp.get("/api/tickets/<ticket_id>/transcript")
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


@bp.post("/tickets/<ticket_id>/reply")
async def reply(request: Request, ticket_id: str) -> HTTPResponse:
    ticket = load_ticket(request, ticket_id)
    text = text_field(form(request), "text")
    problem = refusal(text, "Write a reply first.", "reply")
    if problem:
        return await ticket_page(request, ticket, 400, problem, draft=text[:MAX_TEXT])
    data = await ticket_data(request, ticket)
    window = data["window"]
    if window["closed"] and not window["template"]:
        store.audit(me(request), "reply_blocked", ticket_id=ticket_id, db=db_of(request))
        return await ticket_page(
            request,
            ticket,
            409,
            "The patient cannot be reached with free text on WhatsApp outside the 24-hour window.",
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


@bp.post("/tickets/<ticket_id>/handback")
async def handback(request: Request, ticket_id: str) -> HTTPResponse:
    ticket = load_ticket(request, ticket_id)
    result = await do_handback(request, ticket)
    if not result.ok:
        return await ticket_page(request, ticket, 502, result.error)
    return back_to(ticket_id, "handed_back")


@bp.post("/tickets/<ticket_id>/resolve")
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


@bp.post("/tickets/<ticket_id>/status")
async def set_status(request: Request, ticket_id: str) -> HTTPResponse:
    ticket = load_ticket(request, ticket_id)
    status = form(request).get("status")
    if status not in store.TICKET_STATUSES:
        return await ticket_page(request, ticket, 400, "Choose open, pending or resolved.")
    if status != ticket["status"]:
        store.update_ticket(ticket_id, me(request), status=status, db=db_of(request))
    return back_to(ticket_id, "status_changed")


@bp.post("/tickets/<ticket_id>/assign")
async def assign(request: Request, ticket_id: str) -> HTTPResponse:
    load_ticket(request, ticket_id)
    fields = form(request)
    to = "" if fields.get("to") == "none" else me(request)
    store.update_ticket(ticket_id, me(request), assigned_to=to, db=db_of(request))
    if fields.get("back") == "queue":
        return redirect("/?notice=" + ("assigned" if to else "unassigned"), status=303)
    return back_to(ticket_id, "assigned" if to else "unassigned")


@bp.post("/tickets/<ticket_id>/notes")
async def add_note(request: Request, ticket_id: str) -> HTTPResponse:
    ticket = load_ticket(request, ticket_id)
    text = text_field(form(request), "text")
    problem = refusal(text, "Write the note first.", "note")
    if problem:  # the draft box is the reply's: a refused note is not put there
        return await ticket_page(request, ticket, 400, problem)
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
