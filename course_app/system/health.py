"""Waiting until every service answers ``GET /health`` with 200, with a deadline."""

import httpx

from course_app.provision.supervisor import ProcessSupervisor
from course_app.provision.waiting import NotReady, poll_until

LOG_LINES_ON_FAILURE = 20


class SystemStartError(RuntimeError):
    """A service died or never became healthy. ``summary`` is one line for humans;
    ``details`` holds the last log lines of the services concerned."""

    def __init__(self, summary: str, details: str) -> None:
        super().__init__(f"{details}\n{summary}" if details else summary)
        self.summary, self.details = summary, details


def wait_until_healthy(processes: ProcessSupervisor, urls: dict[str, str], timeout: float) -> None:
    """Wait for the services named in `urls`; stop waiting at once when one of them exits."""
    waiting = dict(urls)

    def all_healthy() -> None:
        for name, url in list(waiting.items()):
            if _answers_health(url):
                del waiting[name]
        if waiting:
            raise NotReady(f"waiting for {', '.join(waiting)}")

    try:
        poll_until(all_healthy, timeout, "the system", lambda: not _exited(processes, urls))
    except NotReady:
        raise _start_failure(processes, list(waiting), timeout, _exited(processes, urls)) from None


def _exited(processes: ProcessSupervisor, services: dict[str, str]) -> dict[str, int]:
    """Those of `services` that have exited (a restart waits for one service only)."""
    return {name: code for name, code in processes.exited().items() if name in services}


def _answers_health(url: str) -> bool:
    try:
        return httpx.get(f"{url}/health", timeout=2.0).status_code == 200
    except httpx.HTTPError:
        return False


def _start_failure(
    processes: ProcessSupervisor, unhealthy: list[str], timeout: float, exited: dict[str, int]
) -> SystemStartError:
    if exited:
        culprits = list(exited)
        summary = "; ".join(
            f"the {name} service exited with code {code} while starting"
            for name, code in exited.items()
        )
    else:
        # The shop's /health asks the other services: blame it only when it alone fails.
        culprits = [name for name in unhealthy if name != "webshop"] or unhealthy
        summary = (
            f"{', '.join(culprits)} did not answer /health within {timeout:.0f} s "
            "(raise it with --startup-timeout if this machine is slow)"
        )
    details = "\n".join(
        f"--- last lines of {processes.log_path(name).name} ---\n"
        f"{processes.log_tail(name, LOG_LINES_ON_FAILURE)}"
        for name in culprits
    )
    return SystemStartError(f"{summary} (last log lines above)", details)
