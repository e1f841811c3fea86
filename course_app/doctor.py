"""`python -m course_app doctor`: the preflight check a learner runs first.

Shows, for Python, the key packages, Docker, PostgreSQL, RabbitMQ and a browser, whether
each is available, which backend the course would use, and how to get what is missing.
`--start` really starts each service once (and stops it) and reports seconds to ready;
`--json` prints the same as one JSON object. Exit status 0 when PostgreSQL, RabbitMQ and
a browser are all usable, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from importlib import metadata

from course_app.provision import ServiceUnavailable, docker, find_browser, headless_webdriver
from course_app.provision.postgres import SPEC as POSTGRES
from course_app.provision.rabbitmq import SPEC as RABBITMQ
from course_app.provision.resolve import BackingService, plan, serve

PACKAGES = (
    "fastapi",
    "pytest",
    "ipytest",
    "nbval",
    "pact-python",
    "locust",
    "selenium",
    "playwright",
    "testcontainers",
)
REQUIRED = ("postgres", "rabbitmq", "browser")


def check_service(spec: BackingService, start: bool) -> dict:
    try:
        if not start:
            backend, where = plan(spec)
            return {"available": True, "backend": backend, "details": where}
        with serve(spec, timeout=60) as handle:
            return {
                "available": True,
                "backend": handle.backend,
                "details": handle.describe(),
                "ready_s": round(handle.ready_s, 2),
            }
    except ServiceUnavailable as error:
        return _missing(error, start)


def check_browser(start: bool) -> dict:
    try:
        info = find_browser()
        result = {"available": True, "backend": info.backend, "details": info.describe()}
        if start:
            began = time.monotonic()
            with headless_webdriver(info) as driver:
                driver.get("data:text/html,<title>doctor</title>")
            result["ready_s"] = round(time.monotonic() - began, 2)
        return result
    except Exception as error:  # ServiceUnavailable, or a browser that will not start
        return _missing(error, start)


def _missing(error: Exception, start: bool) -> dict:
    reason, _, ways = str(error).partition("\nWays to get it:\n")
    result = {"available": False, "backend": "none", "details": reason, "how_to_get": ways}
    return {**result, "ready_s": None} if start else result


def check_docker() -> dict:
    if docker.docker_available():
        return {"available": True, "backend": "docker", "details": "engine answered"}
    return {
        "available": False,
        "backend": "none",
        "details": "no engine answered (optional: the course then uses local binaries)",
        "how_to_get": "  - optional: Docker Engine (Linux) or Docker Desktop; Binder has none",
    }


def collect(start: bool) -> dict:
    packages = {}
    for name in PACKAGES:
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = None
    return {
        "python": {"version": sys.version.split()[0], "executable": sys.executable},
        "packages": packages,
        "docker": check_docker(),
        "postgres": check_service(POSTGRES, start),
        "rabbitmq": check_service(RABBITMQ, start),
        "browser": check_browser(start),
    }


def render(report: dict) -> str:
    python = report["python"]
    rows = [("Python", "ok", "-", f"{python['version']} ({python['executable']})")]
    for name, version in report["packages"].items():
        rows.append(
            (
                name,
                "ok" if version else "MISSING",
                "-",
                version or "pip install -r requirements.lock",
            )
        )
    labels = {
        "docker": "Docker",
        "postgres": "PostgreSQL",
        "rabbitmq": "RabbitMQ",
        "browser": "Browser",
    }
    for key, label in labels.items():
        item = report[key]
        status = "ok" if item["available"] else ("absent" if key == "docker" else "MISSING")
        details = item["details"]
        if item.get("ready_s") is not None and key == "browser":
            details += f", page loaded in {item['ready_s']:.1f} s"
        rows.append((label, status, item["backend"], details))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [f"{'item':<{widths[0]}}  {'status':<{widths[1]}}  {'backend':<{widths[2]}}  details"]
    lines += [f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c:<{widths[2]}}  {d}" for a, b, c, d in rows]
    for key, label in labels.items():
        if report[key].get("how_to_get"):
            lines += ["", f"How to get {label}:", report[key]["how_to_get"]]
    return "\n".join(lines)


def all_usable(report: dict) -> bool:
    return all(report[key]["available"] for key in REQUIRED)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m course_app doctor",
        description="Check what the course needs on this machine.",
    )
    parser.add_argument(
        "--start",
        action="store_true",
        help="really start each service once and report seconds to ready",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    report = collect(args.start)
    print(json.dumps(report, indent=2) if args.json else render(report))
    if not args.json:
        verdict = (
            "ready for the course" if all_usable(report) else "something is missing (see above)"
        )
        print(f"\nResult: {verdict}")
    return 0 if all_usable(report) else 1
