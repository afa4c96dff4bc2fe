"""Rasa's REST channel with its input checked before Rasa sees it.

Rasa 3.6's RestInput answers 500 to a body that is not a JSON object with a
sender and a text message. This subclass keeps the same name and URL
(``POST /webhooks/rest/webhook``) and answers 400 or 413 with a reason instead.
"""
from __future__ import annotations

import json
from typing import Any, Optional

from rasa.core.channels.rest import RestInput
from sanic import response
from sanic.request import Request

MAX_BODY_BYTES = 256 * 1024


def problem(request: Request) -> Optional[tuple]:
    """(status, reason) when the request cannot be a patient message, else None."""
    body = request.body or b""
    if len(body) > MAX_BODY_BYTES:
        return 413, "the message is too long"
    try:
        data: Any = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return 400, "the body must be JSON: {\"sender\": ..., \"message\": ...}"
    if not isinstance(data, dict):
        return 400, "the body must be a JSON object"
    sender = data.get("sender")
    if not isinstance(sender, (str, int)) or isinstance(sender, bool) or not str(sender).strip():
        return 400, "`sender` must be a non-empty string"
    if len(str(sender)) > 200:
        return 400, "`sender` is too long"
    if not isinstance(data.get("message"), str):
        return 400, "`message` must be a string"
    if data.get("metadata") is not None and not isinstance(data["metadata"], dict):
        return 400, "`metadata` must be an object"
    return None


class RestChannel(RestInput):
    """``rest``: the same channel as Rasa's, with clean 4xx answers to bad input."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message):
        bp = super().blueprint(on_new_message)

        @bp.on_request
        async def check(request: Request):
            if request.method == "POST" and request.path.endswith("/webhook"):
                found = problem(request)
                if found:
                    return response.json({"error": found[1]}, status=found[0])
            return None

        return bp
