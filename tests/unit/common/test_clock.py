"""Time as a dependency: a fixed clock for tests, and the one timestamp format of the APIs."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from course_app.common.clock import fixed_clock, iso_utc, utc_now

pytestmark = pytest.mark.unit


def test_the_real_clock_is_aware_and_in_utc() -> None:
    assert utc_now().tzinfo is UTC


def test_a_fixed_clock_always_answers_its_moment() -> None:
    moment = datetime(2025, 1, 1, 12, tzinfo=UTC)
    clock = fixed_clock(moment)
    assert clock() == clock() == moment


def test_iso_utc_converts_to_utc_and_ends_in_z() -> None:
    paris = timezone(timedelta(hours=1))
    assert iso_utc(datetime(2025, 1, 1, 13, 30, tzinfo=paris)) == "2025-01-01T12:30:00Z"
