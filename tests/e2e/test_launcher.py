"""`python -m course_app`: clear one-line errors, and nothing left running after it stops."""

import os
import re
import signal
import socket
import subprocess
import sys

import httpx
import psutil
import pytest

from course_app.launcher import main
from course_app.provision.waiting import NotReady, poll_until

pytestmark = [pytest.mark.e2e, pytest.mark.service("system")]

STOP_TIMEOUT_SECONDS = 30


@pytest.fixture
def busy_port():
    """A port another program is listening on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def start_cli(request, tmp_path, servers, env: dict | None = None):
    """Start the launcher as a learner would, on the session's PostgreSQL and RabbitMQ
    (``servers``); its output goes to a file we can poll."""
    postgres, rabbitmq = servers
    output = tmp_path / "launcher.out"
    with open(output, "wb") as sink:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "course_app",
                "run",
                "--ports",
                "auto",
                "--isolated",
                "--no-seed",
                "--postgres-url",
                postgres.url,
                "--rabbitmq-url",
                rabbitmq.url,
            ],
            cwd=request.config.rootpath,
            stdout=sink,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )
    return process, output


def test_busy_port_is_refused_in_one_line_naming_the_flag(busy_port, capsys):
    code = main(
        [
            "--ports",
            "auto",
            "--orders-port",
            str(busy_port),
            "--postgres-url",
            "postgresql://unused",
            "--rabbitmq-url",
            "amqp://unused",
        ]
    )
    assert code == 1
    error_lines = capsys.readouterr().err.splitlines()
    assert len(error_lines) == 1
    assert f"port {busy_port}" in error_lines[0]
    assert "--orders-port" in error_lines[0]


def test_sigterm_stops_the_system_and_every_process_it_started(
    request, tmp_path, postgres_service, rabbitmq_service
):
    cli, output = start_cli(request, tmp_path, (postgres_service, rabbitmq_service))
    try:
        text = poll_until(
            lambda: _when_running(output),
            90,
            "the launcher",
            still_starting=lambda: cli.poll() is None,
        )
        shop_url = next(line.split()[-1] for line in text.splitlines() if "web shop" in line)
        assert httpx.get(f"{shop_url}/health").status_code == 200
        started = psutil.Process(cli.pid).children(recursive=True)
        assert len(started) >= 4  # the four services (plus reapers)
    finally:
        cli.send_signal(signal.SIGTERM)
        code = cli.wait(timeout=STOP_TIMEOUT_SECONDS)
    assert code == 0, output.read_text()
    _, alive = psutil.wait_procs(started, timeout=5)
    assert alive == []
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{shop_url}/health")


def _when_running(output) -> str:
    text = output.read_text()
    if "Press Ctrl-C" not in text:
        raise NotReady("still starting")
    return text


def test_service_that_fails_to_start_shows_its_log_and_exits_nonzero(
    request, tmp_path, postgres_service, rabbitmq_service
):
    # An invalid setting makes every service that checks tokens exit at start (all three);
    # the launcher reports the first one to go, with its log.
    cli, output = start_cli(
        request, tmp_path, (postgres_service, rabbitmq_service), env={"ACCESS_TOKEN_MINUTES": "0"}
    )
    code = cli.wait(timeout=120)
    text = output.read_text()
    assert code == 1, text
    last_line = text.strip().splitlines()[-1]
    failed = re.match(r"error: the (\w+) service exited with code 1", last_line)
    assert failed and failed[1] in {"users", "orders", "inventory"}, last_line
    assert f"--- last lines of {failed[1]}.log ---" in text
    assert "ACCESS_TOKEN_MINUTES" in text  # the cause, from the service's own log


def test_a_free_port_taken_before_the_service_binds_it_is_replaced(
    busy_port, monkeypatch, postgres_service, rabbitmq_service
):
    """Free ports are picked before the services start; another program can take one in
    between (two notebooks starting systems at once do). The launcher picks again."""
    from course_app.system import runner

    real_resolve = runner.resolve_ports
    maps = []

    def first_map_has_a_taken_port(requested, host):
        port_map = real_resolve(requested, host)
        if not maps:
            port_map["webshop"] = busy_port  # as if someone took it after it was chosen
        maps.append(port_map)
        return port_map

    monkeypatch.setattr(runner, "resolve_ports", first_map_has_a_taken_port)

    with runner.run_system(
        ports="auto",
        seed=False,
        isolated=True,
        rate_limit="test",
        postgres_url=postgres_service.url,
        rabbitmq_url=rabbitmq_service.url,
    ) as system:
        assert httpx.get(f"{system.urls['webshop']}/health", timeout=5).status_code == 200
        assert system.urls["webshop"] != f"http://127.0.0.1:{busy_port}"
    assert len(maps) == 2
