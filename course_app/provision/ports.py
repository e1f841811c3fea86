"""Free TCP ports on 127.0.0.1 for throwaway servers.

Asking the kernel for port 0 gives a port nobody listens on *now*; another program may
still take it before our server binds it, so callers check again and retry.
"""

from __future__ import annotations

import socket

HOST = "127.0.0.1"


def port_is_free(port: int, host: str = HOST) -> bool:
    """True when nothing listens on host:port (we could bind it ourselves)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # Like the servers themselves: connections closing (TIME_WAIT) don't block a bind.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = HOST) -> int:
    """A port that is free at this moment, chosen by the kernel."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def free_ports(count: int, host: str = HOST) -> list[int]:
    """`count` distinct free ports (a RabbitMQ node needs three)."""
    ports: list[int] = []
    while len(ports) < count:
        port = free_port(host)
        if port not in ports and port_is_free(port, host):
            ports.append(port)
    return ports
