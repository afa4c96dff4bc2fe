"""What the providers' output channels (Telegram, WhatsApp Cloud, Twilio) do alike.

- ``ClinicOutput``: the channel's name, and a staff reply marked as written by
  a person ("Clinic team: ...") before it goes out.
- ``WhatsAppOutput``: WhatsApp's 24-hour window (``whatsapp_send``): free text
  inside it, the approved template outside (each provider sends the template
  its own way, ``send_template``), ``WindowClosedError`` with neither.
"""

from __future__ import annotations

from typing import Any

from rasa.core.channels.channel import OutputChannel

from bot import whatsapp_window
from bot.channels.whatsapp_send import free_form_allowed

STAFF_PREFIX = "Clinic team: "


def mark_staff(message: dict[str, Any]) -> dict[str, Any]:
    """Prefix a staff reply so the patient knows a person wrote it.

    The inbox sends staff replies as bot events with ``metadata.staff``;
    Rasa merges the metadata into the message it hands the output channel.
    """
    text = message.get("text")
    if message.get("staff") and isinstance(text, str) and text.strip():
        return {**message, "text": STAFF_PREFIX + text}
    return message


class ClinicOutput(OutputChannel):
    """An output channel named ``CHANNEL`` that marks staff replies."""

    CHANNEL = ""

    @classmethod
    def name(cls) -> str:
        return cls.CHANNEL

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        await super().send_response(recipient_id, mark_staff(message))


class WhatsAppOutput(ClinicOutput):
    """A WhatsApp provider: ``conf`` holds its settings, ``TEMPLATE_KEY`` the template's."""

    TEMPLATE_KEY = ""  # the key of the template in ``conf``

    def __init__(self, conf: dict[str, str | None]) -> None:
        self.conf = conf

    async def send_template(self, recipient_id: str, text: str) -> None:
        raise NotImplementedError

    async def open_window(self, recipient_id: str, text: str) -> bool:
        """True to send free-form; False when the template went instead."""
        setting = whatsapp_window.TEMPLATE_SETTINGS[self.CHANNEL]  # named in the error
        if free_form_allowed(recipient_id, setting, bool(self.conf.get(self.TEMPLATE_KEY))):
            return True
        await self.send_template(recipient_id, text)
        return False
