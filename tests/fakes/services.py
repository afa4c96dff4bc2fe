"""Real PostgreSQL, Redis and HAProxy for tests, started on free loopback ports.

Debian's packages (``make services`` installs them): ``postgresql``,
``redis-server``, ``haproxy``. Each service runs in a temporary folder and is
stopped (and the folder removed) by ``stop()``. PostgreSQL refuses to run as
root, so as root its cluster is created and started as the ``postgres`` user.

``missing(name)`` says why a service cannot start here (None if it can): the
fixtures in conftest.py skip a test with that reason, or fail it when
``REQUIRE_SERVICES=1`` (CI).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from scripts.launch import free_port


def wait_port(
    port: int, timeout: float, proc: subprocess.Popen | None = None, log: Path | None = None
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"exited with code {proc.returncode}: {_tail(log)}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port} after {timeout} s: {_tail(log)}")


def _tail(log: Path | None) -> str:
    try:
        return log.read_text(errors="replace")[-2000:] if log else ""
    except OSError:
        return ""


# ------------------------------------------------------------ finding the programs


def postgres_bin() -> Path | None:
    """The folder with PostgreSQL's server programs (initdb, pg_ctl), if installed."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _as_postgres_user() -> bool:
    return os.geteuid() == 0


def missing(name: str) -> str | None:
    """Why ``name`` (postgresql, redis, haproxy) cannot run here, or None."""
    if name == "postgresql":
        if postgres_bin() is None:
            return "PostgreSQL is not installed (`make services` or apt-get install postgresql)"
        if _as_postgres_user():
            try:
                import pwd

                pwd.getpwnam("postgres")
            except KeyError:
                return "running as root and there is no `postgres` user to run PostgreSQL as"
            if not shutil.which("runuser"):
                return "running as root and `runuser` is missing"
        return None
    if name == "redis":
        return (
            None
            if shutil.which("redis-server")
            else "redis-server is not installed (`make services` or apt-get install redis-server)"
        )
    if name == "haproxy":
        return (
            None
            if _haproxy()
            else "HAProxy is not installed (`make services` or apt-get install haproxy)"
        )
    return f"unknown service {name}"


def _haproxy() -> str | None:
    return shutil.which("haproxy") or next(
        (p for p in ("/usr/sbin/haproxy",) if os.path.exists(p)), None
    )


# ------------------------------------------------------------ the services


@dataclass
class Service:
    name: str
    port: int
    folder: Path
    url: str = ""
    proc: subprocess.Popen | None = None
    stop_command: list[str] = field(default_factory=list)

    @property
    def log(self) -> Path:
        return self.folder / "service.log"

    def stop(self) -> None:
        try:
            if self.stop_command:
                subprocess.run(self.stop_command, capture_output=True, timeout=60)
            if self.proc is not None and self.proc.poll() is None:
                self.proc.terminate()
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait(timeout=5)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def start_postgres(database: str = "bot", timeout: float = 60) -> Service:
    """A new PostgreSQL cluster on 127.0.0.1:<free port> with one empty ``database``.

    ``url``: ``postgresql://bot:<password>@127.0.0.1:<port>/<database>``.
    """
    reason = missing("postgresql")
    if reason:
        raise RuntimeError(reason)
    bin_dir = postgres_bin()
    folder = Path(tempfile.mkdtemp(prefix="test-pg-"))
    data = folder / "data"
    run_as: list[str] = []
    if _as_postgres_user():
        shutil.chown(folder, "postgres", "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    password = os.urandom(8).hex()
    service = Service("postgresql", port, folder)
    pwfile = folder / "pw"
    pwfile.write_text(password + "\n")
    if run_as:
        shutil.chown(pwfile, "postgres", "postgres")
    log = folder / "service.log"

    def run(args: list[str]) -> None:
        done = subprocess.run(
            run_as + args, capture_output=True, text=True, timeout=timeout, cwd=str(folder)
        )
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {done.stdout[-1500:]} {done.stderr[-1500:]}")

    try:
        run(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                "bot",
                "--pwfile",
                str(pwfile),
                "--auth=scram-sha-256",
                "-E",
                "UTF8",
                "--no-locale",
            ]
        )
        run(
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(log),
                "-w",
                "-t",
                str(int(timeout)),
                "-o",
                f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off",
                "start",
            ]
        )
        service.stop_command = run_as + [
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-m",
            "fast",
            "-w",
            "stop",
        ]
        base = f"postgresql://bot:{password}@127.0.0.1:{port}"
        import sqlalchemy as sa

        engine = sa.create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(sa.text(f'create database "{database}"'))
        engine.dispose()
        service.url = f"{base}/{database}"
        return service
    except Exception:
        service.stop()
        raise


def start_redis(timeout: float = 30) -> Service:
    """redis-server on 127.0.0.1:<free port>, nothing saved to disk; ``url`` redis://..."""
    reason = missing("redis")
    if reason:
        raise RuntimeError(reason)
    folder = Path(tempfile.mkdtemp(prefix="test-redis-"))
    port = free_port()
    service = Service("redis", port, folder, url=f"redis://127.0.0.1:{port}/0")
    return _spawn(
        service,
        [
            shutil.which("redis-server") or "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
            "--daemonize",
            "no",
            "--protected-mode",
            "yes",
        ],
        timeout,
    )


def start_haproxy(config_text: str, port: int, timeout: float = 30) -> Service:
    """HAProxy in the foreground with this configuration (which listens on ``port``)."""
    reason = missing("haproxy")
    if reason:
        raise RuntimeError(reason)
    folder = Path(tempfile.mkdtemp(prefix="test-haproxy-"))
    cfg = folder / "haproxy.cfg"
    cfg.write_text(config_text)
    service = Service("haproxy", port, folder, url=f"http://127.0.0.1:{port}")
    check = subprocess.run(
        [_haproxy() or "haproxy", "-c", "-f", str(cfg)], capture_output=True, text=True, timeout=30
    )
    if check.returncode != 0:
        service.stop()
        raise RuntimeError(f"HAProxy refused the configuration: {check.stdout} {check.stderr}")
    return _spawn(service, [_haproxy() or "haproxy", "-db", "-f", str(cfg)], timeout)


def _spawn(service: Service, args: list[str], timeout: float) -> Service:
    """Start ``args`` in the service's folder and wait until its port answers."""
    with open(service.log, "wb") as log:
        service.proc = subprocess.Popen(
            args, stdout=log, stderr=subprocess.STDOUT, cwd=str(service.folder)
        )
    try:
        wait_port(service.port, timeout, service.proc, service.log)
        return service
    except Exception:
        service.stop()
        raise
