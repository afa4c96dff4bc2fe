"""Story tests with --fail-on-prediction-errors against the current model."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
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
        "results/story_tests",
        "--no-plot",
    ]
    sys.exit(subprocess.run(cmd, cwd=ROOT).returncode)
