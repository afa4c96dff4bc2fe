"""Every environment variable the project reads, in one typed place.

``settings()`` reads them now (not at import: tests and ``secrets.env`` change
them while a process runs): a variable set and not empty in the environment
wins; else the line ``NAME=value`` in ``BOT_DATA_DIR/secrets.env`` (where
secrets are kept, never in the repository); else the default below. A value
that cannot be read as its type (``RASA_PORT=abc``) falls back to the default
with a warning, as the code did before this module: a typo in one setting must
not stop the bot.

Each field is documented in the README's configuration tables
(``tests/test_settings.py`` checks that, and that every name the code reads
is a field here). Field names are the variable names.

    python -m bot.settings        # every setting, secrets shown as set / not set
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from pydantic import BaseSettings, validator
from pydantic.fields import ModelField

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parent.parent

#: Fields whose value is a secret: ``python -m bot.settings`` does not print them.
SECRETS = frozenset(
    {
        "RASA_AUTH_TOKEN",
        "INBOX_API_TOKEN",
        "ACTION_SERVER_TOKEN",
        "WIDGET_SESSION_SECRET",
        "TRACKER_STORE_URL",
        "REDIS_URL",
        "BOT_REDIS_PASSWORD",
        "STAFF_WEBHOOK_SECRET",
        "STAFF_TELEGRAM_BOT_TOKEN",
        "TELEGRAM_BOT_TOKEN",
        "TELEGRAM_WEBHOOK_SECRET",
        "TWILIO_AUTH_TOKEN",
        "WHATSAPP_VERIFY_TOKEN",
        "WHATSAPP_APP_SECRET",
        "WHATSAPP_ACCESS_TOKEN",
    }
)


def data_dir_setting() -> Path:
    """``BOT_DATA_DIR`` (or ``./var``), without creating it: where ``secrets.env`` is."""
    return Path(os.environ.get("BOT_DATA_DIR") or ROOT / "var")


def secrets_file_values(path: Path | None = None) -> dict[str, str]:
    """The ``NAME=value`` lines of ``secrets.env`` (empty when there is no file)."""
    f = path or data_dir_setting() / "secrets.env"
    values: dict[str, str] = {}
    if f.exists():
        for line in f.read_text(encoding="utf-8").splitlines():
            k, sep, v = line.partition("=")
            if sep and k.strip():
                values.setdefault(k.strip(), v.strip())
    return values


class Settings(BaseSettings):
    # --- where things are, and the processes (scripts/run.sh)
    BOT_DATA_DIR: str | None = None
    CLINIC_CONFIG: str | None = None
    BOT_MODEL: str | None = None
    BOT_RESTART_DELAY: float = 3.0
    BOT_TODAY: str = ""  # an ISO date: the day triage dates a named month from (tests set it)
    LOG_LEVEL: str = "INFO"
    BOT_MIN_FREE_MB: int = 32
    ESCALATION_SPOOL_DIR: str | None = None
    PYTHON: str | None = None  # the Makefile's Python 3.10, to make .venv
    # --- ports, addresses, tokens
    RASA_PORT: int = 5005
    ACTION_PORT: int = 5055
    INBOX_PORT: int = 8000
    WIDGET_PORT: int = 8080
    BIND_HOST: str = "127.0.0.1"
    RASA_AUTH_TOKEN: str | None = None
    ACTION_SERVER_TOKEN: str | None = None
    WIDGET_SESSION_SECRET: str | None = None
    RASA_PUBLIC_URL: str | None = None
    MAX_MESSAGE_CHARS: int = 4096
    # --- rate limits (0 turns one off)
    RATE_SENDER_PER_MINUTE: float = 20
    RATE_ADDRESS_PER_MINUTE: float = 120
    RATE_NEW_SESSIONS_PER_MINUTE: float = 10
    RATE_HISTORY_PER_MINUTE: float = 60
    RATE_REST_SENDER_PER_MINUTE: float = 60
    RATE_REST_ADDRESS_PER_MINUTE: float = 3000
    # --- scaling out (bot/scaling.py)
    TRACKER_STORE_URL: str | None = None
    REDIS_URL: str | None = None
    BOT_REDIS_PASSWORD: str | None = None  # set by bot/scaling.py from REDIS_URL
    RASA_REPLICAS: int = 1
    RASA_REPLICA_PORTS: str | None = None
    # --- the staff inbox and the worker
    INBOX_PUBLIC_URL: str | None = None
    INBOX_COOKIE_SECURE: str = "auto"
    INBOX_SESSION_HOURS: int = 12
    INBOX_HANDBACK_TEXT: str | None = None
    INBOX_LOGIN_MAX_FAILURES: int = 5
    INBOX_LOGIN_MAX_FAILURES_IP: int = 20
    INBOX_LOGIN_WINDOW_SECONDS: int = 900
    WORKER_INTERVAL_SECONDS: float = 5.0
    INBOX_BACKGROUND_SECONDS: float | None = None  # the older name of the one above
    WORKER_LEASE_SECONDS: float = 60.0
    # --- aftercare check-ins (the treatments API, the schedule file)
    INBOX_API_TOKEN: str | None = None
    CHECKINS_FILE: str | None = None
    # --- staff alerts
    STAFF_WEBHOOK_URL: str | None = None
    STAFF_WEBHOOK_SECRET: str | None = None
    STAFF_TELEGRAM_BOT_TOKEN: str | None = None
    STAFF_TELEGRAM_CHAT_ID: str | None = None
    STAFF_NOTIFY_LEVELS: str = "emergency,urgent"
    TELEGRAM_API_BASE: str = "https://api.telegram.org"
    # --- patient channels
    TELEGRAM_BOT_TOKEN: str | None = None
    TELEGRAM_WEBHOOK_SECRET: str | None = None
    TWILIO_ACCOUNT_SID: str | None = None
    TWILIO_AUTH_TOKEN: str | None = None
    TWILIO_WHATSAPP_NUMBER: str | None = None
    TWILIO_TEMPLATE_CONTENT_SID: str | None = None
    TWILIO_PUBLIC_URL: str | None = None
    TWILIO_API_BASE: str = "https://api.twilio.com"
    WHATSAPP_VERIFY_TOKEN: str | None = None
    WHATSAPP_APP_SECRET: str | None = None
    WHATSAPP_ACCESS_TOKEN: str | None = None
    WHATSAPP_PHONE_NUMBER_ID: str | None = None
    WHATSAPP_TEMPLATE_NAME: str | None = None
    WHATSAPP_TEMPLATE_LANGUAGE: str = "en"
    WHATSAPP_API_BASE: str = "https://graph.facebook.com/v19.0"

    class Config:
        case_sensitive = True

        @classmethod
        def customise_sources(
            cls, init_settings: Any, env_settings: Any, file_secret_settings: Any
        ) -> tuple[Any, ...]:
            # init, then the environment (set and not empty), then secrets.env.
            return (init_settings, _environment, _secrets_file)

    @validator("*", pre=True)
    def _default_when_unreadable(cls, value: Any, field: ModelField) -> Any:  # noqa: N805
        """An empty or malformed number is the default (with a warning), never an error."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return field.default
        kind = field.type_
        if kind in (int, float) and not isinstance(value, kind):
            try:
                return kind(str(value).strip())
            except ValueError:
                log.warning("%s=%r is not a number: using %r", field.name, value, field.default)
                return field.default
        return value


def _environment(settings: BaseSettings) -> dict[str, Any]:
    return {name: os.environ[name] for name in Settings.__fields__ if os.environ.get(name)}


def _secrets_file(settings: BaseSettings) -> dict[str, Any]:
    return {k: v for k, v in secrets_file_values().items() if k in Settings.__fields__}


def settings() -> Settings:
    """The settings as they are now (environment, then ``secrets.env``, then defaults)."""
    return Settings()


def setting(name: str) -> Any:
    """One setting by its name, as ``settings()`` reads it (for code that holds the name)."""
    if name not in Settings.__fields__:
        raise KeyError(f"{name} is not a setting: add it to bot/settings.py and the README")
    return getattr(settings(), name)


def text(name: str, environment_only: bool = False) -> str | None:
    """One setting as written, not converted: None when it is not set.

    For the readers that judge a value themselves: a strict check that refuses
    ``RASA_REPLICAS=two`` instead of taking the default, or a default of the
    caller's own. ``environment_only`` skips ``secrets.env`` (``RASA_AUTH_TOKEN``:
    Rasa itself reads only the environment).
    """
    if name not in Settings.__fields__:
        raise KeyError(f"{name} is not a setting: add it to bot/settings.py and the README")
    value = os.environ.get(name)
    if not value and not environment_only:
        value = secrets_file_values().get(name)
    return value or None


def main() -> int:
    current = settings()
    for name in Settings.__fields__:
        value = getattr(current, name)
        if name in SECRETS:
            value = "(set)" if value else "(not set)"
        print(f"{name}={'' if value is None else value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
