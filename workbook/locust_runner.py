"""Running Locust headless in its own process, and reading the CSV files it writes.

Locust is never imported here: importing it monkey-patches the standard library with
gevent, which breaks pytest, notebook kernels and the services' clients. It runs as
``python -m locust`` in a new process group, which is always stopped: the run has a
deadline, and on timeout (or any error) the whole group is terminated, then killed.
"""

import csv
import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from course_app.provision.process_control import stop_group

STARTUP_ALLOWANCE_S = 30.0  # importing Locust and gevent, spawning users, writing CSVs


@dataclass(frozen=True)
class EndpointStats:
    """One row of Locust's ``<prefix>_stats.csv``; times in milliseconds."""

    method: str
    name: str
    requests: int
    failures: int
    rps: float
    p50: float
    p95: float
    p99: float

    @property
    def error_rate(self) -> float:
        return self.failures / self.requests if self.requests else 0.0


@dataclass(frozen=True)
class LocustRun:
    returncode: int
    output: str  # Locust's stdout and stderr, for the failure message
    csv_prefix: Path

    def stats(self) -> dict[str, EndpointStats]:
        """Endpoint name ("GET /users/{id}", or "Aggregated") -> its figures, for the whole run.

        Read from ``--json-file``, which Locust writes once it has stopped. Its
        ``_stats.csv`` is rewritten only once a second while the run goes on, so the last
        second's requests (or, in a short run on a busy machine, all of them) can be missing.
        """
        with open(f"{self.csv_prefix}.json") as file:
            entries = json.load(file)
        stats = {entry["name"]: _endpoint(entry) for entry in entries}
        stats["Aggregated"] = _endpoint(_aggregate(entries))
        return stats

    def history_rows(self) -> list[dict[str, str]]:
        """``--csv-full-history``: one row per endpoint per second of the run."""
        with open(f"{self.csv_prefix}_stats_history.csv", newline="") as file:
            return list(csv.DictReader(file))

    def exceptions(self) -> list[dict[str, str]]:
        """Errors raised inside the locustfile itself (a crashing task, a bad on_start)."""
        with open(f"{self.csv_prefix}_exceptions.csv", newline="") as file:
            return list(csv.DictReader(file))


def _percentile(response_times: dict[str, int], requests: int, share: float) -> float:
    """The response time (ms) that ``share`` of the requests did not exceed, as Locust computes
    it from its histogram of rounded times; NaN without requests."""
    if not requests:
        return float("nan")
    allowed_above, seen = requests - int(requests * share), 0
    for response_time in sorted(response_times, key=float, reverse=True):
        seen += response_times[response_time]
        if seen >= allowed_above:
            return float(response_time)
    return 0.0


def _endpoint(entry: dict) -> EndpointStats:
    """One endpoint from Locust's JSON stats: counts, the whole run's rate and percentiles."""
    requests, times = entry["num_requests"], entry["response_times"]
    seconds = (entry["last_request_timestamp"] or entry["start_time"]) - entry["start_time"]
    return EndpointStats(
        method=entry["method"] or "",
        name=entry["name"],
        requests=requests,
        failures=entry["num_failures"],
        rps=requests / seconds if seconds > 0 else float("nan"),
        p50=_percentile(times, requests, 0.50),
        p95=_percentile(times, requests, 0.95),
        p99=_percentile(times, requests, 0.99),
    )


def _aggregate(entries: list[dict]) -> dict:
    """Every endpoint's figures added up, as Locust's "Aggregated" row."""
    times: dict[str, int] = {}
    for entry in entries:
        for response_time, count in entry["response_times"].items():
            times[response_time] = times.get(response_time, 0) + count
    starts = [entry["start_time"] for entry in entries]
    lasts = [
        entry["last_request_timestamp"] for entry in entries if entry["last_request_timestamp"]
    ]
    return {
        "method": "",
        "name": "Aggregated",
        "response_times": times,
        "num_requests": sum(entry["num_requests"] for entry in entries),
        "num_failures": sum(entry["num_failures"] for entry in entries),
        "start_time": min(starts, default=0.0),
        "last_request_timestamp": max(lasts, default=None),
    }


def run_locust(
    locustfile: Path,
    *,
    host: str,
    users: int,
    run_time_s: int,
    csv_prefix: Path,
    user_classes: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    spawn_rate: float | None = None,
    processes: int | None = None,
) -> LocustRun:
    """Run Locust headless for ``run_time_s`` seconds; return when it has exited.

    ``spawn_rate`` (users started per second) defaults to all users in the first second.
    ``processes``: run a master and that many worker processes (Locust's ``--processes``);
    the master shares out the users and writes the combined statistics.
    """
    args = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(locustfile),
        *user_classes,
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(spawn_rate or users),
        "--run-time",
        f"{run_time_s}s",
        "--stop-timeout",
        "2",
        "--host",
        host,
        "--csv",
        str(csv_prefix),
        "--json-file",  # the whole run's statistics, written once Locust has stopped
        str(csv_prefix),
        "--csv-full-history",
        "--only-summary",
        "--exit-code-on-error",
        "0",
        "--loglevel",
        "WARNING",
    ]
    if processes:
        args += ["--processes", str(processes)]
    process = subprocess.Popen(
        args,
        env={**os.environ, **(env or {})},
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # its own group: we can stop it all
    try:
        output, _ = process.communicate(timeout=run_time_s + STARTUP_ALLOWANCE_S)
    except subprocess.TimeoutExpired:
        stop_group(process)
        output, _ = process.communicate()
        raise TimeoutError(
            f"Locust did not finish within {run_time_s + STARTUP_ALLOWANCE_S:.0f}"
            f" s and was stopped; its output:\n{output[-3000:]}"
        ) from None
    finally:
        stop_group(process)  # also on KeyboardInterrupt: nothing is left running
    return LocustRun(process.returncode, output, csv_prefix)
