"""The ``CurrentClaims`` dependency: who is calling, from their bearer token."""

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from course_app.common.errors import Unauthorized
from course_app.common.security import TokenClaims, decode_access_token

# auto_error=False: we answer a missing token with our own 401 error body.
_bearer = HTTPBearer(auto_error=False)


async def current_claims(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> TokenClaims:
    if credentials is None:
        raise Unauthorized("Authentication required", code="NOT_AUTHENTICATED")
    secret = request.app.state.settings.jwt_secret.get_secret_value()
    return decode_access_token(credentials.credentials, secret=secret)


CurrentClaims = Annotated[TokenClaims, Depends(current_claims)]


async def caller_token(
    _: CurrentClaims,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    """The caller's verified token, to forward when calling another service for them."""
    assert credentials is not None  # current_claims has refused a missing token
    return credentials.credentials


CallerToken = Annotated[str, Depends(caller_token)]
