"""Scaling out (``../shared/CONTRACT.md``): ``TRACKER_STORE_URL``, ``REDIS_URL``, ``RASA_REPLICAS``.

With none of them set nothing changes: Rasa runs with ``endpoints.yml`` as it
is (SQLite tracker store in ``BOT_DATA_DIR``, Rasa's in-memory lock store),
one Rasa server on ``RASA_PORT``.

- ``TRACKER_STORE_URL`` (``postgresql://user:pass@host:5432/bot``): the SQL
  tracker store endpoints.yml names (ours, ``bot.tracker_store``, or Rasa's)
  at that URL.
- ``REDIS_URL`` (``redis://[:password@]host:6379/0``, ``rediss://`` for TLS):
  Rasa's Redis lock store (one conversation is handled by one replica at a
  time), the widget's socket.io rooms shared between replicas
  (``bot.channels.socketio``) and the patients' rate limits shared by every
  replica (``bot.channels.limits``).
- ``RASA_REPLICAS`` = N > 1 (needs both): ``scripts/run.sh`` starts N Rasa
  servers on internal ports (``RASA_REPLICA_PORTS``, else ``RASA_PORT`` + 101,
  102, ...) behind HAProxy on ``RASA_PORT`` (``scripts/balancer.py``).

When either URL is set, Rasa runs with ``BOT_DATA_DIR/endpoints.yml``:
``endpoints.yml`` with its ``tracker_store`` and ``lock_store`` sections
replaced. That file names the secrets by variable (``${TRACKER_STORE_URL}``,
``${BOT_REDIS_PASSWORD}``), never by value; Rasa fills them in from the
environment of the process reading it, which ``environment()`` supplies (in
``bot.rasa_server`` and ``bot.rasa_gateway``). Like any secret, both URLs may
also be kept in ``BOT_DATA_DIR/secrets.env``.

    python -m bot.scaling plan    # for run.sh: the replicas, their ports, the endpoints file
    python -m bot.scaling check   # says what runs where, or what is wrong

No Rasa here.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from bot import config
from bot import settings as bot_settings

BASE_ENDPOINTS = "endpoints.yml"
MAX_REPLICAS = 32
REPLICA_PORT_OFFSET = 100
REDIS_PASSWORD_VARIABLE = "BOT_REDIS_PASSWORD"  # noqa: S105 - a variable name, no secret
# Written for Rasa: the same text for the same settings, whatever process writes it.
HEADER = (
    "# Written by bot/scaling.py from endpoints.yml because TRACKER_STORE_URL or\n"
    "# REDIS_URL is set: edit endpoints.yml, not this file. Secrets are named by\n"
    "# variable; the processes reading this file have them in their environment.\n"
)


# The tracker store types that are Rasa's SQL store: Rasa's own, and ours, which
# writes the same rows with fewer statements (bot/tracker_store.py). Scaled out,
# the store keeps the type endpoints.yml names and gets TRACKER_STORE_URL.
SQL_STORE_TYPES = ("sql", "bot.tracker_store.leansqltrackerstore")


def is_sql_store(kind: object) -> bool:
    """True for a ``tracker_store`` type that is Rasa's SQL tracker store or ours."""
    return str(kind or "").lower() in SQL_STORE_TYPES


class ScalingError(ValueError):
    """A scaling setting that cannot work, with a sentence saying why."""


# ------------------------------------------------------------ the settings


def tracker_store_url() -> str | None:
    """``TRACKER_STORE_URL`` (environment, else secrets.env), checked; None if unset."""
    url = (bot_settings.settings().TRACKER_STORE_URL or "").strip()
    if not url:
        return None
    scheme = url.split("://", 1)[0] if "://" in url else ""
    if not scheme:
        raise ScalingError(
            "TRACKER_STORE_URL must be a database URL such as "
            "postgresql://user:password@host:5432/bot"
        )
    if scheme == "postgres":
        raise ScalingError(
            "TRACKER_STORE_URL: write postgresql://..., not postgres://... "
            "(SQLAlchemy does not know the short name)"
        )
    return url


@dataclass(frozen=True)
class RedisSettings:
    """``REDIS_URL`` taken apart, as Rasa's lock store wants it (host, port, db...)."""

    url: str
    host: str
    port: int
    db: int
    username: str | None
    password: str | None
    ssl: bool

    def lock_store(self) -> dict[str, Any]:
        """The ``lock_store`` section of the endpoints file."""
        section: dict[str, Any] = {
            "type": "redis",
            "url": self.host,
            "port": self.port,
            "db": self.db,
        }
        if self.username:
            section["username"] = self.username
        if self.password:
            section["password"] = "${" + REDIS_PASSWORD_VARIABLE + "}"
        if self.ssl:
            section["use_ssl"] = True
        return section


def redis_settings(url: str) -> RedisSettings:
    """Take ``redis://[user:password@]host[:port][/db]`` apart; ScalingError if it is not one."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port or 6379
    except ValueError as exc:
        raise ScalingError(f"REDIS_URL is not a Redis URL: {exc}") from exc
    if parts.scheme not in ("redis", "rediss") or not parts.hostname:
        raise ScalingError(
            "REDIS_URL must look like redis://[:password@]host:6379/0 (rediss:// for TLS)"
        )
    path = parts.path.strip("/")
    if path and not path.isdigit():
        raise ScalingError("REDIS_URL: the database after the last / must be a number")
    return RedisSettings(
        url=url.strip(),
        host=parts.hostname,
        port=port,
        db=int(path or 0),
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        ssl=parts.scheme == "rediss",
    )


def redis() -> RedisSettings | None:
    """The Redis settings from ``REDIS_URL`` (environment, else secrets.env), or None."""
    url = (bot_settings.settings().REDIS_URL or "").strip()
    return redis_settings(url) if url else None


def redis_url() -> str | None:
    settings = redis()
    return settings.url if settings else None


def replicas() -> int:
    """``RASA_REPLICAS`` [1]; more than one needs both URLs (ScalingError otherwise)."""
    text = (bot_settings.text("RASA_REPLICAS") or "1").strip()  # strict: "two" is refused
    if not text.isdigit() or not 1 <= int(text) <= MAX_REPLICAS:
        raise ScalingError(f"RASA_REPLICAS must be a whole number from 1 to {MAX_REPLICAS}")
    n = int(text)
    if n > 1:
        missing = [
            name
            for name, value in (("TRACKER_STORE_URL", tracker_store_url()), ("REDIS_URL", redis()))
            if not value
        ]
        if missing:
            raise ScalingError(
                f"RASA_REPLICAS={n} needs {' and '.join(missing)}: replicas must share "
                "the conversations (a tracker store on a database server) and Rasa's "
                "lock (Redis)"
            )
    return n


def replica_ports(n: int) -> list[int]:
    """The internal ports of ``n`` replicas: ``RASA_REPLICA_PORTS``, else after RASA_PORT."""
    given = (bot_settings.settings().RASA_REPLICA_PORTS or "").replace(",", " ").split()
    if given:
        if (
            len(given) != n
            or not all(p.isdigit() and 0 < int(p) < 65536 for p in given)
            or len(set(given)) != n
        ):
            raise ScalingError(f"RASA_REPLICA_PORTS must name {n} different ports")
        return [int(p) for p in given]
    base = bot_settings.settings().RASA_PORT + REPLICA_PORT_OFFSET
    return [base + i for i in range(1, n + 1)]


def scaled() -> bool:
    """True when either URL is set (Rasa then runs with the written endpoints file)."""
    return bool(tracker_store_url() or redis())


# ------------------------------------------------------------ the endpoints file


def endpoints(base: Path | None = None) -> dict[str, Any]:
    """The endpoints Rasa runs with, as a dict (secrets named by variable)."""
    data = config.load_yaml(base or config.ROOT / BASE_ENDPOINTS) or {}
    if tracker_store_url():
        kind = (data.get("tracker_store") or {}).get("type")
        data["tracker_store"] = {
            "type": kind if is_sql_store(kind) else "SQL",
            "url": "${TRACKER_STORE_URL}",
        }
    settings = redis()
    if settings:
        data["lock_store"] = settings.lock_store()
    return data


def environment() -> dict[str, str]:
    """The variables the written endpoints file names, for a process that reads it."""
    out: dict[str, str] = {}
    url = tracker_store_url()
    if url:
        out["TRACKER_STORE_URL"] = url
    settings = redis()
    if settings and settings.password:
        out[REDIS_PASSWORD_VARIABLE] = settings.password
    return out


def export_environment() -> None:
    """Put ``environment()`` into this process's environment (Rasa reads it there)."""
    for name, value in environment().items():
        os.environ.setdefault(name, value)


def endpoints_file() -> Path:
    """The endpoints file to run Rasa with: ``endpoints.yml`` itself, or the written one."""
    base = config.ROOT / BASE_ENDPOINTS
    if not scaled():
        return base
    text = HEADER + yaml.safe_dump(endpoints(base), sort_keys=False, default_flow_style=False)
    target = config.data_dir() / "endpoints.yml"
    try:
        if target.read_text(encoding="utf-8") == text:
            return target
    except OSError:
        pass
    fd, tmp = tempfile.mkstemp(prefix=".endpoints-", suffix=".yml", dir=str(target.parent))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, target)  # atomic: a reader sees the old file or the new one
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


# ------------------------------------------------------------ command line


def plan() -> dict[str, str]:
    """What run.sh starts: ``REPLICAS``, ``REPLICA_PORTS`` and ``ENDPOINTS``."""
    n = replicas()
    path = endpoints_file()
    shown = BASE_ENDPOINTS if path == config.ROOT / BASE_ENDPOINTS else str(path)
    return {
        "REPLICAS": str(n),
        "REPLICA_PORTS": " ".join(map(str, replica_ports(n))) if n > 1 else "",
        "ENDPOINTS": shown,
    }


def describe() -> str:
    n = replicas()
    url = tracker_store_url()
    settings = redis()
    store = (
        "SQLite in BOT_DATA_DIR"
        if not url
        else f"{url.split('://', 1)[0]} at {urlsplit(url).hostname}"
    )
    lock = (
        f"Redis at {settings.host}:{settings.port}/{settings.db}"
        if settings
        else "in memory (one Rasa server)"
    )
    servers = (
        "one Rasa server"
        if n == 1
        else f"{n} Rasa servers on ports {', '.join(map(str, replica_ports(n)))} behind HAProxy"
    )
    return f"tracker store: {store}; lock store: {lock}; {servers}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.scaling", description=__doc__.split("\n")[0]
    )
    parser.add_argument("command", choices=["plan", "check"])
    args = parser.parse_args(argv)
    try:
        if args.command == "plan":
            for key, value in plan().items():
                print(f"{key}={shlex.quote(value)}")
        else:
            print(describe())
    except ScalingError as exc:
        print(f"scaling settings: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
