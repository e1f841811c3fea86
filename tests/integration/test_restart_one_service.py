"""RunningSystem.stop/start/restart: one service comes back on its port, with its log
continued, and a failed start says why.

A stand-in service (a tiny HTTP server answering /health) keeps these fast: what is tested
is the launcher's side; test_process_dies.py restarts the real services.
"""

import os
import signal
import sys
import textwrap
from collections.abc import Iterator

import httpx
import pytest

from course_app.provision.ports import free_port
from course_app.provision.supervisor import ProcessSupervisor
from course_app.provision.waiting import poll_until
from course_app.system import RunningSystem, SystemStartError
from course_app.system.demo_data import AdminAccount

pytestmark = [pytest.mark.integration, pytest.mark.service("system")]

STAND_IN = textwrap.dedent("""
    import http.server, sys
    class Health(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200 if self.path == "/health" else 404)
            self.end_headers()
        def log_message(self, *args):
            pass
    print("listening", flush=True)
    http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Health).serve_forever()
""")


@pytest.fixture
def system(tmp_path, monkeypatch) -> Iterator[RunningSystem]:
    """A RunningSystem of one stand-in service, "shop", already started."""
    monkeypatch.setenv("COURSE_SERVICES_DIR", str(tmp_path))
    port = free_port()
    processes = ProcessSupervisor("test")
    try:
        system = RunningSystem(
            urls={"shop": f"http://127.0.0.1:{port}"},
            admin=AdminAccount.generate(),
            database_url="postgresql://unused",
            amqp_url="amqp://unused",
            jwt_secret="unused",
            _processes=processes,
            _commands={"shop": [sys.executable, "-c", STAND_IN, str(port)]},
            _env=dict(os.environ),
        )
        system.start("shop")
        yield system
    finally:
        processes.close(grace=2)


def test_restart_comes_back_on_the_same_port_with_the_log_continued(system) -> None:
    first = system.pid("shop")

    assert system.restart("shop") < 30

    assert system.pid("shop") != first
    assert httpx.get(f"{system.urls['shop']}/health").status_code == 200
    assert system.logs("shop").splitlines() == ["listening", "listening"]


def test_a_killed_service_is_reported_then_started_again(system) -> None:
    os.kill(system.pid("shop"), signal.SIGKILL)
    assert poll_until(lambda: system.exited()["shop"], 10, "the kill") == -signal.SIGKILL
    system.stop("shop")  # a dead service: only reaped

    assert system.exited() == {}
    with pytest.raises(LookupError, match="shop service is not running"):
        system.pid("shop")
    system.start("shop")
    assert httpx.get(f"{system.urls['shop']}/health").status_code == 200


def test_a_service_that_dies_while_starting_fails_with_its_log(system) -> None:
    system.stop("shop")
    # The same service, now with a command that exits at once (a broken set-up, say).
    system._commands["shop"] = [sys.executable, "-c", "print('no config'); raise SystemExit(3)"]

    with pytest.raises(SystemStartError) as failed:
        system.start("shop", timeout=30)

    assert "the shop service exited with code 3 while starting" in failed.value.summary
    assert "no config" in failed.value.details


def test_wrong_calls_say_what_is_wrong(system) -> None:
    with pytest.raises(ValueError, match="no service 'oders'; the system has shop"):
        system.restart("oders")
    with pytest.raises(RuntimeError, match="shop is already running"):
        system.start("shop")  # a second copy would be lost track of, and never stopped
