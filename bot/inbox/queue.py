"""The queue of tickets: ``GET /`` (the page), ``GET /api/queue`` (what its script polls),
and ``POST /notifications/<id>/retry`` (try a failed staff alert again)."""

from __future__ import annotations

from typing import Any

from sanic import Blueprint
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse, json

from bot import store
from bot.inbox.web import ENV, db_of, form, go_back, me, page

QUEUE_VIEWS = ("active", "open", "pending", "resolved")

bp = Blueprint("inbox_queue")


def queue_data(db: Any, view: str) -> dict[str, Any]:
    tickets = store.list_tickets(None if view == "active" else view, limit=500, db=db)
    counts = store.ticket_counts(db=db)
    counts["active"] = counts.get("open", 0) + counts.get("pending", 0)
    return {
        "tickets": tickets,
        "counts": counts,
        "view": view,
        "failed": store.failed_notifications(unresolved_only=True, db=db),
    }


def view_of(request: Request) -> str:
    view = request.args.get("status", "active")
    return view if view in QUEUE_VIEWS else "active"


@bp.get("/")
async def queue(request: Request) -> HTTPResponse:
    return page(request, "queue.html", **queue_data(db_of(request), view_of(request)))


@bp.get("/api/queue")
async def queue_json(request: Request) -> HTTPResponse:
    data = queue_data(db_of(request), view_of(request))
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


@bp.post("/notifications/<nid:int>/retry")
async def retry(request: Request, nid: int) -> HTTPResponse:
    if not 0 < nid < 2**63:  # SQLite's integer range: bigger ids are no one's
        raise SanicException("There is no such notification.", status_code=404)
    store.retry_notification(nid, me(request), db=db_of(request))
    return go_back(form(request).get("back"), "retrying")
