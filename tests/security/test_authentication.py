"""Authentication and authorisation (seed section 7, plus JWT tampering).

The seed sends every request to :8080; here POST /orders belongs to the orders service,
which checks the same tokens (the launcher gives users and orders one JWT secret). The
seed's end-to-end test places orders without a token: in this app that is a 401.
"""

import pytest

from workbook.attacks import FORGERIES, PROTECTED_ENDPOINTS, assert_error_body, forged_tokens
from workbook.testing import new_product

pytestmark = [
    pytest.mark.security,
    # Forgers use weak keys on purpose (the seed signs with the word 'secret').
    pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning"),
]

ORDER = {"items": [{"product_id": "PROD123", "quantity": 1}]}


def _body(method: str) -> dict | None:
    return {} if method in ("POST", "PUT") else None


@pytest.mark.parametrize(
    ("service", "method", "path"),
    PROTECTED_ENDPOINTS,
    ids=[f"{m} {p}" for _, m, p in PROTECTED_ENDPOINTS],
)
def test_protected_endpoints_require_a_token(http, urls, service, method, path):
    response = http.request(method, f"{urls[service]}{path}", json=_body(method))

    assert_error_body(response, 401, "NOT_AUTHENTICATED")


def test_only_an_administrator_adds_to_the_catalogue(http, urls, customer, admin):
    product = new_product()
    refused = http.post(f"{urls['inventory']}/products", json=product, headers=customer.auth)
    assert_error_body(refused, 403, "ADMIN_ONLY")
    assert http.get(f"{urls['inventory']}/products/{product['id']}").status_code == 404
    added = http.post(f"{urls['inventory']}/products", json=product, headers=admin.auth)
    assert added.status_code == 201, added.text


def test_users_may_not_change_another_account(http, urls, make_account):
    alice, bob = make_account(), make_account()

    changed = http.put(
        f"{urls['users']}/users/{bob.id}", json={"name": "Hijacked"}, headers=alice.auth
    )
    deleted = http.delete(f"{urls['users']}/users/{bob.id}", headers=alice.auth)

    assert_error_body(changed, 403)
    assert_error_body(deleted, 403)
    assert http.get(f"{urls['users']}/users/{bob.id}").json()["name"] == bob.user["name"]


def test_users_may_change_their_own_account(http, urls, customer):
    response = http.put(
        f"{urls['users']}/users/{customer.id}", json={"name": "Renamed"}, headers=customer.auth
    )
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

    response = http.post(
        f"{urls['orders']}/orders", json={**ORDER, "user_id": bob.id}, headers=alice.auth
    )

    assert_error_body(response, 403)


# ---- JWT validation: each forged token is wrong in exactly one way ----


def test_a_genuine_token_is_accepted(http, urls, customer):
    """The control for the forgeries below: their 401 is about the token, nothing else."""
    profile = http.get(f"{urls['users']}/users/profile", headers=customer.auth)
    order = http.post(
        f"{urls['orders']}/orders", json={**ORDER, "user_id": customer.id}, headers=customer.auth
    )

    assert profile.status_code == 200 and profile.json()["id"] == customer.id
    assert order.status_code == 201, order.text


@pytest.mark.parametrize("forgery", FORGERIES)
def test_forged_tokens_are_refused_by_users(http, urls, jwt_secret, customer, forgery):
    token = forged_tokens(jwt_secret, customer.id, customer.token)[forgery]

    profile = http.get(
        f"{urls['users']}/users/profile", headers={"Authorization": f"Bearer {token}"}
    )
    admin_list = http.get(
        f"{urls['users']}/admin/users", headers={"Authorization": f"Bearer {token}"}
    )

    code = "TOKEN_EXPIRED" if forgery == "expired" else None
    assert_error_body(profile, 401, code)
    assert_error_body(admin_list, 401, code)


@pytest.mark.parametrize("forgery", FORGERIES)
def test_forged_tokens_are_refused_by_orders(http, urls, jwt_secret, customer, forgery):
    token = forged_tokens(jwt_secret, customer.id, customer.token)[forgery]

    response = http.post(
        f"{urls['orders']}/orders",
        json={**ORDER, "user_id": customer.id},
        headers={"Authorization": f"Bearer {token}"},
    )

    assert_error_body(response, 401)
