"""Retention: delete what is older than the clinic's retention period.

`make purge` runs this (a clinic would run it daily from cron). The period is
``retention_days`` in the clinic config. Pre-screen records and resolved
tickets go through the store, finished aftercare check-ins through
``bot.checkins``; transcript events go through Rasa's tracker
store (``bot.rasa_gateway``), whichever SQL database Rasa runs with
(``endpoints.yml``'s SQLite file, or ``TRACKER_STORE_URL``: run it with the
same settings as ``make run``).
"""

from __future__ import annotations

import argparse
import json
import time

from bot import checkins, config, rasa_gateway, store


def purge_transcripts(days: int, gateway: rasa_gateway.TrackerStoreGateway | None = None) -> int:
    """Delete tracker events older than ``days`` days; returns how many."""
    gateway = gateway or rasa_gateway.tracker_store()
    return gateway.purge_before(time.time() - days * 86400)


def run(
    days: int | None = None, db=None, gateway: rasa_gateway.TrackerStoreGateway | None = None
) -> dict[str, int]:
    days = int(days if days is not None else config.clinic().get("retention_days", 90))
    result = store.purge_older_than(days, db=db)
    result.update({f"checkin_{k}": v for k, v in checkins.purge(days, db=db).items()})
    result["transcript_events"] = purge_transcripts(days, gateway)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--days", type=int, help="override the configured retention period")
    a = ap.parse_args()
    print(json.dumps(run(a.days)))


if __name__ == "__main__":
    main()
