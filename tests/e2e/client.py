"""A small client for the end-to-end tests: one method per endpoint, straight to each service.

Methods return the raw ``httpx.Response`` so a test can assert on the status code of a
failure as easily as on the body of a success.
"""

import httpx

from course_app.provision.waiting import NotReady, poll_until


class CourseApi:
    def __init__(self, urls: dict[str, str], timeout: float = 10.0) -> None:
        self.urls = urls
        self._http = httpx.Client(timeout=timeout)

    def close(self) -> None:
        self._http.close()

    # users service
    def create_user(self, user: dict) -> httpx.Response:
        return self._http.post(f"{self.urls['users']}/users", json=user)

    def get_user(self, user_id: int) -> httpx.Response:
        return self._http.get(f"{self.urls['users']}/users/{user_id}")

    def token(self, email: str, password: str) -> httpx.Response:
        return self._http.post(f"{self.urls['users']}/auth/token",
                               json={"email": email, "password": password})

    def user_orders(self, user_id: int) -> httpx.Response:
        return self._http.get(f"{self.urls['users']}/users/{user_id}/orders")

    # inventory service
    def create_product(self, product: dict, token: str | None = None) -> httpx.Response:
        return self._http.post(f"{self.urls['inventory']}/products", json=product,
                               headers=_bearer(token))

    def get_product(self, product_id: str) -> httpx.Response:
        return self._http.get(f"{self.urls['inventory']}/products/{product_id}")

    # orders service
    def place_order(self, order: dict, token: str | None) -> httpx.Response:
        return self._http.post(f"{self.urls['orders']}/orders", json=order,
                               headers=_bearer(token))

    def get_order(self, order_id: str) -> httpx.Response:
        return self._http.get(f"{self.urls['orders']}/orders/{order_id}")

    # the asynchronous part of the flow
    def wait_until_settled(self, order_id: str, timeout: float = 30.0) -> dict:
        """Poll GET /orders/{id} until the order leaves "pending"; return it.

        Inventory answers over RabbitMQ, so "confirmed" comes a little after 201. Polling
        returns as soon as it happens; a fixed sleep would be slow or flaky.
        """
        def settled() -> dict:
            order = self.get_order(order_id).json()
            if order["status"] == "pending":
                raise NotReady(f"order {order_id} is still pending")
            return order

        return poll_until(settled, timeout, f"order {order_id}")


def _bearer(token: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"} if token else {}
