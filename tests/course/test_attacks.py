"""workbook.attacks: every forged token is refused by the app's own decoder, for its reason.

The payload lists are data; the token forgers are code that could silently start making
valid tokens (and turn the security tests into tests of nothing), so they are checked
here against ``course_app.common.security`` without any running service.
"""

import base64
import json
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from course_app.common.errors import Unauthorized
from course_app.common.security import create_access_token, decode_access_token
from workbook.attacks import FORGERIES, SEED_INVALID_USERS, assert_error_body, forged_tokens

pytestmark = [
    pytest.mark.course,
    pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning"),
]

SECRET = "a-test-secret-that-is-long-enough-for-hs256"


@pytest.fixture
def genuine() -> str:
    return create_access_token(
        7, "user", secret=SECRET, now=datetime.now(UTC), lifetime=timedelta(minutes=5)
    )


def test_the_genuine_token_is_accepted(genuine):
    assert decode_access_token(genuine, secret=SECRET).user_id == 7


def test_there_is_one_token_per_forgery(genuine):
    assert list(forged_tokens(SECRET, 7, genuine)) == FORGERIES


@pytest.mark.parametrize("forgery", FORGERIES)
def test_every_forgery_is_refused_by_the_apps_decoder(genuine, forgery):
    token = forged_tokens(SECRET, 7, genuine)[forgery]

    with pytest.raises(Unauthorized) as refusal:
        decode_access_token(token, secret=SECRET)

    expected = "TOKEN_EXPIRED" if forgery == "expired" else "INVALID_TOKEN"
    assert refusal.value.code == expected


def test_the_alg_none_token_carries_the_users_claims_and_no_signature(genuine):
    header, payload, signature = forged_tokens(SECRET, 7, genuine)["alg none"].split(".")

    def decoded(part: str) -> dict:
        return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))

    assert decoded(header)["alg"] == "none" and signature == ""
    assert decoded(payload)["sub"] == "7"


def test_each_seed_invalid_user_names_a_field_of_its_body():
    for body, field in SEED_INVALID_USERS:
        assert field.removeprefix("body.") in body


def test_assert_error_body_accepts_the_format_and_refuses_anything_else():
    good = httpx.Response(401, json={"error": "Invalid token", "code": "INVALID_TOKEN"})
    assert assert_error_body(good, 401, "INVALID_TOKEN")["error"] == "Invalid token"
    for status, body in [
        (400, {"error": "x", "code": "INVALID_TOKEN"}),
        (401, {"error": "", "code": "INVALID_TOKEN"}),
        (401, {"error": "x", "code": "OTHER"}),
    ]:
        with pytest.raises(AssertionError):
            assert_error_body(httpx.Response(status, json=body), 401, "INVALID_TOKEN")
