"""Registering customers through the public API, as an attacker or a user would."""

import secrets
from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class Account:
    user: dict  # the API's answer to POST /users
    password: str
    token: str

    @property
    def id(self) -> int:
        return self.user["id"]

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def new_user_data(**overrides: object) -> dict:
    """A unique, valid POST /users body; unique values so no two tests collide."""
    tag = secrets.token_hex(4)
    return {
        "name": "Security Test User",
        "email": f"sec-{tag}@example.com",
        "password": f"pw-{secrets.token_urlsafe(12)}",
        **overrides,
    }


def register(http: httpx.Client, users_url: str, **overrides: object) -> Account:
    data = new_user_data(**overrides)
    created = http.post(f"{users_url}/users", json=data)
    assert created.status_code == 201, created.text
    token = http.post(f"{users_url}/auth/token",
                      json={"email": data["email"], "password": data["password"]})
    assert token.status_code == 200, token.text
    return Account(created.json(), str(data["password"]), token.json()["access_token"])


def assert_error_body(response: httpx.Response, status: int, code: str | None = None) -> dict:
    """The course's error format: JSON with a human ``error`` and a machine ``code``."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert isinstance(body.get("error"), str) and body["error"]
    assert isinstance(body.get("code"), str) and body["code"]
    if code is not None:
        assert body["code"] == code, body
    return body
