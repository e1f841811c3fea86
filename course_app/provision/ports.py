"""Free TCP ports on 127.0.0.1 for throwaway servers.

A port that is free now may still be taken before our server binds it, so callers check
again and retry.

The ports come from below the ephemeral range (Linux 32768-60999; macOS and Windows
49152-65535), from which the operating system picks the local port of every outgoing
connection. A server in that range can lose its own port while it is down: a client that
keeps reconnecting to it may be given that very port as its local port and connect to
itself (a TCP self-connect), and then holds it. Seen here: RabbitMQ's restart failing
with `eaddrinuse` while the services were reconnecting, their probe having read its own
AMQP header back ("Invalid FRAME_END marker"). Asking the kernel for port 0 would hand
out exactly such ports.
"""

from __future__ import annotations

import random
import socket

HOST = "127.0.0.1"
LISTEN_PORTS = range(20000, 32768)  # below every platform's ephemeral range
ATTEMPTS = 500


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
    """A port of LISTEN_PORTS that is free at this moment, picked at random (so that two
    processes asking at once rarely get the same one)."""
    for _ in range(ATTEMPTS):
        port = random.choice(LISTEN_PORTS)  # noqa: S311 - a port number, not a secret
        if port_is_free(port, host):
            return port
    raise OSError(
        f"no free port on {host} between {LISTEN_PORTS.start} and {LISTEN_PORTS.stop - 1} "
        f"after {ATTEMPTS} tries: stop some servers, then try again"
    )


def free_ports(count: int, host: str = HOST) -> list[int]:
    """`count` distinct free ports (a RabbitMQ node needs three)."""
    ports: list[int] = []
    while len(ports) < count:
        port = free_port(host)
        if port not in ports:
            ports.append(port)
    return ports
