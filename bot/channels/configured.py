"""A channel whose secrets come from ``bot.settings`` (the webhooks of WhatsApp
Cloud, Twilio WhatsApp, Telegram): what is missing is said once at start, and a
webhook called without it answers 503, never a crash.
"""

from __future__ import annotations

import logging
from typing import Any, TypeVar

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import limits
from bot.channels.common import body_too_large, json_error

logger = logging.getLogger("bot.channels")


def not_configured(channel: str, missing: list[str]) -> HTTPResponse:
    """503 for a channel mounted without its secrets, with the reason in the log."""
    logger.warning(
        "%s webhook called but not configured: set %s in the environment "
        "or in BOT_DATA_DIR/secrets.env",
        channel,
        ", ".join(missing),
    )
    return json_error(503, f"{channel} channel is not configured")


_C = TypeVar("_C", bound="ConfiguredChannel")


class ConfiguredChannel:
    """A channel whose secrets come from ``bot.settings``: what is missing, said once.

    ``NEEDED`` names the settings it cannot work without; each is the key of
    ``self.conf`` without the provider's prefix, in lower case
    (``WHATSAPP_APP_SECRET``: ``app_secret``). ``LABEL`` names the channel in the log.
    """

    CHANNEL_NAME = ""
    LABEL = "channel"
    NEEDED: tuple[str, ...] = ()
    conf: dict[str, str | None]

    @classmethod
    def name(cls) -> str:
        return cls.CHANNEL_NAME

    @classmethod
    def from_credentials(cls: type[_C], credentials: dict[str, Any] | None) -> _C:
        """Secrets come from ``bot.settings``, never from credentials.yml."""
        return cls()

    def configure(self, conf: dict[str, str | None]) -> None:
        """Keep the settings, make the patients' rate gate, warn about what is missing."""
        self.conf = conf
        self.gate = limits.Gate.patients()
        self.warn_if_missing()

    def add_health_route(self, bp: Blueprint) -> None:
        """``GET /``: whether the channel has its secrets (never which values)."""

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok", "configured": not self.missing()})

    def missing(self) -> list[str]:
        return [name for name in self.NEEDED if not self.conf.get(name.split("_", 1)[1].lower())]

    def refusal(self, request: Request) -> HTTPResponse | None:
        """A webhook's first checks: 503 without the secrets, 413 for a body too
        large to read; None to go on."""
        if self.missing():
            return not_configured(self.LABEL, self.missing())
        if body_too_large(request):
            return json_error(413, "body too large")
        return None

    def warn_if_missing(self) -> None:
        if self.missing():
            logger.warning(
                "%s channel mounted without %s: its webhook answers 503",
                self.LABEL,
                ", ".join(self.missing()),
            )
