"""CurrentClaims: who calls, from the bearer token; no token or a bad one is a 401 with our error body."""

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fastapi import FastAPI
from pydantic import BaseModel, SecretStr

from course_app.common.auth import CurrentClaims
from course_app.common.http_errors import register_error_handlers
from course_app.common.security import create_access_token

pytestmark = [pytest.mark.unit, pytest.mark.asyncio]
SECRET = "unit-test-secret-of-at-least-32-bytes"


class Settings(BaseModel):
    jwt_secret: SecretStr = SecretStr(SECRET)


class Body(BaseModel):
    age: int


app = FastAPI()
app.state.settings = Settings()
register_error_handlers(app)


@app.get("/me")
async def me(claims: CurrentClaims) -> dict:
    return {"user_id": claims.user_id}


@app.post("/echo")
async def echo(body: Body) -> dict:
    return body.model_dump()


async def call(method: str, path: str, **options) -> httpx.Response:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://t"
    ) as client:
        return await client.request(method, path, **options)


async def test_a_valid_token_names_the_caller() -> None:
    token = create_access_token(
        5, "user", secret=SECRET, now=datetime.now(UTC), lifetime=timedelta(minutes=1)
    )
    response = await call("GET", "/me", headers={"Authorization": f"Bearer {token}"})
    assert response.json() == {"user_id": 5}


@pytest.mark.parametrize(
    ("headers", "code"),
    [({}, "NOT_AUTHENTICATED"), ({"Authorization": "Bearer x.y.z"}, "INVALID_TOKEN")],
)
async def test_no_token_or_a_bad_one_is_a_401(headers: dict, code: str) -> None:
    response = await call("GET", "/me", headers=headers)
    assert (response.status_code, response.json()["code"]) == (401, code)


async def test_an_invalid_body_is_a_400_naming_the_field_without_echoing_the_input() -> None:
    response = await call("POST", "/echo", json={"age": "forty-two-and-secret"})
    assert response.status_code == 400 and response.json()["code"] == "VALIDATION_ERROR"
    assert response.json()["details"][0]["field"] == "body.age"
    assert "forty-two-and-secret" not in response.text
