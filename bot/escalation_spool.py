"""The escalation spool: where an escalation waits when the database cannot take it.

A reserve file of fixed slots made in advance (``prepare``, run at start by
``scripts/run.sh``): writing an entry overwrites bytes the file already owns,
so it still works when the disk is full. ``ESCALATION_SPOOL_DIR`` puts it on
another filesystem (advised on copy-on-write filesystems such as btrfs, where
an overwrite needs new blocks). If the reserve is full or missing, entries are
appended to ``escalations.jsonl`` beside it.

``bot.escalation`` writes entries (``write``) and replays them into tickets
(``drain``); this module knows files, not tickets.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot import config
from bot.settings import settings

log = logging.getLogger("bot.escalation")
RESERVE_SLOTS = 256
SLOT_BYTES = 4096
ENTRY_KEYS = {
    "conversation_id",
    "channel",
    "level",
    "reason",
    "signs",
    "episode_key",
    "source",
    "alerted",
}
# What a replay may meet while the database is still down: stop, keep the rest.
NOT_YET = (sqlite3.Error, OSError)


def spool_dir() -> Path:
    d = Path(settings().ESCALATION_SPOOL_DIR or config.data_dir() / "spool")
    d.mkdir(parents=True, exist_ok=True)
    return d


def spool_path() -> Path:
    """The overflow spool (appended lines), used when the reserve is full or missing."""
    return spool_dir() / "escalations.jsonl"


def reserve_path() -> Path:
    """The reserve: ``RESERVE_SLOTS`` slots of ``SLOT_BYTES`` made in advance."""
    return spool_dir() / "escalations.reserve"


def prepare() -> Path:
    """Make the reserve file at full size (real bytes, not a sparse file)."""
    path = reserve_path()
    size = RESERVE_SLOTS * SLOT_BYTES
    if path.exists() and path.stat().st_size >= size:
        return path
    with open(path, "ab") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        missing = size - f.seek(0, os.SEEK_END)
        if missing > 0:
            f.write(b"\0" * missing)
            f.flush()
            os.fsync(f.fileno())
    return path


def _encode(entry: dict[str, Any]) -> bytes:
    data = json.dumps(entry, ensure_ascii=False).encode("utf-8")
    if len(data) >= SLOT_BYTES:  # only the reason can be long: shorten it
        reason = str(entry.get("reason") or "").encode()
        room = SLOT_BYTES - (len(data) - len(reason)) - 64
        entry = {**entry, "reason": reason[: max(room, 0)].decode("utf-8", "ignore") + " [cut]"}
        data = json.dumps(entry, ensure_ascii=False).encode("utf-8")
    return data[: SLOT_BYTES - 1]


def _write_reserve(data: bytes) -> bool:
    path = reserve_path()
    if not path.exists():
        prepare()  # may fail on a full disk: the caller falls back
    with open(path, "r+b") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        content = f.read()
        for i in range(len(content) // SLOT_BYTES):
            if content[i * SLOT_BYTES] == 0:
                _overwrite_slot(f, i, data)
                return True
    return False


def _overwrite_slot(f: Any, i: int, data: bytes) -> None:
    f.seek(i * SLOT_BYTES)
    f.write(data + b"\0" * (SLOT_BYTES - len(data)))
    f.flush()
    os.fsync(f.fileno())


def write(entry: dict[str, Any]) -> bool:
    """Keep the escalation for replay; if even that fails, say so loudly and go on.

    Raising here would crash the action and lose the reply the patient is
    waiting for; the reconciler still finds the report in the tracker store.
    """
    data = _encode(entry)
    try:
        if _write_reserve(data):
            return True
        log.error(
            "the escalation reserve %s is full; appending to %s", reserve_path(), spool_path()
        )
    except OSError as exc:
        log.error("the escalation reserve could not be written (%s)", exc)
    try:
        with open(spool_path(), "a", encoding="utf-8") as f:
            f.write(data.decode("utf-8") + "\n")
        return True
    except OSError as exc:
        message = (
            f"CRITICAL: a {entry.get('level')} escalation could not be recorded or "
            f"spooled ({exc}); see the inbox and the patient's conversation"
        )
        log.critical(message)
        print(message, file=sys.stderr, flush=True)  # the terminal, if the log file is full
        return False


def _slots(content: bytes) -> list[tuple[int, bytes]]:
    """The used slots of the reserve's bytes, with their numbers."""
    slots = (
        content[i * SLOT_BYTES : (i + 1) * SLOT_BYTES] for i in range(len(content) // SLOT_BYTES)
    )
    return [(i, slot) for i, slot in enumerate(slots) if slot[0]]


def spooled() -> list[dict[str, Any]]:
    """Every escalation waiting in the spool (reserve and overflow), oldest first."""
    out: list[dict[str, Any]] = []
    path = reserve_path()
    if path.exists():
        for _, slot in _slots(path.read_bytes()):
            out.append(json.loads(slot.rstrip(b"\0").decode("utf-8", "replace")))
    for p in (spool_path().with_suffix(".replaying"), spool_path()):
        if p.exists():
            out += [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
    return out


def _entry(raw: Any) -> dict[str, Any] | None:
    """A spool entry fit for ``escalate``, or None."""
    if (
        not isinstance(raw, dict)
        or set(raw) - ENTRY_KEYS
        or not {"conversation_id", "channel", "level", "reason"} <= set(raw)
    ):
        return None
    return raw


def drain(handle: Callable[[dict[str, Any]], bool]) -> int:
    """Give each spooled entry to ``handle`` (True: it was recorded); how many were.

    An entry leaves the spool once handled. At the first ``NOT_YET`` error the
    replay stops and that entry and the rest stay for the next one.
    Unreadable entries are logged and dropped.
    """
    return _drain_reserve(handle) + _drain_overflow(handle)


def _drain_reserve(handle: Callable[[dict[str, Any]], bool]) -> int:
    path = reserve_path()
    if not path.exists():
        return 0
    done = 0
    with open(path, "r+b") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        for i, slot in _slots(f.read()):
            try:
                entry = _entry(json.loads(slot.rstrip(b"\0").decode("utf-8")))
            except (UnicodeDecodeError, ValueError):
                entry = None
            if entry is None:
                log.error("unreadable spool slot dropped: %r", slot[:200])
            else:
                try:
                    done += 1 if handle(entry) else 0
                except NOT_YET as exc:
                    log.error("spool replay stopped, the database is not writable yet: %s", exc)
                    break
            _overwrite_slot(f, i, b"")
    return done


def _drain_overflow(handle: Callable[[dict[str, Any]], bool]) -> int:
    path = spool_path()
    work = path.with_suffix(".replaying")
    if path.exists() and path.stat().st_size > 0:
        if work.exists():  # a replay that died half-way: keep its lines too
            with open(work, "a", encoding="utf-8") as f:
                f.write(path.read_text(encoding="utf-8"))
            path.unlink()
        else:
            path.replace(work)
    if not work.exists():
        return 0
    done = 0
    lines = work.read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines):
        try:
            entry = _entry(json.loads(line))
        except ValueError:
            entry = None
        if entry is None:
            log.error("unreadable spool line dropped: %r", line[:200])
            continue
        try:
            done += 1 if handle(entry) else 0
        except NOT_YET as exc:
            log.error("spool replay stopped, the database is not writable yet: %s", exc)
            work.write_text("\n".join(lines[n:]) + "\n", encoding="utf-8")
            return done
    work.unlink()
    return done
