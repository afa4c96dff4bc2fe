"""Staff sign-in: hashing, sessions, CSRF, the rate limit and the admin command."""

from __future__ import annotations

import io

import pytest

from bot import store
from bot.inbox import admin, auth

FAST_N = 2**12  # small scrypt cost: these tests check behaviour, not strength


def make_user(db, name="ana", password="correct horse battery", role="staff"):
    store.create_staff_user(name, auth.hash_password(password, n=FAST_N), role=role, db=db)
    return password


# ------------------------------------------------------------ hashing


def test_hash_keeps_parameters_and_a_random_salt():
    h1 = auth.hash_password("correct horse battery", n=FAST_N)
    h2 = auth.hash_password("correct horse battery", n=FAST_N)
    scheme, n, r, p, salt, digest = h1.split("$")
    assert (scheme, int(n), int(r), int(p)) == ("scrypt", FAST_N, 8, 1)
    assert h1 != h2 and salt != h2.split("$")[4]
    assert "correct" not in h1


def test_default_cost_is_a_real_kdf_setting():
    h = auth.hash_password("correct horse battery")
    assert int(h.split("$")[1]) >= 2**14
    assert auth.verify_password("correct horse battery", h)


def test_verify_accepts_the_password_and_rejects_others():
    h = auth.hash_password("correct horse battery", n=FAST_N)
    assert auth.verify_password("correct horse battery", h)
    assert not auth.verify_password("correct horse batterY", h)
    assert not auth.verify_password("", h)


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "plain",
        "scrypt$x$8$1$AA==$AA==",
        "md5$1$2$3$4$5",
        "scrypt$4194304$8$1$AA==$AA==",
        "scrypt$16$8$1$!!$??",
    ],
)
def test_verify_is_false_for_malformed_hashes(stored):
    assert auth.verify_password("anything at all", stored) is False


@pytest.mark.parametrize(
    "password,ok",
    [
        ("short", False),
        ("elevenchars", False),
        ("aaaaaaaaaaaaaaaa", False),
        ("my ana password", False),
        ("correct horse battery", True),
        ("x" * 2000, False),
        ("ça-va-très-bien-😀", True),
    ],
)
def test_password_rules(password, ok):
    assert (auth.password_problem(password, "ana") is None) is ok


@pytest.mark.parametrize(
    "name,ok",
    [
        ("ana", True),
        ("dr.patel", True),
        ("a@b-c_d", True),
        ("", False),
        ("-x", False),
        ("a b", False),
        ("<script>", False),
        ("x" * 65, False),
        ("ana'; drop table staff_users;--", False),
    ],
)
def test_username_rules(name, ok):
    assert (auth.username_problem(name) is None) is ok


# ------------------------------------------------------------ sessions and CSRF


def test_session_token_is_stored_hashed(db):
    make_user(db)
    s = auth.start_session("ana", db=db)
    row = db.execute("select token_hash, csrf from staff_sessions").fetchone()
    assert row[0] == auth.token_hash(s["token"]) and row[0] != s["token"]
    loaded = auth.load_session(s["token"], db=db)
    assert loaded["username"] == "ana" and loaded["csrf"] == s["csrf"]


def test_unknown_or_oversized_token_has_no_session(db):
    make_user(db)
    auth.start_session("ana", db=db)
    assert auth.load_session("not-a-token", db=db) is None
    assert auth.load_session("x" * 5000, db=db) is None
    assert auth.load_session(None, db=db) is None


def test_session_expires(db):
    make_user(db)
    s = auth.start_session("ana", db=db)
    db.execute("update staff_sessions set expires_at = ?", [store.iso_in(-1)])
    assert auth.load_session(s["token"], db=db) is None
    assert store.delete_expired_sessions(db=db) == 1


def test_session_ends_on_sign_out_and_when_disabled(db):
    make_user(db)
    s1, s2 = auth.start_session("ana", db=db), auth.start_session("ana", db=db)
    auth.end_session(s1["token"], db=db)
    assert auth.load_session(s1["token"], db=db) is None
    assert auth.load_session(s2["token"], db=db) is not None
    store.set_staff_disabled("ana", True, db=db)
    assert auth.load_session(s2["token"], db=db) is None


def test_csrf_compare():
    session = {"csrf": "abc123"}
    assert auth.csrf_ok(session, "abc123")
    assert not auth.csrf_ok(session, "abc124")
    assert not auth.csrf_ok(session, "")
    assert not auth.csrf_ok(session, None)
    assert not auth.csrf_ok(None, "abc123")


# ------------------------------------------------------------ sign-in and rate limit


def test_login_right_and_wrong(db):
    pw = make_user(db)
    assert auth.check_login("ana", pw, "10.0.0.1", db=db).ok
    wrong = auth.check_login("ana", pw + "x", "10.0.0.1", db=db)
    assert not wrong.ok and wrong.reason == "bad_credentials"
    assert not auth.check_login("nobody", pw, "10.0.0.1", db=db).ok
    assert not auth.check_login("", "", "10.0.0.1", db=db).ok
    actions = [a["action"] for a in store.audit_log(db=db)]
    assert "login_ok" in actions and "login_failed" in actions


def test_disabled_account_cannot_sign_in(db):
    pw = make_user(db)
    store.set_staff_disabled("ana", True, db=db)
    assert not auth.check_login("ana", pw, "10.0.0.1", db=db).ok


def test_rate_limit_per_username(db):
    pw = make_user(db)
    for i in range(5):
        assert (
            auth.check_login("ana", "wrong password", f"10.0.0.{i}", db=db).reason
            == "bad_credentials"
        )
    # over the limit: refused even with the right password, from a new address
    assert auth.check_login("ana", pw, "10.9.9.9", db=db).reason == "rate_limited"
    assert auth.check_login("ANA", pw, "10.9.9.9", db=db).reason == "rate_limited"


def test_rate_limit_window_passes(db):
    pw = make_user(db)
    for _ in range(5):
        auth.check_login("ana", "wrong password", "10.0.0.1", db=db)
    db.execute("update login_attempts set at = ?", [store.iso_in(-16 * 60)])
    assert auth.check_login("ana", pw, "10.0.0.1", db=db).ok


def test_success_resets_the_username_count(db):
    pw = make_user(db)
    for _ in range(4):
        auth.check_login("ana", "wrong password", "10.0.0.1", db=db)
    assert auth.check_login("ana", pw, "10.0.0.1", db=db).ok
    for _ in range(4):
        auth.check_login("ana", "wrong password", "10.0.0.1", db=db)
    assert auth.check_login("ana", pw, "10.0.0.1", db=db).ok


def test_rate_limit_per_address(db, monkeypatch):
    monkeypatch.setenv("INBOX_LOGIN_MAX_FAILURES_IP", "3")
    pw = make_user(db)
    for name in ("x1", "x2", "x3"):
        auth.check_login(name, "wrong password", "10.0.0.7", db=db)
    assert auth.check_login("ana", pw, "10.0.0.7", db=db).reason == "rate_limited"
    assert auth.check_login("ana", pw, "10.0.0.8", db=db).ok


# ------------------------------------------------------------ the admin command


def run_admin(monkeypatch, capsys, argv, stdin=""):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = admin.main(argv)
    out = capsys.readouterr()
    return code, out.out + out.err


def test_admin_create_list_disable(data_dir, monkeypatch, capsys):
    code, out = run_admin(
        monkeypatch, capsys, ["create", "ana", "--password-stdin"], "correct horse battery\n"
    )
    assert code == 0 and "admin" in out  # the first account is an admin
    code, out = run_admin(
        monkeypatch, capsys, ["create", "bob", "--password-stdin"], "another good passphrase\n"
    )
    assert code == 0 and "staff" in out
    user = store.get_staff_user("ana")
    assert user["password_hash"].startswith("scrypt$")
    assert auth.verify_password("correct horse battery", user["password_hash"])
    code, out = run_admin(monkeypatch, capsys, ["list"])
    assert "ana" in out and "bob" in out and "scrypt" not in out
    code, out = run_admin(monkeypatch, capsys, ["disable", "bob"])
    assert code == 0 and store.get_staff_user("bob")["disabled"] == 1
    code, out = run_admin(monkeypatch, capsys, ["disable", "nobody"])
    assert code == 2


@pytest.mark.parametrize(
    "name,password,why",
    [
        ("ana", "short\n", "at least 12"),
        ("bad name", "correct horse battery\n", "account name"),
        ("ana", "\n", "at least 12"),
    ],
)
def test_admin_refuses(data_dir, monkeypatch, capsys, name, password, why):
    code, out = run_admin(monkeypatch, capsys, ["create", name, "--password-stdin"], password)
    assert code == 2 and why in out
    assert store.count_staff_users() == 0


def test_admin_refuses_a_duplicate(data_dir, monkeypatch, capsys):
    run_admin(monkeypatch, capsys, ["create", "ana", "--password-stdin"], "correct horse battery\n")
    code, out = run_admin(
        monkeypatch, capsys, ["create", "ana", "--password-stdin"], "another good passphrase\n"
    )
    assert code == 2 and "already exists" in out


def test_admin_interactive_asks_twice(data_dir, monkeypatch, capsys):
    answers = iter(["correct horse battery", "correct horse batterx"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    code, out = run_admin(monkeypatch, capsys, ["create", "ana"])
    assert code == 2 and "differ" in out
    answers = iter(["correct horse battery", "correct horse battery"])
    code, out = run_admin(monkeypatch, capsys, ["create", "ana"])
    assert code == 0


def test_admin_passwd_ends_sessions(data_dir, monkeypatch, capsys):
    run_admin(monkeypatch, capsys, ["create", "ana", "--password-stdin"], "correct horse battery\n")
    s = auth.start_session("ana")
    code, _ = run_admin(
        monkeypatch, capsys, ["passwd", "ana", "--password-stdin"], "a brand new passphrase\n"
    )
    assert code == 0 and auth.load_session(s["token"]) is None
    assert auth.check_login("ana", "a brand new passphrase", "10.0.0.1").ok


def test_no_default_account(data_dir):
    assert store.count_staff_users() == 0
