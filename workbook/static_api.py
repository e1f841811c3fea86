"""A stand-in HTTP API that answers fixed JSON by path: the broken service a check needs.

``with serving_json({"/products": [...]}) as url:`` serves each path's JSON with 200 (the
query string is ignored) and ``{"error": "Not found", "code": "NOT_FOUND"}`` with 404 for any
other path, from a thread of this process on a free port of 127.0.0.1. Leaving the block
stops the server and closes its socket. It exists so a check can point a learner's client,
locustfile or test at a service that answers 200 with nonsense, and see it notice.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

NOT_FOUND = {"error": "Not found", "code": "NOT_FOUND"}


def _handler(routes: Mapping[str, object]) -> type[BaseHTTPRequestHandler]:
    class FixedAnswers(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            path = urlsplit(self.path).path
            status, body = (200, routes[path]) if path in routes else (404, NOT_FOUND)
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: object) -> None:
            pass  # a load test sends hundreds of requests: keep the notebook quiet

    return FixedAnswers


@contextmanager
def serving_json(routes: Mapping[str, object]) -> Iterator[str]:
    """Serve ``routes`` (path -> JSON body) until the block ends; yields the base URL."""
    with serving(_handler(dict(routes)), "serving_json") as url:
        yield url


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler], name: str) -> Iterator[str]:
    """Serve ``handler`` from a thread on a free port of 127.0.0.1 until the block ends."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
