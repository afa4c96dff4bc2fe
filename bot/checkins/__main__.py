"""``python -m bot.checkins check``: check knowledge/checkins.yml and show the schedule.

``python -m bot.checkins plan --treated-at 2026-03-28T12:00:00+00:00 --channel telegram``
shows when each check-in of such a treatment would go out (nothing is stored).
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path

from bot.checkins import config, schedule
from bot.checkins.request import InvalidRequest, parse_treated_at


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m bot.checkins",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument(
        "--file", type=Path, help="another check-in file (default knowledge/checkins.yml)"
    )
    sub = ap.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="check the file and print the schedule")
    plan = sub.add_parser("plan", help="when the check-ins of one treatment would be due")
    plan.add_argument("--treated-at", required=True)
    plan.add_argument("--channel", default="telegram", choices=config.CHANNELS)
    plan.add_argument("--now", help="registration time (default: now)")
    a = ap.parse_args(argv)
    try:
        s = config.load(a.file)
    except config.CheckinConfigError as exc:
        print(exc, file=sys.stderr)
        return 1
    if a.command == "check":
        quiet = s.spec.quiet_hours
        print(
            f"{s.path.name}: OK. Timezone {s.tz.key}; quiet hours "
            + (
                f"{quiet.start:%H:%M}-{quiet.end:%H:%M} on {', '.join(quiet.channels)}"
                if quiet
                else "none"
            )
        )
        for c in s.schedule:
            print(f"  {c.kind:<14} after {str(c.after):<5} {s.message(c.kind)}")
            if c.quick_replies:
                print("  " + " " * 15 + " | ".join(q.title for q in c.quick_replies))
        return 0
    try:
        treated = parse_treated_at(a.treated_at)
        now = parse_treated_at(a.now) if a.now else datetime.now(timezone.utc)
    except InvalidRequest as exc:
        print(exc.reason, file=sys.stderr)
        return 2
    for p in schedule.plan(treated, now, s, a.channel):
        local = p.due_at.astimezone(s.tz)
        late = "  (late: at once)" if p.late else ""
        print(f"{p.kind:<14} {local:%a %Y-%m-%d %H:%M %Z}{late}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
