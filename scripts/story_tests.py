"""Story tests with --fail-on-prediction-errors against the current model.

Rasa prints "Failed stories written to ..." whether or not a story failed; this
wrapper drops those path notices and says instead how many stories failed,
read from the file Rasa writes.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = "results/story_tests"
FAILED_FILE = "failed_test_stories.yml"
# Rasa's notices of where it wrote its reports (printed even when nothing failed)
_NOTICES = ("Failed stories written to", "Stories with prediction warnings written to")


def failed_stories(path: Path) -> int:
    """The number of stories in Rasa's failed-stories file (0 if it is absent or empty)."""
    if not path.exists():
        return 0
    return sum(
        1 for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("- story:")
    )


def main() -> int:
    from scripts.train import model_path

    cmd = [
        str(ROOT / ".venv/bin/rasa"),
        "test",
        "core",
        "--stories",
        "tests/stories",
        "-m",
        str(model_path()),
        "--fail-on-prediction-errors",
        "--out",
        OUT,
        "--no-plot",
    ]
    failed_path = ROOT / OUT / FAILED_FILE
    failed_path.unlink(missing_ok=True)  # a stale report of an earlier run must not count
    proc = subprocess.run(
        cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    for line in proc.stdout.splitlines():
        if not any(n in line for n in _NOTICES):
            print(line)
    failed = failed_stories(failed_path)
    if failed:
        print(f"story tests: {failed} failed; see {OUT}/{FAILED_FILE}")
    elif proc.returncode == 0:
        print("story tests: no story failed")
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
