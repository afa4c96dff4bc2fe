"""Check-in settings for tests: the shipped knowledge/checkins.yml with changes, and
made-up clinic facts (so a test does not depend on CLINIC_CONFIG)."""

from __future__ import annotations

import copy
from typing import Any

import yaml

from bot.checkins import config

#: knowledge/checkins.yml as data; copy it before changing it (``settings_with`` does).
DEFAULT: dict[str, Any] = yaml.safe_load(config.DEFAULT_PATH.read_text(encoding="utf-8"))
FACTS = {
    "name": "Test Clinic",
    "phone": "020 7946 0000",
    "booking_url": "https://example.org/b",
    "timezone": "Europe/London",
    "urgent_line": "020 7946 0999",
    "emergency_number": "999",
    "out_of_hours": "NHS 111",
    "out_of_hours_how": "call 111 or use 111.nhs.uk",
}


def settings_with(**changes: Any) -> config.Settings:
    """The shipped settings with top-level keys replaced: ``settings_with(quiet_hours=None)``."""
    data = copy.deepcopy(DEFAULT)
    data.update(changes)
    return config.parse(data, clinic=FACTS)
