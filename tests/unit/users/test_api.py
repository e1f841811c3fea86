from datetime import UTC, datetime, timedelta

import httpx
import jwt
import pytest

from course_app.users.bootstrap import UsersAdapters
from unit.builders import TEST_SECRET as SECRET
from unit.builders import user_payload

pytestmark = [pytest.mark.unit, pytest.mark.service("users"), pytest.mark.asyncio]


async def register_and_login(client: httpx.AsyncClient, **overrides: object) -> tuple[dict, dict]:
    payload = user_payload(password="secret123", **overrides)
    user = (await client.post("/users", json=payload)).json()
    token = (
        await client.post("/auth/token", json={"email": payload["email"], "password": "secret123"})
    ).json()
    return user, {"Authorization": f"Bearer {token['access_token']}"}


async def test_create_user_answers_201_without_the_password(client: httpx.AsyncClient) -> None:
    response = await client.post("/users", json=user_payload(name="John Doe", password="secret123"))

    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "John Doe" and isinstance(body["id"], int)
    assert body["created_at"].endswith("Z")
    assert "password" not in body and "secret123" not in response.text


@pytest.mark.parametrize(
    "payload",
    [
        {"name": "", "email": "invalid-email"},
        {"name": "A" * 1000, "email": "test@example.com"},
        {"name": "Test", "email": ""},
        {"name": "Test", "email": "t@example.com", "age": -5},
        {"name": "Test", "email": "t@example.com", "age": "not_a_number"},
        {"name": "<script>alert('XSS')</script>", "email": "t@example.com"},
        {"name": "Test", "email": "t@example.com", "role": "admin"},
    ],
)
async def test_invalid_user_data_is_a_400_with_error_and_code(
    client: httpx.AsyncClient, payload: dict
) -> None:
    response = await client.post("/users", json=payload)

    assert response.status_code == 400
    assert response.json()["code"] == "VALIDATION_ERROR" and response.json()["details"]


async def test_validation_errors_never_echo_the_password(client: httpx.AsyncClient) -> None:
    response = await client.post("/users", json={"name": "<b>", "email": "x", "password": "short"})
    assert response.status_code == 400 and "short" not in response.text.replace("too short", "")


async def test_duplicate_email_is_409(client: httpx.AsyncClient) -> None:
    payload = user_payload()
    await client.post("/users", json=payload)
    response = await client.post("/users", json=payload)
    assert response.status_code == 409 and response.json()["code"] == "EMAIL_ALREADY_REGISTERED"


async def test_unknown_user_is_404_with_the_documented_body(client: httpx.AsyncClient) -> None:
    response = await client.get("/users/999")
    assert response.status_code == 404
    assert response.json() == {"error": "User not found", "code": "USER_NOT_FOUND"}


async def test_search_treats_injection_payloads_as_plain_text(client: httpx.AsyncClient) -> None:
    await client.post("/users", json=user_payload(name="Grace Hopper"))
    for payload in ["'; DROP TABLE users; --", "' OR '1'='1"]:
        response = await client.get("/users", params={"name": payload})
        assert response.status_code == 200 and response.json() == []
    assert [u["name"] for u in (await client.get("/users", params={"name": "grace"})).json()] == [
        "Grace Hopper"
    ]


async def test_login_gives_a_token_for_the_profile(client: httpx.AsyncClient) -> None:
    user, auth = await register_and_login(client)
    profile = await client.get("/users/profile", headers=auth)
    assert profile.status_code == 200 and profile.json()["id"] == user["id"]


async def test_wrong_password_is_401(client: httpx.AsyncClient) -> None:
    payload = user_payload(password="secret123")
    await client.post("/users", json=payload)
    response = await client.post(
        "/auth/token", json={"email": payload["email"], "password": "wrong-one"}
    )
    assert response.status_code == 401 and response.json()["code"] == "INVALID_CREDENTIALS"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/users/profile"),
        ("PUT", "/users/1"),
        ("DELETE", "/users/1"),
        ("GET", "/admin/users"),
    ],
)
async def test_protected_endpoints_require_a_token(
    client: httpx.AsyncClient, method: str, path: str
) -> None:
    response = await client.request(method, path, json={} if method == "PUT" else None)
    assert response.status_code == 401


def forged(claims: dict, secret: str = SECRET, algorithm: str = "HS256") -> dict:
    return {"Authorization": f"Bearer {jwt.encode(claims, secret, algorithm=algorithm)}"}


async def test_expired_tampered_and_unsigned_tokens_are_401(client: httpx.AsyncClient) -> None:
    now = datetime.now(UTC)
    expired = forged({"sub": "1", "iat": now - timedelta(hours=2), "exp": now - timedelta(hours=1)})
    wrong_key = forged(
        {"sub": "1", "iat": now, "exp": now + timedelta(hours=1)},
        secret="a-guessed-secret-that-is-long-enough",
    )
    unsigned = forged(
        {"sub": "1", "iat": now, "exp": now + timedelta(hours=1)}, secret="", algorithm="none"
    )
    for headers, code in [
        (expired, "TOKEN_EXPIRED"),
        (wrong_key, "INVALID_TOKEN"),
        (unsigned, "INVALID_TOKEN"),
    ]:
        response = await client.get("/users/profile", headers=headers)
        assert (response.status_code, response.json()["code"]) == (401, code)


async def test_users_change_their_own_account_but_not_others(client: httpx.AsyncClient) -> None:
    me, my_auth = await register_and_login(client)
    other, _ = await register_and_login(client)

    assert (await client.put(f"/users/{me['id']}", json={"age": 50}, headers=my_auth)).json()[
        "age"
    ] == 50
    assert (
        await client.put(f"/users/{other['id']}", json={"age": 1}, headers=my_auth)
    ).status_code == 403
    assert (await client.delete(f"/users/{other['id']}", headers=my_auth)).status_code == 403
    assert (await client.delete(f"/users/{me['id']}", headers=my_auth)).status_code == 204
    assert (await client.get(f"/users/{me['id']}")).status_code == 404


async def test_admin_lists_all_users(client: httpx.AsyncClient, adapters: UsersAdapters) -> None:
    admin, auth = await register_and_login(client)
    await adapters.repository.update(admin["id"], {"role": "admin"})
    # The role is read at login, so log in again to get an admin token.
    token = (
        await client.post("/auth/token", json={"email": admin["email"], "password": "secret123"})
    ).json()
    response = await client.get(
        "/admin/users", headers={"Authorization": f"Bearer {token['access_token']}"}
    )
    assert response.status_code == 200 and admin["id"] in [u["id"] for u in response.json()]
    assert (await client.get("/admin/users", headers=auth)).status_code == 403


async def test_user_orders_come_from_the_orders_service(
    client: httpx.AsyncClient, adapters: UsersAdapters
) -> None:
    user, auth = await register_and_login(client)
    adapters.orders.orders = [
        {"id": "ORD-1", "user_id": user["id"]},
        {"id": "ORD-2", "user_id": user["id"] + 1},
    ]
    response = await client.get(f"/users/{user['id']}/orders", headers=auth)
    assert response.json() == [{"id": "ORD-1", "user_id": user["id"]}]


async def test_user_orders_need_a_token(client: httpx.AsyncClient) -> None:
    user = (await client.post("/users", json=user_payload())).json()
    response = await client.get(f"/users/{user['id']}/orders")
    assert response.status_code == 401
    assert response.json()["code"] == "NOT_AUTHENTICATED"


async def test_provider_states_create_and_remove_users(client: httpx.AsyncClient) -> None:
    setup = {"state": "user with id 123 exists", "action": "setup"}
    assert (await client.post("/_pact/provider-states", json=setup)).status_code == 200
    assert (await client.get("/users/123")).json()["name"] == "John Doe"

    absent = {"state": "user with id 123 does not exist", "params": {}, "action": "setup"}
    await client.post("/_pact/provider-states", json=absent)
    assert (await client.get("/users/123")).status_code == 404

    named = {
        "state": "a user with id {id} exists",
        "params": {"id": 7, "name": "Jane"},
        "action": "setup",
    }
    await client.post("/_pact/provider-states", json={**named, "state": "a user with id 7 exists"})
    assert (await client.get("/users/7")).json()["name"] == "Jane"
    await client.post(
        "/_pact/provider-states",
        json={**named, "state": "a user with id 7 exists", "action": "teardown"},
    )
    assert (await client.get("/users/7")).status_code == 404


async def test_unknown_provider_state_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.post("/_pact/provider-states", json={"state": "the moon is blue"})
    assert response.status_code == 400 and response.json()["code"] == "UNKNOWN_PROVIDER_STATE"
