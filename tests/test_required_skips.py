"""REQUIRE_BROWSER=1 / REQUIRE_MODEL=1 turn the skips they name into failures.

Runs pytest on small test files in a temporary folder with this suite's
conftest loaded as a plugin, so the real hooks decide.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SKIPS = """
import pytest

def test_browser():
    pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")

def test_model():
    pytest.skip("no trained model at models/x.tar.gz: run `make train` first")

def test_root():
    pytest.skip("root can write to a read-only folder")

def test_passes():
    assert True
"""

MODULE_SKIP = """
import pytest
pytest.importorskip("playwright_that_is_not_installed", reason="playwright is not installed")

def test_never_runs():
    pass
"""


def run(tmp_path: Path, source: str, **switches: str) -> str:
    (tmp_path / "test_sample.py").write_text(source)
    env = {k: v for k, v in os.environ.items() if not k.startswith("REQUIRE_")}
    env.update(switches)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "tests.conftest",
            "-q",
            "-rfs",
            "--rootdir",
            str(tmp_path),
            "-p",
            "no:cacheprovider",
            str(tmp_path),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.stdout + done.stderr


def test_without_switches_the_skips_stay_skips(tmp_path):
    out = run(tmp_path, SKIPS)
    assert "1 passed, 3 skipped" in out, out


def test_require_browser_fails_only_the_browser_skip(tmp_path):
    out = run(tmp_path, SKIPS, REQUIRE_BROWSER="1")
    assert "1 failed, 1 passed, 2 skipped" in out, out
    assert "REQUIRE_BROWSER=1 but the test was skipped" in out, out


def test_both_switches_fail_browser_and_model_not_root(tmp_path):
    out = run(tmp_path, SKIPS, REQUIRE_BROWSER="1", REQUIRE_MODEL="1")
    assert "2 failed, 1 passed, 1 skipped" in out, out


@pytest.mark.parametrize("switch, outcome", [("0", "1 skipped"), ("1", "1 error")])
def test_a_module_skipped_for_want_of_playwright(tmp_path, switch, outcome):
    out = run(tmp_path, MODULE_SKIP, REQUIRE_BROWSER=switch)
    assert outcome in out, out
