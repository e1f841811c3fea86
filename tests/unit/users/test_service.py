from datetime import UTC, date, datetime
from unittest.mock import AsyncMock

import pytest

from course_app.common.clock import fixed_clock
from course_app.common.security import TokenClaims
from course_app.users.bootstrap import UsersAdapters, bootstrap
from course_app.users.domain import EmailAlreadyRegistered, NotAllowed, UserNotFound
from course_app.users.fakes import InMemoryUserRepository
from course_app.users.schemas import UserCreate, UserUpdate
from course_app.users.service import USER_CACHE_TTL_SECONDS, user_cache_key
from unit.builders import a_user, user_payload

pytestmark = [pytest.mark.unit, pytest.mark.service("users")]
SOMEONE_ELSE = TokenClaims(user_id=999, role="user", expires_at=datetime.max.replace(tzinfo=UTC))
ADMIN = TokenClaims(user_id=1000, role="admin", expires_at=datetime.max.replace(tzinfo=UTC))


def claims_of(user_id: int) -> TokenClaims:
    return TokenClaims(user_id=user_id, role="user", expires_at=datetime.max.replace(tzinfo=UTC))


@pytest.mark.asyncio
async def test_create_user_stores_it_and_sends_a_welcome_email(adapters: UsersAdapters) -> None:
    user = await adapters.service().create_user(UserCreate(**user_payload(name="John Doe")))

    assert (await adapters.repository.get(user.id)).name == "John Doe"
    assert adapters.notifier.sent == [user.email]


@pytest.mark.asyncio
async def test_create_user_stores_a_hash_never_the_password(adapters: UsersAdapters) -> None:
    user = await adapters.service().create_user(UserCreate(**user_payload(password="secret123")))

    assert user.password_hash is not None and "secret123" not in user.password_hash
    assert "secret123" not in repr(user)


def test_invalid_email_is_refused_before_the_service_runs() -> None:
    with pytest.raises(ValueError, match="Invalid email format"):
        UserCreate(**user_payload(email="invalid-email"))


@pytest.mark.asyncio
async def test_duplicate_email_is_a_conflict(adapters: UsersAdapters) -> None:
    service = adapters.service()
    payload = user_payload()
    await service.create_user(UserCreate(**payload))

    with pytest.raises(EmailAlreadyRegistered):
        await service.create_user(UserCreate(**{**payload, "email": payload["email"].upper()}))


@pytest.mark.asyncio
async def test_get_user_not_found(adapters: UsersAdapters) -> None:
    with pytest.raises(UserNotFound) as raised:
        await adapters.service().get_user(999)
    assert raised.value.code == "USER_NOT_FOUND"


def test_calculate_age_uses_the_injected_clock(settings) -> None:
    service = bootstrap(
        settings,
        repository=InMemoryUserRepository(),
        orders=AsyncMock(),
        clock=fixed_clock(datetime(2025, 1, 1, tzinfo=UTC)),
    ).service()
    assert service.calculate_age("1990-01-01") == 35
    assert service.calculate_age(date(1990, 1, 2)) == 34


@pytest.mark.asyncio
async def test_birth_date_gives_the_age_when_no_age_is_sent(settings) -> None:
    adapters = bootstrap(
        settings,
        repository=InMemoryUserRepository(),
        orders=AsyncMock(),
        clock=fixed_clock(datetime(2025, 1, 1, tzinfo=UTC)),
    )
    payload = user_payload(birth_date="2000-06-15")
    del payload["age"]
    user = await adapters.service().create_user(UserCreate(**payload))
    assert user.age == 24


@pytest.mark.asyncio
async def test_get_user_from_cache_skips_the_repository(settings) -> None:
    cached = a_user(123)
    cache = AsyncMock()
    cache.get.return_value = cached
    repository = AsyncMock()
    service = bootstrap(settings, repository=repository, cache=cache, orders=AsyncMock()).service()

    assert await service.get_user(123) is cached
    cache.get.assert_awaited_once_with(user_cache_key(123))
    repository.get.assert_not_awaited()


@pytest.mark.asyncio
async def test_get_user_cache_miss_reads_the_repository_and_fills_the_cache(settings) -> None:
    stored = a_user(123)
    cache = AsyncMock()
    cache.get.return_value = None
    service = bootstrap(
        settings, repository=InMemoryUserRepository([stored]), cache=cache, orders=AsyncMock()
    ).service()

    assert await service.get_user(123) == stored
    cache.set.assert_awaited_once_with(user_cache_key(123), stored, ttl=USER_CACHE_TTL_SECONDS)


@pytest.mark.asyncio
async def test_update_changes_own_account_and_forgets_the_cached_copy(
    adapters: UsersAdapters,
) -> None:
    service = adapters.service()
    user = await service.create_user(UserCreate(**user_payload(age=30)))
    await service.get_user(user.id)  # now cached

    await service.update_user(
        claims_of(user.id), user.id, UserUpdate(age=31, password="new-password")
    )

    fresh = await service.get_user(user.id)
    assert fresh.age == 31 and fresh.password_hash is not None


@pytest.mark.asyncio
async def test_users_may_not_change_or_delete_someone_else(adapters: UsersAdapters) -> None:
    service = adapters.service()
    user = await service.create_user(UserCreate(**user_payload()))

    with pytest.raises(NotAllowed):
        await service.update_user(SOMEONE_ELSE, user.id, UserUpdate(age=1))
    with pytest.raises(NotAllowed):
        await service.delete_user(SOMEONE_ELSE, user.id)
    assert await adapters.repository.get(user.id) is not None


@pytest.mark.asyncio
async def test_admin_may_delete_anyone_and_unknown_ids_are_not_found(
    adapters: UsersAdapters,
) -> None:
    service = adapters.service()
    user = await service.create_user(UserCreate(**user_payload()))

    await service.delete_user(ADMIN, user.id)

    assert await adapters.repository.get(user.id) is None
    with pytest.raises(UserNotFound):
        await service.delete_user(ADMIN, user.id)
    with pytest.raises(UserNotFound):
        await service.update_user(ADMIN, user.id, UserUpdate(age=1))


@pytest.mark.asyncio
async def test_only_admins_list_all_users(adapters: UsersAdapters) -> None:
    service = adapters.service()
    await service.create_user(UserCreate(**user_payload()))

    assert len(await service.list_all(ADMIN)) == 1
    with pytest.raises(NotAllowed):
        await service.list_all(SOMEONE_ELSE)


@pytest.mark.asyncio
async def test_orders_of_an_unknown_user_is_not_found_rather_than_empty(
    adapters: UsersAdapters,
) -> None:
    with pytest.raises(UserNotFound):
        await adapters.service().orders_of(42)
