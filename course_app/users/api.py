"""The users HTTP API. Thin: parse, call the service layer, shape the answer.

Errors raised below (``UserNotFound``, ``NotAllowed``...) become JSON error responses in
the shared error handlers; no route builds one itself.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response

from course_app.common.auth import CurrentClaims
from course_app.common.clock import iso_utc
from course_app.common.http_errors import documented
from course_app.common.ids import BigIntId
from course_app.common.text import NoNul
from course_app.users.deps import AuthServiceDep, CallersUserServiceDep, UserServiceDep
from course_app.users.domain import User
from course_app.users.schemas import Token, TokenRequest, UserCreate, UserPublic, UserUpdate

router = APIRouter(tags=["users"])
UserId = Annotated[BigIntId, Path()]


def to_public(user: User) -> UserPublic:
    return UserPublic(
        id=user.id,
        name=user.name,
        email=user.email,
        age=user.age,
        address=user.address,
        created_at=iso_utc(user.created_at),
    )


@router.post("/users", status_code=201, responses=documented(409))
async def create_user(body: UserCreate, users: UserServiceDep) -> UserPublic:
    return to_public(await users.create_user(body))


@router.get("/users", responses=documented())
async def search_users(
    users: UserServiceDep, name: Annotated[str | None, Query(max_length=100), NoNul] = None
) -> list[UserPublic]:
    return [to_public(user) for user in await users.search(name)]


# The :int convertor keeps "profile" from being read as an id (PUT /users/profile is then a 405,
# not a 400 about a malformed id).
@router.get("/users/profile", responses=documented(401, 404))
async def my_profile(claims: CurrentClaims, users: UserServiceDep) -> UserPublic:
    return to_public(await users.get_user(claims.user_id))


@router.get("/users/{user_id:int}", responses=documented(404))
async def get_user(user_id: UserId, users: UserServiceDep) -> UserPublic:
    return to_public(await users.get_user(user_id))


@router.put("/users/{user_id:int}", responses=documented(401, 403, 404, 409))
async def update_user(
    user_id: UserId, body: UserUpdate, claims: CurrentClaims, users: UserServiceDep
) -> UserPublic:
    return to_public(await users.update_user(claims, user_id, body))


@router.delete("/users/{user_id:int}", status_code=204, responses=documented(401, 403, 404))
async def delete_user(user_id: UserId, claims: CurrentClaims, users: UserServiceDep) -> Response:
    await users.delete_user(claims, user_id)
    return Response(status_code=204)


@router.get("/users/{user_id:int}/orders", responses=documented(401, 403, 404))
async def orders_of_user(user_id: UserId, users: CallersUserServiceDep) -> list[dict[str, Any]]:
    return await users.orders_of(user_id)


@router.post("/auth/token", responses=documented(401))
async def issue_token(body: TokenRequest, auth: AuthServiceDep) -> Token:
    return Token(access_token=await auth.login(body.email, body.password.get_secret_value()))


@router.get("/admin/users", responses=documented(401, 403))
async def all_users(claims: CurrentClaims, users: UserServiceDep) -> list[UserPublic]:
    return [to_public(user) for user in await users.list_all(claims)]
