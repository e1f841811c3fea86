"""Time as an injected dependency, so tests can freeze it instead of patching modules."""

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The real clock: an aware datetime in UTC."""
    return datetime.now(UTC)


def fixed_clock(moment: datetime) -> Clock:
    """A clock that always answers ``moment``: handy in tests and notebooks."""
    return lambda: moment


def iso_utc(moment: datetime) -> str:
    """ISO-8601 in UTC with a ``Z`` suffix, the format every API response uses."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
