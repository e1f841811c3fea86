"""The web shop vouches for each shopper; a service believes only a signature it can verify."""

import pytest
from starlette.types import Scope

from course_app.common.client_identity import HEADER, VouchedClientMiddleware, vouch, vouched_client

pytestmark = pytest.mark.unit
SECRET = "shared-by-the-proxy-and-the-services"


def test_a_vouched_client_verifies_with_the_same_secret():
    assert vouched_client(vouch("203.0.113.7", SECRET), SECRET) == "203.0.113.7"


@pytest.mark.parametrize(
    "value",
    [
        vouch("203.0.113.7", "another secret"),  # signed by someone else
        "203.0.113.7 " + "0" * 64,  # a made-up signature
        vouch("203.0.113.7", SECRET).replace("203.0.113.7", "203.0.113.8"),  # a changed address
        "203.0.113.7",  # no signature at all
        "",
    ],
)
def test_anything_else_is_not_believed(value):
    assert vouched_client(value, SECRET) is None


async def _client_seen(secret: str | None, headers: dict[str, str]) -> str:
    seen: dict[str, Scope] = {}

    async def app(scope, receive, send):
        seen["scope"] = scope

    scope = {
        "type": "http",
        "client": ("127.0.0.1", 5000),
        "headers": [(name.encode(), value.encode()) for name, value in headers.items()],
    }
    await VouchedClientMiddleware(app, secret)(scope, None, None)
    return seen["scope"]["client"][0]


@pytest.mark.asyncio
async def test_the_middleware_keys_a_vouched_shopper_by_their_own_address():
    assert await _client_seen(SECRET, {HEADER: vouch("203.0.113.7", SECRET)}) == "shop:203.0.113.7"


@pytest.mark.asyncio
async def test_a_forged_header_leaves_the_peer_address():
    forged = vouch("203.0.113.7", "guessed")
    assert await _client_seen(SECRET, {HEADER: forged}) == "127.0.0.1"


@pytest.mark.asyncio
async def test_without_a_secret_the_header_is_ignored():
    assert await _client_seen(None, {HEADER: vouch("203.0.113.7", "")}) == "127.0.0.1"
