"""Check-ins in SQLite (``clinic.db``): treatments, check-ins, send records, opt-outs.

One name for callers (``from bot.checkins import store``); the code is in
``db`` (the tables, described there; the connection; row helpers),
``treatments`` (recording and reading), ``sending`` (due, claim, outcome) and
``followup`` (replies, opt-out, cancelling, staff views, retention).
"""

from __future__ import annotations

from bot.checkins.db import (
    STATUSES,
    TABLES,
    TRANSITIONS,
    TransitionError,
    can_transition,
    ensure_schema,
    open_db,
    worker_name,
)
from bot.checkins.followup import (
    cancel,
    checkins_with_status,
    clear_opt_out,
    delete_conversation,
    mark_answered,
    opt_out,
    opted_out,
    overdue,
    purge_older_than,
)
from bot.checkins.sending import (
    claim,
    due_checkins,
    expire_claims,
    mark_failed,
    mark_sent,
    release,
    retry_failed,
    retry_later,
    supersede_missed,
)
from bot.checkins.treatments import (
    create_treatment,
    get_checkin,
    get_treatment,
    latest_treatment,
    new_treatment_id,
    treatments_for,
)

__all__ = [
    "STATUSES",
    "TRANSITIONS",
    "TABLES",
    "TransitionError",
    "can_transition",
    "cancel",
    "checkins_with_status",
    "claim",
    "clear_opt_out",
    "create_treatment",
    "delete_conversation",
    "due_checkins",
    "ensure_schema",
    "expire_claims",
    "get_checkin",
    "get_treatment",
    "latest_treatment",
    "mark_answered",
    "mark_failed",
    "mark_sent",
    "new_treatment_id",
    "open_db",
    "opt_out",
    "opted_out",
    "overdue",
    "purge_older_than",
    "release",
    "retry_failed",
    "retry_later",
    "supersede_missed",
    "treatments_for",
    "worker_name",
]
