"""Test-data builders for unit tests: unique values every call, overridable fields."""

import uuid
from datetime import UTC, datetime, timedelta

from course_app.common.security import create_access_token
from course_app.users.domain import User

TEST_SECRET = "unit-test-secret-of-at-least-32-bytes"


def unique(prefix: str = "") -> str:
    return f"{prefix}{uuid.uuid4().hex[:8]}"


def user_payload(**overrides: object) -> dict:
    payload = {"name": "Ada Lovelace", "email": f"ada-{unique()}@example.com", "age": 36}
    return {**payload, **overrides}


def a_user(user_id: int = 1, **overrides: object) -> User:
    fields = {
        "id": user_id,
        "name": "Ada Lovelace",
        "email": f"ada-{unique()}@example.com",
        "age": 36,
        "address": None,
        "created_at": datetime(2025, 1, 1, 10, tzinfo=UTC),
    }
    return User(**{**fields, **overrides})


def bearer(user_id: int = 1, role: str = "customer") -> dict[str, str]:
    """An Authorization header with a token signed by TEST_SECRET, valid for an hour."""
    token = create_access_token(
        user_id, role, secret=TEST_SECRET, now=datetime.now(UTC), lifetime=timedelta(hours=1)
    )
    return {"Authorization": f"Bearer {token}"}
