"""What an attacker sends: the payloads and forged tokens of the course's security tests.

One copy of each list, shared by the reference suite (``tests/security``) and notebooks 11 and 12,
so both attack the app with the same strings. Also the attacker's first step, a customer
account made through the public API (with the course's shop client), and the check that a
refusal has the course's error format (``{"error", "code"}``).
"""

import base64
import json
import warnings
from datetime import UTC, datetime, timedelta

import httpx
import jwt
from jwt.warnings import InsecureKeyLengthWarning

from course_app.shop_client import Account, ShopClient
from workbook.testing import new_user

# The seed's four, plus a LIKE wildcard: a character to look for, not "match everything".
SQL_INJECTION_PAYLOADS = [
    "'; DROP TABLE users; --",
    "' OR '1'='1",
    "' UNION SELECT * FROM users --",
    "'; INSERT INTO users (name) VALUES ('hacker'); --",
    "%",
]
XSS_PAYLOADS = [
    "<script>alert('XSS')</script>",
    "javascript:alert('XSS')",
    "<img src=x onerror=alert('XSS')>",
    "'; alert('XSS'); //",
]
# What a database error or a stack trace would leak into a response (compare lower-cased).
LEAK_MARKERS = ("sql", "syntax", "psycopg", "postgres", "traceback", "select ", "database")
TRACE_MARKERS = ("Traceback", 'File "', "psycopg", "SELECT ", "INSERT ", "sqlalchemy")
HASH_MARKER = "$argon2"  # how every stored password hash starts

# The seed's five invalid users, each with the field the answer must blame. The seed's
# {'name': 'Test', 'age': -5} also lacks an email: the age must be among the faults named.
SEED_INVALID_USERS = [
    ({"name": "", "email": "invalid-email"}, "body.email"),
    ({"name": "A" * 1000, "email": "test@example.com"}, "body.name"),
    ({"name": "Test", "email": ""}, "body.email"),
    ({"name": "Test", "age": -5}, "body.age"),
    ({"name": "Test", "age": "not_a_number"}, "body.age"),
]

# (service, method, path): the seed's list, each on the service that owns it.
PROTECTED_ENDPOINTS = [
    ("users", "GET", "/users/profile"),
    ("users", "PUT", "/users/1"),
    ("users", "DELETE", "/users/1"),
    ("users", "GET", "/admin/users"),
    ("orders", "POST", "/orders"),
    ("inventory", "POST", "/products"),
]


# ---- forged JWTs: each is wrong in exactly one way ----


def token_claims(user_id: int, **overrides: object) -> dict:
    """The claims the users service puts in a token, valid for five minutes."""
    now = datetime.now(UTC)
    return {
        "sub": str(user_id),
        "role": "user",
        "iat": now,
        "exp": now + timedelta(minutes=5),
        **overrides,
    }


def b64url_json(data: dict) -> str:
    """One part of a JWT: compact JSON, base64url without padding."""
    raw = json.dumps(data, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def with_payload(token: str, **changes: object) -> str:
    """The same header and signature around a changed payload."""
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return ".".join([header, b64url_json({**claims, **changes}), signature])


FORGERIES = [
    "garbage",
    "not a jwt",
    "seed expired",
    "expired",
    "wrong signature",
    "alg none",
    "other algorithm",
    "no exp claim",
    "tampered role",
    "tampered subject",
]


def forged_tokens(secret: str, user_id: int, genuine: str) -> dict[str, str]:
    """{forgery: token} for every name in FORGERIES; ``genuine`` is a real token of the user."""
    hour, now = timedelta(hours=1), datetime.now(UTC)
    unsigned = token_claims(user_id, iat=int(now.timestamp()), exp=int((now + hour).timestamp()))
    with warnings.catch_warnings():  # weak keys on purpose: the seed signs with 'secret'
        warnings.simplefilter("ignore", InsecureKeyLengthWarning)
        return {
            "garbage": "invalid.jwt.token",
            "not a jwt": "not-a-jwt-at-all",
            # the seed's expired token: its own claim names, signed with the word 'secret'
            "seed expired": jwt.encode(
                {"user_id": user_id, "exp": now - hour}, "secret", algorithm="HS256"
            ),
            "expired": jwt.encode(token_claims(user_id, exp=now - hour), secret, algorithm="HS256"),
            "wrong signature": jwt.encode(
                token_claims(user_id), "not-the-secret", algorithm="HS256"
            ),
            "alg none": f"{b64url_json({'alg': 'none', 'typ': 'JWT'})}.{b64url_json(unsigned)}.",
            "other algorithm": jwt.encode(token_claims(user_id), secret, algorithm="HS512"),
            "no exp claim": jwt.encode(
                {"sub": str(user_id), "iat": now}, secret, algorithm="HS256"
            ),
            "tampered role": with_payload(genuine, role="admin"),
            "tampered subject": with_payload(genuine, sub="1"),
        }


# ---- an account, made as any client would ----


def register(http: httpx.Client, users_url: str, **overrides: object) -> Account:
    """A new customer (unique data from ``new_user``), signed up and logged in."""
    return ShopClient({"users": users_url}, http=http).register(new_user(**overrides))


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
