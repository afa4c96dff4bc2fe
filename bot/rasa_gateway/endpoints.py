"""Reading the endpoints file Rasa runs with, as Rasa reads it; the tracker store's errors."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Any

from bot import config, scaling

log = logging.getLogger(__name__)

# Variables endpoints.yml may name, with the defaults scripts/run.sh gives them,
# so a process started on its own reads the same file as the Rasa server (Rasa
# refuses a file naming an unset variable). The action server's token is random
# per run and only the action endpoint uses it: never needed here.
ENDPOINT_DEFAULTS = {"ACTION_PORT": "5055", "ACTION_SERVER_TOKEN": ""}


class UnsupportedTrackerStore(RuntimeError):
    """The configured tracker store cannot do this through Rasa's interfaces."""


class TrackerStoreUnavailable(RuntimeError):
    """The tracker store's database cannot be reached."""


def endpoints_path() -> Path:
    """The endpoints file Rasa is started with: ``endpoints.yml`` at the root, or
    the one ``bot.scaling`` writes when TRACKER_STORE_URL or REDIS_URL is set."""
    return scaling.endpoints_file()


_ENV_LOCK = threading.Lock()


def read_tracker_store_config(
    path: Path | str | None = None, overrides: dict[str, str] | None = None
):
    """The ``tracker_store`` section of the endpoints file, as Rasa reads it (or None)."""
    return read_endpoint(path, "tracker_store", overrides)


def read_endpoint(path: Path | str | None, section: str, overrides: dict[str, str] | None = None):
    """One section of the endpoints file with Rasa's ``read_endpoint_config`` (or None).

    Variables the file names and this process lacks get the defaults run.sh
    gives them (``BOT_DATA_DIR``, ``ACTION_PORT``) and the scaling secrets
    (``bot.scaling.environment``) while it is read;
    ``overrides`` replace variables for this one reading (tests).
    """
    from rasa.utils.endpoints import read_endpoint_config

    values = {"BOT_DATA_DIR": str(config.data_dir()), **ENDPOINT_DEFAULTS, **scaling.environment()}
    with _ENV_LOCK:
        saved = {k: os.environ.get(k) for k in [*values, *(overrides or {})]}
        try:
            for k, v in values.items():
                os.environ.setdefault(k, v)
            os.environ.update(overrides or {})
            return read_endpoint_config(str(path or endpoints_path()), section)
        finally:
            for k, old in saved.items():
                if old is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = old


def _sqlite_file(endpoint: Any) -> Path | None:
    """The SQLite file of an SQL tracker store on SQLite, else None."""
    if endpoint is None or not scaling.is_sql_store(endpoint.type):
        return None
    url = str(endpoint.url or "")
    if "://" in url:
        return Path(url.split(":///", 1)[1]) if url.startswith("sqlite:///") else None
    if str(endpoint.kwargs.get("dialect") or "sqlite").lower() != "sqlite":
        return None
    return Path(str(endpoint.kwargs.get("db") or "rasa.db"))


def _check_reachable(endpoint: Any) -> None:
    """Rasa's SQLTrackerStore waits forever for a database that is down: look first."""
    if endpoint is None or not scaling.is_sql_store(endpoint.type) or _sqlite_file(endpoint):
        return
    import sqlalchemy as sa
    from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs

    kw = endpoint.kwargs
    url = SQLTrackerStore.get_db_url(
        kw.get("dialect", "sqlite"),
        endpoint.url,
        kw.get("port"),
        kw.get("db", "rasa.db"),
        kw.get("username"),
        kw.get("password"),
        kw.get("login_db"),
        kw.get("query"),
    )
    args = dict(create_engine_kwargs(url))
    if str(url).startswith("postgres"):
        args["connect_args"] = {**args.get("connect_args", {}), "connect_timeout": 5}
    engine = sa.create_engine(url, **args)
    try:
        engine.connect().close()
    except sa.exc.SQLAlchemyError as exc:
        raise TrackerStoreUnavailable(
            f"the tracker store's database is not reachable: {type(exc).__name__}"
        ) from exc
    finally:
        engine.dispose()
