"""In-memory stand-ins for the users service's adapters, for unit tests and notebooks.

They keep the promises of the real adapters (unique emails, ``None`` for a missing
user) so tests of the service layer mean something; they are app code, not mocks.
"""

from dataclasses import asdict, replace
from datetime import UTC, datetime
from typing import Any

from course_app.users.domain import EmailAlreadyRegistered, NewUser, User


class InMemoryUserRepository:
    def __init__(self, users: list[User] | None = None) -> None:
        self.users: dict[int, User] = {user.id: user for user in users or []}

    def _next_id(self) -> int:
        return max(self.users, default=0) + 1

    def _email_taken(self, email: str, except_id: int | None = None) -> bool:
        return any(
            u.email.lower() == email.lower() and u.id != except_id for u in self.users.values()
        )

    async def add(self, new: NewUser) -> User:
        return await self.put(self._next_id(), new, replace_existing=False)

    async def get(self, user_id: int) -> User | None:
        return self.users.get(user_id)

    async def get_by_email(self, email: str) -> User | None:
        return next((u for u in self.users.values() if u.email.lower() == email.lower()), None)

    async def search(self, name: str | None) -> list[User]:
        needle = (name or "").lower()
        return [
            u for u in sorted(self.users.values(), key=lambda u: u.id) if needle in u.name.lower()
        ]

    async def update(self, user_id: int, changes: dict[str, Any]) -> User | None:
        if user_id not in self.users:
            return None
        if "email" in changes and self._email_taken(changes["email"], except_id=user_id):
            raise EmailAlreadyRegistered()
        self.users[user_id] = replace(self.users[user_id], **changes)
        return self.users[user_id]

    async def delete(self, user_id: int) -> bool:
        return self.users.pop(user_id, None) is not None

    async def put(self, user_id: int, new: NewUser, *, replace_existing: bool = True) -> User:
        if replace_existing:
            self.users = {
                i: u for i, u in self.users.items() if u.email.lower() != new.email.lower()
            }
        elif self._email_taken(new.email):
            raise EmailAlreadyRegistered()
        self.users[user_id] = User(id=user_id, created_at=datetime.now(UTC), **asdict(new))
        return self.users[user_id]


class RecordingNotifier:
    def __init__(self) -> None:
        self.sent: list[str] = []

    async def send_welcome_email(self, email: str) -> None:
        self.sent.append(email)


class FakeOrdersLookup:
    def __init__(self, orders: list[dict[str, Any]] | None = None) -> None:
        self.orders = orders or []

    async def orders_of(self, user_id: int) -> list[dict[str, Any]]:
        return [order for order in self.orders if order["user_id"] == user_id]

    def acting_for(self, token: str) -> "FakeOrdersLookup":
        # Who may read which orders is the orders service's rule; the fake holds them all.
        return self
