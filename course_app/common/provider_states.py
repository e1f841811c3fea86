"""Pact provider states: named set-ups a contract verifier asks a provider for.

A service registers handlers for state templates such as ``"a user with id {id} exists"``;
``POST /_pact/provider-states`` (mounted only when TEST_HOOKS=1) finds the matching
template, merges the values parsed from the text with the request's ``params`` and runs
the handler with the app's adapters.
"""

import re
from collections.abc import Awaitable, Callable
from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel

from course_app.common.errors import InvalidInput

StateHandler = Callable[[Any, dict[str, Any], str], Awaitable[None]]


class ProviderStateRequest(BaseModel):
    state: str
    params: dict[str, Any] | None = None
    action: Literal["setup", "teardown"] = "setup"


def _pattern(template: str) -> re.Pattern[str]:
    escaped = re.escape(template)
    return re.compile(re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.+?)", escaped) + "$", re.IGNORECASE)


class ProviderStates:
    def __init__(self) -> None:
        self._handlers: list[tuple[re.Pattern[str], StateHandler]] = []

    def state(self, *templates: str) -> Callable[[StateHandler], StateHandler]:
        """Decorator: run the handler for states matching any of ``templates``."""

        def register(handler: StateHandler) -> StateHandler:
            self._handlers.extend((_pattern(t), handler) for t in templates)
            return handler

        return register

    async def apply(self, adapters: Any, request: ProviderStateRequest) -> None:
        for pattern, handler in self._handlers:
            if match := pattern.match(request.state.strip()):
                params = {**match.groupdict(), **(request.params or {})}
                try:
                    await handler(adapters, params, request.action)
                except (ValueError, KeyError, TypeError) as exc:
                    # Unusable params ("user with id abc exists") are the verifier's mistake:
                    # a 400 fails the interaction at once, where a 500 makes Pact retry for
                    # about two minutes before it gives up.
                    raise InvalidInput(
                        f"Cannot set up provider state {request.state!r}: {type(exc).__name__}",
                        code="INVALID_PROVIDER_STATE",
                    ) from exc
                return
        raise InvalidInput(
            f"Unknown provider state: {request.state}", code="UNKNOWN_PROVIDER_STATE"
        )

    def router(self) -> APIRouter:
        router = APIRouter(include_in_schema=False)

        @router.post("/_pact/provider-states")
        async def set_provider_state(body: ProviderStateRequest, request: Request) -> dict:
            await self.apply(request.app.state.adapters, body)
            return {"state": body.state, "action": body.action}

        return router
