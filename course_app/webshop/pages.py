"""The shop's HTML pages: one shared layout, one small fragment and one script per page.

Pages are static: every piece of user data is filled in by the page's script with
``textContent``, never by the server and never as HTML.
"""

from dataclasses import dataclass
from pathlib import Path
from string import Template

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

STATIC_DIR = Path(__file__).parent / "static"


@dataclass(frozen=True)
class Page:
    path: str
    title: str
    fragment: str  # file in static/pages/, the content of <main>
    script: str  # module in static/js/pages/


PAGES = (
    Page("/", "Products", "products.html", "products.js"),
    Page("/products", "Products", "products.html", "products.js"),
    Page("/register", "Create an account", "register.html", "register.js"),
    Page("/login", "Log in", "login.html", "login.js"),
    Page("/dashboard", "Your account", "dashboard.html", "dashboard.js"),
    Page("/cart", "Your cart", "cart.html", "cart.js"),
    Page("/checkout", "Checkout", "checkout.html", "checkout.js"),
)


def render(page: Page) -> str:
    layout = Template((STATIC_DIR / "layout.html").read_text(encoding="utf-8"))
    return layout.substitute(
        title=page.title,
        content=(STATIC_DIR / "pages" / page.fragment).read_text(encoding="utf-8"),
        script=page.script,
    )


def build_router() -> APIRouter:
    """One GET route per page; each page is rendered once, when the app is built."""
    router = APIRouter()
    for page in PAGES:
        router.add_api_route(
            page.path,
            _serve(render(page)),
            methods=["GET"],
            response_class=HTMLResponse,
            include_in_schema=False,
        )
    return router


def _serve(html: str):
    async def serve_page() -> HTMLResponse:
        return HTMLResponse(html)

    return serve_page
