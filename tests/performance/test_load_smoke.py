"""A short load test as a smoke check: Locust headless against the whole system.

Not a benchmark (that is ``make bench``): ten shoppers for a few seconds, then
service-level objectives asserted on Locust's CSV: every endpoint was exercised,
under 1% of requests failed, and the 95th percentile stayed under a generous bound
(this machine is small and shared, so the bound catches breakage, not slowness).
"""

from pathlib import Path

import pytest

from workbook.locust_runner import run_locust

pytestmark = [pytest.mark.performance, pytest.mark.service("system"), pytest.mark.slow]

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
TASK_ENDPOINTS = [
    "GET /products",
    "GET /products/{id}",
    "GET /users/{id}",
    "GET /users/profile",
    "POST /orders",
]
# Once per shopper in on_start; password hashing (argon2) makes them slow on purpose,
# so they count for errors but not for the latency objective.
SIGN_UP_ENDPOINTS = ["POST /users", "POST /auth/token"]
ENDPOINTS = TASK_ENDPOINTS + SIGN_UP_ENDPOINTS
SHOPPERS = 6  # few enough that their signups (argon2, slow on purpose) finish early
RUN_TIME_S = 20  # long enough that every weighted task is picked, even on a busy machine
MAX_ERROR_RATE = 0.01
P95_BOUND_MS = 2000  # 10x what an idle machine shows; a shared one is much slower


@pytest.fixture(scope="module")
def load_run(loaded_system, load_product_id, tmp_path_factory):
    urls = loaded_system.urls
    return run_locust(
        LOCUSTFILE,
        host=urls["users"],
        users=SHOPPERS,
        run_time_s=RUN_TIME_S,
        csv_prefix=tmp_path_factory.mktemp("locust") / "smoke",
        user_classes=["Shopper"],
        env={
            "INVENTORY_URL": urls["inventory"],
            "ORDERS_URL": urls["orders"],
            "LOAD_PRODUCT_IDS": load_product_id,
        },
    )


def test_locust_ran_cleanly(load_run):
    assert load_run.returncode == 0, load_run.output[-3000:]
    assert load_run.exceptions() == [], "the locustfile raised; see exceptions.csv"


def test_every_endpoint_was_exercised(load_run):
    stats = load_run.stats()
    missing = [name for name in ENDPOINTS if name not in stats or stats[name].requests == 0]
    assert missing == [], f"never requested: {missing}"
    assert stats["POST /users"].requests == SHOPPERS  # on_start runs once per shopper


def test_error_rate_is_under_one_percent(load_run):
    stats = load_run.stats()
    failing = {name: f"{s.failures}/{s.requests}" for name, s in stats.items() if s.failures}
    assert stats["Aggregated"].error_rate < MAX_ERROR_RATE, failing


def test_p95_stays_under_the_bound(load_run):
    stats = load_run.stats()
    slow = {name: stats[name].p95 for name in TASK_ENDPOINTS if not stats[name].p95 < P95_BOUND_MS}
    assert slow == {}


def test_full_history_was_written(load_run):
    """--csv-full-history: one row per endpoint per second, what notebook 10 plots."""
    rows = load_run.history_rows()
    seconds = {row["Timestamp"] for row in rows}
    assert len(seconds) >= RUN_TIME_S // 2
    assert {row["Name"] for row in rows} >= {"Aggregated", "POST /orders"}
