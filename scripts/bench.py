"""`make bench`: our bot against a stock `rasa init` bot, side by side, in one run.

Absolute times on a shared machine drift from run to run; ratios measured in
the same minutes do not. So this starts both bots (ours with scripts/run.sh,
the stock one built once by scripts/stock_bot.py with our own Rasa), sends
both the same texts through the REST channel, and interleaves them: each round
plays 1 conversation, then 8 at once, against each bot in turn, alternating
which goes first. It prints p50, p95 and messages per second with the ratio to
the stock bot, the memory (RSS) and CPU per message of every process, the
start-up time and the training time. Results go to results/bench.json.

    python -m scripts.bench [--rounds N] [--train] [--profile DIR] [--replicas N]

--train     also trains both bots from scratch, back to back, with an empty
            training cache (a few minutes), for the training-time ratio.
--profile   after the measured rounds, one more 8-conversation round per bot
            with `py-spy record` on each Rasa server and on our action server;
            raw stacks and a summary go to DIR (not counted in the figures).
--replicas  runs ours scaled out (../shared/CONTRACT.md, "Scaling out"): N Rasa
            servers behind HAProxy, on a PostgreSQL tracker store and a Redis
            lock store started here on loopback (Debian's packages: `make
            services`). Their processes count in ours' CPU and memory.
            Results go to results/bench-replicas-N.json.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from scripts import stock_bot
from scripts.launch import LocalBot

ROOT = Path(__file__).resolve().parent.parent
PY_SPY = ROOT / ".venv" / "bin" / "py-spy"

# One patient conversation: FAQ questions, a symptom report (routine: a ticket
# and a staff alert), then the pre-screen started and two answers. The stock
# bot gets the same texts, although it understands none of them.
FAQS = [
    "does meso hurt",
    "how many sessions will I need",
    "how much does it cost",
    "what is in the cocktail",
    "is there any downtime afterwards",
    "can I wear makeup after the treatment",
    "how long before I see a difference",
    "who does the injections",
    "how long does an appointment take",
]
SYMPTOM = "my cheeks are still red two weeks after the session"
PRESCREEN = ["I'd like to check whether the treatment suits me", "yes", "I'm 42"]


def conversation_script(n: int) -> list[tuple[str, str]]:
    """The n-th conversation: 8 (kind, text) messages, three FAQs that vary with n."""
    faqs = [("faq", FAQS[(3 * n + k) % len(FAQS)]) for k in range(3)]
    return [
        ("greeting", "hi"),
        *faqs,
        ("symptom report", SYMPTOM),
        ("pre-screen start", PRESCREEN[0]),
        *[("pre-screen answer", text) for text in PRESCREEN[1:]],
    ]


# ------------------------------------------------------------------ targets


@dataclass
class Target:
    """One bot under load: where its REST channel is, and how to find its processes."""

    name: str
    url: str
    token: str
    processes: Callable[[], dict[int, str]]
    startup_s: float
    samples: dict[int, list[float]] = field(default_factory=dict)  # conversations -> s
    by_kind: dict[str, list[float]] = field(default_factory=dict)  # kind -> s, 1 conversation
    walls: dict[int, float] = field(default_factory=dict)  # conversations -> s
    per_round: dict[int, list[float]] = field(default_factory=dict)  # conv -> msg/s
    empty: dict[int, int] = field(default_factory=dict)  # messages without reply
    cpu: dict[int, dict[str, float]] = field(default_factory=dict)  # conv -> name -> s


def say(target: Target, sender: str, text: str) -> tuple[float, int]:
    """(seconds, number of replies) for one message through the REST channel.

    The token rides along on every call: the REST channel may require it.
    """
    body = json.dumps({"sender": sender, "message": text}).encode()
    req = urllib.request.Request(
        f"{target.url}/webhooks/rest/webhook?token={target.token}",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    t = time.perf_counter()
    with urllib.request.urlopen(req, timeout=120) as r:
        replies = json.loads(r.read() or b"[]")
    return time.perf_counter() - t, len(replies)


def play(target: Target, conversations: int, scripts_each: int, round_no: int) -> None:
    """``conversations`` patients at once, each playing ``scripts_each`` scripts."""

    def patient(i: int) -> list[tuple[str, float, int]]:
        out = []
        for k in range(scripts_each):
            sender = f"bench-{round_no}-{i}-{k}-{uuid.uuid4().hex[:6]}"
            out += [
                (kind, *say(target, sender, text))
                for kind, text in conversation_script(round_no * 97 + i * 7 + k)
            ]
        return out

    before = cpu_seconds(target)
    t0 = time.perf_counter()
    with ThreadPoolExecutor(conversations) as ex:
        results = [r for rs in ex.map(patient, range(conversations)) for r in rs]
    wall = time.perf_counter() - t0
    target.walls[conversations] = target.walls.get(conversations, 0) + wall
    target.per_round.setdefault(conversations, []).append(len(results) / wall)
    after = cpu_seconds(target)
    cpu = target.cpu.setdefault(conversations, {})
    for name, s in after.items():
        cpu[name] = cpu.get(name, 0) + s - before.get(name, 0)
    target.samples.setdefault(conversations, []).extend(s for _, s, _ in results)
    target.empty[conversations] = target.empty.get(conversations, 0) + sum(
        1 for _, _, n in results if n == 0
    )
    if conversations == 1:
        for kind, s, _ in results:
            target.by_kind.setdefault(kind, []).append(s)


# ----------------------------------------------------------------- processes

# A piece of each process's command line -> its role (both `rasa run ...` and
# wrappers started as `python -m bot.<name>` are recognised).
OUR_NAMES = {
    " run actions ": "action server",
    "-m bot.action_server": "action server",
    " run --enable-api ": "rasa server",
    "-m bot.rasa_server": "rasa server",
    "-m bot.inbox": "inbox",
    "-m bot.widget": "widget",
    "-m bot.worker": "worker",
    "haproxy": "balancer",
    "redis-server": "redis",
    "postgres": "postgresql",
}


def role(cmd: str) -> str:
    return next(
        (n for key, n in OUR_NAMES.items() if key in f"{cmd} "),
        "other (run.sh, supervisors, log pipes)",
    )


def proc_status(pid: int, field_name: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def memory(target: Target) -> dict[str, float]:
    """Resident memory (MB) per role, summed over the target's processes, and the total."""
    out: dict[str, float] = {}
    for pid, cmd in target.processes().items():
        kb = proc_status(pid, "VmRSS")
        if kb is not None:
            out[role(cmd)] = round(out.get(role(cmd), 0) + kb / 1024, 1)
    out["total"] = round(sum(out.values()), 1)
    return out


def cpu_seconds(target: Target) -> dict[str, float]:
    """user+system CPU seconds per role so far."""
    tick = os.sysconf("SC_CLK_TCK")
    out: dict[str, float] = {}
    for pid, cmd in target.processes().items():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[role(cmd)] = out.get(role(cmd), 0) + (int(fields[11]) + int(fields[12])) / tick
    return out


def pid_of(target: Target, name: str) -> int | None:
    return next((pid for pid, cmd in target.processes().items() if role(cmd) == name), None)


# ------------------------------------------------------------------ figures


def percentile(xs: list[float], p: float) -> float:
    """Nearest-rank percentile: the smallest value with at least p of the values at or below it."""
    return sorted(xs)[max(0, math.ceil(p * len(xs)) - 1)]


def figures(target: Target, conversations: int) -> dict:
    xs = target.samples[conversations]
    n = len(xs)
    kinds = (
        {k: round(percentile(v, 0.50) * 1000, 1) for k, v in target.by_kind.items()}
        if conversations == 1
        else {}
    )
    return {
        "conversations": conversations,
        "messages": n,
        "p50_ms": round(percentile(xs, 0.50) * 1000, 1),
        "p95_ms": round(percentile(xs, 0.95) * 1000, 1),
        "mean_ms": round(statistics.mean(xs) * 1000, 1),
        "messages_per_s": round(n / target.walls[conversations], 2),
        "messages_without_reply": target.empty[conversations],
        "cpu_ms_per_message": {
            k: round(v * 1000 / n, 1) for k, v in sorted(target.cpu[conversations].items())
        },
        **({"p50_ms_by_kind": kinds} if kinds else {}),
    }


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None


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


# --------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--train", action="store_true")
    ap.add_argument("--profile", type=Path)
    ap.add_argument("--replicas", type=int, default=1)
    args = ap.parse_args(argv)
    if not 1 <= args.replicas <= 8:
        ap.error("--replicas: 1 to 8")

    from scripts.train import model_path

    model = Path(os.environ.get("BOT_MODEL") or model_path())
    project = stock_bot.build()

    started, scale_env, replica_ports = (
        scaled_out(args.replicas) if args.replicas > 1 else ([], {}, [])
    )
    ours_bot = LocalBot(Path(tempfile.mkdtemp(prefix="bot-bench-")), model=model, **scale_env)
    stock = stock_bot.StockBot(project)
    targets: list[Target] = []
    try:
        t0 = time.perf_counter()
        ours_bot.start(timeout=600)
        wait_for_replicas(replica_ports)
        targets.append(
            Target(
                "ours",
                ours_bot.url,
                ours_bot.token,
                lambda: {**ours_bot.processes(), **service_processes(started)},
                time.perf_counter() - t0,
            )
        )
        stock.start(timeout=600)
        targets.append(
            Target("stock", stock.url, stock.token, stock.processes, stock.startup_seconds or 0)
        )
        for t in targets:  # warm-up: every code path once, not measured
            for k in range(2):
                for _, text in conversation_script(k):
                    say(t, f"bench-warmup-{k}-{uuid.uuid4().hex[:6]}", text)
            t.samples.clear()
            t.walls.clear()
            t.empty.clear()
            t.cpu.clear()
            t.by_kind.clear()
            t.per_round.clear()
        # Short alternating phases, so a burst of load from elsewhere on the
        # machine hits both bots about equally.
        for r in range(args.rounds):
            order = targets if r % 2 == 0 else targets[::-1]
            for conversations in (1, 8):
                for t in order:
                    play(t, conversations, 1, r)
        mem = {t.name: memory(t) for t in targets}
        measured = {
            c: (
                figures(targets[0], c),
                figures(targets[1], c),
                [
                    round(x / y, 2)
                    for x, y in zip(targets[0].per_round[c], targets[1].per_round[c], strict=False)
                ],
            )
            for c in (1, 8)
        }
        profiles = profile_round(targets, args.profile, args.rounds) if args.profile else None
    finally:
        stock.stop()
        ours_bot.stop()
        for service in started:
            service.stop()

    ours, base = targets
    results: dict = {
        "at": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{os.cpu_count()} cores",
        "model": model.name,
        "stock_bot": project.name,
        "rounds": args.rounds,
        "replicas": args.replicas,
        "stores": "PostgreSQL tracker store, Redis lock store, HAProxy"
        if args.replicas > 1
        else "SQLite tracker store, in-memory lock store",
    }
    for c, (a, b, rounds) in measured.items():
        results[f"rest_{c}"] = {
            "ours": a,
            "stock": b,
            "ratio": {
                **{k: ratio(a[k], b[k]) for k in ("p50_ms", "p95_ms", "mean_ms", "messages_per_s")},
                "cpu_ms_per_message": ratio(
                    sum(a["cpu_ms_per_message"].values()), sum(b["cpu_ms_per_message"].values())
                ),
                "messages_per_s_by_round": rounds,
            },
        }
    results["memory_mb"] = {
        **mem,
        "ratio_total": ratio(mem["ours"]["total"], mem["stock"]["total"]),
    }
    results["startup_s"] = {
        "ours": round(ours.startup_s, 1),
        "stock": round(base.startup_s, 1),
        "ratio": ratio(ours.startup_s, base.startup_s),
    }
    training = (
        fresh_training(project)
        if args.train
        else {
            "ours": our_training_seconds(model),
            "stock": stock_bot.build_info(project)["training_s"],
        }
    )
    results["training_s"] = {
        **training,
        "fresh_back_to_back": args.train,
        "ratio": ratio(training["ours"], training["stock"]),
    }
    if profiles:
        from scripts.profile_summary import per_message

        for key, summary in profiles.items():
            who, name = key.split(" / ")
            cpu = results["rest_8"][who]["cpu_ms_per_message"].get(name)
            summary["cpu_ms_per_message_by_stage"] = per_message(summary, cpu)
        results["profile"] = profiles

    (ROOT / "results").mkdir(exist_ok=True)
    name = "bench.json" if args.replicas == 1 else f"bench-replicas-{args.replicas}.json"
    (ROOT / "results" / name).write_text(json.dumps(results, indent=2))
    report(results, name)
    problems = sum(results[f"rest_{c}"]["ours"]["messages_without_reply"] for c in (1, 8))
    if problems:
        print(f"WARNING: {problems} of our messages got no reply: the figures are not valid")
    return 1 if problems else 0


def report(r: dict, written: str = "bench.json") -> None:
    print(
        f"\n{r['at']}, {r['machine']}, model {r['model']}, {r['rounds']} interleaved rounds; "
        f"ratio = ours / stock `rasa init` bot ({r['stock_bot']})"
    )
    print(f"ours: {r.get('replicas', 1)} Rasa server(s); {r.get('stores', '')}")
    print(f"{'REST round trip':<44}{'ours':>10}{'stock':>10}{'ratio':>8}")
    for c in (1, 8):
        x = r[f"rest_{c}"]
        label = f"{c} conversation{'s' if c > 1 else ''} at once"
        for k, name in (
            ("p50_ms", "p50 ms"),
            ("p95_ms", "p95 ms"),
            ("messages_per_s", "messages/s"),
        ):
            print(
                f"  {label + ', ' + name:<42}{x['ours'][k]:>10}{x['stock'][k]:>10}"
                f"{x['ratio'][k]:>8}"
            )
        print(
            f"  {'':<42}({x['ours']['messages']} messages each; messages/s ratio by round: "
            f"{', '.join(map(str, x['ratio']['messages_per_s_by_round']))})"
        )
    kinds = r["rest_1"]["ours"].get("p50_ms_by_kind", {})
    for kind, ms in kinds.items():
        stock_ms = r["rest_1"]["stock"]["p50_ms_by_kind"].get(kind)
        print(
            f"  {'1 conversation, p50 ms, ' + kind:<42}{ms:>10}{stock_ms:>10}"
            f"{ratio(ms, stock_ms):>8}"
        )
    for c in (1, 8):
        for who in ("ours", "stock"):
            cpu = r[f"rest_{c}"][who]["cpu_ms_per_message"]
            print(
                f"CPU ms per message, {c} conv., {who}: "
                + ", ".join(f"{k} {v}" for k, v in cpu.items() if v)
            )
        print(
            f"CPU per message ratio, {c} conv. (all processes): "
            f"{r[f'rest_{c}']['ratio']['cpu_ms_per_message']}"
        )
    for who in ("ours", "stock"):
        print(
            f"memory (RSS, MB), {who}: "
            + ", ".join(f"{k} {v}" for k, v in r["memory_mb"][who].items())
        )
    print(f"memory ratio (all processes): {r['memory_mb']['ratio_total']}")
    s, t = r["startup_s"], r["training_s"]
    print(f"start-up (model trained): ours {s['ours']} s, stock {s['stock']} s, ratio {s['ratio']}")
    how = (
        "fresh, back to back, empty cache"
        if t["fresh_back_to_back"]
        else "as last trained (ours: scripts/train.py; stock: rasa init); --train measures both now"
    )
    print(f"training ({how}): ours {t['ours']} s, stock {t['stock']} s, ratio {t['ratio']}")
    for key, summary in (r.get("profile") or {}).items():
        print(
            f"profile, {key} (8 conv., CPU ms per message by stage): "
            + ", ".join(f"{k} {v}" for k, v in summary["cpu_ms_per_message_by_stage"].items())
        )
    print(f"written to results/{written}")


if __name__ == "__main__":
    sys.exit(main())
