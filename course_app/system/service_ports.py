"""Choosing the ports the services listen on, and refusing busy ones with a clear error."""

from collections.abc import Mapping

from course_app.provision.ports import free_port, port_is_free
from course_app.system.services import SERVICES


class PortInUse(RuntimeError):
    """Another program (maybe a running copy of the system) already listens on a port."""

    def __init__(self, service: str, port: int) -> None:
        super().__init__(f"port {port} for the {service} service is already in use")
        self.service, self.port = service, port


def resolve_ports(requested: str | Mapping[str, int], host: str) -> dict[str, int]:
    """Service name -> port to listen on.

    ``"default"`` uses the well-known ports (8080, 8081, 8082, 3000); ``"auto"`` picks free
    ones; a mapping overrides some services, and a port of 0 means "pick a free one".
    Tests use "auto" so they never clash with a system a learner is running.
    """
    if requested == "auto":
        wanted = {spec.name: 0 for spec in SERVICES}
    elif requested == "default":
        wanted = {spec.name: spec.default_port for spec in SERVICES}
    elif isinstance(requested, Mapping):
        unknown = set(requested) - {spec.name for spec in SERVICES}
        if unknown:
            raise ValueError(f"unknown service(s) in ports: {', '.join(sorted(unknown))}")
        wanted = {spec.name: requested.get(spec.name, spec.default_port) for spec in SERVICES}
    else:
        raise ValueError(f'ports must be "default", "auto" or a mapping, not {requested!r}')

    chosen: dict[str, int] = {}
    for name, port in wanted.items():
        if port == 0:
            port = free_port(host)
            while port in chosen.values():
                port = free_port(host)
        elif port in chosen.values() or not port_is_free(port, host):
            raise PortInUse(name, port)
        chosen[name] = port
    return chosen
