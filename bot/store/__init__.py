"""Persistence: the one writer path to the clinic's SQLite database.

Tickets, notes, pre-screen records, staff users and sessions, notifications,
processed provider message ids and the audit log live in
``BOT_DATA_DIR/clinic.db``, opened with sqlite-utils in WAL mode so the action
server, the inbox and the channels can share it. Transcripts are not copied
here: they stay in Rasa's tracker store.

Every function takes an optional ``db`` (a ``sqlite_utils.Database``) so tests
can pass a temporary one; ``open_db()`` gives the default. Callers use this
package's names (``from bot import store``; ``store.create_ticket(...)``); the
modules behind them:

- ``core``: the connection, ``write_transaction`` (the one way to write
  several rows together), ids, times, the audit log;
- ``schema``: the tables as sqlite-utils migrations;
- ``tickets``, ``prescreens``, ``privacy`` (retention and "delete my data"),
  ``channels`` (message de-duplication, contacts), ``staff`` (accounts,
  sessions, sign-in attempts), ``notifications`` (the outbox), ``leases``.
"""

from bot.store.channels import (
    CLAIM_LEASE_SECONDS,
    claim_message,
    contact,
    finish_message,
    offered_buttons,
    release_message,
    remember_buttons,
    seen_message,
    touch_contact,
)
from bot.store.core import (
    audit,
    audit_log,
    audited_recently,
    iso_in,
    new_id,
    now,
    open_db,
    write_transaction,
)
from bot.store.leases import lease_holder, release_lease, take_lease
from bot.store.notifications import (
    claim_notification,
    due_notifications,
    enqueue_notification,
    failed_notifications,
    finish_notification,
    notifications_for,
    retry_notification,
)
from bot.store.prescreens import (
    get_prescreen,
    list_prescreens,
    mark_reviewed,
    prescreens_for,
    save_prescreen,
)
from bot.store.privacy import HELD_PRIORITIES, delete_patient_data, purge_older_than
from bot.store.schema import MIGRATIONS, SCHEMA_VERSION, migrate
from bot.store.staff import (
    count_staff_users,
    create_staff_session,
    create_staff_user,
    delete_expired_sessions,
    delete_staff_session,
    get_staff_session,
    get_staff_user,
    list_staff_users,
    login_failures,
    purge_login_attempts,
    record_login_attempt,
    set_staff_disabled,
    set_staff_password,
)
from bot.store.tickets import (
    PRIORITY_RANK,
    QUEUE_ORDER,
    TICKET_STATUSES,
    add_note,
    create_ticket,
    get_ticket,
    list_tickets,
    notes,
    open_ticket_for,
    ticket_counts,
    update_ticket,
)

__all__ = [
    "CLAIM_LEASE_SECONDS",
    "HELD_PRIORITIES",
    "MIGRATIONS",
    "PRIORITY_RANK",
    "QUEUE_ORDER",
    "SCHEMA_VERSION",
    "TICKET_STATUSES",
    "add_note",
    "audit",
    "audit_log",
    "audited_recently",
    "claim_message",
    "claim_notification",
    "contact",
    "count_staff_users",
    "create_staff_session",
    "create_staff_user",
    "create_ticket",
    "delete_expired_sessions",
    "delete_patient_data",
    "delete_staff_session",
    "due_notifications",
    "enqueue_notification",
    "failed_notifications",
    "finish_message",
    "finish_notification",
    "get_prescreen",
    "get_staff_session",
    "get_staff_user",
    "get_ticket",
    "iso_in",
    "lease_holder",
    "list_prescreens",
    "list_staff_users",
    "list_tickets",
    "login_failures",
    "mark_reviewed",
    "migrate",
    "new_id",
    "notes",
    "notifications_for",
    "now",
    "offered_buttons",
    "open_db",
    "open_ticket_for",
    "prescreens_for",
    "purge_login_attempts",
    "purge_older_than",
    "record_login_attempt",
    "release_lease",
    "release_message",
    "remember_buttons",
    "retry_notification",
    "save_prescreen",
    "seen_message",
    "set_staff_disabled",
    "set_staff_password",
    "take_lease",
    "ticket_counts",
    "touch_contact",
    "update_ticket",
    "write_transaction",
]
