"""Turning a triage level into a ticket for staff: plain Python, no Rasa.

One episode, one ticket: a conversation that already has an open ticket at the
same or a more urgent level gets that ticket back (with a note), not a new one.
The action server and the reconciler both call ``escalate``; the store's unique
(conversation, episode) index makes a race between them harmless. If the
database is unreachable the escalation is spooled to a file and replayed by
``bot.reconcile`` once the database is back, so it is never lost.
"""
from __future__ import annotations

import json
import logging
import sqlite3
from typing import Any, Dict, Iterable, Optional

from bot import config, store

log = logging.getLogger(__name__)
ESCALATING = ("emergency", "urgent", "routine")


def spool_path():
    d = config.data_dir() / "spool"
    d.mkdir(parents=True, exist_ok=True)
    return d / "escalations.jsonl"


def escalate(conversation_id: str, channel: str, level: str, reason: str,
             signs: Iterable[str] = (), episode_key: Optional[str] = None,
             source: str = "bot", notify: bool = True, note_repeat: bool = True,
             db=None) -> Optional[Dict[str, Any]]:
    """Create (or find) the ticket for this episode and alert staff.

    Returns the ticket, or None when it had to be spooled because the database
    could not be written; the spool is replayed by ``bot.reconcile.sweep``.
    """
    if level not in ESCALATING:
        return None
    signs = list(signs)
    try:
        db = db if db is not None else store.open_db()
        current = store.open_ticket_for(conversation_id, db=db)
        if current and store.PRIORITY_RANK[current["priority"]] <= store.PRIORITY_RANK[level]:
            if note_repeat and episode_key and current["episode_key"] != episode_key:
                store.add_note(current["id"], source,
                               f"Patient reported again ({level}): {reason}", db=db)
            return current
        ticket = store.create_ticket(conversation_id, channel, level, reason, signs,
                                     episode_key=episode_key, source=source, db=db)
    except (sqlite3.Error, OSError) as exc:
        log.error("could not record a %s escalation for %s (%s); spooled for retry",
                  level, conversation_id, exc)
        _spool({"conversation_id": conversation_id, "channel": channel, "level": level,
                "reason": reason, "signs": signs, "episode_key": episode_key,
                "source": source})
        return None
    if notify:
        _alert(ticket)
    return ticket


def _alert(ticket: Dict[str, Any]) -> None:
    """Tell staff; a failure to notify must never lose the ticket or the reply."""
    log.warning("ESCALATION %s ticket %s for conversation %s: %s", ticket["priority"],
                ticket["id"], ticket["conversation_id"], ticket["reason"])
    try:
        from bot import notify
        notify.alert_staff(ticket)
    except Exception:  # noqa: BLE001 - the notifier retries on its own
        log.exception("staff notification for %s could not be queued", ticket["id"])


def _spool(entry: Dict[str, Any]) -> None:
    """Keep the escalation for replay; if even that fails, say so loudly and go on.

    Raising here would crash the action and lose the reply the patient is
    waiting for; the reconciler still finds the report in the tracker store.
    """
    try:
        with open(spool_path(), "a", encoding="utf-8") as f:
            f.write(json.dumps(entry) + "\n")
    except OSError as exc:
        log.critical("escalation for %s could not be spooled either (%s): %s",
                     entry.get("conversation_id"), exc, json.dumps(entry))


def replay_spool(db=None) -> int:
    """Record spooled escalations; returns how many were recorded."""
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
    for line in work.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
            ticket = escalate(**entry, db=db)
        except (TypeError, ValueError):
            log.error("unreadable spool line dropped: %r", line[:200])
            continue
        if ticket is not None:
            done += 1
    work.unlink()
    return done
