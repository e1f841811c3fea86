"""Request and response bodies of the users API: Create, Update, Public, Token.

Validation lives here, so a bad request is refused with 400 before any use case runs.
``UserPublic`` has no password field at all: it cannot leak what it does not hold.
"""

from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, SecretStr

from course_app.common.numbers import NotBool
from course_app.common.text import NoNul
from course_app.users.domain import (
    BIRTH_DATE_PATTERN,
    FIRST_BIRTH_YEAR,
    LAST_BIRTH_YEAR,
    NAME_MAX_LENGTH,
    NAME_PATTERN,
    is_valid_name,
    normalize_email,
)


def _check_name(name: str) -> str:
    if not is_valid_name(name):
        raise ValueError("Name may hold letters, digits, spaces and . , ' - only")
    return name


# The rules are in the OpenAPI schema too (pattern, format), so a client that follows the
# schema is never refused; the validators give the clearer messages.
Name = Annotated[
    str,
    Field(min_length=1, max_length=NAME_MAX_LENGTH, json_schema_extra={"pattern": NAME_PATTERN}),
    AfterValidator(_check_name),
]
Email = Annotated[
    str,
    Field(max_length=254, json_schema_extra={"format": "email"}),
    NoNul,
    AfterValidator(normalize_email),
]
Age = Annotated[int, Field(ge=0, le=150), NotBool]


def _check_birth_year(born: date) -> date:
    if not FIRST_BIRTH_YEAR <= born.year <= LAST_BIRTH_YEAR:
        raise ValueError(f"Birth year must be {FIRST_BIRTH_YEAR}-{LAST_BIRTH_YEAR}")
    return born


def _date_text_only(value: object) -> object:
    # pydantic would read a number as seconds since 1970; the schema says an ISO date string.
    if not isinstance(value, (str, date)):
        raise ValueError("Give the date as text: YYYY-MM-DD")
    return value


BirthDate = Annotated[
    date,
    Field(json_schema_extra={"pattern": BIRTH_DATE_PATTERN}),
    BeforeValidator(_date_text_only),
    AfterValidator(_check_birth_year),
]
Password = Annotated[SecretStr, Field(min_length=8, max_length=128)]
Address = Annotated[str, Field(max_length=500), NoNul]


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    email: Email
    age: Age | None = None
    # Optional alternative to age: the service works the age out with its clock.
    birth_date: BirthDate | None = None
    address: Address | None = None
    password: Password | None = None


class UserUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    email: Email | None = None
    age: Age | None = None
    address: Address | None = None
    password: Password | None = None


class UserPublic(BaseModel):
    id: int
    name: str
    email: str
    age: int | None
    address: str | None
    created_at: str  # ISO-8601 UTC with Z


class TokenRequest(BaseModel):
    email: Annotated[str, NoNul]
    password: SecretStr


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"
