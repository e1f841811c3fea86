"""A client of the shop's three services, sync and async: one method per endpoint, plus the
journeys every client repeats (register, log in, add a product, wait for an order to settle).

    with ShopClient(system.urls) as shop:
        admin = shop.log_in(system.admin.email, system.admin.password)
        product = shop.add_product({"id": "MUG-1", "name": "Mug", "price": 9.5, "quantity": 3}, admin)
        customer = shop.register({"name": "Ada", "email": "ada@example.com", "password": "..."})
        shop.place_order({"user_id": customer.id, "items": [...]}, customer.token)

Endpoint methods return the raw ``httpx.Response``; journeys check every step and raise
``ShopError`` naming the call that failed. The end-to-end, integration, security and
performance suites, the demo data and the benchmarks all use it.
"""

from course_app.shop_client.clients import AsyncShopClient, ShopClient
from course_app.shop_client.endpoints import ShopEndpoints
from course_app.shop_client.journeys import Account, ShopError

__all__ = ["Account", "AsyncShopClient", "ShopClient", "ShopEndpoints", "ShopError"]
