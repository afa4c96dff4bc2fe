"""WhatsApp's 24-hour customer-service window: the one home of the rule.

WhatsApp lets a business send free-form messages for 24 hours after the
patient last wrote; after that only an approved template. The channels
(``bot/channels/common.py``: send free text, the template, or refuse) and the
inbox (``bot/inbox/tickets.py``: warn staff before they type) both ask here, from
the same record: ``contacts.last_inbound_at``, written on every message a
patient sends (``bot.channels.common.record_inbound``).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

SERVICE_WINDOW = timedelta(hours=24)
#: WhatsApp channels (Rasa channel names) and the setting naming their approved template.
TEMPLATE_SETTINGS = {
    "whatsapp": "WHATSAPP_TEMPLATE_NAME",
    "twilio_whatsapp": "TWILIO_TEMPLATE_CONTENT_SID",
}


def parse_time(value: object) -> datetime | None:
    """An ISO timestamp as an aware datetime (UTC when it has no zone); None if unreadable."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str) and value:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return None
    else:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def is_open(last_inbound: object, now: datetime | None = None) -> bool:
    """Whether free-form text may still be sent: the patient wrote less than 24 hours ago.

    ``last_inbound`` is ``contacts.last_inbound_at`` (text or datetime); none on
    record means closed.
    """
    last = parse_time(last_inbound)
    if last is None:
        return False
    return (now or datetime.now(timezone.utc)) - last < SERVICE_WINDOW
