"""``python -m course_app [run]``: start the whole system and keep it running until Ctrl-C.

A thin command line around ``course_app.system.run_system``: it turns flags into
arguments, prints where everything is, watches the services, and turns every known
failure into one line that says what to do.
"""

import argparse
import signal
import sys
import time
from pathlib import Path

from course_app.provision.errors import ServiceUnavailable
from course_app.system import (
    RATE_LIMIT_PROFILES,
    SERVICES,
    PortInUse,
    RunningSystem,
    SystemStartError,
    run_system,
)
from course_app.system.demo_data import DemoDataError

WATCH_INTERVAL_SECONDS = 0.5  # how often we check that no service has crashed


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m course_app",
        usage="python -m course_app [run] [options]\n       python -m course_app doctor [options]",
        description="Start the course system: PostgreSQL, RabbitMQ, the users, orders and "
        "inventory services and the web shop. Ctrl-C stops everything.",
        epilog="Other command: `python -m course_app doctor` checks what this machine has "
        "(PostgreSQL, RabbitMQ, a browser) and how to get what is missing.",
    )
    ports = parser.add_argument_group("ports")
    ports.add_argument(
        "--ports",
        choices=["default", "auto"],
        default="default",
        help="'auto' picks free ports for every service (default: the well-known ports below)",
    )
    for spec in SERVICES:
        ports.add_argument(
            f"--{spec.name}-port",
            type=int,
            metavar="N",
            help=f"port of the {spec.name} service (default {spec.default_port}; "
            "0 = any free port)",
        )
    ports.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this machine only)",
    )
    servers = parser.add_argument_group("PostgreSQL and RabbitMQ")
    servers.add_argument(
        "--postgres-url",
        metavar="URL",
        help="use this PostgreSQL server (default: $COURSE_POSTGRES_URL, "
        "else a throwaway server started here)",
    )
    servers.add_argument(
        "--rabbitmq-url",
        metavar="URL",
        help="use this RabbitMQ broker (default: $COURSE_RABBITMQ_URL, "
        "else a throwaway broker started here)",
    )
    servers.add_argument(
        "--isolated",
        action="store_true",
        help="use a new database, exchange and queue names of its own (to run "
        "beside another system on the same servers)",
    )
    parser.add_argument(
        "--no-seed",
        action="store_true",
        help="start without the demo products (the admin account is always made)",
    )
    parser.add_argument(
        "--rate-limit",
        choices=list(RATE_LIMIT_PROFILES),
        default="default",
        help="'default' is strict (the security lessons expect 429s); 'load' for load tests",
    )
    parser.add_argument(
        "--test-hooks",
        action="store_true",
        help="enable the Pact provider-state endpoint (contract tests only)",
    )
    parser.add_argument(
        "--startup-timeout",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="how long the services may take to answer /health (default 60)",
    )
    parser.add_argument(
        "--log-dir",
        type=Path,
        metavar="DIR",
        help="keep the service logs here (default: a temporary folder removed on exit)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    previous = {sig: signal.signal(sig, _stop_requested) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        return _run(args)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _run(args: argparse.Namespace) -> int:
    try:
        with run_system(
            ports=_ports(args),
            host=args.host,
            postgres_url=args.postgres_url,
            rabbitmq_url=args.rabbitmq_url,
            seed=not args.no_seed,
            rate_limit=args.rate_limit,
            test_hooks=args.test_hooks,
            isolated=args.isolated,
            log_dir=args.log_dir,
            startup_timeout=args.startup_timeout,
            report=print,
        ) as system:
            _print_summary(system, args.log_dir)
            return _watch(system)
    except KeyboardInterrupt:
        print("Stopped.")
        return 0
    except PortInUse as error:
        _fail(
            f"{error}: choose another with --{error.service}-port N, or use --ports auto "
            "(is the system already running?)"
        )
    except SystemStartError as error:
        print(error.details, file=sys.stderr)
        _fail(error.summary)
    except (ServiceUnavailable, DemoDataError) as error:
        _fail(str(error))
    return 1


def _ports(args: argparse.Namespace) -> dict[str, int]:
    base = {spec.name: 0 if args.ports == "auto" else spec.default_port for spec in SERVICES}
    given = {spec.name: getattr(args, f"{spec.name}_port") for spec in SERVICES}
    return base | {name: port for name, port in given.items() if port is not None}


def _print_summary(system: RunningSystem, log_dir: Path | None) -> None:
    print("\nThe course system is running:")
    print(f"  web shop   {system.urls['webshop']}")
    for name in ("users", "orders", "inventory"):
        print(f"  {name:<10} {system.urls[name]}   (API docs: {system.urls[name]}/docs)")
    print(f"  admin      {system.admin.email} / {system.admin.password}")
    where = "" if log_dir else " (removed on exit; keep them with --log-dir)"
    print(f"  logs       {system.log_path('users').parent}{where}")
    print("Press Ctrl-C to stop.", flush=True)


def _watch(system: RunningSystem) -> int:
    """Run until Ctrl-C/SIGTERM (KeyboardInterrupt) or until a service dies."""
    while not (crashed := system.exited()):
        time.sleep(WATCH_INTERVAL_SECONDS)
    for name in crashed:
        print(f"--- last lines of {name}.log ---\n{system.log_tail(name)}", file=sys.stderr)
    _fail(
        f"{', '.join(crashed)} stopped unexpectedly (exit code "
        f"{', '.join(map(str, crashed.values()))}); stopping the rest"
    )
    return 1


def _stop_requested(signum: int, _frame: object) -> None:
    # Further signals are ignored while we stop: a second Ctrl-C must not cut the clean-up
    # short (and if the launcher is killed outright, the reapers still clean up).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise KeyboardInterrupt


def _fail(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
