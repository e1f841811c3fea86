"""Seconds from the call to the first successful query/connection, per backend.

    python benchmarks/bench_provisioning.py [--runs N]

Times every backend usable on this machine: each local PostgreSQL found (distro or
conda-forge package, pgserver wheel), local RabbitMQ, Docker when an engine answers, and
servers named by COURSE_POSTGRES_URL / COURSE_RABBITMQ_URL. Targets (2-core machine):
PostgreSQL <= 3 s, RabbitMQ <= 12 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from course_app.provision import binaries, docker
from course_app.provision.handle import ServiceHandle
from course_app.provision.postgres import SPEC as POSTGRES
from course_app.provision.rabbitmq import SPEC as RABBITMQ
from course_app.provision.resolve import BackingService, provision, provision_local

TARGET_S = {"PostgreSQL": 3.0, "RabbitMQ": 12.0}


def backends() -> list[tuple[BackingService, str, Callable[[], ServiceHandle]]]:
    """(service, label, start function) for every backend usable here."""
    found = []
    for spec, candidates in (
        (POSTGRES, binaries.postgres_candidates()),
        (RABBITMQ, binaries.rabbitmq_candidates()),
    ):
        for found_binaries in candidates:
            label = f"{found_binaries.backend} ({found_binaries.source})"
            found.append((spec, label, lambda s=spec, b=found_binaries: provision_local(s, b, 60)))
        if os.environ.get(spec.env_var):
            found.append((spec, f"env ({spec.env_var})", lambda s=spec: provision(s, 60)))
        elif docker.docker_available():
            found.append((spec, "docker", lambda s=spec: provision(s, 120)))
    return found


def measure(start: Callable[[], ServiceHandle], runs: int) -> tuple[list[float], list[float]]:
    ready, closed = [], []
    for _ in range(runs):
        handle = start()
        ready.append(handle.ready_s)
        began = time.monotonic()
        handle.close()
        closed.append(time.monotonic() - began)
    return ready, closed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    print(
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, {args.runs} runs each, "
        f"running as uid {os.geteuid()}\n"
    )
    header = (
        f"{'service':<11} {'backend':<34} {'min s':>6} {'median s':>9} {'max s':>6} "
        f"{'close s':>8} {'target':>7}"
    )
    print(header + "\n" + "-" * len(header))
    all_met = True
    for spec, label, start in backends():
        ready, closed = measure(start, args.runs)
        target = TARGET_S[spec.service]
        met = statistics.median(ready) <= target
        all_met &= met
        print(
            f"{spec.service:<11} {label:<34} {min(ready):>6.2f} {statistics.median(ready):>9.2f} "
            f"{max(ready):>6.2f} {statistics.median(closed):>8.2f} "
            f"{'<=' if met else '> '}{target:>4.0f} s",
            flush=True,
        )
    return 0 if all_met else 1


if __name__ == "__main__":
    raise SystemExit(main())
