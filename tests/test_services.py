"""The real-service fixtures: skipped with the reason locally, failed with REQUIRE_SERVICES=1."""

from __future__ import annotations

import pytest

from tests import conftest
from tests.fakes import services


def test_a_missing_service_is_skipped_with_its_reason(monkeypatch):
    monkeypatch.setattr(services, "missing", lambda name: f"{name} is not installed here")
    monkeypatch.delenv("REQUIRE_SERVICES", raising=False)
    with pytest.raises(pytest.skip.Exception, match="redis is not installed here"):
        conftest._need("redis")


def test_a_missing_service_fails_when_services_are_required(monkeypatch):
    monkeypatch.setattr(services, "missing", lambda name: f"{name} is not installed here")
    monkeypatch.setenv("REQUIRE_SERVICES", "1")
    with pytest.raises(pytest.fail.Exception, match="REQUIRE_SERVICES=1 but postgresql"):
        conftest._need("postgresql")


def test_an_installed_service_passes(monkeypatch):
    monkeypatch.setattr(services, "missing", lambda name: None)
    monkeypatch.setenv("REQUIRE_SERVICES", "1")
    conftest._need("haproxy")


def test_missing_names_what_to_install(monkeypatch):
    monkeypatch.setattr(services.shutil, "which", lambda name: None)
    assert "redis-server" in services.missing("redis")
    assert services.missing("nonsense") == "unknown service nonsense"
