"""workbook.locust_runner reads the whole run's figures from Locust's final JSON statistics."""

import json
import math

from workbook.locust_runner import LocustRun


def _entry(name, times, failures=0, start=100.0, last=104.0):
    return {
        "name": name,
        "method": "GET",
        "num_requests": sum(times.values()),
        "num_failures": failures,
        "response_times": {str(ms): count for ms, count in times.items()},
        "start_time": start,
        "last_request_timestamp": last,
    }


def test_counts_rate_and_percentiles_per_endpoint_and_aggregated(tmp_path):
    entries = [_entry("GET /a", {10: 90, 50: 9, 200: 1}, failures=2), _entry("GET /b", {20: 100})]
    (tmp_path / "run.json").write_text(json.dumps(entries))
    stats = LocustRun(0, "", tmp_path / "run").stats()
    a, total = stats["GET /a"], stats["Aggregated"]
    assert (a.requests, a.failures, a.rps) == (100, 2, 25.0)
    assert (a.p50, a.p95, a.p99) == (10.0, 50.0, 200.0)  # as Locust computes them
    assert (total.requests, total.failures) == (200, 2)
    assert total.p50 == 20.0 and total.p99 == 50.0


def test_an_endpoint_without_requests_has_no_percentiles(tmp_path):
    (tmp_path / "run.json").write_text(json.dumps([_entry("GET /a", {}, last=None)]))
    row = LocustRun(0, "", tmp_path / "run").stats()["GET /a"]
    assert row.requests == 0 and math.isnan(row.p95) and math.isnan(row.rps)
