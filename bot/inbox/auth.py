"""Staff sign-in: password hashing, sessions, CSRF tokens and the rate limit.

Plain Python over ``bot.store`` (no web framework), so it is tested directly
and a second inbox replica shares everything through the database:

- passwords: ``hashlib.scrypt`` with a random salt; the parameters are kept
  with the hash (``scrypt$n$r$p$salt$hash``) so they can be raised later;
  compared in constant time;
- sessions: a random token in the cookie, only its SHA-256 in
  ``staff_sessions``, with a CSRF token and an expiry;
- rate limit: failures per username and per client address in
  ``login_attempts``; over the limit, the password is not even checked.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from typing import Any

from bot import store
from bot.settings import settings

SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
MIN_PASSWORD = 12
MAX_PASSWORD = 1024
USERNAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")


# ------------------------------------------------------------ passwords


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=32
    )


def hash_password(password: str, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    """``scrypt$n$r$p$salt$hash`` with a fresh 16-byte salt."""
    salt = secrets.token_bytes(16)
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(_scrypt(password, salt, n, r, p))}"


def verify_password(password: str, stored: str) -> bool:
    """True if ``password`` matches ``stored``; False for any malformed hash."""
    try:
        scheme, n, r, p, salt, expected = stored.split("$")
        if scheme != "scrypt":
            return False
        n_i, r_i, p_i = int(n), int(r), int(p)
        if not (2 <= n_i <= 2**20 and 1 <= r_i <= 32 and 1 <= p_i <= 16):
            return False
        actual = _scrypt(password, base64.b64decode(salt), n_i, r_i, p_i)
        return hmac.compare_digest(actual, base64.b64decode(expected))
    except (ValueError, TypeError):
        return False


# A hash to check against when the account does not exist, so an unknown
# name takes as long as a wrong password (no account discovery by timing).
_DUMMY_HASH: str | None = None


def _dummy_hash() -> str:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hash_password(secrets.token_urlsafe(16))
    return _DUMMY_HASH


def password_problem(password: str, username: str = "") -> str | None:
    """Why a new password is refused, or None if it is acceptable."""
    if len(password) < MIN_PASSWORD:
        return f"the password must have at least {MIN_PASSWORD} characters"
    if len(password) > MAX_PASSWORD:
        return f"the password must have at most {MAX_PASSWORD} characters"
    if len(set(password)) < 5:
        return "the password repeats too few different characters"
    if username and username.lower() in password.lower():
        return "the password must not contain the account name"
    return None


def username_problem(username: str) -> str | None:
    if not USERNAME_RE.match(username or ""):
        return (
            "an account name has 1 to 64 characters: letters, digits, '.', '_', "
            "'@' or '-', starting with a letter or digit"
        )
    return None


# ------------------------------------------------------------ sessions


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def session_hours() -> int:
    return max(1, settings().INBOX_SESSION_HOURS)


def start_session(username: str, db: Any = None) -> dict[str, str]:
    """A new session; returns ``{"token", "csrf", "expires_at"}`` (token for the cookie)."""
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    expires_at = store.iso_in(session_hours() * 3600)
    store.create_staff_session(token_hash(token), username, csrf, expires_at, db=db)
    return {"token": token, "csrf": csrf, "expires_at": expires_at}


def load_session(token: str | None, db: Any = None) -> dict[str, Any] | None:
    """The live session behind a cookie value, or None."""
    if not token or len(token) > 200:
        return None
    return store.get_staff_session(token_hash(token), db=db)


def end_session(token: str | None, db: Any = None) -> None:
    if token and len(token) <= 200:
        store.delete_staff_session(token_hash(token), db=db)


def csrf_ok(session: dict[str, Any] | None, sent: str | None) -> bool:
    """The form's token matches the session's, compared in constant time."""
    if not session or not sent or not session.get("csrf"):
        return False
    return hmac.compare_digest(str(session["csrf"]).encode(), str(sent).encode())


# ------------------------------------------------------------ sign-in


@dataclass
class LoginResult:
    ok: bool
    reason: str = ""  # "ok", "bad_credentials", "rate_limited"
    username: str = ""


def limits() -> dict[str, int]:
    return {
        "user": max(1, settings().INBOX_LOGIN_MAX_FAILURES),
        "ip": max(1, settings().INBOX_LOGIN_MAX_FAILURES_IP),
        "window": max(60, settings().INBOX_LOGIN_WINDOW_SECONDS),
    }


def rate_limited(username: str, ip: str, db: Any = None) -> bool:
    lim = limits()
    return (
        store.login_failures(f"user:{username.lower()}", lim["window"], db=db) >= lim["user"]
        or store.login_failures(f"ip:{ip}", lim["window"], db=db) >= lim["ip"]
    )


def check_login(username: str, password: str, ip: str, db: Any = None) -> LoginResult:
    """Check a sign-in and record the attempt; does not create the session.

    Over the rate limit the answer is ``rate_limited`` whatever the password,
    and the attempt is not counted again (a locked-out user is not kept out
    longer by retrying).
    """
    username = (username or "").strip()[:64]
    password = (password or "")[:MAX_PASSWORD]
    if rate_limited(username, ip, db=db):
        store.audit(username or "?", "login_rate_limited", detail={"ip": ip}, db=db)
        return LoginResult(False, "rate_limited", username)
    user = store.get_staff_user(username, db=db) if username else None
    good = verify_password(password, user["password_hash"] if user else _dummy_hash())
    ok = bool(user and good and not user.get("disabled"))
    store.record_login_attempt(f"user:{username.lower()}", ok, db=db)
    if not ok:  # per address, only failures count: a success does not reset them
        store.record_login_attempt(f"ip:{ip}", False, db=db)
    store.audit(username or "?", "login_ok" if ok else "login_failed", detail={"ip": ip}, db=db)
    return LoginResult(ok, "ok" if ok else "bad_credentials", username)
