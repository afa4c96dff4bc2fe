"""The bench's extras: training time, py-spy profiles, the bot scaled out (see scripts/bench.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from scripts import stock_bot
from scripts.bench_measure import PY_SPY, ROOT, Target, pid_of, play

# ------------------------------------------------------------------ training


def our_training_seconds(model: Path) -> float | None:
    """What scripts/train.py measured for this model, if it trained it."""
    from scripts.train import training_seconds_path

    f = training_seconds_path(model)
    return float(f.read_text()) if f.exists() else None


def timed(cmd: list[str], cwd: Path, cache: Path) -> float:
    env = dict(os.environ, RASA_CACHE_DIRECTORY=str(cache), **stock_bot.QUIET)
    t0 = time.perf_counter()
    subprocess.run(
        cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return round(time.perf_counter() - t0, 1)


def fresh_training(project: Path) -> dict[str, float]:
    """Both bots trained from scratch, back to back, each with an empty cache."""
    from scripts.train import train_command

    rasa = str(stock_bot.RASA)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        ours = timed(train_command(str(t / "ours")), ROOT, t / "cache-ours")  # as make train
        shutil.copytree(project, t / "stock", ignore=shutil.ignore_patterns("models", ".rasa"))
        stock = timed(
            [rasa, "train", "--out", str(t / "stock-models")], t / "stock", t / "cache-stock"
        )
    return {"ours": ours, "stock": stock}


# ------------------------------------------------------------------ profile


def profile_round(targets: list[Target], out: Path, round_no: int) -> dict:
    """One more 8-conversation round per bot under py-spy; returns the summaries."""
    from scripts import profile_summary

    out.mkdir(parents=True, exist_ok=True)
    summaries = {}
    for target in targets:
        spies = []
        for name in ("rasa server", "action server"):
            pid = pid_of(target, name)
            if pid is None:
                continue
            raw = out / f"{target.name}-{name.replace(' ', '_')}.txt"
            spies.append(
                (
                    name,
                    raw,
                    subprocess.Popen(
                        [
                            str(PY_SPY),
                            "record",
                            "--pid",
                            str(pid),
                            "--rate",
                            "200",
                            "--nonblocking",
                            "--format",
                            "raw",
                            "--output",
                            str(raw),
                            "--duration",
                            "600",
                        ],
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                    ),
                )
            )
        time.sleep(2)  # py-spy attached
        play(target, 8, 2, round_no)
        for name, raw, spy in spies:
            spy.send_signal(2)  # SIGINT: py-spy writes what it has and exits
            spy.wait(timeout=60)
            summaries[f"{target.name} / {name}"] = profile_summary.summarise(raw)
    return summaries


# ------------------------------------------------------------ scaled out


def service_processes(started: list) -> dict[int, str]:
    """pid -> command line of the PostgreSQL and Redis started for --replicas."""
    roots = {s.proc.pid for s in started if s.proc is not None}
    for s in started:
        pidfile = s.folder / "data" / "postmaster.pid"
        if pidfile.exists():
            roots.add(int(pidfile.read_text().split()[0]))
    found = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            ppid = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
            if int(pid) in roots or ppid in roots:
                found[int(pid)] = (
                    Path(f"/proc/{pid}/cmdline")
                    .read_bytes()
                    .replace(b"\0", b" ")
                    .decode(errors="replace")
                )
        except (OSError, ValueError, IndexError):
            continue
    return found


def scaled_out(replicas: int) -> tuple[list, dict[str, str], list[int]]:
    """PostgreSQL and Redis for ``replicas`` > 1: (services, environment, replica ports)."""
    from tests.fakes import services

    for name in ("postgresql", "redis", "haproxy"):
        reason = services.missing(name)
        if reason:
            raise SystemExit(f"--replicas {replicas} needs {name}: {reason}")
    started = [services.start_postgres()]
    started.append(services.start_redis())
    ports: list[int] = []
    while len(ports) < replicas:
        port = services.free_port()
        if port not in ports:
            ports.append(port)
    env = {
        "TRACKER_STORE_URL": started[0].url,
        "REDIS_URL": started[1].url,
        "RASA_REPLICAS": str(replicas),
        "RASA_REPLICA_PORTS": " ".join(map(str, ports)),
    }
    return started, env, ports


def wait_for_replicas(ports: list[int], timeout: float = 600) -> None:
    """Until every replica answers on its own port (the balancer answers with one)."""
    deadline = time.time() + timeout
    for port in ports:
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()
                break
            except OSError:
                if time.time() > deadline:
                    raise RuntimeError(f"replica on port {port} not up after {timeout} s") from None
                time.sleep(0.5)
