"""Pre-screen records for staff: ``GET /prescreens``, ``GET /prescreens/<id>``,
``POST /prescreens/<id>/reviewed``."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from sanic import Blueprint
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse, redirect

from bot import store
from bot.inbox.web import ID_RE, db_of, me, page

bp = Blueprint("inbox_prescreens")


def load_record(request: Request, record_id: str) -> dict[str, Any]:
    """The record, or a 404 (also for an id that cannot be one)."""
    record = store.get_prescreen(record_id, db=db_of(request)) if ID_RE.match(record_id) else None
    if record is None:
        raise SanicException("There is no such pre-screen record.", status_code=404)
    return record


@bp.get("/prescreens")
async def prescreens(request: Request) -> HTTPResponse:
    records = store.list_prescreens(db=db_of(request))
    return page(request, "prescreens.html", records=records)


@bp.get("/prescreens/<record_id>")
async def prescreen(request: Request, record_id: str) -> HTTPResponse:
    record = load_record(request, record_id)
    ticket = store.open_ticket_for(record["conversation_id"], db=db_of(request))
    return page(request, "prescreen.html", record=record, ticket=ticket)


@bp.post("/prescreens/<record_id>/reviewed")
async def reviewed(request: Request, record_id: str) -> HTTPResponse:
    record = load_record(request, record_id)
    if not record.get("reviewed_at"):
        store.mark_reviewed(record_id, me(request), db=db_of(request))
    return redirect(f"/prescreens/{quote(record_id)}?notice=reviewed", status=303)
