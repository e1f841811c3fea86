"""The users service's use cases. Adapters come in through the constructor.

Nothing here knows about HTTP or SQL: unit tests run it with the in-memory fakes, and
the API layer only translates between JSON and these calls.
"""

from datetime import date
from typing import Any

from course_app.common.cache import Cache
from course_app.common.clock import Clock, utc_now
from course_app.common.security import TokenClaims, hash_password
from course_app.users.clients import OrdersLookup
from course_app.users.domain import NewUser, NotAllowed, User, UserNotFound, age_on, is_valid_email
from course_app.users.notifications import WelcomeNotifier
from course_app.users.repository import UserRepository
from course_app.users.schemas import UserCreate, UserUpdate

USER_CACHE_TTL_SECONDS = 300


def user_cache_key(user_id: int) -> str:
    """Where ``get_user`` keeps a user; whoever changes a user forgets this key."""
    return f"user:{user_id}"


class UserService:
    def __init__(
        self,
        repository: UserRepository,
        cache: Cache,
        notifier: WelcomeNotifier,
        orders: OrdersLookup,
        clock: Clock = utc_now,
    ) -> None:
        self.repository = repository
        self.cache = cache
        self.notifier = notifier
        self.orders = orders
        self.clock = clock

    @staticmethod
    def validate_email(email: str) -> bool:
        return is_valid_email(email)

    def calculate_age(self, birth_date: date | str) -> int:
        """Age today by the service's clock (so a test can fix "today")."""
        born = date.fromisoformat(birth_date) if isinstance(birth_date, str) else birth_date
        return age_on(born, self.clock().date())

    async def create_user(self, data: UserCreate) -> User:
        age = data.age
        if age is None and data.birth_date is not None:
            age = self.calculate_age(data.birth_date)
        password_hash = (
            await hash_password(data.password.get_secret_value()) if data.password else None
        )
        user = await self.repository.add(
            NewUser(data.name, data.email, age, data.address, password_hash)
        )
        await self.notifier.send_welcome_email(user.email)
        return user

    async def get_user(self, user_id: int) -> User:
        """Read-through cache: a hit skips the database."""
        key = user_cache_key(user_id)
        if (cached := await self.cache.get(key)) is not None:
            return cached
        user = await self.repository.get(user_id)
        if user is None:
            raise UserNotFound()
        await self.cache.set(key, user, ttl=USER_CACHE_TTL_SECONDS)
        return user

    async def search(self, name: str | None) -> list[User]:
        return await self.repository.search(name)

    async def list_all(self, actor: TokenClaims) -> list[User]:
        if not actor.is_admin:
            raise NotAllowed("Administrators only")
        return await self.repository.search(None)

    async def update_user(self, actor: TokenClaims, user_id: int, data: UserUpdate) -> User:
        self._ensure_may_change(actor, user_id)
        changes: dict[str, Any] = data.model_dump(exclude_unset=True, exclude={"password"})
        if data.password is not None:
            changes["password_hash"] = await hash_password(data.password.get_secret_value())
        user = await self.repository.update(user_id, changes)
        await self.cache.delete(user_cache_key(user_id))
        if user is None:
            raise UserNotFound()
        return user

    async def delete_user(self, actor: TokenClaims, user_id: int) -> None:
        self._ensure_may_change(actor, user_id)
        deleted = await self.repository.delete(user_id)
        await self.cache.delete(user_cache_key(user_id))
        if not deleted:
            raise UserNotFound()

    async def orders_of(self, user_id: int) -> list[dict[str, Any]]:
        await self.get_user(user_id)  # 404 for an unknown user, not an empty list
        return await self.orders.orders_of(user_id)

    @staticmethod
    def _ensure_may_change(actor: TokenClaims, user_id: int) -> None:
        if actor.user_id != user_id and not actor.is_admin:
            raise NotAllowed("You may only change your own account")
