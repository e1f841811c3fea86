"""Passwords hashed with argon2; tokens signed with HS256 and refused when expired, tampered or unsigned."""

from datetime import UTC, datetime, timedelta

import jwt
import pytest

from course_app.common.errors import Unauthorized
from course_app.common.security import (
    create_access_token,
    decode_access_token,
    hash_password,
    verify_password,
)

pytestmark = pytest.mark.unit
SECRET = "unit-test-secret-of-at-least-32-bytes"
NOW = datetime.now(UTC)


@pytest.mark.asyncio
async def test_a_hash_verifies_its_password_only() -> None:
    hashed = await hash_password("correct horse")
    assert "correct horse" not in hashed
    assert await verify_password("correct horse", hashed)
    assert not await verify_password("wrong horse", hashed)
    assert not await verify_password("correct horse", "not-a-hash")


def test_a_token_carries_the_user_and_role_until_it_expires() -> None:
    token = create_access_token(7, "admin", secret=SECRET, now=NOW, lifetime=timedelta(minutes=5))
    claims = decode_access_token(token, secret=SECRET)
    assert (claims.user_id, claims.is_admin) == (7, True)
    assert claims.expires_at == (NOW + timedelta(minutes=5)).replace(microsecond=0)


@pytest.mark.parametrize(
    ("token", "code"),
    [
        (
            create_access_token(
                7, "user", secret=SECRET, now=NOW - timedelta(hours=2), lifetime=timedelta(hours=1)
            ),
            "TOKEN_EXPIRED",
        ),
        (
            create_access_token(
                7,
                "user",
                secret="another-secret-that-is-long-enough!",
                now=NOW,
                lifetime=timedelta(hours=1),
            ),
            "INVALID_TOKEN",
        ),
        (
            jwt.encode(
                {"sub": "7", "iat": NOW, "exp": NOW + timedelta(hours=1)}, "", algorithm="none"
            ),
            "INVALID_TOKEN",
        ),
        (jwt.encode({"sub": "7"}, SECRET, algorithm="HS256"), "INVALID_TOKEN"),  # no exp, no iat
        ("not.a.token", "INVALID_TOKEN"),
    ],
)
def test_expired_forged_unsigned_and_incomplete_tokens_are_refused(token: str, code: str) -> None:
    with pytest.raises(Unauthorized) as raised:
        decode_access_token(token, secret=SECRET)
    assert raised.value.code == code
