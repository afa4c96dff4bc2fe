"""bot.scaling: the contract's "Scaling out" settings and the endpoints Rasa runs with.

With none of TRACKER_STORE_URL, REDIS_URL, RASA_REPLICAS set, nothing changes:
Rasa runs with endpoints.yml itself, one server. With them, the endpoints file
written to BOT_DATA_DIR is read by Rasa's own reader into the stores Rasa
builds from it; its secrets stay in the environment.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot import config, rasa_gateway, scaling

VARIABLES = (
    "TRACKER_STORE_URL",
    "REDIS_URL",
    "RASA_REPLICAS",
    "RASA_REPLICA_PORTS",
    "BOT_REDIS_PASSWORD",
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, data_dir):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("RASA_PORT", "5005")


def plan_lines(env=None) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "bot.scaling", "plan"],
        capture_output=True,
        text=True,
        cwd=str(config.ROOT),
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return dict(line.split("=", 1) for line in done.stdout.splitlines())


def test_nothing_set_is_today(data_dir):
    assert not scaling.scaled() and scaling.replicas() == 1
    assert scaling.endpoints_file() == config.ROOT / "endpoints.yml"
    assert scaling.environment() == {}
    assert scaling.plan() == {"REPLICAS": "1", "REPLICA_PORTS": "", "ENDPOINTS": "endpoints.yml"}
    assert not (data_dir / "endpoints.yml").exists()


def test_the_plan_for_run_sh(data_dir, monkeypatch):
    import os

    assert plan_lines(dict(os.environ)) == {
        "REPLICAS": "1",
        "REPLICA_PORTS": "''",
        "ENDPOINTS": "endpoints.yml",
    }
    monkeypatch.setenv("TRACKER_STORE_URL", "postgresql://bot:pw@db.local:5432/bot")
    monkeypatch.setenv("REDIS_URL", "redis://:s3cret@cache.local:6380/2")
    monkeypatch.setenv("RASA_REPLICAS", "3")
    assert plan_lines(dict(os.environ)) == {
        "REPLICAS": "3",
        "REPLICA_PORTS": "'5106 5107 5108'",
        "ENDPOINTS": str(data_dir / "endpoints.yml"),
    }


@pytest.mark.parametrize(
    "url,expected",
    [
        ("redis://127.0.0.1:6379/0", ("127.0.0.1", 6379, 0, None, None, False)),
        ("redis://cache", ("cache", 6379, 0, None, None, False)),
        ("redis://:p%40ss%2Fw@cache:6380/3", ("cache", 6380, 3, None, "p@ss/w", False)),
        ("rediss://user:pw@cache.example:6390/", ("cache.example", 6390, 0, "user", "pw", True)),
    ],
)
def test_redis_urls_taken_apart(url, expected):
    s = scaling.redis_settings(url)
    assert (s.host, s.port, s.db, s.username, s.password, s.ssl) == expected


@pytest.mark.parametrize(
    "url",
    [
        "http://cache:6379",
        "redis://",
        "redis://cache:port/0",
        "redis://cache:6379/zero",
        "cache:6379",
        "redis://cache:99999",
    ],
)
def test_bad_redis_urls_say_why(url):
    with pytest.raises(scaling.ScalingError, match="REDIS_URL"):
        scaling.redis_settings(url)


@pytest.mark.parametrize(
    "url,words", [("db.local:5432/bot", "database URL"), ("postgres://u:p@db/bot", "postgresql://")]
)
def test_bad_tracker_store_urls_say_why(monkeypatch, url, words):
    monkeypatch.setenv("TRACKER_STORE_URL", url)
    with pytest.raises(scaling.ScalingError, match=words):
        scaling.tracker_store_url()


@pytest.mark.parametrize(
    "replicas,env,words",
    [
        ("2", {}, "needs TRACKER_STORE_URL and REDIS_URL"),
        ("2", {"REDIS_URL": "redis://r/0"}, "needs TRACKER_STORE_URL"),
        ("0", {}, "whole number"),
        ("two", {}, "whole number"),
        ("99", {}, "whole number"),
    ],
)
def test_replicas_need_both_stores(monkeypatch, replicas, env, words):
    monkeypatch.setenv("RASA_REPLICAS", replicas)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    with pytest.raises(scaling.ScalingError, match=words):
        scaling.replicas()


def test_replica_ports(monkeypatch):
    assert scaling.replica_ports(2) == [5106, 5107]
    monkeypatch.setenv("RASA_REPLICA_PORTS", "7001, 7002")
    assert scaling.replica_ports(2) == [7001, 7002]
    for bad in ("7001", "7001 7001", "7001 x", "7001 70000"):
        monkeypatch.setenv("RASA_REPLICA_PORTS", bad)
        with pytest.raises(scaling.ScalingError, match="RASA_REPLICA_PORTS"):
            scaling.replica_ports(2)


def test_the_command_line_says_what_is_wrong(data_dir):
    import os

    env = dict(os.environ, RASA_REPLICAS="2")
    done = subprocess.run(
        [sys.executable, "-m", "bot.scaling", "plan"],
        capture_output=True,
        text=True,
        cwd=str(config.ROOT),
        env=env,
        timeout=60,
    )
    assert done.returncode == 2 and "needs TRACKER_STORE_URL and REDIS_URL" in done.stderr
    assert done.stdout == ""


def test_the_written_endpoints_keep_the_rest_and_name_secrets_by_variable(data_dir, monkeypatch):
    monkeypatch.setenv("TRACKER_STORE_URL", "postgresql://bot:db-secret@db.local:5432/bot")
    monkeypatch.setenv("REDIS_URL", "redis://:redis-secret@cache.local:6380/2")
    path = scaling.endpoints_file()
    assert path == data_dir / "endpoints.yml"
    text = path.read_text()
    assert "db-secret" not in text and "redis-secret" not in text
    data = config.load_yaml(path)
    base = config.load_yaml(config.ROOT / "endpoints.yml")
    assert data["action_endpoint"] == base["action_endpoint"] and data["nlg"] == base["nlg"]
    assert data["tracker_store"] == {
        "type": base["tracker_store"]["type"],
        "url": "${TRACKER_STORE_URL}",
    }
    assert data["lock_store"] == {
        "type": "redis",
        "url": "cache.local",
        "port": 6380,
        "db": 2,
        "password": "${BOT_REDIS_PASSWORD}",
    }
    assert scaling.environment() == {
        "TRACKER_STORE_URL": "postgresql://bot:db-secret@db.local:5432/bot",
        "BOT_REDIS_PASSWORD": "redis-secret",
    }
    mtime = path.stat().st_mtime_ns
    assert scaling.endpoints_file() == path and path.stat().st_mtime_ns == mtime  # unchanged
    assert path.stat().st_mode & 0o777 == 0o600  # private, like everything in BOT_DATA_DIR


def test_scaled_out_the_store_keeps_the_sql_type_endpoints_yml_names(
    data_dir, monkeypatch, tmp_path
):
    monkeypatch.setenv("TRACKER_STORE_URL", "postgresql://bot:db-secret@db.local:5432/bot")
    for given, written in (
        ("bot.tracker_store.LeanSQLTrackerStore", "bot.tracker_store.LeanSQLTrackerStore"),
        ("SQL", "SQL"),
        ("sql", "sql"),
        ("redis", "SQL"),
        (None, "SQL"),
    ):
        base = tmp_path / f"endpoints-{given}.yml"
        base.write_text(f"tracker_store:\n  type: {given}\n  db: x.db\n" if given else "{}\n")
        assert scaling.endpoints(base)["tracker_store"] == {
            "type": written,
            "url": "${TRACKER_STORE_URL}",
        }
    assert scaling.is_sql_store("bot.tracker_store.LeanSQLTrackerStore")
    assert not scaling.is_sql_store("redis") and not scaling.is_sql_store(None)


def test_the_gateway_names_our_sql_store_as_rasas(tmp_path):
    """The reconciler's cursor is kept per place: the same for our store and Rasa's."""
    from rasa.utils.endpoints import EndpointConfig

    for kind in ("SQL", "bot.tracker_store.LeanSQLTrackerStore"):
        lite = EndpointConfig(type=kind, dialect="sqlite", db=str(tmp_path / "t.db"))
        gw = rasa_gateway.TrackerStoreGateway(lite, tmp_path / "endpoints.yml")
        assert gw.sqlite_file == tmp_path / "t.db" and gw.place == "sqlite"
        pg = EndpointConfig(url="postgresql://bot:pw@db.local:5432/bot", type=kind)
        gw = rasa_gateway.TrackerStoreGateway(pg, tmp_path / "endpoints.yml")
        assert gw.sqlite_file is None and gw.place == "sql:postgresql://db.local:5432/bot"


def test_rasa_reads_the_written_file_into_its_stores(data_dir, monkeypatch):
    """Rasa's own reader: the URL and the password come from the environment."""
    monkeypatch.setenv("TRACKER_STORE_URL", "postgresql://bot:db-secret@db.local:5432/bot")
    monkeypatch.setenv("REDIS_URL", "redis://:redis-secret@cache.local:6380/2")
    assert rasa_gateway.endpoints_path() == data_dir / "endpoints.yml"
    store = rasa_gateway.read_tracker_store_config()
    assert scaling.is_sql_store(store.type)
    assert store.url == "postgresql://bot:db-secret@db.local:5432/bot"
    monkeypatch.delenv("BOT_REDIS_PASSWORD", raising=False)
    lock = rasa_gateway.read_endpoint(None, "lock_store")
    assert (
        lock.type,
        lock.url,
        lock.kwargs["port"],
        lock.kwargs["db"],
        lock.kwargs["password"],
    ) == ("redis", "cache.local", 6380, 2, "redis-secret")
    import os

    assert "BOT_REDIS_PASSWORD" not in os.environ  # only while the file is read


def test_secrets_env_works_like_the_environment(data_dir):
    (data_dir / "secrets.env").write_text("REDIS_URL=redis://:from-file@cache:6379/0\n")
    assert scaling.scaled() and scaling.redis().password == "from-file"
    assert scaling.environment() == {"BOT_REDIS_PASSWORD": "from-file"}


def test_the_widget_rooms_go_through_redis_only_when_asked(monkeypatch):
    from bot.channels import socketio as channel

    assert channel.client_manager() is None
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/4")
    manager = channel.client_manager()
    assert type(manager).__name__ == "AsyncRedisManager"
    assert manager.channel == "clinic-bot-socketio-4"
