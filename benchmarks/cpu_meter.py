"""CPU time per kind of process among this process's descendants, between two moments.

bench_services.py reads it around each run at the maximum rate: requests/s on a shared
machine say how fast, CPU milliseconds per request say where the work goes (each service,
PostgreSQL, RabbitMQ, the load generator) and what the 2 cores allow at best.
"""

from __future__ import annotations

import resource
from collections import defaultdict

import psutil

from benchmarks.cpu_by_process import kind_of

FINISHED = "Locust"  # children that ended meanwhile: in a bench run, the Locust run


def cpu_by_kind() -> dict[str, float]:
    """CPU seconds (user + system) used so far by the descendants, summed by kind."""
    totals: dict[str, float] = defaultdict(float)
    for process in psutil.Process().children(recursive=True):
        try:
            times = process.cpu_times()
            kind = kind_of(" ".join(process.cmdline()))
        except psutil.Error:  # ended meanwhile: counted below once it is waited for
            continue
        totals[kind] += times.user + times.system
    # Children that ended and were waited for (Locust) are gone from the tree; the kernel
    # adds their CPU to this process's children's usage.
    ended = resource.getrusage(resource.RUSAGE_CHILDREN)
    totals[FINISHED] += ended.ru_utime + ended.ru_stime
    return dict(totals)


def used_since(before: dict[str, float]) -> dict[str, float]:
    """CPU seconds by kind since ``before`` (a ``cpu_by_kind()``); kinds that used none left out."""
    now = cpu_by_kind()
    used = {kind: seconds - before.get(kind, 0.0) for kind, seconds in now.items()}
    return {kind: seconds for kind, seconds in used.items() if seconds > 0.0005}
