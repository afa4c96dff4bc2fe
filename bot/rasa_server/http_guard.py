"""The request guard on Rasa's app: ``/model/parse`` bodies checked, ``/version`` token-only."""

from __future__ import annotations

import hmac
import json
from collections.abc import Callable
from typing import Any

MAX_PARSE_BYTES = 64 * 1024


def _refusal(status: int, reason: str):
    from sanic import response

    return response.json(
        {"status": "failure", "code": status, "reason": reason, "message": reason}, status=status
    )


def parse_problem(request: Any) -> Any | None:
    """A 4xx answer for a /model/parse body Rasa could not handle, else None."""
    from bot.channels.limits import clean_text

    body = request.body or b""
    if len(body) > MAX_PARSE_BYTES:
        return _refusal(413, "the body is too large")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return _refusal(400, 'the body must be JSON: {"text": "..."}')
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        return _refusal(400, 'the body must be a JSON object with a string "text"')
    request.parsed_json = {**data, "text": clean_text(data["text"])}
    return None


def guard(app: Any, token: str | None) -> Any:
    """Add the request middleware described above to Rasa's Sanic app."""

    async def check(request: Any) -> Any | None:
        if (
            request.method == "POST"
            and request.path == "/model/parse"
            and not request.args.get("emulation_mode")
        ):
            return parse_problem(request)
        if request.path == "/version" and token:
            given = request.args.get("token") or ""
            if not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
                return _refusal(401, "NotAuthenticated")
        return None

    app.register_middleware(check, "request")
    return app


def install(token: str | None, *more: Callable[[Any], Any]) -> None:
    """Make ``rasa run`` build its app through ``guard`` (then each of ``more``)."""
    import rasa.core.run as run

    original: Callable[..., Any] = run.configure_app

    def configure_app(*args: Any, **kwargs: Any) -> Any:
        app = guard(original(*args, **kwargs), token)
        for step in more:
            app = step(app)
        return app

    run.configure_app = configure_app
