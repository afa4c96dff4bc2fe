"""Tell clinic staff that a ticket needs them: a log line, a webhook, a Telegram chat.

Used by the action server (right after a ticket is created) and by the staff
inbox (which retries what did not go through). No web framework here: plain
``urllib`` in a background thread, so the caller is never held more than
about a second.

Every notification is a row in the ``notifications`` table first, then sent;
a failed send stays ``pending`` with a back-off and becomes ``failed`` after
the last attempt, which the inbox shows to staff. A row names its target
(``webhook``, ``telegram``); URLs and tokens stay in the environment or
``BOT_DATA_DIR/secrets.env``.

Health data is minimised: the payload carries the ticket id, its priority,
the triage reason (with any quoted words of the patient removed) and the sign
ids, the time and a link to the inbox - never the patient's own words, name,
phone number or conversation id.

Configuration (environment or ``secrets.env``):

- ``STAFF_WEBHOOK_URL``: POST JSON to this URL; ``STAFF_WEBHOOK_SECRET``
  (optional) adds ``X-Clinic-Signature: sha256=<hex HMAC of the body>``.
- ``STAFF_TELEGRAM_BOT_TOKEN`` + ``STAFF_TELEGRAM_CHAT_ID``: a message to a
  staff Telegram chat via ``TELEGRAM_API_BASE`` [https://api.telegram.org].
- ``STAFF_NOTIFY_LEVELS`` [emergency,urgent]: priorities sent to those
  targets; every ticket gets a log line whatever its priority.
- ``INBOX_PUBLIC_URL`` [http://127.0.0.1:$INBOX_PORT]: base of the ticket link.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import threading
import urllib.error
import urllib.request
from typing import Any

from bot import config, store
from bot.settings import settings

log = logging.getLogger("bot.notify")

SEND_TIMEOUT = 5.0  # seconds for one HTTP request to a target
CALLER_WAIT = 1.0  # seconds alert_staff may wait for the first try
MAX_ATTEMPTS = 5
TARGETS = ("webhook", "telegram")


# ------------------------------------------------------------ configuration


def inbox_url() -> str:
    """Where staff open the inbox; links in notifications start here."""
    url = settings().INBOX_PUBLIC_URL or f"http://127.0.0.1:{settings().INBOX_PORT}"
    return url.rstrip("/")


def ticket_link(ticket_id: str) -> str:
    return f"{inbox_url()}/tickets/{ticket_id}"


def configured_targets() -> list[str]:
    """The external targets that have their settings, in a fixed order."""
    targets = []
    if settings().STAFF_WEBHOOK_URL:
        targets.append("webhook")
    if settings().STAFF_TELEGRAM_BOT_TOKEN and settings().STAFF_TELEGRAM_CHAT_ID:
        targets.append("telegram")
    return targets


def notify_levels() -> list[str]:
    raw = settings().STAFF_NOTIFY_LEVELS
    return [p.strip().lower() for p in raw.split(",") if p.strip()]


def backoff_seconds(attempts: int) -> float:
    """Wait before the next try after ``attempts`` failed ones: 10 s, 20 s, 40 s, ... 5 min."""
    return float(min(10 * 2 ** max(attempts - 1, 0), 300))


# ------------------------------------------------------------ payload


def _signs(ticket: dict[str, Any]) -> list[str]:
    signs = ticket.get("signs") or []
    if isinstance(signs, str):
        try:
            signs = json.loads(signs)
        except ValueError:
            signs = [signs]
    return [str(s)[:80] for s in signs][:20]


QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|‘[^’]*’|“[^”]*”")


def reason_label(reason: Any) -> str:
    """The triage reason without quoted words: triage quotes the patient's own words
    (``vision_change (emergency): 'my eye went blurry'``), which stay in the inbox."""
    text = QUOTED.sub("", str(reason or ""))
    text = re.sub(r"\s*:\s*(;|$)", r"\1", text)  # "sign (level): " -> "sign (level)"
    return re.sub(r"\s+", " ", text).strip(" ;:")[:200]


def build_payload(ticket: dict[str, Any]) -> dict[str, Any]:
    """What leaves the system about a ticket: labels and a link, no free text."""
    priority = str(ticket.get("priority") or "routine")
    signs = _signs(ticket)
    reason = reason_label(ticket.get("reason"))
    link = ticket_link(str(ticket["id"]))
    summary = f"{priority.upper()} ticket {ticket['id']}: {reason or 'see the inbox'}"
    if signs:
        summary += f" (signs: {', '.join(signs)})"
    return {
        "ticket_id": ticket["id"],
        "priority": priority,
        "reason": reason,
        "signs": signs,
        "created_at": ticket.get("created_at"),
        "link": link,
        "text": f"{summary}\n{link}",
    }


# ------------------------------------------------------------ senders


def _post_json(url: str, body: bytes, headers: dict[str, str]) -> bytes:
    req = urllib.request.Request(  # noqa: S310 - the URL is the clinic's configured webhook or Telegram API
        url, data=body, method="POST", headers={"Content-Type": "application/json", **headers}
    )
    with urllib.request.urlopen(req, timeout=SEND_TIMEOUT) as resp:  # noqa: S310 (configured URL)
        return resp.read(65536)


def send_webhook(payload: dict[str, Any]) -> None:
    """POST the payload as JSON; raises on any failure (non-2xx included)."""
    url = settings().STAFF_WEBHOOK_URL
    if not url:
        raise RuntimeError("STAFF_WEBHOOK_URL is not set")
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    headers = {}
    key = settings().STAFF_WEBHOOK_SECRET
    if key:
        digest = hmac.new(key.encode("utf-8"), body, hashlib.sha256).hexdigest()
        headers["X-Clinic-Signature"] = f"sha256={digest}"
    _post_json(url, body, headers)


def send_telegram(payload: dict[str, Any]) -> None:
    """Send the summary to the staff chat through the Bot API; raises on failure."""
    token = settings().STAFF_TELEGRAM_BOT_TOKEN
    chat_id = settings().STAFF_TELEGRAM_CHAT_ID
    if not (token and chat_id):
        raise RuntimeError("STAFF_TELEGRAM_BOT_TOKEN or STAFF_TELEGRAM_CHAT_ID is not set")
    base = settings().TELEGRAM_API_BASE.rstrip("/")
    body = json.dumps(
        {"chat_id": chat_id, "text": payload["text"], "disable_web_page_preview": True}
    ).encode("utf-8")
    answer = json.loads(_post_json(f"{base}/bot{token}/sendMessage", body, {}) or b"{}")
    if not answer.get("ok"):
        raise RuntimeError(f"Telegram said: {str(answer.get('description'))[:200]}")


SENDERS = {"webhook": send_webhook, "telegram": send_telegram}


def describe_error(exc: BaseException) -> str:
    """A short reason for staff, without the URL (it may hold a token)."""
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code}"
    if isinstance(exc, urllib.error.URLError):
        return f"unreachable: {type(exc.reason).__name__}"
    return f"{type(exc).__name__}: {str(exc)[:200]}"


# ------------------------------------------------------------ the queue


def try_send(notification_id: int, max_attempts: int = MAX_ATTEMPTS, db: Any = None) -> bool:
    """Claim one due notification and try it once; True if it went through."""
    db = db if db is not None else store.open_db()
    row = store.claim_notification(notification_id, db=db)
    if row is None:
        return False
    sender = SENDERS.get(row["target"])
    try:
        if sender is None:
            raise RuntimeError(f"unknown target {row['target']!r}")
        sender(row["payload"])
    except Exception as exc:  # noqa: BLE001 - any failure is retried, then shown
        attempts = (row.get("attempts") or 0) + 1
        retry = backoff_seconds(attempts) if attempts < max_attempts else None
        error = describe_error(exc)
        store.finish_notification(
            notification_id, ok=False, error=error, retry_in_seconds=retry, db=db
        )
        level = logging.ERROR if retry is None else logging.WARNING
        log.log(
            level,
            "staff notification %s (%s, ticket %s) attempt %s failed: %s%s",
            notification_id,
            row["target"],
            row["ticket_id"],
            attempts,
            error,
            "" if retry else " - giving up",
        )
        return False
    store.finish_notification(notification_id, ok=True, db=db)
    log.info(
        "staff notification %s (%s, ticket %s) sent",
        notification_id,
        row["target"],
        row["ticket_id"],
    )
    return True


def retry_pending(max_attempts: int = MAX_ATTEMPTS) -> int:
    """Try every due notification once; returns how many went through.

    A row that fails its ``max_attempts``-th try is marked ``failed``. Safe to
    run from several processes: each row is claimed before it is sent.
    """
    sent = 0
    db = store.open_db()
    try:
        for nid in store.due_notifications(db=db):
            if try_send(nid, max_attempts=max_attempts, db=db):
                sent += 1
    finally:
        db.conn.close()
    return sent


def _send_now(ids: list[int], db_path: str) -> None:
    try:
        db = store.open_db(db_path)
    except Exception:  # noqa: BLE001 - the inbox retries it later
        log.exception("staff notifications %s: database unavailable for the first try", ids)
        return
    for nid in ids:
        try:
            try_send(nid, db=db)
        except Exception:  # noqa: BLE001 - the inbox retries it later
            log.exception("staff notification %s: first try crashed", nid)
    db.conn.close()


def _send_unrecorded(payload: dict[str, Any], targets: list[str]) -> None:
    """Last resort when the database is down: send without a row, once."""
    for target in targets:
        try:
            SENDERS[target](payload)
        except Exception as exc:  # noqa: BLE001
            log.error(
                "staff notification to %s for ticket %s failed and could not be queued: %s",
                target,
                payload.get("ticket_id"),
                describe_error(exc),
            )


def log_line(ticket: dict[str, Any]) -> None:
    """Always: a log line, WARNING for an emergency."""
    payload = build_payload(ticket)
    level = logging.WARNING if payload["priority"] == "emergency" else logging.INFO
    log.log(
        level,
        "staff alert: %s ticket %s - %s%s - %s",
        payload["priority"].upper(),
        payload["ticket_id"],
        payload["reason"] or "no reason given",
        f" [{', '.join(payload['signs'])}]" if payload["signs"] else "",
        payload["link"],
    )


UNRECORDED_WAIT = 3.0  # seconds an unrecorded alert may hold the caller


def alert_unrecorded(
    priority: str, reason: str, signs: list[str], wait: float = UNRECORDED_WAIT
) -> bool:
    """Alert staff about an escalation the database could not record (a full disk).

    Sent at once to every configured target, without a queue row (the database
    is the thing that failed). True when at least one target took it within
    ``wait`` seconds: staff then know, and the ticket made later from the spool
    is not paged again. Always writes a CRITICAL log line. Never raises.
    """
    try:
        payload = build_payload(
            {
                "id": "not-yet-recorded",
                "priority": priority,
                "reason": reason,
                "signs": signs,
                "created_at": store.now(),
            }
        )
        payload["link"] = inbox_url() + "/"
        payload["text"] = (
            f"{priority.upper()} report NOT YET RECORDED: the bot's database "
            f"cannot be written (disk full or broken). Reason: "
            f"{payload['reason'] or 'see the conversation'}"
            + (f" (signs: {', '.join(payload['signs'])})" if payload["signs"] else "")
            + f". It becomes a ticket once the database works again. "
            f"{payload['link']}"
        )
        log.critical("staff alert: %s", payload["text"])
        targets = configured_targets()
        if not targets or priority not in notify_levels():
            return False
    except Exception:  # noqa: BLE001 - an alert must never break the caller
        log.exception("unrecorded staff alert could not be prepared")
        return False
    sent: list[str] = []

    def send_all() -> None:
        for target in targets:
            try:
                SENDERS[target](payload)
                sent.append(target)
            except Exception as exc:  # noqa: BLE001
                log.error("unrecorded staff alert to %s failed: %s", target, describe_error(exc))

    worker = threading.Thread(target=send_all, daemon=True, name="notify-unrecorded")
    worker.start()
    worker.join(timeout=max(wait, 0.0))
    return bool(sent)


def alert_staff(ticket: dict[str, Any], wait: float = CALLER_WAIT) -> None:
    """Alert staff about a new ticket. Never raises; returns within ~``wait`` s.

    Writes a log line, queues one notification per configured target (for the
    priorities in ``STAFF_NOTIFY_LEVELS``) and tries to send them at once in
    a daemon thread; anything not sent by then is retried by ``retry_pending``.
    """
    try:
        log_line(ticket)
        targets = configured_targets()
        if not targets or str(ticket.get("priority")) not in notify_levels():
            return
        payload = build_payload(ticket)
    except Exception:  # noqa: BLE001 - an alert must never break the caller
        log.exception("staff alert for ticket %r could not be prepared", ticket.get("id"))
        return
    try:
        db = store.open_db()
        ids = [
            store.enqueue_notification(payload["ticket_id"], "new_ticket", t, payload, db=db)
            for t in targets
        ]
        db.conn.close()
        worker = threading.Thread(
            target=_send_now,
            args=(ids, str(config.db_path())),
            daemon=True,
            name=f"notify-{payload['ticket_id']}",
        )
    except Exception:  # noqa: BLE001 - database down: still try to reach staff
        log.exception("staff notifications for ticket %s could not be queued", payload["ticket_id"])
        worker = threading.Thread(
            target=_send_unrecorded,
            args=(payload, targets),
            daemon=True,
            name=f"notify-{payload['ticket_id']}",
        )
    worker.start()
    worker.join(timeout=max(wait, 0.0))
