"""Rasa's REST channel, for trusted callers only, with its input checked.

``POST /webhooks/rest/webhook?token=T`` with ``{"sender": ..., "message": ...}``
(the name, URL and answer of Rasa's RestInput). What changes:

- the API token (``RASA_AUTH_TOKEN``) is required as ``?token=``, compared in
  constant time: 401 without it, 403 with a wrong one. Patients use the widget
  or a messaging channel; REST is for the evaluation and a clinic's own systems;
- the conversation id is the ``sender`` as given, but it must be addressable
  through Rasa's HTTP API (``bot.channels.ids.SAFE_ID``: letters, digits and
  ``. _ ~ : @ + = -``, at most 200) and may not start with another channel's
  prefix (``tg-``, ``wa-``, ``tw-``, ``web-``): a REST caller cannot read,
  write, reset or delete a Telegram, WhatsApp or widget conversation;
- the input channel is always ``rest`` (Rasa takes it from the body otherwise,
  and staff replies follow the recorded channel);
- bad input gets 400 or 413 with a reason instead of Rasa's 500 (a nesting
  bomb included); a message longer than ``MAX_MESSAGE_CHARS`` gets a polite
  answer (a long symptom report goes on, shortened); a sender or address over
  its rate limit gets 429, except for an emergency report.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import config
from bot.channels import ids, limits
from bot.channels.common import deliver_to_bot, json_error, same_secret

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024


def problem(request: Request) -> tuple[int, str] | None:
    """(status, reason) when the request cannot be a message, else None.

    On success the parsed body is left in ``request.ctx.body``.
    """
    body = request.body or b""
    if len(body) > MAX_BODY_BYTES:
        return 413, "the message is too long"
    try:
        data: Any = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return 400, 'the body must be JSON: {"sender": ..., "message": ...}'
    if not isinstance(data, dict):
        return 400, "the body must be a JSON object"
    sender = data.get("sender")
    if not isinstance(sender, (str, int)) or isinstance(sender, bool) or not str(sender).strip():
        return 400, "`sender` must be a non-empty string"
    sender = str(sender)
    if len(sender) > 200:
        return 400, "`sender` is too long"
    if not ids.SAFE_ID.match(sender):
        return 400, (
            "`sender` may only hold letters, digits and . _ ~ : @ + = - "
            "(and start with a letter or digit)"
        )
    if ids.foreign_namespace(sender):
        return 403, "this sender id belongs to another channel's conversations"
    if not isinstance(data.get("message"), str):
        return 400, "`message` must be a string"
    if data.get("metadata") is not None and not isinstance(data["metadata"], dict):
        return 400, "`metadata` must be an object"
    request.ctx.body = {**data, "sender": sender}
    return None


def token_problem(request: Request) -> tuple[int, str] | None:
    """(status, reason) unless ``?token=`` is the API token."""
    expected = config.rasa_token()
    if not expected:
        logger.error("REST channel called but RASA_AUTH_TOKEN is not set: refusing")
        return 503, "the REST channel is not configured"
    given = request.args.get("token")
    if not given:
        return 401, "the API token is required (?token=...)"
    if not same_secret(given, expected):
        return 403, "wrong token"
    return None


def client_address(request: Request) -> str:
    return str(request.remote_addr or request.ip or "unknown")[:64]


class RestChannel(RestInput):
    """``rest``: Rasa's REST channel behind the API token, with clean 4xx answers."""

    def __init__(self) -> None:
        self.gate = limits.Gate.trusted()

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("custom_webhook_RestChannel", __name__)

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            found = token_problem(request) or problem(request)
            if found:
                return json_error(*found)
            data = request.ctx.body
            sender = data["sender"]
            text, notice, refused = limits.admit_text(
                self.gate, sender, client_address(request), data["message"]
            )
            if refused == "too_long":
                return response.json([{"recipient_id": sender, "text": notice}])
            if text is None:
                return response.json(
                    {"error": notice or limits.slow_down_text()},
                    status=429,
                    headers={"Retry-After": "60"},
                )
            collector = CollectingOutputChannel()
            await deliver_to_bot(
                on_new_message,
                UserMessage(
                    text,
                    collector,
                    sender,
                    input_channel=self.name(),
                    metadata=data.get("metadata"),
                ),
            )
            return response.json(collector.messages)

        return bp
