"""Start the staff inbox: ``python -m bot.inbox``.

Listens on ``BIND_HOST`` [127.0.0.1] : ``INBOX_PORT`` [8000]. Staff accounts
are made with ``python -m bot.inbox.admin create NAME``; there is no default.
"""

from __future__ import annotations

import logging

from bot import store
from bot.settings import settings


def main() -> None:
    logging.basicConfig(
        level=settings().LOG_LEVEL.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    from bot.inbox.app import create_app  # after logging, so Sanic does not set it up

    host, port = settings().BIND_HOST, settings().INBOX_PORT
    db = store.open_db()
    if store.count_staff_users(db=db) == 0:
        logging.getLogger("bot.inbox").warning(
            "no staff account yet: create one with `python -m bot.inbox.admin create NAME` "
            "(or `make admin`)"
        )
    db.conn.close()
    app = create_app()
    print(f"Staff inbox: http://{host}:{port}/", flush=True)
    app.run(host=host, port=port, workers=1, access_log=False, motd=False)


if __name__ == "__main__":
    main()
