"""Sending aftercare check-ins on the patient's own channel (the worker's job).

``send_due(clock)`` hands every due check-in (``bot.checkins.send_due``: claimed
once, even with two workers; quiet hours respected) to ``deliver``, which
writes it into the patient's conversation through Rasa
(``rasa_gateway.send_bot_message_sync``): Rasa stores it as a bot message
and sends it on the channel, with the quick replies as buttons.

- ``rest``: stays in the transcript (the REST client reads it from there);
- ``socketio`` (the widget): sent live if the patient is connected, and
  waiting in the conversation's history when they come back;
- ``telegram``: through the Telegram output channel;
- WhatsApp (``twilio_whatsapp``, ``whatsapp_cloud``): free text with reply
  buttons inside the 24-hour window; outside it the channel sends the
  approved template (``TWILIO_TEMPLATE_CONTENT_SID`` / ``WHATSAPP_TEMPLATE_NAME``,
  the check-in text as its parameter). With the window closed and no
  template set, nothing is sent and the check-in is ``failed`` with
  "could not be delivered: ..." for staff.

Outcomes map to ``bot.checkins``: Rasa unreachable, busy (409) or
restarting (502-504) -> ``TryLater``; anything else that failed ->
``NotDelivered`` (a message that may have gone out is never sent twice).

No Rasa import here: the worker talks to Rasa over HTTP.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any

from bot import checkins, rasa_gateway, store, whatsapp_window
from bot.checkins import Clock, NotDelivered, OutgoingCheckin, SendResult, TryLater
from bot.settings import setting as setting_value

log = logging.getLogger("bot.checkin_delivery")

#: The contract's channel names -> Rasa's channel names.
RASA_CHANNELS = {
    "rest": "rest",
    "socketio": "socketio",
    "telegram": "telegram",
    "twilio_whatsapp": "twilio_whatsapp",
    "whatsapp_cloud": "whatsapp",
}
RETRY_STATUSES = (409, 502, 503, 504)


def window_open(conversation_id: str, now: datetime) -> bool:
    """Whether the patient wrote within WhatsApp's 24-hour window (``bot.whatsapp_window``,
    from the contacts row every inbound message updates)."""
    row = store.contact(conversation_id) or {}
    return whatsapp_window.is_open(row.get("last_inbound_at"), now)


def template_setting(channel: str) -> str | None:
    """The setting naming the approved template of a WhatsApp channel (contract name)."""
    return whatsapp_window.TEMPLATE_SETTINGS.get(RASA_CHANNELS.get(channel, channel))


def check_whatsapp(message: OutgoingCheckin, now: datetime) -> None:
    """NotDelivered when WhatsApp would refuse it: window closed and no template set."""
    setting = template_setting(message.channel)
    if setting is None or window_open(message.conversation_id, now):
        return
    if setting_value(setting):
        return  # the channel sends the approved template instead
    raise NotDelivered(
        "the patient's last WhatsApp message is more than 24 hours old (or there is none), "
        f"so WhatsApp only accepts an approved template, and {setting} is not set. "
        "Please contact the patient another way."
    )


def deliver(message: OutgoingCheckin, now: datetime | None = None) -> None:
    """Send one check-in (a ``bot.checkins`` sender): returns, or raises as documented."""
    channel = RASA_CHANNELS.get(message.channel)
    if channel is None:
        raise NotDelivered(f"unknown channel {message.channel!r}")
    check_whatsapp(message, now or datetime.now(timezone.utc))
    result = rasa_gateway.send_bot_message_sync(
        message.conversation_id,
        message.text,
        buttons=message.buttons,
        metadata={"checkin": message.kind, "checkin_id": message.checkin_id},
        output_channel=channel,
    )
    if result.ok:
        return
    if result.unreached or result.status in RETRY_STATUSES:
        raise TryLater(result.error)
    raise NotDelivered(result.error or f"Rasa answered HTTP {result.status}")


def send_due(clock: Clock | None = None, db: Any = None) -> list[SendResult]:
    """Send what is due now (the worker calls this every round); what happened."""
    clock = clock or checkins.SystemClock()

    def sender(message: OutgoingCheckin) -> None:
        deliver(message, clock.now())

    results = checkins.send_due(clock, sender, db=db)
    for r in results:
        level = logging.INFO if r.status == "sent" else logging.WARNING
        log.log(
            level,
            "check-in %s (%s) %s%s",
            r.checkin_id,
            r.kind,
            r.status,
            f": {r.reason}" if r.reason else "",
        )
    return results
