"""Security headers on every answer of the web shop: pages, static files and the API proxy.

The pages load only the shop's own scripts and styles and fill in user data with
``textContent`` (see pages.py), so the policy can forbid every inline script and style: an
injected ``<script>`` or ``onerror=`` would not run even if some bug let one through.
"""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",  # no other site may frame the shop (clickjacking)
    )
)
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",  # a file is only ever what its Content-Type says
    "referrer-policy": "no-referrer",  # page addresses never leak to other sites
    "x-frame-options": "DENY",  # frame-ancestors, for browsers that predate it
}


class SecurityHeaders:
    """ASGI middleware: adds SECURITY_HEADERS to every HTTP response it passes on."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []),
                    *((name.encode(), value.encode()) for name, value in SECURITY_HEADERS.items()),
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)
