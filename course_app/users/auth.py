"""Logging in: check a password, issue an access token; and the start-up admin account."""

from datetime import timedelta

from course_app.common.clock import Clock, utc_now
from course_app.common.security import (
    create_access_token,
    hash_password,
    verify_password,
    verify_password_of_nobody,
)
from course_app.users.domain import InvalidCredentials, NewUser, User
from course_app.users.repository import UserRepository


class AuthService:
    def __init__(
        self,
        repository: UserRepository,
        *,
        secret: str,
        token_lifetime: timedelta = timedelta(hours=1),
        clock: Clock = utc_now,
    ) -> None:
        self.repository = repository
        self.secret = secret
        self.token_lifetime = token_lifetime
        self.clock = clock

    def issue_token(self, user: User) -> str:
        """A token that expires ``token_lifetime`` after now by the injected clock."""
        return create_access_token(
            user.id, user.role, secret=self.secret, now=self.clock(), lifetime=self.token_lifetime
        )

    async def login(self, email: str, password: str) -> str:
        user = await self.repository.get_by_email(email)
        # One answer, after the same work, for "no such user" and "wrong password": neither
        # the body nor the time it takes tells an attacker which emails have accounts.
        if user is None or user.password_hash is None:
            await verify_password_of_nobody(password)
            raise InvalidCredentials()
        if not await verify_password(password, user.password_hash):
            raise InvalidCredentials()
        return self.issue_token(user)

    async def ensure_admin(self, email: str, password: str) -> User:
        """Create the admin account, or make the existing one an admin with this password."""
        password_hash = await hash_password(password)
        existing = await self.repository.get_by_email(email)
        if existing is None:
            return await self.repository.add(
                NewUser("Administrator", email, password_hash=password_hash, role="admin")
            )
        changes = {"password_hash": password_hash, "role": "admin"}
        updated = await self.repository.update(existing.id, changes)
        assert updated is not None
        return updated
