"""Who a request comes from, for the rate limit: the peer address, or a shopper the web shop vouches for.

Every shopper reaches the services through the web shop's proxy, so the services see one
peer address for all of them, and one shopper's burst would use up everyone's allowance.
The proxy therefore names the shopper's own address in a header, signed with a secret only
the proxy and the services hold (``CLIENT_IDENTITY_SECRET``). A service believes the header
only when the signature verifies; from anyone else it is ignored, so a client cannot claim a
fresh address per request (the bypass ``X-Forwarded-For`` allowed, see notebook 12).
"""

import hashlib
import hmac

from starlette.types import ASGIApp, Receive, Scope, Send

HEADER = "x-shop-client"


def _signature(client: str, secret: str) -> str:
    return hmac.new(secret.encode(), client.encode(), hashlib.sha256).hexdigest()


def vouch(client: str, secret: str) -> str:
    """The header value the proxy sends for ``client``: the address and its signature."""
    return f"{client} {_signature(client, secret)}"


def vouched_client(value: str, secret: str) -> str | None:
    """The client a header value names, or None when its signature does not verify."""
    client, _, signature = value.rpartition(" ")
    if not client or not hmac.compare_digest(signature, _signature(client, secret)):
        return None
    return client


class VouchedClientMiddleware:
    """Puts a client the proxy vouched for in place of the peer address (``scope["client"]``).

    It must run before the rate limit, which keys on ``scope["client"]``. Without a secret it
    changes nothing: a service reached directly keys on the peer address, as before.
    """

    def __init__(self, app: ASGIApp, secret: str | None) -> None:
        self.app = app
        self.secret = secret

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.secret:
            value = dict(scope["headers"]).get(HEADER.encode())
            client = vouched_client(value.decode("latin-1"), self.secret) if value else None
            if client is not None:
                scope = {**scope, "client": (f"shop:{client}", 0)}
        await self.app(scope, receive, send)
