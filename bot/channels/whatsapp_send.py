"""What the two WhatsApp channels share when sending: the 24-hour window and templates.

The rule itself (24 hours after the patient last wrote) is ``bot.whatsapp_window``,
which the inbox uses too; here it is read for a conversation from its contact
record, and a reply outside it goes as the approved template or, with none
configured, fails with ``WindowClosedError``, whose text the inbox shows.
"""

from __future__ import annotations

import logging
from datetime import datetime

from bot import store, whatsapp_window
from bot.channels.common import ChannelSendError

logger = logging.getLogger("bot.channels")


class WindowClosedError(ChannelSendError):
    """The patient is outside WhatsApp's 24-hour window and no template is set."""


def window_open(conversation_id: str, now: datetime | None = None) -> bool | None:
    """Whether the patient wrote within the last 24 hours (``bot.whatsapp_window``).

    None when the database cannot tell (then the caller tries a free-form
    message and lets the provider decide).
    """
    try:
        row = store.contact(conversation_id)
    except Exception:  # noqa: BLE001
        logger.exception("could not read the contact of %s", conversation_id)
        return None
    return whatsapp_window.is_open((row or {}).get("last_inbound_at"), now)


TEMPLATE_PARAM_MAX_CHARS = 1024


def free_form_allowed(
    conversation_id: str, template_setting: str, template_configured: bool
) -> bool:
    """True: send as usual. False: send the approved template instead.

    Raises WindowClosedError, with a sentence the inbox can show, when the
    24-hour window is closed and no template is configured.
    """
    state = window_open(conversation_id)
    if state is None or state:
        return True
    if template_configured:
        return False
    raise WindowClosedError(
        "The patient's last WhatsApp message is more than 24 hours old (or there is "
        "none on record), so WhatsApp only accepts an approved template message now, "
        f"and {template_setting} is not set: the patient cannot be reached on WhatsApp "
        "until they write again. Please phone or email them instead."
    )


def template_text(text: str) -> str:
    """Staff text made fit for a template parameter (no newlines, bounded length)."""
    flat = " ".join((text or "").split())
    if not flat:
        raise ChannelSendError("An empty message cannot be sent as a WhatsApp template.")
    if len(flat) > TEMPLATE_PARAM_MAX_CHARS:
        raise ChannelSendError(
            f"Outside WhatsApp's 24-hour window a reply goes as a template, which takes at "
            f"most {TEMPLATE_PARAM_MAX_CHARS} characters; this one has {len(flat)}. "
            "Please shorten it."
        )
    return flat
