"""workbook.lifecycle: what a notebook keeps is stopped on request, on re-run and at exit."""

from contextlib import contextmanager

import pytest

from workbook.lifecycle import keep, release, release_all

pytestmark = pytest.mark.course


@contextmanager
def recorded(name: str, log: list[str]):
    log.append(f"start {name}")
    try:
        yield name
    finally:
        log.append(f"stop {name}")


def test_keep_returns_what_the_context_manager_gives_and_keeps_it_running():
    log: list[str] = []
    assert keep("db", recorded("db", log)) == "db"
    assert log == ["start db"]
    release_all()
    assert log == ["start db", "stop db"]


def test_keeping_a_name_again_stops_the_old_one_first():
    log: list[str] = []
    keep("db", recorded("first", log))
    keep("db", recorded("second", log))
    release("db")
    assert log == ["start first", "stop first", "start second", "stop second"]


def test_release_all_stops_the_newest_first():
    log: list[str] = []
    keep("db", recorded("db", log))
    keep("system", recorded("system", log))
    release_all()
    assert log[-2:] == ["stop system", "stop db"]
