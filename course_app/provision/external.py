"""Backend "env": a server someone else runs (CI service container, a shared server).

We only check that it answers; we never stop it, because it is not ours.
"""

from __future__ import annotations

from collections.abc import Callable

from course_app.provision.errors import ServiceControlError


class ExternalServer:
    def __init__(self, url: str, probe: Callable[[str], str], env_var: str) -> None:
        self.url, self._probe, self.env_var = url, probe, env_var
        self.version = ""

    def _refuse(self) -> ServiceControlError:
        return ServiceControlError(
            f"this server comes from {self.env_var}; it is not ours to stop or start. "
            f"Unset {self.env_var} to get a throwaway local instance for this lesson."
        )

    def start(self) -> float:
        raise self._refuse()

    def stop(self) -> None:
        raise self._refuse()

    def close(self) -> None:
        """Nothing to clean up: the server outlives us on purpose."""
