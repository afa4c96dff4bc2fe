"""bot.settings: every variable the code reads is a field, and every field is in the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot import settings as bot_settings
from bot.settings import Settings, settings

ROOT = Path(__file__).resolve().parent.parent
# How the code reads a variable. A guard, not a proof: a new way of reading
# needs a pattern here too.
READS = [
    re.compile(r"os\.environ(?:\.get)?\s*[\(\[]\s*[\"']([A-Z][A-Z0-9_]+)[\"']"),
    re.compile(r"os\.getenv\(\s*[\"']([A-Z][A-Z0-9_]+)[\"']"),
    re.compile(r"\b(?:persistent_secret|limiter|setting|text)\(\s*[\"']([A-Z][A-Z0-9_]+)[\"']"),
    re.compile(r"settings\(\)\.([A-Z][A-Z0-9_]+)"),  # settings().NAME
    re.compile(r"\bs\.([A-Z][A-Z0-9_]+)"),  # s = settings(); s.NAME
    re.compile(r"\b[A-Z_]*(?:SECRET|TOKEN)_NAME\s*=\s*[\"']([A-Z][A-Z0-9_]+)[\"']"),
    re.compile(
        r"_seconds\(\s*\(\s*[\"']([A-Z][A-Z0-9_]+)[\"'](?:,\s*[\"']([A-Z][A-Z0-9_]+)[\"'])?"
    ),
]
SHELL_READS = re.compile(r"\$\{([A-Z][A-Z0-9_]+):[-=]")  # ${NAME:-default} in run.sh


def names_read() -> dict[str, str]:
    """Variable name -> the first file that reads it."""
    found: dict[str, str] = {}
    files = [*ROOT.glob("bot/**/*.py"), *ROOT.glob("actions/**/*.py"), *ROOT.glob("scripts/*.py")]
    for path in files:
        text = path.read_text(encoding="utf-8")
        for pattern in READS:
            for match in pattern.finditer(text):
                for name in filter(None, match.groups()):
                    found.setdefault(name, str(path.relative_to(ROOT)))
    for name in SHELL_READS.findall((ROOT / "scripts" / "run.sh").read_text(encoding="utf-8")):
        found.setdefault(name, "scripts/run.sh")
    if "$(PYTHON)" in (ROOT / "Makefile").read_text(encoding="utf-8"):
        found.setdefault("PYTHON", "Makefile")
    return found


def readme_table_names() -> set[str]:
    rows = [line for line in (ROOT / "README.md").read_text().splitlines() if line.startswith("|")]
    return {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row)}


def test_every_variable_the_code_reads_is_a_setting():
    found = names_read()
    assert len(found) > 40  # the scan works
    missing = {name: where for name, where in found.items() if name not in Settings.__fields__}
    assert missing == {}, "add these to bot/settings.py (and the README)"


def test_every_setting_is_in_a_readme_table():
    undocumented = sorted(set(Settings.__fields__) - readme_table_names())
    assert undocumented == [], "add a row for these to a configuration table of README.md"


def test_environment_then_secrets_file_then_default(tmp_path, monkeypatch):
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path))
    (tmp_path / "secrets.env").write_text(
        "TELEGRAM_BOT_TOKEN=from-file\nINBOX_PORT=9001\nWIDGET_PORT=9002\nNOT_A_SETTING=x\n"
    )
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "from-env")
    monkeypatch.setenv("WIDGET_PORT", "")  # set but empty: the file's value
    monkeypatch.delenv("INBOX_PORT", raising=False)
    monkeypatch.delenv("RASA_PORT", raising=False)
    s = settings()
    assert s.TELEGRAM_BOT_TOKEN == "from-env"
    assert (s.INBOX_PORT, s.WIDGET_PORT, s.RASA_PORT) == (9001, 9002, 5005)
    assert not hasattr(s, "NOT_A_SETTING")


@pytest.mark.parametrize("raw", ["abc", " ", "1e3x", "twenty"])
def test_an_unreadable_number_is_the_default_not_a_crash(raw, tmp_path, monkeypatch):
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("RASA_PORT", raw)
    monkeypatch.setenv("RATE_SENDER_PER_MINUTE", raw)
    s = settings()
    assert s.RASA_PORT == 5005 and s.RATE_SENDER_PER_MINUTE == 20


def test_settings_are_read_when_asked_not_at_import(tmp_path, monkeypatch):
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("RASA_REPLICAS", "3")
    assert settings().RASA_REPLICAS == 3
    monkeypatch.setenv("RASA_REPLICAS", "1")
    assert settings().RASA_REPLICAS == 1


def test_the_listing_hides_secrets(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", "do-not-print")
    assert bot_settings.main() == 0
    out = capsys.readouterr().out
    assert "do-not-print" not in out and "TWILIO_AUTH_TOKEN=(set)" in out
