"""Where things live and the clinic's own facts.

Everything the running bot writes goes under ``BOT_DATA_DIR``; everything a
clinician reviews lives in ``knowledge/``. Nothing here imports Rasa.
"""

from __future__ import annotations

import functools
import os
import secrets
from pathlib import Path
from typing import Any

import yaml

from bot.settings import data_dir_setting, settings, text

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"


def data_dir() -> Path:
    d = data_dir_setting()
    d.mkdir(parents=True, exist_ok=True)
    return d


def db_path() -> Path:
    """The project's own SQLite database (tickets, records, staff, audit)."""
    return data_dir() / "clinic.db"


def rasa_url() -> str:
    return f"http://127.0.0.1:{settings().RASA_PORT}"


def rasa_token() -> str:
    # the environment only: Rasa reads it there (secrets.env would give a token Rasa lacks)
    return text("RASA_AUTH_TOKEN", environment_only=True) or ""


def load_yaml(path: Path) -> Any:
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def clinic_path() -> Path:
    """The clinic file in use: ``CLINIC_CONFIG`` or ``knowledge/clinic.yml``."""
    path = Path(settings().CLINIC_CONFIG or KNOWLEDGE / "clinic.yml")
    return path if path.is_absolute() else ROOT / path


@functools.cache
def clinic() -> dict[str, Any]:
    """The clinic's facts (name, phones, hours, prices) from ``CLINIC_CONFIG``."""
    facts: dict[str, Any] = load_yaml(clinic_path())
    return facts


def persistent_secret(name: str) -> str:
    """A random secret made once and kept in ``BOT_DATA_DIR/secrets.env`` (e.g. cookie keys).

    The file holds ``NAME=value`` lines; it is never in the repository.
    """
    value = text(name)
    if value:
        return value
    f = data_dir() / "secrets.env"
    value = secrets.token_urlsafe(32)
    with open(f, "a", encoding="utf-8") as fh:
        fh.write(f"{name}={value}\n")
    os.chmod(f, 0o600)
    return value
