"""Check-ins in SQLite (``clinic.db``): treatments, check-ins, send records, opt-outs.

One name for callers (``from bot.checkins import store``); the code is in
``db`` (tables, connection, transaction), ``treatments`` (recording and
reading), ``sending`` (due, claim, outcome) and ``followup`` (replies,
opt-out, cancelling, staff views, retention).

Tables (created if missing by ``ensure_schema``; to be folded into the
store's versioned migrations):

- ``treatments``: one row per treatment the clinic recorded: ``id``,
  ``sender_id`` (as given), ``channel``, ``conversation_id`` (the Rasa
  conversation the check-ins go to and replies come from), ``treatment``,
  ``treated_at``, ``created_at``, ``created_by``, ``opted_out_at``.
- ``checkins``: one row per planned message: ``kind``, ``seq`` (place in the
  schedule), ``due_at``, ``status``, ``expects_reply``, ``reply_by``,
  ``attempts``, ``next_try_at``, ``sent_at``, ``answered_at``,
  ``cancelled_at``, ``failed_at``, ``reason`` (why it failed or was cancelled).
- ``checkin_sends``: at most one row per check-in (its primary key): the
  record that a worker took it for sending. Taking it happens in a
  ``BEGIN IMMEDIATE`` transaction, so of two workers exactly one gets it and
  the other moves on. The row stays after sending: a check-in is never taken
  twice. If the worker dies before it reports back, the check-in is marked
  failed when the lease runs out, not sent again (it may have arrived).
- ``checkin_optouts``: conversations whose patient said "stop": later
  treatments of theirs get no check-ins until staff clear it.

Times are stored as UTC text in one format (``clock.iso``), so comparing the
text compares the times. Every function takes the ``sqlite_utils.Database``
first and the current time where it matters: no hidden clock.

Assumes one host (SQLite). A group of clinics would move these tables to
PostgreSQL with the rest of ``clinic.db``: the claim becomes
``SELECT ... FOR UPDATE SKIP LOCKED`` with the same unique send record.
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
    transaction,
    worker_name,
)
from bot.checkins.followup import (
    cancel_checkin,
    cancel_treatment,
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
    "cancel_checkin",
    "cancel_treatment",
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
    "transaction",
    "treatments_for",
    "worker_name",
]
