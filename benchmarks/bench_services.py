"""Requests/s and latency percentiles of the services, against a bare FastAPI baseline.

    python benchmarks/bench_services.py [--duration 10] [--users 16] [--strict]

Starts the system (the "load" rate-limit profile, demo data) and a bare FastAPI "hello"
app under the same server (uvicorn, one worker each). For each endpoint, Locust runs
headless twice: as fast as it can (the maximum rate), then at a constant half of that
rate, where the latency objective applies. Targets on a 2-core machine (issue 21):
GET /users/{id} >= 70% of the bare endpoint's requests/s; POST /orders >= 300
requests/s at the maximum rate; p99 <= 50 ms at half rate.

Locust runs on the same machine as the servers and takes a share of the CPU, so the
figures compare endpoints with each other more than they measure the servers alone.
The load average is printed too: on a shared machine, read the figures with it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_fixtures import OrderBacklog, bare_hello_server, prepare_data
from benchmarks.cpu_meter import cpu_by_kind, used_since
from course_app.system import run_system
from workbook.locust_runner import EndpointStats, run_locust

LOCUSTFILE = Path(__file__).with_name("locust_targets.py")
USERS_SHARE_TARGET = 0.70  # GET /users/{id} requests/s over the bare endpoint's
ORDERS_RPS_TARGET = 300.0  # POST /orders at the maximum rate
P99_TARGET_MS = 50.0


@dataclass(frozen=True)
class Target:
    label: str  # the request name in Locust's stats
    user_class: str  # in locust_targets.py
    service: str  # key of the URL to send it to


TARGETS = (
    Target("GET /hello", "BareHello", "bare"),
    Target("GET /users/{id}", "UserById", "users"),
    Target("GET /products/{id}", "ProductById", "inventory"),
    Target("POST /orders", "PlaceOrder", "orders"),
)


@dataclass(frozen=True)
class Measurement:
    target: Target
    max_rate: EndpointStats
    half_rate: EndpointStats
    cpu_ms: dict[str, float]  # CPU per request at the maximum rate, by kind of process


def measure(
    target: Target,
    url: str,
    env: dict[str, str],
    args: argparse.Namespace,
    out: Path,
    after_stage: Callable[[EndpointStats], None],
) -> Measurement:
    def stage(name: str, rate: float | None) -> EndpointStats:
        """``rate``: requests/s for all users together; None: as fast as they can."""
        # At a constant rate the users spread themselves over the period (locust_targets.py):
        # a spawn rate alone would not, as Locust starts its users in batches.
        pace = {"BENCH_RATE_PER_USER": f"{rate / args.users:.4f}"} if rate else {}
        run = run_locust(
            LOCUSTFILE,
            host=url,
            users=args.users,
            run_time_s=args.duration,
            csv_prefix=out / f"{target.user_class}-{name}",
            user_classes=[target.user_class],
            env={**env, **pace, "BENCH_USERS": str(args.users)},
        )
        stats = run.stats().get(target.label)
        if run.returncode != 0 or stats is None or stats.requests == 0:
            raise RuntimeError(
                f"{target.label} ({name}): Locust exited {run.returncode}\n{run.output[-2000:]}"
            )
        after_stage(stats)
        return stats

    print(f"  {target.label}: maximum rate...", flush=True)
    before = cpu_by_kind()
    fastest = stage("max", None)  # after_stage included: an order's settling is its work too
    cpu_ms = {
        kind: 1000 * seconds / fastest.requests for kind, seconds in used_since(before).items()
    }
    print(f"  {target.label}: {fastest.rps / 2:.0f} requests/s, half of the maximum...", flush=True)
    return Measurement(target, fastest, stage("half", fastest.rps / 2), cpu_ms)


def print_cpu_table(results: list[Measurement]) -> None:
    """Where each request's CPU went at the maximum rate, and what that allows on this machine."""
    kinds = sorted({kind for m in results for kind in m.cpu_ms}, key=lambda kind: kind.lower())
    cores = os.cpu_count() or 1
    print(
        f"\nCPU ms per request at the maximum rate, by process; 'at most' = {cores} cores / total."
    )
    header = f"{'endpoint':<20}" + "".join(f"{short(kind):>11}" for kind in kinds)
    header += f"{'total':>8}{'at most':>9}"
    print(header)
    print("-" * len(header))
    for m in results:
        total = sum(m.cpu_ms.values())
        cells = "".join(f"{m.cpu_ms.get(kind, 0.0):>11.2f}" for kind in kinds)
        print(f"{m.target.label:<20}{cells}{total:>8.2f}{1000 * cores / total:>8.0f}/s")


def short(kind: str) -> str:
    """A kind of process as a column heading: "service: orders" -> "orders"."""
    return kind.removeprefix("service: ").split(" (")[0][:10]


def print_table(results: list[Measurement]) -> None:
    header = (
        f"{'endpoint':<20}{'max req/s':>10}{'p50':>7}{'p95':>7}{'p99':>7}{'err%':>7}"
        f" |{'half req/s':>11}{'p50':>7}{'p95':>7}{'p99':>7}{'err%':>7}"
    )
    print("\nTimes in ms; max = as fast as Locust's users can go, half = a constant half of it.")
    print(header)
    print("-" * len(header))
    for m in results:
        cells = []
        for s, width in ((m.max_rate, 10), (m.half_rate, 11)):
            cells.append(
                f"{s.rps:>{width}.0f}{s.p50:>7.0f}{s.p95:>7.0f}{s.p99:>7.0f}"
                f"{100 * s.error_rate:>7.2f}"
            )
        print(f"{m.target.label:<20}{cells[0]} |{cells[1]}")


def print_verdict(results: list[Measurement]) -> bool:
    by_label = {m.target.label: m for m in results}
    share = by_label["GET /users/{id}"].max_rate.rps / by_label["GET /hello"].max_rate.rps
    lines = [
        (
            share >= USERS_SHARE_TARGET,
            f"GET /users/{{id}} / bare hello requests/s = {share:.0%} (target >= "
            f"{USERS_SHARE_TARGET:.0%})",
        ),
        (
            by_label["POST /orders"].max_rate.rps >= ORDERS_RPS_TARGET,
            f"POST /orders at the maximum rate = {by_label['POST /orders'].max_rate.rps:.0f}"
            f" requests/s (target >= {ORDERS_RPS_TARGET:.0f})",
        ),
    ]
    for m in results:
        if m.target.service != "bare":
            lines.append(
                (
                    m.half_rate.p99 <= P99_TARGET_MS,
                    f"{m.target.label} p99 at half rate = {m.half_rate.p99:.0f} ms "
                    f"(target <= {P99_TARGET_MS:.0f} ms)",
                )
            )
    print()
    for met, line in lines:
        print(f"[{'met' if met else 'MISSED'}] {line}")
    return all(met for met, _ in lines)


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per Locust run")
    parser.add_argument("--users", type=int, default=16, help="concurrent Locust users")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    print(f"{os.cpu_count()} CPUs; load average (1, 5, 15 min) before: {load_average()}")
    with tempfile.TemporaryDirectory(prefix="bench-services-") as scratch:
        out = Path(scratch)
        with (
            run_system(
                ports="auto",
                rate_limit="load",
                isolated=True,
                report=lambda line: print(f"  {line}", flush=True),
            ) as system,
            bare_hello_server(out) as bare_url,
        ):
            urls = {**system.urls, "bare": bare_url}
            env = prepare_data(system)
            print(f"Locust: {args.users} users, {args.duration} s per run", flush=True)
            backlog = OrderBacklog(urls["inventory"], env["BENCH_PRODUCT_ID"])
            results = [
                measure(target, urls[target.service], env, args, out, backlog) for target in TARGETS
            ]
    print_table(results)
    print_cpu_table(results)
    all_met = print_verdict(results)
    print(f"\nload average (1, 5, 15 min) after: {load_average()}")
    return 1 if args.strict and not all_met else 0


if __name__ == "__main__":
    sys.exit(main())
