"""Password hashing and access tokens: the only module that touches either.

Passwords are hashed with argon2. Tokens are JWTs signed with HS256; decoding accepts
HS256 only, so a token claiming ``alg: none`` or another algorithm is refused.
"""

import asyncio
import functools
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from course_app.common.errors import Unauthorized

ALGORITHM = "HS256"
_hasher = PasswordHasher()


async def hash_password(password: str) -> str:
    # argon2 is deliberately slow; a worker thread keeps the event loop answering.
    return await asyncio.to_thread(_hasher.hash, password)


async def verify_password(password: str, password_hash: str) -> bool:
    try:
        return await asyncio.to_thread(_hasher.verify, password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@functools.cache
def _nobodys_hash() -> str:
    """A hash of a password nobody has, with the parameters of every other hash (made once)."""
    return _hasher.hash("no account has this password")


async def verify_password_of_nobody(password: str) -> bool:
    """The work of a wrong-password check, for a login whose account does not exist.

    Answering an unknown email at once would tell an attacker which emails have accounts
    (by the response time alone); doing the same work makes both answers alike.
    """
    await verify_password(password, await asyncio.to_thread(_nobodys_hash))
    return False


@dataclass(frozen=True)
class TokenClaims:
    user_id: int
    role: str
    expires_at: datetime

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def create_access_token(
    user_id: int, role: str, *, secret: str, now: datetime, lifetime: timedelta
) -> str:
    """A signed token; ``now`` comes from the caller's clock so tests can fix it."""
    claims = {"sub": str(user_id), "role": role, "iat": now, "exp": now + lifetime}
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def decode_access_token(token: str, *, secret: str) -> TokenClaims:
    """The token's claims, or ``Unauthorized`` if it is malformed, tampered or expired."""
    try:
        claims = jwt.decode(
            token, secret, algorithms=[ALGORITHM], options={"require": ["sub", "exp", "iat"]}
        )
        return TokenClaims(
            user_id=int(claims["sub"]),
            role=str(claims.get("role", "user")),
            expires_at=datetime.fromtimestamp(claims["exp"], UTC),
        )
    except jwt.ExpiredSignatureError:
        raise Unauthorized("Token has expired", code="TOKEN_EXPIRED") from None
    except (jwt.InvalidTokenError, ValueError):
        raise Unauthorized("Invalid token", code="INVALID_TOKEN") from None
