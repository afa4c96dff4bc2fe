"""Persistence: the one writer path to the clinic's SQLite database.

Tickets, notes, pre-screen records, staff users and sessions, notifications,
processed provider message ids and the audit log live in
``BOT_DATA_DIR/clinic.db``, opened with sqlite-utils in WAL mode so the action
server, the inbox and the channels can share it. Transcripts are not copied
here: they stay in Rasa's tracker store.

Every function takes an optional ``db`` (a ``sqlite_utils.Database``) so tests
can pass a temporary one; ``open_db()`` gives the default.
"""
from __future__ import annotations

import json
import secrets
import sqlite3
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional

import sqlite_utils

from bot import config, levels
from bot.levels import Level

SCHEMA_VERSION = 2
LEVELS = list(levels.LEVELS)  # lowest first: none, routine, urgent, emergency
# A ticket's priority is a level that escalates; 0 is the most urgent
# ({"emergency": 0, "urgent": 1, "routine": 2}), in that order.
PRIORITY_RANK = {lv.label: rank for rank, lv in
                 enumerate(sorted((lv for lv in Level if lv >= Level.ROUTINE), reverse=True))}
TICKET_STATUSES = ["open", "pending", "resolved"]
# Queue order: emergency, urgent, routine; oldest first within each (the CASE
# is written from PRIORITY_RANK; the labels are fixed words, not user input).
QUEUE_ORDER = ("case priority "
               + " ".join(f"when '{label}' then {rank}" for label, rank in PRIORITY_RANK.items())
               + f" else {len(PRIORITY_RANK)} end, created_at")


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def open_db(path: Path | str | None = None) -> sqlite_utils.Database:
    """Open (and migrate) the database. Cheap: safe to call per request."""
    path = Path(path or config.db_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=10, isolation_level=None,
                           check_same_thread=False)
    _wal(conn)
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=10000")
    db = sqlite_utils.Database(conn)
    migrate(db)
    return db


def _wal(conn: sqlite3.Connection, tries: int = 100) -> None:
    """Switch to WAL. On a fresh file opened by several processes at once SQLite
    answers "database is locked" at once (no busy wait), so try again briefly."""
    for attempt in range(tries):
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError:
            if attempt == tries - 1:
                raise
            time.sleep(0.02)


def _version(db: sqlite_utils.Database) -> int:
    if "meta" not in db.table_names():
        return 0
    row = db.execute("select value from meta where key='schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(db: sqlite_utils.Database) -> None:
    """Bring the schema to ``SCHEMA_VERSION``; each step runs once."""
    if _version(db) >= SCHEMA_VERSION:
        return
    with db.conn:
        db.execute("BEGIN IMMEDIATE")
        if _version(db) >= SCHEMA_VERSION:  # another process won the race
            return
        _create_tables(db)
        _migrate_v2(db)
        db["meta"].upsert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")


def _migrate_v2(db: sqlite_utils.Database) -> None:
    """Provider message ids are claimed while handled and marked done after.

    Rows from version 1 (marked before handling) count as done.
    """
    columns = db["processed_messages"].columns_dict
    for name in ("state", "owner", "claimed_at"):
        if name not in columns:
            db.execute(f"alter table processed_messages add column {name} text")


def _create_tables(db: sqlite_utils.Database) -> None:
    """Version 1 of the schema (every table, created if missing)."""
    db["meta"].create({"key": str, "value": str}, pk="key", if_not_exists=True)
    db["tickets"].create({
        "id": str, "conversation_id": str, "channel": str, "priority": str,
        "status": str, "reason": str, "signs": str, "episode_key": str,
        "source": str, "assigned_to": str, "created_at": str, "updated_at": str,
        "resolved_at": str,
    }, pk="id", if_not_exists=True)
    db["tickets"].create_index(["conversation_id", "episode_key"], unique=True,
                               if_not_exists=True)
    db["tickets"].create_index(["status", "priority", "created_at"], if_not_exists=True)
    db["notes"].create({"id": int, "ticket_id": str, "author": str, "text": str,
                        "created_at": str}, pk="id", if_not_exists=True,
                       foreign_keys=[("ticket_id", "tickets", "id")])
    db["audit"].create({"id": int, "at": str, "actor": str, "action": str,
                        "ticket_id": str, "record_id": str, "detail": str},
                       pk="id", if_not_exists=True)
    db["prescreen_records"].create({
        "id": str, "conversation_id": str, "channel": str, "answers": str,
        "outcome": str, "reasons": str, "consent": int, "consent_at": str,
        "schema_version": int, "created_at": str, "reviewed_by": str,
        "reviewed_at": str,
    }, pk="id", if_not_exists=True)
    db["staff_users"].create({"username": str, "password_hash": str, "role": str,
                              "created_at": str, "disabled": int},
                             pk="username", if_not_exists=True)
    db["staff_sessions"].create({"token_hash": str, "username": str, "csrf": str,
                                 "created_at": str, "expires_at": str},
                                pk="token_hash", if_not_exists=True)
    db["login_attempts"].create({"id": int, "key": str, "at": str, "ok": int},
                                pk="id", if_not_exists=True)
    db["login_attempts"].create_index(["key", "at"], if_not_exists=True)
    db["notifications"].create({
        "id": int, "ticket_id": str, "kind": str, "target": str, "payload": str,
        "status": str, "attempts": int, "last_error": str, "created_at": str,
        "updated_at": str, "next_try_at": str,
    }, pk="id", if_not_exists=True)
    db["processed_messages"].create({"channel": str, "message_id": str, "at": str},
                                    pk=("channel", "message_id"), if_not_exists=True)
    db["contacts"].create({"conversation_id": str, "channel": str,
                           "last_inbound_at": str, "last_buttons": str},
                          pk="conversation_id", if_not_exists=True)


def _db(db: Optional[sqlite_utils.Database]) -> sqlite_utils.Database:
    return db if db is not None else open_db()


def _decode(row: Optional[Dict[str, Any]], *json_fields: str) -> Optional[Dict[str, Any]]:
    if row is None:
        return None
    row = dict(row)
    for f in json_fields:
        if row.get(f):
            row[f] = json.loads(row[f])
    return row


def audit(actor: str, action: str, ticket_id: str | None = None,
          record_id: str | None = None, detail: Any = None,
          db: Optional[sqlite_utils.Database] = None) -> None:
    _db(db)["audit"].insert({"at": now(), "actor": actor, "action": action,
                             "ticket_id": ticket_id, "record_id": record_id,
                             "detail": json.dumps(detail) if detail is not None else None})


def audit_log(ticket_id: str | None = None, limit: int = 200,
              db: Optional[sqlite_utils.Database] = None) -> List[Dict[str, Any]]:
    db = _db(db)
    where, args = ("ticket_id = ?", [ticket_id]) if ticket_id else (None, [])
    return [_decode(r, "detail") for r in db["audit"].rows_where(
        where, args, order_by="id desc", limit=limit)]


# ------------------------------------------------------------------ tickets

def new_id(prefix: str) -> str:
    return f"{prefix}-{datetime.now(timezone.utc):%y%m%d}-{secrets.token_hex(3).upper()}"


def create_ticket(conversation_id: str, channel: str, priority: str, reason: str,
                  signs: Iterable[str] = (), episode_key: str | None = None,
                  source: str = "bot", db: Optional[sqlite_utils.Database] = None
                  ) -> Dict[str, Any]:
    """Create a ticket for one episode, or return the one that already exists.

    ``episode_key`` (e.g. the id of the patient's message) makes this
    idempotent: the action and the reconciler may both try, one ticket results.
    """
    if priority not in PRIORITY_RANK:
        raise ValueError(f"priority must be one of {list(PRIORITY_RANK)}")
    db = _db(db)
    episode_key = episode_key or secrets.token_hex(8)
    ts = now()
    row = {"id": new_id("T"), "conversation_id": conversation_id, "channel": channel,
           "priority": priority, "status": "open", "reason": reason,
           "signs": json.dumps(list(signs)), "episode_key": episode_key,
           "source": source, "assigned_to": None, "created_at": ts, "updated_at": ts,
           "resolved_at": None}
    with db.conn:
        db.execute("BEGIN IMMEDIATE")
        existing = db.execute(
            "select id from tickets where conversation_id=? and episode_key=?",
            [conversation_id, episode_key]).fetchone()
        if existing:
            return get_ticket(existing[0], db=db)
        db["tickets"].insert(row)
        db["audit"].insert({"at": ts, "actor": source, "action": "ticket_created",
                            "ticket_id": row["id"], "record_id": None,
                            "detail": json.dumps({"priority": priority, "reason": reason})})
    return get_ticket(row["id"], db=db)


def get_ticket(ticket_id: str, db: Optional[sqlite_utils.Database] = None
               ) -> Optional[Dict[str, Any]]:
    rows = list(_db(db)["tickets"].rows_where("id = ?", [ticket_id]))
    return _decode(rows[0], "signs") if rows else None


def open_ticket_for(conversation_id: str, db: Optional[sqlite_utils.Database] = None
                    ) -> Optional[Dict[str, Any]]:
    """The most urgent unresolved ticket of a conversation, if any."""
    rows = list(_db(db)["tickets"].rows_where(
        "conversation_id = ? and status != 'resolved'", [conversation_id],
        order_by=QUEUE_ORDER))
    return _decode(rows[0], "signs") if rows else None


def list_tickets(status: str | None = None, limit: int = 500,
                 db: Optional[sqlite_utils.Database] = None) -> List[Dict[str, Any]]:
    """Queue order: emergency, urgent, routine; oldest first within each."""
    where, args = ("status = ?", [status]) if status else ("status != 'resolved'", [])
    return [_decode(r, "signs") for r in _db(db)["tickets"].rows_where(
        where, args, order_by=QUEUE_ORDER, limit=limit)]


def ticket_counts(db: Optional[sqlite_utils.Database] = None) -> Dict[str, int]:
    counts = {s: 0 for s in TICKET_STATUSES}
    for status, n in _db(db).execute("select status, count(*) from tickets group by status"):
        counts[status] = n
    return counts


def update_ticket(ticket_id: str, actor: str, *, status: str | None = None,
                  assigned_to: str | None = None,
                  db: Optional[sqlite_utils.Database] = None) -> Dict[str, Any]:
    db = _db(db)
    changes: Dict[str, Any] = {"updated_at": now()}
    if status is not None:
        if status not in TICKET_STATUSES:
            raise ValueError("unknown status")
        changes["status"] = status
        changes["resolved_at"] = changes["updated_at"] if status == "resolved" else None
    if assigned_to is not None:
        changes["assigned_to"] = assigned_to
    with db.conn:  # one transaction: all of it or none of it
        db.execute("BEGIN IMMEDIATE")
        db["tickets"].update(ticket_id, changes)
        audit(actor, "ticket_updated", ticket_id=ticket_id,
              detail={k: v for k, v in changes.items() if k != "updated_at"}, db=db)
    return get_ticket(ticket_id, db=db)


def add_note(ticket_id: str, author: str, text: str,
             db: Optional[sqlite_utils.Database] = None) -> None:
    db = _db(db)
    with db.conn:  # one transaction: all of it or none of it
        db.execute("BEGIN IMMEDIATE")
        db["notes"].insert({"ticket_id": ticket_id, "author": author, "text": text,
                            "created_at": now()})
        audit(author, "note_added", ticket_id=ticket_id, db=db)


def notes(ticket_id: str, db: Optional[sqlite_utils.Database] = None) -> List[Dict[str, Any]]:
    return list(_db(db)["notes"].rows_where("ticket_id = ?", [ticket_id], order_by="id"))


# ------------------------------------------------------------ pre-screen

def save_prescreen(conversation_id: str, channel: str, answers: Dict[str, Any],
                   outcome: str, reasons: List[str], consent_at: str,
                   db: Optional[sqlite_utils.Database] = None) -> Dict[str, Any]:
    """Write one pre-screen record in a single transaction.

    ``answers`` maps each slot to ``{"typed": ..., "understood": ...}``. Only
    called when the patient consented; without consent nothing is stored.
    """
    db = _db(db)
    row = {"id": new_id("P"), "conversation_id": conversation_id, "channel": channel,
           "answers": json.dumps(answers, ensure_ascii=False), "outcome": outcome,
           "reasons": json.dumps(reasons), "consent": 1, "consent_at": consent_at,
           "schema_version": SCHEMA_VERSION, "created_at": now(), "reviewed_by": None,
           "reviewed_at": None}
    with db.conn:  # one transaction: all of it or none of it
        db.execute("BEGIN IMMEDIATE")
        db["prescreen_records"].insert(row)
        audit("bot", "prescreen_recorded", record_id=row["id"],
              detail={"outcome": outcome}, db=db)
    return get_prescreen(row["id"], db=db)


def get_prescreen(record_id: str, db: Optional[sqlite_utils.Database] = None
                  ) -> Optional[Dict[str, Any]]:
    rows = list(_db(db)["prescreen_records"].rows_where("id = ?", [record_id]))
    return _decode(rows[0], "answers", "reasons") if rows else None


def list_prescreens(db: Optional[sqlite_utils.Database] = None, limit: int = 500
                    ) -> List[Dict[str, Any]]:
    """``clinician_review`` first, then ``not_suitable``, then ``eligible``; newest first."""
    order = ("case outcome when 'clinician_review' then 0 when 'not_suitable' then 1 "
             "else 2 end, reviewed_at is not null, created_at desc")
    return [_decode(r, "answers", "reasons") for r in _db(db)["prescreen_records"].rows_where(
        order_by=order, limit=limit)]


def prescreens_for(conversation_id: str, db: Optional[sqlite_utils.Database] = None
                   ) -> List[Dict[str, Any]]:
    return [_decode(r, "answers", "reasons") for r in _db(db)["prescreen_records"].rows_where(
        "conversation_id = ?", [conversation_id], order_by="created_at desc")]


def mark_reviewed(record_id: str, username: str,
                  db: Optional[sqlite_utils.Database] = None) -> None:
    db = _db(db)
    with db.conn:  # one transaction: all of it or none of it
        db.execute("BEGIN IMMEDIATE")
        db["prescreen_records"].update(record_id, {"reviewed_by": username,
                                                   "reviewed_at": now()})
        audit(username, "prescreen_reviewed", record_id=record_id, db=db)


def purge_older_than(days: int, db: Optional[sqlite_utils.Database] = None) -> Dict[str, int]:
    """Delete pre-screen records and resolved tickets older than ``days`` days."""
    db = _db(db)
    cutoff = (datetime.now(timezone.utc) - timedelta(days=days)).isoformat(timespec="seconds")
    with db.conn:  # one transaction: all of it or none of it
        db.execute("BEGIN IMMEDIATE")
        n_records = db.execute("delete from prescreen_records where created_at < ?",
                               [cutoff]).rowcount
        old = [r[0] for r in db.execute(
            "select id from tickets where status='resolved' and created_at < ?", [cutoff])]
        for tid in old:
            db.execute("delete from notes where ticket_id = ?", [tid])
            db.execute("delete from notifications where ticket_id = ?", [tid])
        n_tickets = db.execute(
            "delete from tickets where status='resolved' and created_at < ?", [cutoff]).rowcount
        audit("system", "retention_purge",
              detail={"days": days, "prescreen_records": n_records, "tickets": n_tickets}, db=db)
    return {"prescreen_records": n_records, "tickets": n_tickets}


# Kept on a patient's "delete my data" while open: emergency and urgent.
HELD_PRIORITIES = tuple(lv.label for lv in sorted(Level, reverse=True) if lv >= Level.URGENT)


def delete_patient_data(conversation_id: str, actor: str = "patient",
                        keep_held: Optional[bool] = None,
                        db: Optional[sqlite_utils.Database] = None) -> Dict[str, int]:
    """Honour a request to delete a patient's data from this database.

    ``keep_held`` (the default when the patient asks) keeps every open or
    pending emergency or urgent ticket, with its notes and the contact row
    staff need to answer: whoever sends "delete my data" cannot make a report
    that staff are dealing with disappear. Staff delete those from the inbox
    once resolved. Returns the counts deleted and ``kept`` (tickets kept).

    The transcript in Rasa's tracker store is deleted by the caller (the action
    restarts the conversation and the inbox drops the tracker rows).
    """
    db = _db(db)
    keep_held = actor == "patient" if keep_held is None else keep_held
    with db.conn:  # one transaction: all of it or none of it
        db.execute("BEGIN IMMEDIATE")
        n_records = db.execute("delete from prescreen_records where conversation_id = ?",
                               [conversation_id]).rowcount
        held = [r[0] for r in db.execute(
            "select id from tickets where conversation_id = ? and status != 'resolved' "
            f"and priority in ({', '.join('?' * len(HELD_PRIORITIES))})",
            [conversation_id, *HELD_PRIORITIES])] if keep_held else []
        tids = [r[0] for r in db.execute("select id from tickets where conversation_id = ?",
                                         [conversation_id]) if r[0] not in held]
        for tid in tids:
            db.execute("delete from notes where ticket_id = ?", [tid])
            db.execute("delete from notifications where ticket_id = ?", [tid])
            db.execute("delete from tickets where id = ?", [tid])
        if not held:
            db.execute("delete from contacts where conversation_id = ?", [conversation_id])
        for tid in held:
            audit(actor, "deletion_deferred", ticket_id=tid,
                  detail={"reason": "open ticket held by staff"}, db=db)
        audit(actor, "patient_data_deleted",
              detail={"prescreen_records": n_records, "tickets": len(tids),
                      "kept": len(held)}, db=db)
    return {"prescreen_records": n_records, "tickets": len(tids), "kept": len(held)}


# ------------------------------------------------------------ channels

def seen_message(channel: str, message_id: str,
                 db: Optional[sqlite_utils.Database] = None) -> bool:
    """Record a provider's message id as done; True if it had been seen before."""
    db = _db(db)
    cur = db.execute("insert or ignore into processed_messages "
                     "(channel, message_id, at, state) values (?, ?, ?, 'done')",
                     [channel, message_id, now()])
    return cur.rowcount == 0


CLAIM_LEASE_SECONDS = 300


def claim_message(channel: str, message_id: str, owner: str,
                  alive: Optional[Any] = None, lease_seconds: int = CLAIM_LEASE_SECONDS,
                  db: Optional[sqlite_utils.Database] = None) -> str:
    """Take a provider message for handling: ``"new"``, ``"done"`` or ``"busy"``.

    ``"new"``: the caller handles it and then calls ``finish_message`` (or
    ``release_message`` if handling failed). ``"done"``: handled before (a
    replay). ``"busy"``: another live process is handling it right now.

    A claim whose owner died (``alive(owner)`` is False, e.g. Rasa killed
    mid-message) or that is older than ``lease_seconds`` is taken over, so the
    provider's retry after a crash is handled, once, instead of dropped.
    """
    db = _db(db)
    ts = now()
    with db.conn:
        db.execute("BEGIN IMMEDIATE")
        row = db.execute("select state, owner, claimed_at from processed_messages "
                         "where channel = ? and message_id = ?",
                         [channel, message_id]).fetchone()
        if row is None:
            db.execute("insert into processed_messages (channel, message_id, at, state, owner, "
                       "claimed_at) values (?, ?, ?, 'processing', ?, ?)",
                       [channel, message_id, ts, owner, ts])
            return "new"
        state, holder, claimed_at = row
        if state != "processing":
            return "done"  # 'done', or a row from schema version 1
        stale = (claimed_at or "") <= iso_in(-lease_seconds)
        if not stale and (holder == owner or alive is None or alive(holder)):
            return "busy"  # a concurrent copy while the first is being handled
        db.execute("update processed_messages set owner = ?, claimed_at = ? "
                   "where channel = ? and message_id = ?", [owner, ts, channel, message_id])
        return "new"


def finish_message(channel: str, message_id: str,
                   db: Optional[sqlite_utils.Database] = None) -> None:
    """The message was handled: later copies of it are replays."""
    _db(db).execute("update processed_messages set state = 'done', at = ? "
                    "where channel = ? and message_id = ?", [now(), channel, message_id])


def release_message(channel: str, message_id: str, owner: str,
                    db: Optional[sqlite_utils.Database] = None) -> None:
    """Handling failed: forget the claim so the provider's retry is handled."""
    _db(db).execute("delete from processed_messages where channel = ? and message_id = ? "
                    "and state = 'processing' and owner = ?", [channel, message_id, owner])


def touch_contact(conversation_id: str, channel: str,
                  db: Optional[sqlite_utils.Database] = None) -> None:
    """Remember when the patient last wrote (WhatsApp's 24-hour window)."""
    _db(db)["contacts"].upsert({"conversation_id": conversation_id, "channel": channel,
                                "last_inbound_at": now()}, pk="conversation_id")


def contact(conversation_id: str, db: Optional[sqlite_utils.Database] = None
            ) -> Optional[Dict[str, Any]]:
    rows = list(_db(db)["contacts"].rows_where("conversation_id = ?", [conversation_id]))
    return rows[0] if rows else None


def remember_buttons(conversation_id: str, channel: str, buttons: List[Dict[str, Any]],
                     db: Optional[sqlite_utils.Database] = None) -> None:
    """Keep the buttons last offered as numbered text, so "2" can pick one."""
    _db(db)["contacts"].upsert({"conversation_id": conversation_id, "channel": channel,
                                "last_buttons": json.dumps(buttons)}, pk="conversation_id")


def offered_buttons(conversation_id: str, db: Optional[sqlite_utils.Database] = None
                    ) -> List[Dict[str, Any]]:
    row = contact(conversation_id, db=db)
    return json.loads(row["last_buttons"]) if row and row.get("last_buttons") else []


# --- inbox ---
# Staff accounts, sessions, sign-in attempts and staff notifications, used by
# the staff inbox (bot/inbox/) and the notifier (bot/notify.py). Timestamps are
# ISO strings in the format of ``now()``, so text comparison orders them.

def iso_in(seconds: float) -> str:
    """``now()`` shifted by ``seconds`` (negative for the past), same format."""
    return (datetime.now(timezone.utc) + timedelta(seconds=seconds)).isoformat(
        timespec="seconds")


def create_staff_user(username: str, password_hash: str, role: str = "staff",
                      db: Optional[sqlite_utils.Database] = None) -> Dict[str, Any]:
    """Add a staff account; ``ValueError`` if the name is taken.

    The caller hashes the password (bot.inbox.auth): no plain text here.
    """
    db = _db(db)
    with db.conn:
        db.execute("BEGIN IMMEDIATE")
        if db.execute("select 1 from staff_users where username = ?",
                      [username]).fetchone():
            raise ValueError(f"a staff account named {username!r} already exists")
        db["staff_users"].insert({"username": username, "password_hash": password_hash,
                                  "role": role, "created_at": now(), "disabled": 0})
        audit("admin", "staff_created", detail={"username": username, "role": role}, db=db)
    return get_staff_user(username, db=db)


def get_staff_user(username: str, db: Optional[sqlite_utils.Database] = None
                   ) -> Optional[Dict[str, Any]]:
    rows = list(_db(db)["staff_users"].rows_where("username = ?", [username]))
    return dict(rows[0]) if rows else None


def list_staff_users(db: Optional[sqlite_utils.Database] = None) -> List[Dict[str, Any]]:
    """Every account without its password hash, by name."""
    return [{k: v for k, v in r.items() if k != "password_hash"}
            for r in _db(db)["staff_users"].rows_where(order_by="username")]


def count_staff_users(db: Optional[sqlite_utils.Database] = None) -> int:
    return _db(db)["staff_users"].count


def set_staff_disabled(username: str, disabled: bool, actor: str = "admin",
                       db: Optional[sqlite_utils.Database] = None) -> bool:
    """Disable (or enable) an account; disabling also ends its sessions.

    Returns False when there is no such account.
    """
    db = _db(db)
    with db.conn:  # one transaction: all of it or none of it
        db.execute("BEGIN IMMEDIATE")
        cur = db.execute("update staff_users set disabled = ? where username = ?",
                         [1 if disabled else 0, username])
        if cur.rowcount == 0:
            return False
        if disabled:
            db.execute("delete from staff_sessions where username = ?", [username])
        audit(actor, "staff_disabled" if disabled else "staff_enabled",
              detail={"username": username}, db=db)
    return True


def set_staff_password(username: str, password_hash: str, actor: str = "admin",
                       db: Optional[sqlite_utils.Database] = None) -> bool:
    """Replace an account's password hash and end its sessions."""
    db = _db(db)
    with db.conn:  # one transaction: all of it or none of it
        db.execute("BEGIN IMMEDIATE")
        cur = db.execute("update staff_users set password_hash = ? where username = ?",
                         [password_hash, username])
        if cur.rowcount == 0:
            return False
        db.execute("delete from staff_sessions where username = ?", [username])
        audit(actor, "staff_password_changed", detail={"username": username}, db=db)
    return True


def create_staff_session(token_hash: str, username: str, csrf: str, expires_at: str,
                         db: Optional[sqlite_utils.Database] = None) -> None:
    """Store a session by the hash of its token (the token itself is never stored)."""
    _db(db)["staff_sessions"].insert({"token_hash": token_hash, "username": username,
                                      "csrf": csrf, "created_at": now(),
                                      "expires_at": expires_at})


def get_staff_session(token_hash: str, db: Optional[sqlite_utils.Database] = None
                      ) -> Optional[Dict[str, Any]]:
    """A live session: not expired, and its account exists and is enabled."""
    row = _db(db).execute(
        "select s.token_hash, s.username, s.csrf, s.created_at, s.expires_at, u.role "
        "from staff_sessions s join staff_users u on u.username = s.username "
        "where s.token_hash = ? and s.expires_at > ? and coalesce(u.disabled, 0) = 0",
        [token_hash, now()]).fetchone()
    if row is None:
        return None
    keys = ["token_hash", "username", "csrf", "created_at", "expires_at", "role"]
    return dict(zip(keys, row))


def delete_staff_session(token_hash: str, db: Optional[sqlite_utils.Database] = None) -> None:
    _db(db).execute("delete from staff_sessions where token_hash = ?", [token_hash])


def delete_expired_sessions(db: Optional[sqlite_utils.Database] = None) -> int:
    return _db(db).execute("delete from staff_sessions where expires_at <= ?",
                           [now()]).rowcount


def record_login_attempt(key: str, ok: bool,
                         db: Optional[sqlite_utils.Database] = None) -> None:
    """One sign-in attempt under ``key`` (e.g. ``user:ana`` or ``ip:127.0.0.1``)."""
    _db(db)["login_attempts"].insert({"key": key, "at": now(), "ok": 1 if ok else 0})


def login_failures(key: str, window_seconds: int,
                   db: Optional[sqlite_utils.Database] = None) -> int:
    """Failed attempts under ``key`` in the window, after its last success."""
    return _db(db).execute(
        "select count(*) from login_attempts where key = ? and ok = 0 and at >= ? and "
        "id > coalesce((select max(id) from login_attempts where key = ? and ok = 1), 0)",
        [key, iso_in(-window_seconds), key]).fetchone()[0]


def purge_login_attempts(older_than_seconds: int = 86400,
                         db: Optional[sqlite_utils.Database] = None) -> int:
    return _db(db).execute("delete from login_attempts where at < ?",
                           [iso_in(-older_than_seconds)]).rowcount


def audited_recently(actor: str, action: str, ticket_id: str | None,
                     within_seconds: int,
                     db: Optional[sqlite_utils.Database] = None) -> bool:
    """Whether the same actor did the same thing to the same ticket lately."""
    return _db(db).execute(
        "select 1 from audit where actor = ? and action = ? and ticket_id is ? "
        "and at >= ? limit 1",
        [actor, action, ticket_id, iso_in(-within_seconds)]).fetchone() is not None


def enqueue_notification(ticket_id: str, kind: str, target: str, payload: Dict[str, Any],
                         db: Optional[sqlite_utils.Database] = None) -> int:
    """Queue one staff notification (``status='pending'``, due now); its id.

    ``target`` names a configured destination (``webhook``, ``telegram``), never
    a URL or token: secrets stay out of the database.
    """
    ts = now()
    return _db(db)["notifications"].insert({
        "ticket_id": ticket_id, "kind": kind, "target": target,
        "payload": json.dumps(payload, ensure_ascii=False), "status": "pending",
        "attempts": 0, "last_error": None, "created_at": ts, "updated_at": ts,
        "next_try_at": ts}).last_pk


def claim_notification(notification_id: int, lease_seconds: int = 60,
                       db: Optional[sqlite_utils.Database] = None
                       ) -> Optional[Dict[str, Any]]:
    """Take a due notification for sending, so two processes never both send it.

    A row is due when pending and its ``next_try_at`` has come, or when a sender
    took it more than ``lease_seconds`` ago and died. Returns the row, or None
    if another process has it or it is not due.
    """
    db = _db(db)
    ts = now()
    cur = db.execute(
        "update notifications set status = 'sending', updated_at = ? where id = ? and ("
        "(status = 'pending' and (next_try_at is null or next_try_at <= ?)) or "
        "(status = 'sending' and updated_at <= ?))",
        [ts, notification_id, ts, iso_in(-lease_seconds)])
    if cur.rowcount != 1:
        return None
    return _decode(db["notifications"].get(notification_id), "payload")


def due_notifications(limit: int = 50, lease_seconds: int = 60,
                      db: Optional[sqlite_utils.Database] = None) -> List[int]:
    """Ids of notifications due for a try (see ``claim_notification``)."""
    ts = now()
    return [r[0] for r in _db(db).execute(
        "select id from notifications where (status = 'pending' and "
        "(next_try_at is null or next_try_at <= ?)) or (status = 'sending' and "
        "updated_at <= ?) order by id limit ?", [ts, iso_in(-lease_seconds), limit])]


def finish_notification(notification_id: int, ok: bool, error: str | None = None,
                        retry_in_seconds: float | None = None,
                        db: Optional[sqlite_utils.Database] = None) -> Dict[str, Any]:
    """Record the outcome of one try.

    ``ok`` -> ``sent``. Otherwise ``pending`` again, due in ``retry_in_seconds``,
    or ``failed`` for good when ``retry_in_seconds`` is None.
    """
    db = _db(db)
    ts = now()
    if ok:
        status, next_try = "sent", None
    elif retry_in_seconds is None:
        status, next_try = "failed", None
    else:
        status, next_try = "pending", iso_in(retry_in_seconds)
    with db.conn:  # one transaction: all of it or none of it
        db.execute("BEGIN IMMEDIATE")
        db.execute("update notifications set status = ?, attempts = attempts + 1, "
                   "last_error = ?, updated_at = ?, next_try_at = ? where id = ?",
                   [status, None if ok else (error or "error")[:500], ts, next_try,
                    notification_id])
        if status == "failed":
            row = db["notifications"].get(notification_id)
            audit("system", "notification_failed", ticket_id=row["ticket_id"],
                  detail={"target": row["target"], "error": (error or "")[:200]}, db=db)
    return _decode(db["notifications"].get(notification_id), "payload")


def notifications_for(ticket_id: str, db: Optional[sqlite_utils.Database] = None
                      ) -> List[Dict[str, Any]]:
    return [_decode(r, "payload") for r in _db(db)["notifications"].rows_where(
        "ticket_id = ?", [ticket_id], order_by="id")]


def failed_notifications(limit: int = 50, unresolved_only: bool = False,
                         db: Optional[sqlite_utils.Database] = None) -> List[Dict[str, Any]]:
    """Notifications that never went through, newest first (shown to staff).

    ``unresolved_only`` leaves out those of resolved (or deleted) tickets.
    """
    where = "status = 'failed'"
    if unresolved_only:
        where += (" and ticket_id in (select id from tickets where status != 'resolved')")
    return [_decode(r, "payload") for r in _db(db)["notifications"].rows_where(
        where, order_by="id desc", limit=limit)]


def retry_notification(notification_id: int, actor: str,
                       db: Optional[sqlite_utils.Database] = None) -> bool:
    """Put a failed notification back in the queue with fresh attempts."""
    db = _db(db)
    with db.conn:  # one transaction: all of it or none of it
        db.execute("BEGIN IMMEDIATE")
        cur = db.execute("update notifications set status = 'pending', attempts = 0, "
                         "next_try_at = ?, updated_at = ? where id = ? and status = 'failed'",
                         [now(), now(), notification_id])
        if cur.rowcount != 1:
            return False
        row = db["notifications"].get(notification_id)
        audit(actor, "notification_retried", ticket_id=row["ticket_id"],
              detail={"target": row["target"]}, db=db)
    return True


# ------------------------------------------------------------ leases

def take_lease(name: str, holder: str, seconds: float,
               db: Optional[sqlite_utils.Database] = None) -> bool:
    """Hold the lease ``name`` for ``seconds`` if it is free, expired or ours already.

    One background worker at a time (``bot.worker``): the holder renews it
    while it works; if the holder dies, the lease runs out and another takes
    it. Kept in ``meta`` as ``lease:<name>`` = ``{"holder", "until"}`` (Unix
    seconds; every process shares this host's clock, as they share the file).
    """
    db = _db(db)
    key, at = f"lease:{name}", time.time()
    with db.conn:  # one transaction: read and take together
        db.execute("BEGIN IMMEDIATE")
        current = _lease(db, key)
        if current and current["holder"] != holder and current["until"] > at:
            return False
        db.execute("insert into meta (key, value) values (?, ?) on conflict(key) do update "
                   "set value = excluded.value",
                   [key, json.dumps({"holder": holder, "until": at + seconds})])
    return True


def release_lease(name: str, holder: str, db: Optional[sqlite_utils.Database] = None) -> bool:
    """Give the lease up (only its holder can); True if it was held by ``holder``."""
    db = _db(db)
    key = f"lease:{name}"
    with db.conn:
        db.execute("BEGIN IMMEDIATE")
        current = _lease(db, key)
        if not current or current["holder"] != holder:
            return False
        db.execute("delete from meta where key = ?", [key])
    return True


def lease_holder(name: str, db: Optional[sqlite_utils.Database] = None) -> Optional[str]:
    """Who holds the lease now (None if nobody, or it ran out)."""
    current = _lease(_db(db), f"lease:{name}")
    return current["holder"] if current and current["until"] > time.time() else None


def _lease(db: sqlite_utils.Database, key: str) -> Optional[Dict[str, Any]]:
    row = db.execute("select value from meta where key = ?", [key]).fetchone()
    try:
        value = json.loads(row[0]) if row else None
        return {"holder": str(value["holder"]), "until": float(value["until"])}
    except (TypeError, ValueError, KeyError):
        return None  # unreadable: treat as free
