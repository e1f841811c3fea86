"""``run_system``: the whole system as one context manager.

Order matters both ways: PostgreSQL and RabbitMQ first, then the services, then demo
data; on the way out the services stop first and the servers they used last. While it
runs, one service can be stopped and started again (``RunningSystem.restart``): on the
same port, with the same settings, its log continued.
"""

import secrets
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from course_app.provision.supervisor import ProcessSupervisor
from course_app.system.database import fresh_database
from course_app.system.demo_data import AdminAccount, add_demo_data
from course_app.system.environment import Messaging, service_environment
from course_app.system.health import SystemStartError, wait_until_healthy
from course_app.system.service_ports import resolve_ports
from course_app.system.services import SERVICES

PORT_ATTEMPTS = 3  # fresh free ports to try when another program takes one first
STOP_GRACE_SECONDS = 10.0  # uvicorn finishes open requests, then we stop waiting

__all__ = ["RunningSystem", "SystemStartError", "run_system"]


@dataclass
class RunningSystem:
    urls: dict[str, str]  # users, orders, inventory, webshop -> "http://127.0.0.1:<port>"
    admin: AdminAccount  # the administrator the launcher created (products need one)
    database_url: str
    amqp_url: str
    jwt_secret: str  # the services sign tokens with it: security lessons forge tokens with it
    _processes: ProcessSupervisor
    _commands: dict[str, list[str]]  # how each service was started: a restart runs the same
    _env: dict[str, str]

    def pid(self, name: str) -> int:
        """The process id of a running service (to watch it, or to kill it in a lesson)."""
        name = self._known(name)
        for ref in self._processes.refs():
            if ref.role == name:
                return ref.pid
        raise LookupError(f"the {name} service is not running (start it with start({name!r}))")

    def stop(self, name: str, grace: float = STOP_GRACE_SECONDS) -> None:
        """Stop one service (SIGTERM: it finishes open requests; SIGKILL after `grace` s).
        A service that is not running, or died on its own, is left as it is."""
        self._processes.stop_one(self._known(name), grace)

    def start(self, name: str, timeout: float = 60.0) -> float:
        """Start a stopped (or crashed) service again, on its port, with its settings and
        its log continued; return the seconds until it answered /health.

        Raises SystemStartError, with the last lines of its log, when it exits first or
        does not answer within `timeout` s.
        """
        started = time.monotonic()
        self._processes.start(self._known(name), self._commands[name], self._env)
        wait_until_healthy(self._processes, {name: self.urls[name]}, timeout)
        return time.monotonic() - started

    def restart(self, name: str, timeout: float = 60.0) -> float:
        """stop(name), then start(name): the seconds until it answered /health again."""
        self.stop(name)
        return self.start(name, timeout)

    def _known(self, name: str) -> str:
        if name not in self._commands:
            raise ValueError(f"no service {name!r}; the system has {', '.join(self._commands)}")
        return name

    def log_path(self, name: str) -> Path:
        """The log file of a service (removed when the system stops, unless log_dir)."""
        return self._processes.log_path(name)

    def logs(self, name: str) -> str:
        return self.log_path(name).read_text(errors="replace")

    def log_tail(self, name: str, lines: int = 20) -> str:
        return self._processes.log_tail(name, lines)

    def exited(self) -> dict[str, int]:
        """Services that stopped on their own (a crash), with their exit codes."""
        return self._processes.exited()


@contextmanager
def run_system(
    *,
    ports: str | Mapping[str, int] = "default",
    host: str = "127.0.0.1",
    postgres_url: str | None = None,
    rabbitmq_url: str | None = None,
    seed: bool = True,
    rate_limit: str = "default",
    test_hooks: bool = False,
    isolated: bool = False,
    log_dir: Path | None = None,
    startup_timeout: float = 60.0,
    report: Callable[[str], None] = lambda message: None,
) -> Iterator[RunningSystem]:
    """Start everything, yield a RunningSystem once every /health answers, stop it all.

    ports: "default" (8080-8082, 3000), "auto" (free ports) or {service: port}, 0 = free.
    postgres_url / rabbitmq_url: use these servers; otherwise the provisioning layer
        finds or starts one (COURSE_POSTGRES_URL / COURSE_RABBITMQ_URL are honoured).
    rate_limit: "default" (the services' strict limit), "test" or "load".
    isolated: a fresh database, exchange and queue names, for tests on shared servers.
    seed: add the demo products (an admin account is always made: only an admin adds products).
    report: called with one line per step, e.g. ``print``.
    """
    port_map = resolve_ports(ports, host)  # before starting anything: fail fast on a busy port
    with ExitStack() as stack:
        database_url = postgres_url or _provision(stack, "PostgreSQL", report)
        amqp_url = rabbitmq_url or _provision(stack, "RabbitMQ", report)
        messaging = Messaging()
        if isolated:
            database_url = stack.enter_context(fresh_database(database_url))
            run_id = secrets.token_hex(4)
            messaging = Messaging(exchange=f"course.events.{run_id}", queue_prefix=f"{run_id}.")
        # Always an admin: only an administrator may add products. seed adds the demo products.
        admin = AdminAccount.generate()
        for attempt in range(1, PORT_ATTEMPTS + 1):
            urls = _urls(port_map, host)
            env = service_environment(
                urls=urls,
                database_url=database_url,
                amqp_url=amqp_url,
                messaging=messaging,
                rate_limit=rate_limit,
                test_hooks=test_hooks,
                admin=(admin.email, admin.password),
            )
            commands = {s.name: s.command(host, port_map[s.name]) for s in SERVICES}
            processes = ProcessSupervisor("system", log_dir)
            try:
                report("Starting the services...")
                for name, command in commands.items():
                    processes.start(name, command, env)
                wait_until_healthy(processes, urls, startup_timeout)
                break
            except SystemStartError as error:
                processes.close()
                # A free port is picked before its service binds it; on a busy machine another
                # program can take it in between. Then pick again (requested ports that are
                # taken by now make resolve_ports fail with a clear message instead).
                if attempt == PORT_ATTEMPTS or "address already in use" not in str(error).lower():
                    raise
                report("A port was taken in the meantime; trying other ports...")
                port_map = resolve_ports(ports, host)
            except BaseException:
                processes.close()
                raise
        stack.callback(processes.close, STOP_GRACE_SECONDS)
        stack.callback(report, "Stopping the services...")
        if seed:
            report("Adding demo products...")
            add_demo_data(urls, admin)
        yield RunningSystem(
            urls, admin, database_url, amqp_url, env["JWT_SECRET"], processes, commands, env
        )


def _urls(port_map: Mapping[str, int], host: str) -> dict[str, str]:
    # Listening on every interface still means clients reach us on loopback.
    client_host = "127.0.0.1" if host in ("0.0.0.0", "") else host  # nosec B104
    return {name: f"http://{client_host}:{port}" for name, port in port_map.items()}


def _provision(stack: ExitStack, label: str, report: Callable[[str], None]) -> str:
    # Imported here: the provisioning layer is only needed when no URL was given.
    from course_app.provision import postgres, rabbitmq

    start = {"PostgreSQL": postgres, "RabbitMQ": rabbitmq}[label]
    report(f"Starting {label}...")
    handle = stack.enter_context(start())
    report(f"{label} ready ({handle.backend}, {handle.ready_s:.1f} s): {handle.url}")
    return handle.url
