from datetime import date

import pytest

from course_app.users.domain import age_on, is_valid_email, is_valid_name

pytestmark = [pytest.mark.unit, pytest.mark.service("users")]


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        ("valid@example.com", True),
        ("invalid-email", False),
        ("", False),
        ("test@", False),
        ("@example.com", False),
    ],
)
def test_email_validation(email: str, expected: bool) -> None:
    assert is_valid_email(email) is expected


@pytest.mark.parametrize(
    "name", ["Ada Lovelace", "O'Brien", "Jean-Luc Picard", "José Ñúñez", "Test User 42"]
)
def test_accepts_real_names(name: str) -> None:
    assert is_valid_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "",
        "A" * 101,
        "<script>alert('XSS')</script>",
        "javascript:alert('XSS')",
        "'; alert('XSS'); //",
    ],
)
def test_rejects_empty_overlong_and_markup_names(name: str) -> None:
    assert not is_valid_name(name)


@pytest.mark.parametrize(
    ("today", "expected"),
    [(date(2025, 1, 1), 35), (date(2024, 12, 31), 34), (date(2025, 6, 30), 35)],
)
def test_age_counts_whole_years_and_birthdays_on_the_day(today: date, expected: int) -> None:
    assert age_on(date(1990, 1, 1), today) == expected
