"""Provider states the users service can set up for Pact verification (TEST_HOOKS=1)."""

from typing import Any

from course_app.common.provider_states import ProviderStates
from course_app.users.bootstrap import UsersAdapters
from course_app.users.domain import NewUser
from course_app.users.service import user_cache_key

states = ProviderStates()


@states.state("user with id {id} exists", "a user with id {id} exists")
async def user_exists(adapters: UsersAdapters, params: dict[str, Any], action: str) -> None:
    user_id = int(params["id"])
    await adapters.cache.delete(user_cache_key(user_id))
    if action == "teardown":
        await adapters.repository.delete(user_id)
        return
    await adapters.repository.put(
        user_id,
        NewUser(
            name=params.get("name", "John Doe"),
            email=params.get("email", f"user{user_id}@example.com"),
            age=params.get("age"),
            address=params.get("address"),
        ),
    )


@states.state(
    "user with id {id} does not exist", "a user with id {id} does not exist", "no user with id {id}"
)
async def user_absent(adapters: UsersAdapters, params: dict[str, Any], action: str) -> None:
    user_id = int(params["id"])
    await adapters.cache.delete(user_cache_key(user_id))
    if action == "setup":
        await adapters.repository.delete(user_id)
