"""What the OpenAPI schemas promise is what the services do (schemathesis's findings, fixed).

A client that follows a service's schema must never be refused, one that breaks it must
be, and a 405 must name every method the path answers.
"""

import pytest

from course_app.common.text import NO_NUL_PATTERN
from course_app.users.domain import NAME_PATTERN

pytestmark = pytest.mark.unit


@pytest.mark.asyncio
async def test_a_405_lists_every_method_of_the_path(client):
    answer = await client.options("/users")
    assert answer.status_code == 405
    assert set(answer.headers["allow"].split(", ")) == {"GET", "POST"}


@pytest.mark.asyncio
async def test_a_method_the_path_lacks_is_a_405_not_a_bad_id(client):
    answer = await client.put("/users/profile", json={})
    assert answer.status_code == 405 and answer.headers["allow"] == "GET"


@pytest.mark.asyncio
async def test_the_schema_states_the_name_and_nul_rules(client):
    schemas = (await client.get("/openapi.json")).json()["components"]["schemas"]
    create = schemas["UserCreate"]["properties"]
    assert create["name"]["pattern"] == NAME_PATTERN
    assert create["email"]["format"] == "email"
    assert {"type": "string", "maxLength": 500, "pattern": NO_NUL_PATTERN} in create["address"][
        "anyOf"
    ]


@pytest.mark.asyncio
@pytest.mark.parametrize("field, value", [("age", True), ("age", False)])
async def test_true_is_not_a_number(client, field, value):
    answer = await client.post(
        "/users", json={"name": "Ada", "email": "ada@example.com", field: value}
    )
    assert answer.status_code == 400


@pytest.mark.asyncio
@pytest.mark.parametrize("birth_date", [0, "0141-08-23", "2999-01-01"])
async def test_a_birth_date_outside_the_schema_is_a_400_not_a_500(client, birth_date):
    answer = await client.post(
        "/users", json={"name": "Ada", "email": "ada@example.test", "birth_date": birth_date}
    )
    assert answer.status_code == 400, answer.text


@pytest.mark.asyncio
async def test_a_birth_date_the_schema_allows_is_accepted(client):
    answer = await client.post(
        "/users", json={"name": "Ada", "email": "ada@example.test", "birth_date": "1950-02-28"}
    )
    assert answer.status_code == 201, answer.text
