"""The action server, reachable by Rasa only: ``python -m bot.action_server``.

rasa-sdk 3.6 has neither authentication nor an interface option (it listens
on ``SANIC_HOST``, 0.0.0.0 by default), so anyone who could reach it could run
any action for any conversation, ``action_delete_my_data`` included. Here:

- it always listens on 127.0.0.1 (``ACTION_PORT``), whatever ``BIND_HOST``
  says: only the Rasa server on the same machine calls it;
- every request but ``GET /health`` must carry ``X-Action-Token`` equal to
  ``ACTION_SERVER_TOKEN`` (constant-time check, else 403). Rasa sends it from
  ``endpoints.yml`` (``action_endpoint.headers``); ``scripts/run.sh`` makes a
  random one per run unless it is set;
- an unknown path or a malformed request gets its own 4xx, not rasa-sdk's 500;
- files it writes are private to the bot's user (umask 077).

Lean (issue 17): ``main()`` blocks TensorFlow and jax before anything is
imported (``NEVER_IMPORTED``). Nothing here uses them, but spaCy's thinc
imports TensorFlow if it is installed, and TensorFlow imports jax: 370 of the
action server's 490 MB. It also keeps one idle connection to the clinic's
database open (``keep_database_open``): a ticket no longer waits twice for the
disk while SQLite folds and recreates the write-ahead log.
"""

from __future__ import annotations

import hmac
import logging
import os
import sys
from typing import Any

from sanic import Sanic, response
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.settings import setting, settings

log = logging.getLogger("bot.action_server")

HEADER = "X-Action-Token"
TOKEN_NAME = "ACTION_SERVER_TOKEN"  # noqa: S105 - the name of the variable, not a secret
HOST = "127.0.0.1"
OPEN_PATHS = ("/health",)
# thinc (spaCy) imports each "if available" and carries on without it.
NEVER_IMPORTED = ("tensorflow", "jax", "jaxlib", "h5py", "torch")


def create_app(token: str, actions: str = "actions") -> Sanic:
    """rasa-sdk's app with the token check; ``token`` must not be empty."""
    if not token:
        raise ValueError(f"{TOKEN_NAME} is empty: the action server would be open to anyone")
    from rasa_sdk.endpoint import create_app as sdk_app

    app = sdk_app(actions, cors_origins="")

    @app.middleware("request")
    async def only_rasa(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS:
            return None
        given = request.headers.get(HEADER) or ""
        if not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
            log.warning("action server call without the right %s refused", HEADER)
            return response.json({"error": "forbidden"}, status=403)
        if request.method == "POST" and request.headers.get("Content-Encoding") != "deflate":
            try:
                body = request.json
            except (SanicException, RecursionError):
                body = None
            if not isinstance(body, dict):
                return response.json({"error": "the body must be a JSON object"}, status=400)
        return None

    @app.exception(SanicException)
    async def client_error(request: Request, exception: SanicException) -> HTTPResponse:
        status = getattr(exception, "status_code", 400) or 400
        return response.json({"error": str(exception)[:200] or "bad request"}, status=status)

    return app


def process_settings() -> None:
    """Before the actions (and spaCy) are imported: what this process never imports."""
    from bot.process import block_imports

    block_imports(NEVER_IMPORTED)


_KEPT: list[Any] = []


def keep_database_open() -> None:
    """Hold one idle connection to the clinic's database for the process's life.

    The actions open a connection per call (``bot.store.open_db``) and drop it
    when done. When the last connection to a WAL database closes, SQLite
    checkpoints the log into the file and deletes it, and the next write
    creates it anew: two waits for the disk, about 18 ms per ticket here,
    during which this event loop serves no one. While one connection stays
    open the log is kept (and checkpointed as it grows, as usual), and a
    ticket costs under 3 ms. The kept connection holds no transaction, so it
    blocks no reader, writer or checkpoint.
    """
    from bot import store

    try:
        _KEPT.append(store.open_db())
    except Exception as exc:  # noqa: BLE001 - the actions report a broken database themselves
        log.warning("could not open the clinic database at start (%s)", exc)


def main() -> int:
    os.umask(0o077)
    process_settings()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    token = setting(TOKEN_NAME)
    if not token:
        print(
            f"{TOKEN_NAME} is not set (scripts/run.sh makes one): refusing to start an "
            "action server anyone could call",
            file=sys.stderr,
        )
        return 2
    port = settings().ACTION_PORT
    app = create_app(token)
    keep_database_open()
    log.info("action server on http://%s:%s (Rasa only)", HOST, port)
    app.run(host=HOST, port=port, workers=1, access_log=False, motd=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
