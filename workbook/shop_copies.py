"""The web shop with one script changed, at a URL of its own: what a UI test must notice.

``with serving_shop_copy(shop_url, CART_NEVER_UPDATES) as url:`` serves a copy of the shop
at ``url``: every request is forwarded to the real shop at ``shop_url`` (pages, scripts,
the ``/api`` proxy, so the copy talks to the same services), and the answer for the one
changed file gets the change applied. ``course_app`` itself is never touched.

Each change replaces one exact piece of the real file and refuses to serve when that piece
is not found exactly once: if the shop's code moves on, the copy fails loudly instead of
quietly serving the real shop (where a test that must fail would pass).

Notebook 08 runs the learner's page object and Playwright test against these copies.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlsplit

import httpx

from course_app.webshop.pages import STATIC_DIR
from workbook.static_api import serving

PRODUCTS_SCRIPT = "/static/js/pages/products.js"
# Headers that describe one hop or the body's encoding; httpx has already decoded the body.
HOP_HEADERS = frozenset(
    {"connection", "keep-alive", "transfer-encoding", "content-encoding", "content-length"}
)
# Never answer the changed file with "304 Not Modified": the browser would use the real one.
CACHE_HEADERS = frozenset({"etag", "last-modified", "if-none-match", "if-modified-since"})


class ChangeDoesNotApply(RuntimeError):
    """The shop's file no longer holds what the change replaces."""


@dataclass(frozen=True)
class Change:
    """One exact replacement in one file the shop serves."""

    name: str
    effect: str  # what a visitor of the copy sees, in a sentence
    path: str  # the URL path of the changed file
    old: str
    new: str

    def apply(self, text: str) -> str:
        found = text.count(self.old)
        if found != 1:
            raise ChangeDoesNotApply(
                f"{self.name}: {self.path} holds {self.old!r} {found} times, not once; "
                "update workbook/shop_copies.py to the shop's current code"
            )
        return text.replace(self.old, self.new)


CART_NEVER_UPDATES = Change(
    "cart never updates",
    'the button still says "Added ✓", but nothing reaches the cart and the badge stays 0',
    PRODUCTS_SCRIPT,
    "    addToCart(product);\n",
    "    // addToCart(product);  <- the broken copy: the click no longer reaches the cart\n",
)
SLOW_CART = Change(
    "slow cart",
    "the cart is right, but it updates 1.5 s after the click (a busy browser or machine)",
    PRODUCTS_SCRIPT,
    "    addToCart(product);\n",
    "    setTimeout(() => addToCart(product), 1500);\n",
)
UNLABELLED_BUTTON = Change(
    "unlabelled button",
    'the button shows only a cart icon: nothing tells a visitor (or a screen reader) "Add to cart"',
    PRODUCTS_SCRIPT,
    'text: inStock ? "Add to cart" : "Sold out",',
    'text: inStock ? "\U0001f6d2" : "Sold out",',
)
LATE_CATALOGUE = Change(
    "late catalogue",
    "the catalogue arrives 1.5 s after the page (a slow inventory service)",
    PRODUCTS_SCRIPT,
    'const products = await api("GET", "/inventory/products");',
    "await new Promise((resolve) => setTimeout(resolve, 1500));\n"
    '  const products = await api("GET", "/inventory/products");',
)
CHANGES = (CART_NEVER_UPDATES, SLOW_CART, UNLABELLED_BUTTON, LATE_CATALOGUE)


def source_of(path: str) -> str:
    """The text of a file under /static/ as it is in course_app (for checking a change)."""
    return (STATIC_DIR / path.removeprefix("/static/")).read_text(encoding="utf-8")


def _handler(shop: httpx.Client, change: Change) -> type[BaseHTTPRequestHandler]:
    class ForwardWithChange(BaseHTTPRequestHandler):
        def _forward(self) -> None:
            changed = urlsplit(self.path).path == change.path
            skip = {"host", *HOP_HEADERS, *(CACHE_HEADERS if changed else ())}
            headers = {k: v for k, v in self.headers.items() if k.lower() not in skip}
            length = int(self.headers.get("Content-Length") or 0)
            answer = shop.request(
                self.command, self.path, headers=headers, content=self.rfile.read(length)
            )
            body = answer.content
            if changed and answer.status_code == 200:
                body = change.apply(answer.text).encode("utf-8")
            self.send_response(answer.status_code)
            for name, value in answer.headers.multi_items():
                if name.lower() not in skip:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _forward  # noqa: N815 (http.server's names)

        def log_message(self, format: str, *args: object) -> None:
            pass  # a page load is a dozen requests: keep the notebook quiet

    return ForwardWithChange


@contextmanager
def serving_shop_copy(shop_url: str, change: Change) -> Iterator[str]:
    """Serve the shop at ``shop_url`` with ``change`` applied until the block ends; yield its URL.

    Raises ChangeDoesNotApply at once when the change no longer fits the shop's code.
    """
    change.apply(source_of(change.path))
    with httpx.Client(base_url=shop_url.rstrip("/"), timeout=15) as shop:
        with serving(_handler(shop, change), f"shop copy: {change.name}") as url:
            yield url
