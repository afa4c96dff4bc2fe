"""The background worker: ``python -m bot.worker``.

Every few seconds it retries staff alerts that have not gone out
(``bot.notify.retry_pending``), records escalations the action server
missed (``bot.reconcile.sweep``) and sends the aftercare check-ins that are
due (``bot.checkin_delivery.send_due``); once an hour it clears expired staff
sessions and old sign-in attempts. The web processes (inbox, widget) do no
background work.

Only one worker works at a time: each round starts by taking the lease
``worker`` in ``clinic.db`` (``bot.store.take_lease``), and a heartbeat
renews it while a job runs. A second worker (started by mistake, or on
purpose as a standby) waits; if the working one dies, its lease runs out
after ``WORKER_LEASE_SECONDS`` and the standby takes over. So two workers
never run two sweeps at once. On SIGTERM or Ctrl-C the worker finishes its
job, gives the lease up and exits.

    python -m bot.worker            # run until stopped (scripts/run.sh supervises it)
    python -m bot.worker --once     # one round, then exit (cron, tests)

Settings: ``WORKER_INTERVAL_SECONDS`` (default 5; the older name
``INBOX_BACKGROUND_SECONDS`` is still read), ``WORKER_LEASE_SECONDS``
(default 60).
"""

from __future__ import annotations

import argparse
import logging
import os
import secrets
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot import store
from bot.settings import text

log = logging.getLogger("bot.worker")

LEASE = "worker"
HOUSEKEEPING_SECONDS = 3600
MAX_JOB_SECONDS = 600  # a job still running after this stops being covered by the lease


def retry_alerts() -> None:
    from bot import notify

    notify.retry_pending()


def reconcile() -> None:
    from bot import reconcile as reconciler

    reconciler.sweep()


def send_checkins() -> None:
    from bot import checkin_delivery

    checkin_delivery.send_due()


def housekeeping() -> None:
    db = store.open_db()
    try:
        store.delete_expired_sessions(db=db)
        store.purge_login_attempts(db=db)
    finally:
        db.conn.close()


@dataclass
class Job:
    name: str
    run: Callable[[], None]
    every_seconds: float = 0.0  # 0: every round
    last_run: float = float("-inf")

    def due(self, now: float) -> bool:
        return now - self.last_run >= self.every_seconds


def default_jobs() -> list[Job]:
    return [
        Job("retry_alerts", retry_alerts),
        Job("reconcile", reconcile),
        Job("checkins", send_checkins),
        Job("housekeeping", housekeeping, HOUSEKEEPING_SECONDS),
    ]


def env_seconds(names: Sequence[str], default: float, minimum: float) -> float:
    """The first of the settings ``names`` that is set and a number (at least ``minimum``)."""
    for name in names:
        try:
            return max(minimum, float(text(name) or ""))
        except ValueError:
            continue
    return default


class Worker:
    """Runs the jobs in rounds while it holds the lease."""

    def __init__(
        self,
        jobs: list[Job] | None = None,
        interval: float | None = None,
        lease_seconds: float | None = None,
        holder: str | None = None,
    ) -> None:
        self.jobs = jobs if jobs is not None else default_jobs()
        self.interval = (
            interval
            if interval is not None
            else env_seconds(("WORKER_INTERVAL_SECONDS", "INBOX_BACKGROUND_SECONDS"), 5.0, 0.1)
        )
        self.lease_seconds = (
            lease_seconds
            if lease_seconds is not None
            else env_seconds(("WORKER_LEASE_SECONDS",), 60.0, 1.0)
        )
        self.holder = holder or f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"
        self.stopping = threading.Event()
        self.leading = False

    # ---- the lease

    def _take(self) -> bool:
        try:
            db = store.open_db()
            try:
                return store.take_lease(LEASE, self.holder, self.lease_seconds, db=db)
            finally:
                db.conn.close()
        except Exception:  # noqa: BLE001 - the database may be busy or gone for a moment
            log.exception("could not take the worker lease")
            return False

    def _heartbeat(self, done: threading.Event, started: float) -> None:
        """Renew the lease while a job runs (up to MAX_JOB_SECONDS)."""
        while not done.wait(self.lease_seconds / 3):
            if time.monotonic() - started > MAX_JOB_SECONDS:
                log.error(
                    "a job has run for more than %s s: no longer renewing the lease",
                    MAX_JOB_SECONDS,
                )
                return
            self._take()

    def release(self) -> None:
        try:
            db = store.open_db()
            try:
                store.release_lease(LEASE, self.holder, db=db)
            finally:
                db.conn.close()
        except Exception:  # noqa: BLE001
            log.exception("could not release the worker lease")
        self.leading = False

    # ---- the work

    def run_round(self) -> bool:
        """One round: the due jobs, if this worker holds the lease. True if it did."""
        for job in self.jobs:
            if self.stopping.is_set():
                break
            now = time.monotonic()
            if not job.due(now):
                continue
            if not self._take():  # renewed before each job: never work without it
                if self.leading:
                    log.warning("lost the worker lease to another worker")
                self.leading = False
                return False
            if not self.leading:
                log.info("this worker (%s) now does the background work", self.holder)
                self.leading = True
            job.last_run = now
            done = threading.Event()
            beat = threading.Thread(target=self._heartbeat, args=(done, now), daemon=True)
            beat.start()
            try:
                job.run()
            except Exception:  # noqa: BLE001 - keep the worker alive, say why
                log.exception("background job %s failed", job.name)
            finally:
                done.set()
                beat.join()
        return self.leading

    def run_forever(self) -> None:
        log.info(
            "worker %s started (every %.1f s, lease %.0f s)",
            self.holder,
            self.interval,
            self.lease_seconds,
        )
        try:
            while not self.stopping.is_set():
                self.run_round()
                self.stopping.wait(self.interval)
        finally:
            self.release()
            log.info("worker %s stopped", self.holder)

    def stop(self, *_: object) -> None:
        self.stopping.set()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.worker", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--once", action="store_true", help="one round, then exit")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO,
        stream=sys.stdout,
        format="%(asctime)s %(name)s %(levelname)s %(message)s",
    )
    worker = Worker()
    if args.once:
        try:
            worked = worker.run_round()
        finally:
            worker.release()
        if not worked:
            log.info("another worker holds the lease: nothing done")
        return 0
    signal.signal(signal.SIGTERM, worker.stop)
    signal.signal(signal.SIGINT, worker.stop)
    worker.run_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
