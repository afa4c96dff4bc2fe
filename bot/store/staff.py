"""Staff accounts, sessions and sign-in attempts (the inbox, ``bot/inbox/``)."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from bot.store import core
from bot.store.core import get_db, iso_in, now, write_transaction


def create_staff_user(
    username: str, password_hash: str, role: str = "staff", db: sqlite_utils.Database | None = None
) -> dict[str, Any] | None:
    """Add a staff account; ``ValueError`` if the name is taken.

    The caller hashes the password (bot.inbox.auth): no plain text here.
    """
    db = get_db(db)
    with write_transaction(db):
        if db.execute("select 1 from staff_users where username = ?", [username]).fetchone():
            raise ValueError(f"a staff account named {username!r} already exists")
        db.table("staff_users").insert(
            {
                "username": username,
                "password_hash": password_hash,
                "role": role,
                "created_at": now(),
                "disabled": 0,
            }
        )
        core.audit("admin", "staff_created", detail={"username": username, "role": role}, db=db)
    return get_staff_user(username, db=db)


def get_staff_user(username: str, db: sqlite_utils.Database | None = None) -> dict[str, Any] | None:
    rows = list(get_db(db).table("staff_users").rows_where("username = ?", [username]))
    return dict(rows[0]) if rows else None


def list_staff_users(db: sqlite_utils.Database | None = None) -> list[dict[str, Any]]:
    """Every account without its password hash, by name."""
    return [
        {k: v for k, v in r.items() if k != "password_hash"}
        for r in get_db(db).table("staff_users").rows_where(order_by="username")
    ]


def count_staff_users(db: sqlite_utils.Database | None = None) -> int:
    return get_db(db).table("staff_users").count


def _change_account(
    db: sqlite_utils.Database,
    sql: str,
    args: list[Any],
    end_sessions: bool,
    actor: str,
    action: str,
    username: str,
) -> bool:
    """One change to an account, with its audit row; False when there is no such account."""
    with write_transaction(db):
        if db.execute(sql, args).rowcount == 0:
            return False
        if end_sessions:
            db.execute("delete from staff_sessions where username = ?", [username])
        core.audit(actor, action, detail={"username": username}, db=db)
    return True


def set_staff_disabled(
    username: str, disabled: bool, actor: str = "admin", db: sqlite_utils.Database | None = None
) -> bool:
    """Disable (or enable) an account; disabling also ends its sessions.

    Returns False when there is no such account.
    """
    return _change_account(
        get_db(db),
        "update staff_users set disabled = ? where username = ?",
        [1 if disabled else 0, username],
        disabled,
        actor,
        "staff_disabled" if disabled else "staff_enabled",
        username,
    )


def set_staff_password(
    username: str, password_hash: str, actor: str = "admin", db: sqlite_utils.Database | None = None
) -> bool:
    """Replace an account's password hash and end its sessions."""
    return _change_account(
        get_db(db),
        "update staff_users set password_hash = ? where username = ?",
        [password_hash, username],
        True,
        actor,
        "staff_password_changed",
        username,
    )


def create_staff_session(
    token_hash: str,
    username: str,
    csrf: str,
    expires_at: str,
    db: sqlite_utils.Database | None = None,
) -> None:
    """Store a session by the hash of its token (the token itself is never stored)."""
    get_db(db).table("staff_sessions").insert(
        {
            "token_hash": token_hash,
            "username": username,
            "csrf": csrf,
            "created_at": now(),
            "expires_at": expires_at,
        }
    )


def get_staff_session(
    token_hash: str, db: sqlite_utils.Database | None = None
) -> dict[str, Any] | None:
    """A live session: not expired, and its account exists and is enabled."""
    row = (
        get_db(db)
        .execute(
            "select s.token_hash, s.username, s.csrf, s.created_at, s.expires_at, u.role "
            "from staff_sessions s join staff_users u on u.username = s.username "
            "where s.token_hash = ? and s.expires_at > ? and coalesce(u.disabled, 0) = 0",
            [token_hash, now()],
        )
        .fetchone()
    )
    if row is None:
        return None
    keys = ["token_hash", "username", "csrf", "created_at", "expires_at", "role"]
    return dict(zip(keys, row, strict=True))


def delete_staff_session(token_hash: str, db: sqlite_utils.Database | None = None) -> None:
    get_db(db).execute("delete from staff_sessions where token_hash = ?", [token_hash])


def delete_expired_sessions(db: sqlite_utils.Database | None = None) -> int:
    return get_db(db).execute("delete from staff_sessions where expires_at <= ?", [now()]).rowcount


def record_login_attempt(key: str, ok: bool, db: sqlite_utils.Database | None = None) -> None:
    """One sign-in attempt under ``key`` (e.g. ``user:ana`` or ``ip:127.0.0.1``)."""
    get_db(db).table("login_attempts").insert({"key": key, "at": now(), "ok": 1 if ok else 0})


def login_failures(key: str, window_seconds: int, db: sqlite_utils.Database | None = None) -> int:
    """Failed attempts under ``key`` in the window, after its last success."""
    n: int = (
        get_db(db)
        .execute(
            "select count(*) from login_attempts where key = ? and ok = 0 and at >= ? and "
            "id > coalesce((select max(id) from login_attempts where key = ? and ok = 1), 0)",
            [key, iso_in(-window_seconds), key],
        )
        .fetchone()[0]
    )
    return n


def purge_login_attempts(
    older_than_seconds: int = 86400, db: sqlite_utils.Database | None = None
) -> int:
    return (
        get_db(db)
        .execute("delete from login_attempts where at < ?", [iso_in(-older_than_seconds)])
        .rowcount
    )
