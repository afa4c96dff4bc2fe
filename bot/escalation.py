"""Turning a triage level into a ticket for staff: plain Python, no Rasa.

One episode, one ticket: a conversation that already has an open ticket at the
same or a more urgent level gets that ticket back (with a note, at most one a
minute), not a new one, and staff are alerted once per ticket. The action
server and the reconciler both call ``escalate``; the store's unique
(conversation, episode) index makes a race between them harmless.

When the database cannot be written (a full disk, a locked or broken file):

1. staff are alerted at once, without a ticket (``notify.alert_unrecorded``);
2. the escalation is written to the spool, replayed into a ticket by
   ``bot.reconcile`` once the database is back.

The spool is a reserve file of fixed slots made in advance (``prepare``,
run at start by ``scripts/run.sh``): writing an entry overwrites bytes the file
already owns, so it still works when the disk is full. ``ESCALATION_SPOOL_DIR``
puts it on another filesystem (advised on copy-on-write filesystems such as
btrfs, where an overwrite needs new blocks). If the reserve is full or
missing, entries are appended to ``escalations.jsonl`` beside it.

``Escalation.staff_know`` says whether staff are known to have the report (a
ticket in the inbox, or an alert that went through), so the patient is only
told "the team has your message" when it is true.
"""
from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional

from bot import config, store
from bot.levels import ESCALATING  # routine, urgent, emergency: the levels that make a ticket

log = logging.getLogger(__name__)
RESERVE_SLOTS = 256
SLOT_BYTES = 4096
NOTE_EVERY_SECONDS = 60
MIN_FREE_BYTES = 32 * 1024 * 1024
ENTRY_KEYS = {"conversation_id", "channel", "level", "reason", "signs", "episode_key",
              "source", "alerted"}


@dataclass
class Escalation:
    """What became of one escalation."""
    ticket: Optional[Dict[str, Any]] = None
    spooled: bool = False
    alerted: bool = False      # an alert without a ticket went through

    @property
    def staff_know(self) -> bool:
        """True when staff have it: a ticket in the inbox, or an alert that was sent."""
        return self.ticket is not None or self.alerted


# ------------------------------------------------------------ escalate

def escalate(conversation_id: str, channel: str, level: str, reason: str,
             signs: Iterable[str] = (), episode_key: Optional[str] = None,
             source: str = "bot", notify: bool = True, note_repeat: bool = True,
             db=None) -> Optional[Dict[str, Any]]:
    """Create (or find) the ticket for this episode and alert staff.

    Returns the ticket, or None when it had to be spooled (see ``outcome``).
    """
    return outcome(conversation_id, channel, level, reason, signs, episode_key, source,
                   notify, note_repeat, db).ticket


def outcome(conversation_id: str, channel: str, level: str, reason: str,
            signs: Iterable[str] = (), episode_key: Optional[str] = None,
            source: str = "bot", notify: bool = True, note_repeat: bool = True,
            db=None) -> Escalation:
    """``escalate`` with the whole story: ticket, spooled, alerted without a ticket."""
    if level not in ESCALATING:
        return Escalation()
    signs = list(signs)
    try:
        ticket, new = _record(conversation_id, channel, level, reason, signs, episode_key,
                              source, note_repeat, db)
    except (sqlite3.Error, OSError) as exc:
        log.error("could not record a %s escalation (%s); alerting staff and spooling it",
                  level, exc)
        alerted = False
        if notify:
            alerted = _alert_unrecorded(level, reason, signs)
        spooled = _spool({"conversation_id": conversation_id, "channel": channel,
                          "level": level, "reason": reason, "signs": signs,
                          "episode_key": episode_key, "source": source, "alerted": alerted})
        return Escalation(None, spooled, alerted)
    if notify and new:
        _alert(ticket)
    return Escalation(ticket)


def _record(conversation_id: str, channel: str, level: str, reason: str, signs: List[str],
            episode_key: Optional[str], source: str, note_repeat: bool, db):
    """(ticket, created now); raises sqlite3.Error or OSError when it cannot write."""
    db = db if db is not None else store.open_db()
    current = store.open_ticket_for(conversation_id, db=db)
    if current and store.PRIORITY_RANK[current["priority"]] <= store.PRIORITY_RANK[level]:
        if note_repeat and episode_key and current["episode_key"] != episode_key \
                and not _noted_lately(current["id"], source, db):
            store.add_note(current["id"], source,
                           f"Patient reported again ({level}): {reason}", db=db)
        return current, False
    before = db.execute("select 1 from tickets where conversation_id = ? and episode_key = ?",
                        [conversation_id, episode_key]).fetchone() if episode_key else None
    ticket = store.create_ticket(conversation_id, channel, level, reason, signs,
                                 episode_key=episode_key, source=source, db=db)
    return ticket, before is None


def _noted_lately(ticket_id: str, author: str, db) -> bool:
    """A "reported again" note in the last minute: repeats add no more (one per minute)."""
    row = db.execute("select 1 from notes where ticket_id = ? and author = ? and "
                     "text like 'Patient reported again%' and created_at >= ? limit 1",
                     [ticket_id, author, store.iso_in(-NOTE_EVERY_SECONDS)]).fetchone()
    return row is not None


def _alert(ticket: Dict[str, Any]) -> None:
    """Tell staff; a failure to notify must never lose the ticket or the reply."""
    log.warning("ESCALATION %s ticket %s", ticket["priority"], ticket["id"])
    try:
        from bot import notify
        notify.alert_staff(ticket)
    except Exception:  # noqa: BLE001 - the notifier retries on its own
        log.exception("staff notification for %s could not be queued", ticket["id"])


def _alert_unrecorded(level: str, reason: str, signs: List[str]) -> bool:
    try:
        from bot import notify
        return bool(notify.alert_unrecorded(level, reason, signs))
    except Exception:  # noqa: BLE001 - still spool it
        log.exception("staff alert for an unrecorded %s escalation failed", level)
        return False


def unreachable_text() -> str:
    """For the patient when staff could not be told: who to call instead.

    Wording note: knowledge/replies is the home of what the bot says; this
    sentence lives here until it gets a response of its own there.
    """
    try:
        facts = config.clinic() or {}
    except Exception:  # noqa: BLE001
        facts = {}
    phone = facts.get("urgent_line") or facts.get("phone") or "the clinic"
    return (f"I could not pass your message to the clinic team just now. Please call "
            f"{phone} yourself; in an emergency call {facts.get('emergency_number') or 999}.")


# ------------------------------------------------------------ the spool

def spool_dir() -> Path:
    d = Path(os.environ.get("ESCALATION_SPOOL_DIR") or config.data_dir() / "spool")
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


def _encode(entry: Dict[str, Any]) -> bytes:
    data = json.dumps(entry, ensure_ascii=False).encode("utf-8")
    if len(data) >= SLOT_BYTES:  # only the reason can be long: shorten it
        room = SLOT_BYTES - (len(data) - len(str(entry.get("reason") or "").encode())) - 64
        entry = {**entry, "reason": str(entry.get("reason") or "").encode()[:max(room, 0)]
                 .decode("utf-8", "ignore") + " [cut]"}
        data = json.dumps(entry, ensure_ascii=False).encode("utf-8")
    return data[:SLOT_BYTES - 1]


def _write_reserve(data: bytes) -> bool:
    path = reserve_path()
    if not path.exists():
        prepare()  # may fail on a full disk: the caller falls back
    with open(path, "r+b") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        content = f.read()
        for i in range(len(content) // SLOT_BYTES):
            if content[i * SLOT_BYTES] == 0:
                f.seek(i * SLOT_BYTES)
                f.write(data + b"\0" * (SLOT_BYTES - len(data)))
                f.flush()
                os.fsync(f.fileno())
                return True
    return False


def _spool(entry: Dict[str, Any]) -> bool:
    """Keep the escalation for replay; if even that fails, say so loudly and go on.

    Raising here would crash the action and lose the reply the patient is
    waiting for; the reconciler still finds the report in the tracker store.
    """
    data = _encode(entry)
    try:
        if _write_reserve(data):
            return True
        log.error("the escalation reserve %s is full; appending to %s", reserve_path(),
                  spool_path())
    except OSError as exc:
        log.error("the escalation reserve could not be written (%s)", exc)
    try:
        with open(spool_path(), "a", encoding="utf-8") as f:
            f.write(data.decode("utf-8") + "\n")
        return True
    except OSError as exc:
        message = (f"CRITICAL: a {entry.get('level')} escalation could not be recorded or "
                   f"spooled ({exc}); see the inbox and the patient's conversation")
        log.critical(message)
        print(message, file=sys.stderr, flush=True)  # the terminal, if the log file is full
        return False


def spooled() -> List[Dict[str, Any]]:
    """Every escalation waiting in the spool (reserve and overflow), oldest first."""
    out: List[Dict[str, Any]] = []
    path = reserve_path()
    if path.exists():
        content = path.read_bytes()
        for i in range(len(content) // SLOT_BYTES):
            slot = content[i * SLOT_BYTES:(i + 1) * SLOT_BYTES]
            if slot[0]:
                out.append(json.loads(slot.rstrip(b"\0").decode("utf-8", "replace")))
    for p in (spool_path().with_suffix(".replaying"), spool_path()):
        if p.exists():
            out += [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines()
                    if x.strip()]
    return out


def _entry(raw: Any) -> Optional[Dict[str, Any]]:
    """A spool entry fit for ``escalate``, or None."""
    if not isinstance(raw, dict) or set(raw) - ENTRY_KEYS or not {
            "conversation_id", "channel", "level", "reason"} <= set(raw):
        return None
    return raw


def _replay_one(entry: Dict[str, Any], db) -> Optional[Dict[str, Any]]:
    """Record one entry; raises when the database is still unwritable."""
    e = dict(entry)
    alerted = bool(e.pop("alerted", False))
    ticket, new = _record(e["conversation_id"], e["channel"], e["level"], e["reason"],
                          list(e.get("signs") or []), e.get("episode_key"),
                          e.get("source") or "bot", True, db)
    if new:
        if alerted:  # staff were paged when it happened: the ticket needs no second page
            log.warning("ESCALATION %s ticket %s recorded from the spool", ticket["priority"],
                        ticket["id"])
        else:
            _alert(ticket)
    return ticket


def replay_spool(db=None) -> int:
    """Record spooled escalations; returns how many were recorded."""
    return _replay_reserve(db) + _replay_overflow(db)


def _replay_reserve(db) -> int:
    path = reserve_path()
    if not path.exists():
        return 0
    done = 0
    with open(path, "r+b") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        content = f.read()
        for i in range(len(content) // SLOT_BYTES):
            slot = content[i * SLOT_BYTES:(i + 1) * SLOT_BYTES]
            if not slot[0]:
                continue
            try:
                entry = _entry(json.loads(slot.rstrip(b"\0").decode("utf-8")))
            except (UnicodeDecodeError, ValueError):
                entry = None
            if entry is None:
                log.error("unreadable spool slot dropped: %r", slot[:200])
            else:
                try:
                    if _replay_one(entry, db) is not None:
                        done += 1
                except (sqlite3.Error, OSError) as exc:
                    log.error("spool replay stopped, the database is not writable yet: %s", exc)
                    break
            f.seek(i * SLOT_BYTES)
            f.write(b"\0" * SLOT_BYTES)
            f.flush()
            os.fsync(f.fileno())
    return done


def _replay_overflow(db) -> int:
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
            if _replay_one(entry, db) is not None:
                done += 1
        except (sqlite3.Error, OSError) as exc:
            log.error("spool replay stopped, the database is not writable yet: %s", exc)
            work.write_text("\n".join(lines[n:]) + "\n", encoding="utf-8")
            return done
    work.unlink()
    return done


# ------------------------------------------------------------ health

def storage_problem() -> Optional[str]:
    """A sentence when escalations could go unrecorded (little disk left, no reserve)."""
    try:
        d = config.data_dir()
        free = shutil.disk_usage(d).free
        if free < config.env_int("BOT_MIN_FREE_MB", MIN_FREE_BYTES // (1024 * 1024)) * 1024 * 1024:
            return (f"BOT_DATA_DIR ({d}) has only {free // (1024 * 1024)} MB free: tickets, "
                    "transcripts and logs will soon fail to be written")
        if not reserve_path().exists():
            try:
                prepare()
            except OSError as exc:
                return f"the escalation reserve {reserve_path()} is missing ({exc})"
        waiting = len(spooled())
        if waiting:
            return f"{waiting} escalation(s) wait in the spool: the database is not writable"
    except (OSError, ValueError) as exc:
        return f"the data folder cannot be checked: {exc}"
    return None


def main(argv: Optional[List[str]] = None) -> int:
    """``python -m bot.escalation prepare|check``: make the reserve; report storage."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["prepare"]:
        try:
            prepare()
        except OSError as exc:
            print(f"could not make the escalation reserve: {exc}", file=sys.stderr)
            return 1
        return 0
    problem = storage_problem()
    print(problem or "ok")
    return 1 if problem else 0


if __name__ == "__main__":
    sys.exit(main())
