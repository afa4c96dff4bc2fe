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
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

from scripts import stock_bot
from scripts.bench_extra import (
    fresh_training,
    our_training_seconds,
    profile_round,
    scaled_out,
    service_processes,
    wait_for_replicas,
)
from scripts.bench_measure import (
    ROOT,
    Target,
    conversation_script,
    figures,
    memory,
    play,
    ratio,
    say,
)
from scripts.launch import LocalBot

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
            t.by_kind_8.clear()
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
    for kind, ms in r["rest_8"]["ours"].get("p95_ms_by_kind", {}).items():
        stock_ms = r["rest_8"]["stock"].get("p95_ms_by_kind", {}).get(kind)
        print(
            f"  {'8 conversations, p95 ms, ' + kind:<42}{ms:>10}{stock_ms:>10}"
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
