"""Train a model unless one already matches the current data.

The model's name is a hash of everything that goes into it (config, domain,
training data, the rendered knowledge), so a second `make run` finds it and
skips training. A file lock keeps two trainings from running at once.

``rasa train`` runs without its validation step (``--skip-validation``):
``make validate`` (part of ``make test``) runs ``rasa data validate`` with our
rules for its warnings, and training itself still refuses data it cannot
read and rules that contradict each other. That saves 2-3 s per training
(`rasa train --dry-run` with and without it, 2 busy cores).
"""

from __future__ import annotations

import fcntl
import hashlib
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ["config.yml", "domain.yml", "data", "build/responses.yml", "bot/nlu"]


def fingerprint() -> str:
    h = hashlib.sha256()
    files = []
    for name in INPUTS:
        p = ROOT / name
        files += sorted(p.rglob("*.yml")) + sorted(p.rglob("*.py")) if p.is_dir() else [p]
    for f in files:
        if "__pycache__" in f.parts:
            continue
        h.update(str(f.relative_to(ROOT)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def model_path() -> Path:
    return ROOT / "models" / f"meso-{fingerprint()}.tar.gz"


def training_seconds_path(model: Path) -> Path:
    """How long ``model`` took to train, kept beside it (models/ is shared)."""
    return model.with_name(model.name[: -len(".tar.gz")] + ".training_seconds")


def train_command(out: str, fixed_model_name: str | None = None) -> list[str]:
    """The ``rasa train`` command line (also timed by ``make bench BENCH_ARGS=--train``)."""
    cmd = [
        str(ROOT / ".venv/bin/rasa"),
        "train",
        "--config",
        "config.yml",
        "--domain",
        "domain.yml",
        "--data",
        "data",
        "build/responses.yml",
        "--out",
        out,
        "--skip-validation",
    ]
    return cmd + (["--fixed-model-name", fixed_model_name] if fixed_model_name else [])


def train(force: bool = False) -> Path:
    target = model_path()
    (ROOT / "models").mkdir(exist_ok=True)
    with open(ROOT / "models" / ".train.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if target.exists() and not force:
            print(f"==> model up to date: {target.relative_to(ROOT)}")
            return target
        print(
            f"==> training {target.name} (config, domain or data changed; a few minutes)",
            flush=True,
        )
        start = time.time()
        cmd = train_command("models", target.name[: -len(".tar.gz")])
        subprocess.run(cmd, cwd=ROOT, check=True)
        seconds = time.time() - start
        (ROOT / "models" / "last_training_seconds").write_text(f"{seconds:.1f}\n")
        training_seconds_path(target).write_text(f"{seconds:.1f}\n")  # for make bench
        print(f"==> trained in {seconds:.0f} s: {target.relative_to(ROOT)}")
        return target


if __name__ == "__main__":
    try:
        train(force="--force" in sys.argv)
    except subprocess.CalledProcessError as exc:
        sys.exit(exc.returncode)
