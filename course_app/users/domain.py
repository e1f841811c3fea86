"""What a user is, the rules about users, and the errors the service layer raises."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from email_validator import EmailNotValidError, validate_email

from course_app.common.errors import Conflict, Forbidden, NotFound, Unauthorized

# Letters (any script), digits, spaces and . , ' - : enough for real names, no markup.
NAME_PATTERN = r"^[^\W_][\w .,'-]*$"  # a letter or digit first; Python's (Unicode) \w
_NAME = re.compile(NAME_PATTERN)
NAME_MAX_LENGTH = 100
# Birth years the shop accepts: every age they give is in the 0-150 the database allows (until
# 2050), and the rule fits in the OpenAPI schema as a pattern, so a client can know it.
FIRST_BIRTH_YEAR, LAST_BIRTH_YEAR = 1900, 2019
BIRTH_DATE_PATTERN = r"^(19\d\d|20[01]\d)-\d\d-\d\d$"


@dataclass
class User:
    id: int
    name: str
    email: str
    age: int | None
    address: str | None
    created_at: datetime
    role: str = "user"
    password_hash: str | None = field(default=None, repr=False)  # never printed


@dataclass
class NewUser:
    name: str
    email: str
    age: int | None = None
    address: str | None = None
    password_hash: str | None = field(default=None, repr=False)
    role: str = "user"


class UserNotFound(NotFound):
    code = "USER_NOT_FOUND"

    def __init__(self) -> None:
        super().__init__("User not found")


class EmailAlreadyRegistered(Conflict):
    code = "EMAIL_ALREADY_REGISTERED"

    def __init__(self) -> None:
        super().__init__("A user with this email already exists")


class InvalidCredentials(Unauthorized):
    code = "INVALID_CREDENTIALS"

    def __init__(self) -> None:
        super().__init__("Invalid email or password")


class NotAllowed(Forbidden):
    def __init__(self, message: str = "You may not do this") -> None:
        super().__init__(message)


def is_valid_name(name: str) -> bool:
    return 0 < len(name) <= NAME_MAX_LENGTH and _NAME.fullmatch(name) is not None


def normalize_email(email: str) -> str:
    """The canonical form of a well-formed address; ``ValueError`` for a malformed one."""
    try:
        # test_environment: addresses at the reserved .test domain are accepted, so tests
        # (and API fuzzers such as schemathesis) can use addresses that reach nobody.
        return validate_email(email, check_deliverability=False, test_environment=True).normalized
    except EmailNotValidError:
        raise ValueError("Invalid email format") from None


def is_valid_email(email: str) -> bool:
    try:
        normalize_email(email)
    except ValueError:
        return False
    return True


def age_on(birth_date: date, today: date) -> int:
    """Whole years between ``birth_date`` and ``today`` (birthdays count on the day)."""
    had_birthday = (today.month, today.day) >= (birth_date.month, birth_date.day)
    return today.year - birth_date.year - (0 if had_birthday else 1)
