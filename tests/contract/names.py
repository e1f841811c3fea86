"""Who the contracts are between, and where their pact files live: written down once.

A Pact verifier looks up interactions by consumer and provider name. A verifier given a
name that is not in the pact file does not fail: it verifies nothing and reports
success. So the consumer tests, the provider tests and the notebooks all take the names
from here, and every verification also checks that it verified something
(``verification.verified_interactions``).
"""

from pathlib import Path

ORDER_SERVICE = "order-service"
USER_SERVICE = "user-service"
INVENTORY_SERVICE = "inventory-service"

PACTS_DIR = Path(__file__).resolve().parents[2] / "pacts"

# (consumer, provider) of every contract the consumer tests write.
CONTRACTS = (
    (ORDER_SERVICE, USER_SERVICE),  # HTTP: GET /users/{id}
    (ORDER_SERVICE, INVENTORY_SERVICE),  # HTTP: GET /products/{id}
    (INVENTORY_SERVICE, ORDER_SERVICE),  # message: order.placed
    (USER_SERVICE, ORDER_SERVICE),  # HTTP: GET /orders?user_id=, with the caller's token
)


def pact_file(consumer: str, provider: str) -> Path:
    """The file pact-python writes for this pair (its own naming: consumer-provider)."""
    return PACTS_DIR / f"{consumer}-{provider}.json"
