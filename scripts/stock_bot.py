"""A stock `rasa init --no-prompt` bot, the yardstick of `make bench`.

Built once with the project's own virtual environment and cached under
build/stock-rasa-<version>/ (the model `rasa init` trains, and how long that
took); started on a free loopback port with Rasa's defaults (REST channel,
in-memory tracker store, no action server), exactly as `rasa init` leaves it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from scripts.launch import LocalBot

ROOT = Path(__file__).resolve().parent.parent
RASA = ROOT / ".venv" / "bin" / "rasa"
QUIET = {
    "RASA_TELEMETRY_ENABLED": "false",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
}


def rasa_version() -> str:
    out = subprocess.run(
        [
            str(ROOT / ".venv/bin/python"),
            "-c",
            "import rasa.version; print(rasa.version.__version__)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def project_dir(version: str | None = None) -> Path:
    return ROOT / "build" / f"stock-rasa-{version or rasa_version()}"


def build(version: str | None = None) -> Path:
    """`rasa init --no-prompt` once per Rasa version; the training time is kept with it."""
    target = project_dir(version)
    if (target / "bench-build.json").exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=target.name + ".", dir=target.parent))
    print(
        f"==> building the stock bot: rasa init --no-prompt in {target.relative_to(ROOT)} "
        "(once per Rasa version; trains a model)",
        flush=True,
    )
    t0 = time.perf_counter()
    # `rasa init` changes into the project folder, so its training cache
    # (.rasa/cache) starts empty there: a cold training, like ours from scratch.
    proc = subprocess.run(
        [str(RASA), "init", "--no-prompt", "--init-dir", str(work)],
        env=dict(os.environ, **QUIET),
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - t0
    (work / "init.log").write_text(proc.stdout + proc.stderr)
    if proc.returncode != 0 or not list((work / "models").glob("*.tar.gz")):
        raise RuntimeError(f"rasa init failed (exit {proc.returncode}); see {work / 'init.log'}")
    (work / "bench-build.json").write_text(
        json.dumps(
            {
                "training_s": round(seconds, 1),
                "rasa": version or rasa_version(),
                "at": time.strftime("%Y-%m-%d %H:%M"),
                "cores": os.cpu_count(),
            },
            indent=2,
        )
    )
    if target.exists():
        shutil.rmtree(target)
    work.rename(target)
    return target


def build_info(project: Path) -> dict:
    return json.loads((project / "bench-build.json").read_text())


def model_of(project: Path) -> Path:
    return max((project / "models").glob("*.tar.gz"))


class StockBot(LocalBot):
    """`rasa run --enable-api` on the stock project, in its own process group.

    Stopping it and listing its processes work as for our bot (LocalBot); only
    the command differs: one Rasa server, no action server, Rasa's defaults.
    """

    def __init__(self, project: Path) -> None:
        super().__init__(project)
        self.project = project

    def start(self, timeout: float = 300) -> StockBot:
        t0 = time.perf_counter()
        with open(self.project / "run.log", "w") as log:  # the child keeps its own copy
            self.proc = subprocess.Popen(
                [
                    str(RASA),
                    "run",
                    "--enable-api",
                    "--auth-token",
                    self.token,
                    "-i",
                    "127.0.0.1",
                    "-p",
                    str(self.ports["RASA_PORT"]),
                    "-m",
                    str(model_of(self.project)),
                ],
                cwd=self.project,
                env=dict(os.environ, **QUIET),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"stock bot exited; see {self.project / 'run.log'}")
            try:
                urllib.request.urlopen(self.url + "/", timeout=2).read()
                self.startup_seconds = time.perf_counter() - t0
                return self
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"stock bot not ready after {timeout}s; see {self.project / 'run.log'}")


if __name__ == "__main__":
    p = build()
    print(f"stock bot: {p} (model {model_of(p).name}, trained in {build_info(p)['training_s']} s)")
