"""Named leases in ``meta``: one background worker at a time (``bot.worker``)."""

from __future__ import annotations

import json
import time
from typing import Any

import sqlite_utils

from bot.store.core import get_db, write_transaction


def take_lease(
    name: str, holder: str, seconds: float, db: sqlite_utils.Database | None = None
) -> bool:
    """Hold the lease ``name`` for ``seconds`` if it is free, expired or ours already.

    The holder renews it while it works; if the holder dies, the lease runs
    out and another takes it. Kept in ``meta`` as ``lease:<name>`` =
    ``{"holder", "until"}`` (Unix seconds; every process shares this host's
    clock, as they share the file).
    """
    db = get_db(db)
    key, at = f"lease:{name}", time.time()
    with write_transaction(db):  # read and take together
        current = _lease(db, key)
        if current and current["holder"] != holder and current["until"] > at:
            return False
        db.execute(
            "insert into meta (key, value) values (?, ?) on conflict(key) do update "
            "set value = excluded.value",
            [key, json.dumps({"holder": holder, "until": at + seconds})],
        )
    return True


def release_lease(name: str, holder: str, db: sqlite_utils.Database | None = None) -> bool:
    """Give the lease up (only its holder can); True if it was held by ``holder``."""
    db = get_db(db)
    key = f"lease:{name}"
    with write_transaction(db):
        current = _lease(db, key)
        if not current or current["holder"] != holder:
            return False
        db.execute("delete from meta where key = ?", [key])
    return True


def lease_holder(name: str, db: sqlite_utils.Database | None = None) -> str | None:
    """Who holds the lease now (None if nobody, or it ran out)."""
    current = _lease(get_db(db), f"lease:{name}")
    return str(current["holder"]) if current and current["until"] > time.time() else None


def _lease(db: sqlite_utils.Database, key: str) -> dict[str, Any] | None:
    row = db.execute("select value from meta where key = ?", [key]).fetchone()
    try:
        value = json.loads(row[0]) if row else None
        return {"holder": str(value["holder"]), "until": float(value["until"])}  # type: ignore[index]
    except (TypeError, ValueError, KeyError):
        return None  # unreadable: treat as free
