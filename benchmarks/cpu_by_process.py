"""Where a run's CPU goes: samples every process on the machine and sums CPU by kind.

    python benchmarks/cpu_by_process.py -- make test     # run a command and watch it
    python benchmarks/cpu_by_process.py --seconds 600    # watch whatever runs meanwhile

Samples every process once a second (psutil): its CPU time (user + system) and its
command line. A process started while watching counts from its start; what a process uses
in its last second, or a process that lives less than a second, may be missed. At the end
it prints core-seconds per kind of process (kernels, services, PostgreSQL, RabbitMQ,
browsers, pytest, Locust, ...) with the machine's total for comparison: the first thing to
read before making a test run faster (issue 21).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections import defaultdict

import psutil

# First match wins: (kind, words that must all appear in the command line).
KINDS = [
    ("kernel (notebook)", ("ipykernel_launcher",)),
    ("service: users", ("course_app.users",)),
    ("service: orders", ("course_app.orders",)),
    ("service: inventory", ("course_app.inventory",)),
    ("web shop", ("course_app.webshop",)),
    ("PostgreSQL", ("postgres",)),
    ("RabbitMQ (Erlang)", ("beam.smp",)),
    ("browser", ("chrom",)),
    ("Locust", ("locust",)),
    ("bare hello (benchmark)", ("hello_app",)),
    ("JupyterLab", ("jupyter",)),
    ("pytest: notebooks (nbval)", ("pytest", "nbval")),
    ("pytest", ("pytest",)),
    ("coursekit (grading, progress)", ("coursekit",)),
    ("pact", ("pact",)),
    ("python (other)", ("python",)),
]


def kind_of(command: str) -> str:
    for kind, words in KINDS:
        if all(word in command for word in words):
            return kind
    return (command.split() or ["?"])[0].rsplit("/", 1)[-1] or "?"


def machine_busy_seconds() -> float:
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


def sample(seen: dict[tuple[int, float], list], watch_start: float) -> None:
    for process in psutil.process_iter(["cmdline", "cpu_times", "create_time"]):
        info = process.info
        if info["cpu_times"] is None:  # gone meanwhile, or not ours to read
            continue
        key = (process.pid, info["create_time"])  # a reused pid is another process
        cpu = info["cpu_times"].user + info["cpu_times"].system
        if key not in seen:
            # Started while watching: everything it used counts, from its start.
            first = 0.0 if info["create_time"] >= watch_start else cpu
            seen[key] = [" ".join(info["cmdline"] or []), first, cpu]
        else:
            seen[key][2] = cpu


def report(seen: dict, busy: float, wall: float) -> None:
    by_kind: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
    for command, first, last in seen.values():
        entry = by_kind[kind_of(command)]
        entry[0] += last - first
        entry[1] += 1
    counted = sum(seconds for seconds, _ in by_kind.values())
    print(f"\nwall {wall:.0f} s; machine busy {busy:.0f} core-s; counted here {counted:.0f} core-s")
    print(f"{'kind of process':<32}{'core-s':>9}{'share':>8}{'processes':>11}")
    for kind, (seconds, count) in sorted(by_kind.items(), key=lambda item: -item[1][0]):
        if seconds >= 1:
            print(f"{kind:<32}{seconds:>9.0f}{seconds / max(counted, 1):>8.0%}{count:>11}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, help="watch this long (without a command)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- then the command to run")
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command and not args.seconds:
        parser.error("give a command after --, or --seconds")
    seen: dict[tuple[int, float], list] = {}
    started, busy_before, watch_start = time.monotonic(), machine_busy_seconds(), time.time()
    process = subprocess.Popen(command) if command else None
    try:
        while (process.poll() is None) if process else (time.monotonic() - started < args.seconds):
            sample(seen, watch_start)
            time.sleep(1)
    except KeyboardInterrupt:
        if process:
            process.wait()
    report(seen, machine_busy_seconds() - busy_before, time.monotonic() - started)
    return process.returncode if process else 0


if __name__ == "__main__":
    sys.exit(main())
