"""Staff accounts from the command line; there is no default account or password.

    python -m bot.inbox.admin create NAME [--admin] [--password-stdin]
    python -m bot.inbox.admin passwd NAME [--password-stdin]
    python -m bot.inbox.admin list
    python -m bot.inbox.admin disable NAME
    python -m bot.inbox.admin enable NAME

``create`` and ``passwd`` ask for the password twice (it is not echoed);
``--password-stdin`` reads one line from standard input instead, for scripts.
Passwords need at least 12 characters.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from bot import store
from bot.inbox import auth


class Refused(Exception):
    """A request the command turns down, with the reason for the person typing."""


def read_password(username: str, from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"Password for {username}: ")
        if getpass.getpass("Same password again: ") != password:
            raise Refused("the two passwords differ")
    problem = auth.password_problem(password, username)
    if problem:
        raise Refused(problem)
    return password


def create(username: str, from_stdin: bool, admin: bool) -> str:
    problem = auth.username_problem(username)
    if problem:
        raise Refused(problem)
    db = store.open_db()
    if store.get_staff_user(username, db=db):
        raise Refused(f"an account named {username!r} already exists")
    password = read_password(username, from_stdin)
    role = "admin" if admin or store.count_staff_users(db=db) == 0 else "staff"
    store.create_staff_user(username, auth.hash_password(password), role=role, db=db)
    return f"created {role} account {username!r}"


def passwd(username: str, from_stdin: bool) -> str:
    db = store.open_db()
    if not store.get_staff_user(username, db=db):
        raise Refused(f"no account named {username!r}")
    password = read_password(username, from_stdin)
    store.set_staff_password(username, auth.hash_password(password), db=db)
    return f"password of {username!r} changed; its sessions are signed out"


def list_accounts() -> str:
    rows = store.list_staff_users()
    if not rows:
        return "no staff accounts yet: python -m bot.inbox.admin create NAME"
    lines = [f"{'name':<24} {'role':<6} {'state':<9} created"]
    for r in rows:
        state = "disabled" if r.get("disabled") else "active"
        lines.append(
            f"{r['username']:<24} {r.get('role') or '':<6} {state:<9} {r.get('created_at') or ''}"
        )
    return "\n".join(lines)


def set_disabled(username: str, disabled: bool) -> str:
    if not store.set_staff_disabled(username, disabled):
        raise Refused(f"no account named {username!r}")
    return f"{'disabled' if disabled else 'enabled'} {username!r}" + (
        "; its sessions are signed out" if disabled else ""
    )


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m bot.inbox.admin", description="Manage the staff inbox's accounts."
    )
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser("create", help="create an account (asks for the password twice)")
    c.add_argument("name")
    c.add_argument("--admin", action="store_true", help="role admin (the first account is)")
    c.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from one line of standard input",
    )
    w = sub.add_parser("passwd", help="set a new password")
    w.add_argument("name")
    w.add_argument("--password-stdin", action="store_true")
    sub.add_parser("list", help="list the accounts")
    d = sub.add_parser("disable", help="disable an account and end its sessions")
    d.add_argument("name")
    e = sub.add_parser("enable", help="enable a disabled account")
    e.add_argument("name")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "create":
            out = create(args.name, args.password_stdin, args.admin)
        elif args.command == "passwd":
            out = passwd(args.name, args.password_stdin)
        elif args.command == "list":
            out = list_accounts()
        else:
            out = set_disabled(args.name, args.command == "disable")
    except Refused as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, EOFError):
        print("\ncancelled", file=sys.stderr)
        return 130
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
