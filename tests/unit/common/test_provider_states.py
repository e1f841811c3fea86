"""Pact provider states: a template matches the state's text, its values and the params reach the handler."""

from typing import Any

import pytest

from course_app.common.errors import InvalidInput
from course_app.common.provider_states import ProviderStateRequest, ProviderStates

pytestmark = [pytest.mark.unit, pytest.mark.asyncio]


def recording_states() -> tuple[ProviderStates, list[tuple[Any, dict, str]]]:
    states, calls = ProviderStates(), []

    @states.state("a user with id {id} exists", "user {id} exists")
    async def user_exists(adapters: Any, params: dict[str, Any], action: str) -> None:
        calls.append((adapters, params, action))
        int(params["id"])  # unusable values raise ValueError, as real handlers do

    return states, calls


async def test_the_values_in_the_text_and_the_params_reach_the_handler() -> None:
    states, calls = recording_states()
    request = ProviderStateRequest(
        state="  A user with id 7 exists ", params={"name": "Jane"}, action="teardown"
    )

    await states.apply("the adapters", request)

    assert calls == [("the adapters", {"id": "7", "name": "Jane"}, "teardown")]


async def test_an_unknown_state_is_refused_by_name() -> None:
    states, _ = recording_states()
    with pytest.raises(InvalidInput, match="the moon is blue") as raised:
        await states.apply(None, ProviderStateRequest(state="the moon is blue"))
    assert raised.value.code == "UNKNOWN_PROVIDER_STATE"


async def test_unusable_values_are_a_400_not_a_500() -> None:
    states, _ = recording_states()
    with pytest.raises(InvalidInput) as raised:
        await states.apply(None, ProviderStateRequest(state="user abc exists"))
    assert raised.value.code == "INVALID_PROVIDER_STATE"
