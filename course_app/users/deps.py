"""The users API's dependencies, as typed aliases routes can declare.

The providers are ``async def`` although they await nothing: FastAPI runs a plain ``def``
dependency in a worker thread, and for code that never blocks that hop only costs time
(about half the throughput of ``GET /users/{id}`` here).
"""

from typing import Annotated

from fastapi import Depends, Request

from course_app.common.app import adapters_of
from course_app.common.auth import CallerToken
from course_app.users.auth import AuthService
from course_app.users.bootstrap import UsersAdapters
from course_app.users.service import UserService

AdaptersDep = Annotated[UsersAdapters, Depends(adapters_of)]


async def get_user_service(adapters: AdaptersDep) -> UserService:
    return adapters.service()


async def get_user_service_as_caller(adapters: AdaptersDep, token: CallerToken) -> UserService:
    """The service reading orders with the caller's token (orders are their owner's)."""
    return adapters.service(caller_token=token)


async def get_auth_service(adapters: AdaptersDep, request: Request) -> AuthService:
    return adapters.auth(request.app.state.settings)


UserServiceDep = Annotated[UserService, Depends(get_user_service)]
CallersUserServiceDep = Annotated[UserService, Depends(get_user_service_as_caller)]
AuthServiceDep = Annotated[AuthService, Depends(get_auth_service)]
