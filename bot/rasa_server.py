"""Start the Rasa server: ``python -m bot.rasa_server run --enable-api ...``.

The arguments are ``rasa``'s own, except the API token: it is read from
``RASA_AUTH_TOKEN`` in the environment and handed to Rasa inside this
process, so it never appears on a command line (``ps`` shows command lines to
every local user; a process's environment only to its owner). A
``--auth-token`` argument is refused.

Before the server starts, a request middleware is added to Rasa's app
(``guard``):
- ``POST /model/parse`` must be a JSON object with a string ``text``, at most
  64 KB (else 400 or 413 with a reason, where Rasa 3.6 answered 500); lone
  surrogates in the text become U+FFFD, as on every channel;
- ``GET /version`` needs the token like the rest of the API (it told anyone
  the exact Rasa version).
Files it writes are private to the bot's user (umask 077). The secrets of the
scaling settings (``TRACKER_STORE_URL``, the Redis password) are put into this
process's environment for Rasa to fill into the endpoints file
(``bot.scaling``).
"""
from __future__ import annotations

import hmac
import json
import os
import sys
from typing import Any, Callable, List, Optional

MAX_PARSE_BYTES = 64 * 1024


def _refusal(status: int, reason: str):
    from sanic import response
    return response.json({"status": "failure", "code": status, "reason": reason,
                          "message": reason}, status=status)


def parse_problem(request: Any) -> Optional[Any]:
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


def guard(app: Any, token: Optional[str]) -> Any:
    """Add the request middleware described above to Rasa's Sanic app."""

    async def check(request: Any) -> Optional[Any]:
        if request.method == "POST" and request.path == "/model/parse" \
                and not request.args.get("emulation_mode"):
            return parse_problem(request)
        if request.path == "/version" and token:
            given = request.args.get("token") or ""
            if not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
                return _refusal(401, "NotAuthenticated")
        return None

    app.register_middleware(check, "request")
    return app


def install(token: Optional[str]) -> None:
    """Make ``rasa run`` build its app through ``guard``."""
    import rasa.core.run as run

    original: Callable[..., Any] = run.configure_app

    def configure_app(*args: Any, **kwargs: Any) -> Any:
        return guard(original(*args, **kwargs), token)

    run.configure_app = configure_app


def main(argv: Optional[List[str]] = None) -> None:
    os.umask(0o077)
    args = list(sys.argv[1:] if argv is None else argv)
    if any(a == "--auth-token" or a.startswith("--auth-token=") for a in args):
        raise SystemExit("Put the token in RASA_AUTH_TOKEN, not on the command line.")
    token = os.environ.get("RASA_AUTH_TOKEN") or None
    if token:
        args += ["--auth-token", token]
    install(token)
    from bot import scaling
    scaling.export_environment()  # the secrets the written endpoints file names
    sys.argv = ["rasa"] + args  # this process only: /proc/<pid>/cmdline is unchanged
    from rasa.__main__ import main as rasa_main
    rasa_main()


if __name__ == "__main__":
    main()
