"""How things read on the inbox's pages: times, labels, audit lines.

Pure functions (no web framework), used as Jinja filters and tested directly.
Times are shown in the clinic's time zone (``timezone`` in the clinic config).
"""

from __future__ import annotations

import functools
import json
from datetime import datetime, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from bot import config

PRIORITY_LABELS = {"emergency": "Emergency", "urgent": "Urgent", "routine": "Routine"}
STATUS_LABELS = {"open": "Open", "pending": "Pending", "resolved": "Resolved"}
OUTCOME_LABELS = {
    "clinician_review": "Clinician review",
    "not_suitable": "Not suitable",
    "eligible": "Eligible",
}
CHANNEL_LABELS = {
    "socketio": "Website chat",
    "rest": "REST (API)",
    "telegram": "Telegram",
    "whatsapp_cloud": "WhatsApp",
    "twilio_whatsapp": "WhatsApp (Twilio)",
    "whatsapp": "WhatsApp",
    "cmdline": "Command line",
}
PRESCREEN_QUESTIONS = {
    "prescreen_consent": "Consent to store the answers",
    "age": "Age",
    "pregnant_or_breastfeeding": "Pregnant or breastfeeding",
    "blood_thinners": "Blood thinners",
    "bleeding_disorder": "Bleeding or clotting disorder, stroke or clots",
    "skin_condition": "Infection, cold sore or skin flare in the area",
    "keloid_history": "Keloid or raised scarring",
    "allergies": "Allergies (ingredients, lidocaine, numbing cream)",
    "medical_conditions": "Medical conditions",
    "recent_procedures": "Recent procedures or isotretinoin",
}
AUDIT_LABELS = {
    "ticket_created": "created the ticket",
    "note_added": "added a note",
    "reply_sent": "replied to the patient",
    "reply_failed": "tried to reply (not sent)",
    "reply_blocked": "tried to reply outside the WhatsApp window",
    "handed_back": "handed the conversation back to the assistant",
    "handback_failed": "tried to hand back (failed)",
    "ticket_viewed": "opened the ticket",
    "notification_failed": "could not notify staff",
    "notification_retried": "asked to retry a staff notification",
    "prescreen_reviewed": "marked the pre-screen reviewed",
}


@functools.lru_cache(maxsize=1)
def clinic_tz() -> tzinfo:
    try:
        name = config.clinic().get("timezone")
        return ZoneInfo(name) if name else timezone.utc
    except Exception:  # noqa: BLE001 - a bad config must not break every page
        return timezone.utc


def clinic_name() -> str:
    try:
        return str(config.clinic().get("name") or "Clinic")
    except Exception:  # noqa: BLE001
        return "Clinic"


def to_datetime(value: str | float | int | None) -> datetime | None:
    """An ISO string (store) or epoch seconds (Rasa) as an aware datetime."""
    if value is None or value == "":
        return None
    try:
        if isinstance(value, (int, float)):
            return datetime.fromtimestamp(float(value), tz=timezone.utc)
        dt = datetime.fromisoformat(str(value))
        return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)
    except (ValueError, OverflowError, OSError):
        return None


def when(value: str | float | None) -> str:
    """``21 Nov 2025, 14:05`` in the clinic's time zone."""
    dt = to_datetime(value)
    return dt.astimezone(clinic_tz()).strftime("%d %b %Y, %H:%M") if dt else ""


def clock(value: str | float | None) -> str:
    """``14:05`` today, ``21 Nov 14:05`` on another day (clinic time)."""
    dt = to_datetime(value)
    if not dt:
        return ""
    local = dt.astimezone(clinic_tz())
    today = datetime.now(clinic_tz()).date()
    return local.strftime("%H:%M") if local.date() == today else local.strftime("%d %b %H:%M")


def iso(value: str | float | None) -> str:
    dt = to_datetime(value)
    return dt.isoformat(timespec="seconds") if dt else ""


def age(value: str | float | None, now: datetime | None = None) -> str:
    """How long ago: ``just now``, ``12 min``, ``3 h 5 min``, ``2 d 4 h``."""
    dt = to_datetime(value)
    if not dt:
        return ""
    seconds = int(((now or datetime.now(timezone.utc)) - dt).total_seconds())
    if seconds < 60:
        return "just now"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h" if hours else f"{days} d"


def _walk_labels(node: Any, found: dict[str, str]) -> None:
    if isinstance(node, dict):
        ident = node.get("id")
        label = node.get("label") or node.get("name") or node.get("title")
        if isinstance(ident, str) and isinstance(label, str):
            found.setdefault(ident, label)
        for key, value in node.items():
            if isinstance(value, dict) and isinstance(key, str):
                label = value.get("label") or value.get("name") or value.get("title")
                if isinstance(label, str):
                    found.setdefault(key, label)
            _walk_labels(value, found)
    elif isinstance(node, list):
        for item in node:
            _walk_labels(item, found)


@functools.lru_cache(maxsize=1)
def sign_labels() -> dict[str, str]:
    """Sign id -> label from ``knowledge/red_flags.yml`` when it gives labels."""
    found: dict[str, str] = {}
    try:
        _walk_labels(config.load_yaml(config.KNOWLEDGE / "red_flags.yml"), found)
    except Exception:  # noqa: BLE001 - no file yet, or another shape: use the ids
        return {}
    return found


def sign_label(sign: Any) -> str:
    sign = str(sign)
    return sign_labels().get(sign) or sign.replace("_", " ")


def ticket_title(ticket: dict[str, Any]) -> str:
    """What staff read first: the matched signs in words, else the reason."""
    signs = ticket.get("signs") or []
    if isinstance(signs, str):
        signs = [signs]
    text = (
        "; ".join(sign_label(s) for s in signs)
        or str(ticket.get("reason") or "")
        or "No reason recorded"
    )
    return text[:1].upper() + text[1:]


def priority_label(priority: Any) -> str:
    return PRIORITY_LABELS.get(str(priority), str(priority).title())


def status_label(status: Any) -> str:
    return STATUS_LABELS.get(str(status), str(status).title())


def outcome_label(outcome: Any) -> str:
    return OUTCOME_LABELS.get(str(outcome), str(outcome).replace("_", " ").capitalize())


def channel_label(channel: Any) -> str:
    if not channel:
        return "unknown"
    return CHANNEL_LABELS.get(str(channel), str(channel))


def question_label(slot: Any) -> str:
    return PRESCREEN_QUESTIONS.get(str(slot), str(slot).replace("_", " ").capitalize())


def answer_text(value: Any) -> str:
    """An answer as staff read it: yes/no for booleans, JSON for structures."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def audit_text(row: dict[str, Any]) -> str:
    """One audit row as a phrase: ``changed status to resolved``."""
    action = str(row.get("action") or "")
    detail = row.get("detail") if isinstance(row.get("detail"), dict) else {}
    if action == "ticket_updated":
        parts = []
        if "status" in detail:
            parts.append(f"set the status to {detail['status']}")
        if "assigned_to" in detail:
            parts.append(
                f"assigned it to {detail['assigned_to']}"
                if detail["assigned_to"]
                else "unassigned it"
            )
        return " and ".join(parts) or "updated the ticket"
    if action == "ticket_created" and detail.get("priority"):
        return f"created the ticket ({detail['priority']})"
    if action == "notification_failed" and detail.get("target"):
        return f"could not notify staff by {detail['target']} ({detail.get('error') or 'error'})"
    return AUDIT_LABELS.get(action, action.replace("_", " "))
