"""The browser tests' gate: skipped with the reason locally, failed with REQUIRE_BROWSER=1."""

from __future__ import annotations

import importlib.util

import pytest

from tests import conftest


def test_a_missing_browser_is_skipped_with_its_reason(monkeypatch, tmp_path):
    monkeypatch.delenv("REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="chromium is not installed"):
        conftest._need_browser(str(tmp_path / "no-chromium"))


def test_a_missing_browser_fails_when_the_browser_is_required(monkeypatch, tmp_path):
    monkeypatch.setenv("REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="REQUIRE_BROWSER=1 but Debian's chromium"):
        conftest._need_browser(str(tmp_path / "no-chromium"))


def test_missing_playwright_fails_when_the_browser_is_required(monkeypatch, tmp_path):
    present = tmp_path / "chromium"
    present.write_text("")
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None)
    monkeypatch.setenv("REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="playwright is not installed"):
        conftest._need_browser(str(present))


def test_an_installed_browser_is_used(monkeypatch, tmp_path):
    present = tmp_path / "chromium"
    present.write_text("")
    monkeypatch.setenv("REQUIRE_BROWSER", "1")
    if importlib.util.find_spec("playwright") is None:
        pytest.fail("playwright is in requirements.lock")
    assert conftest._need_browser(str(present)) == str(present)
