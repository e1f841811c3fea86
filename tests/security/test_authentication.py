"""Authentication and authorisation (seed section 7, plus JWT tampering).

The seed sends every request to :8080; here POST /orders belongs to the orders service,
which checks the same tokens (the launcher gives users and orders one JWT secret). The
seed's end-to-end test places orders without a token: in this app that is a 401.
"""

import base64
import json
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from .accounts import assert_error_body

pytestmark = [
    pytest.mark.security,
    # Forgers use weak keys on purpose (the seed signs with the word 'secret').
    pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning"),
]

PROTECTED = [  # (service, method, path): the seed's list, each on the service that owns it
    ("users", "GET", "/users/profile"),
    ("users", "PUT", "/users/1"),
    ("users", "DELETE", "/users/1"),
    ("users", "GET", "/admin/users"),
    ("orders", "POST", "/orders"),
]
ORDER = {"items": [{"product_id": "PROD123", "quantity": 1}]}


def _body(method: str) -> dict | None:
    return {} if method in ("POST", "PUT") else None


@pytest.mark.parametrize(("service", "method", "path"), PROTECTED,
                         ids=[f"{m} {p}" for _, m, p in PROTECTED])
def test_protected_endpoints_require_a_token(http, urls, service, method, path):
    response = http.request(method, f"{urls[service]}{path}", json=_body(method))

    assert_error_body(response, 401, "NOT_AUTHENTICATED")


def test_users_may_not_change_another_account(http, urls, make_account):
    alice, bob = make_account(), make_account()

    changed = http.put(f"{urls['users']}/users/{bob.id}", json={"name": "Hijacked"},
                       headers=alice.auth)
    deleted = http.delete(f"{urls['users']}/users/{bob.id}", headers=alice.auth)

    assert_error_body(changed, 403)
    assert_error_body(deleted, 403)
    assert http.get(f"{urls['users']}/users/{bob.id}").json()["name"] == bob.user["name"]


def test_users_may_change_their_own_account(http, urls, customer):
    response = http.put(f"{urls['users']}/users/{customer.id}", json={"name": "Renamed"},
                        headers=customer.auth)
    assert response.status_code == 200, response.text
    assert response.json()["name"] == "Renamed"


def test_only_admins_list_all_users(http, urls, customer, admin):
    refused = http.get(f"{urls['users']}/admin/users", headers=customer.auth)
    allowed = http.get(f"{urls['users']}/admin/users", headers=admin.auth)

    assert_error_body(refused, 403)
    assert allowed.status_code == 200, allowed.text
    assert customer.id in [user["id"] for user in allowed.json()]


def test_users_may_not_order_for_someone_else(http, urls, make_account):
    alice, bob = make_account(), make_account()

    response = http.post(f"{urls['orders']}/orders", json={**ORDER, "user_id": bob.id},
                         headers=alice.auth)

    assert_error_body(response, 403)


# ---- JWT validation: each forged token is wrong in exactly one way ----

def _claims(user_id: int, **overrides: object) -> dict:
    now = datetime.now(UTC)
    return {"sub": str(user_id), "role": "user", "iat": now, "exp": now + timedelta(minutes=5),
            **overrides}


def _b64(data: dict) -> str:
    raw = json.dumps(data, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _with_payload(token: str, **changes: object) -> str:
    """The same header and signature around a changed payload."""
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return ".".join([header, _b64({**claims, **changes}), signature])


def forged_tokens(secret: str, user_id: int, genuine: str) -> dict[str, str]:
    hour = timedelta(hours=1)
    unsigned = _claims(user_id, iat=int(datetime.now(UTC).timestamp()),
                       exp=int((datetime.now(UTC) + hour).timestamp()))
    return {
        "garbage": "invalid.jwt.token",
        "not a jwt": "not-a-jwt-at-all",
        # the seed's expired token: its own claim names, signed with the word 'secret'
        "seed expired": jwt.encode({"user_id": user_id, "exp": datetime.now(UTC) - hour},
                                   "secret", algorithm="HS256"),
        "expired": jwt.encode(_claims(user_id, exp=datetime.now(UTC) - hour), secret,
                              algorithm="HS256"),
        "wrong signature": jwt.encode(_claims(user_id), "not-the-secret", algorithm="HS256"),
        "alg none": f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(unsigned)}.",
        "other algorithm": jwt.encode(_claims(user_id), secret, algorithm="HS512"),
        "no exp claim": jwt.encode({"sub": str(user_id), "iat": datetime.now(UTC)}, secret,
                                   algorithm="HS256"),
        "tampered role": _with_payload(genuine, role="admin"),
        "tampered subject": _with_payload(genuine, sub="1"),
    }


FORGERIES = ["garbage", "not a jwt", "seed expired", "expired", "wrong signature", "alg none",
             "other algorithm", "no exp claim", "tampered role", "tampered subject"]


def test_a_genuine_token_is_accepted(http, urls, customer):
    """The control for the forgeries below: their 401 is about the token, nothing else."""
    profile = http.get(f"{urls['users']}/users/profile", headers=customer.auth)
    order = http.post(f"{urls['orders']}/orders", json={**ORDER, "user_id": customer.id},
                      headers=customer.auth)

    assert profile.status_code == 200 and profile.json()["id"] == customer.id
    assert order.status_code == 201, order.text


@pytest.mark.parametrize("forgery", FORGERIES)
def test_forged_tokens_are_refused_by_users(http, urls, jwt_secret, customer, forgery):
    token = forged_tokens(jwt_secret, customer.id, customer.token)[forgery]

    profile = http.get(f"{urls['users']}/users/profile",
                       headers={"Authorization": f"Bearer {token}"})
    admin_list = http.get(f"{urls['users']}/admin/users",
                          headers={"Authorization": f"Bearer {token}"})

    code = "TOKEN_EXPIRED" if forgery == "expired" else None
    assert_error_body(profile, 401, code)
    assert_error_body(admin_list, 401, code)


@pytest.mark.parametrize("forgery", FORGERIES)
def test_forged_tokens_are_refused_by_orders(http, urls, jwt_secret, customer, forgery):
    token = forged_tokens(jwt_secret, customer.id, customer.token)[forgery]

    response = http.post(f"{urls['orders']}/orders", json={**ORDER, "user_id": customer.id},
                         headers={"Authorization": f"Bearer {token}"})

    assert_error_body(response, 401)
