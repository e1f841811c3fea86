"""Throwaway servers listen below the ephemeral range, on ports free when chosen."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from course_app.provision import ports

pytestmark = pytest.mark.provisioning

EPHEMERAL = Path("/proc/sys/net/ipv4/ip_local_port_range")


def test_ports_are_free_distinct_and_below_the_ephemeral_range():
    chosen = ports.free_ports(20)
    assert len(set(chosen)) == 20
    assert all(port in ports.LISTEN_PORTS for port in chosen), chosen
    assert all(ports.port_is_free(port) for port in chosen)
    if EPHEMERAL.exists():  # Linux: the machine's own range, whatever it is set to
        low = int(EPHEMERAL.read_text().split()[0])
        assert max(chosen) < low, f"{max(chosen)} is in the ephemeral range from {low}"


def test_a_port_someone_listens_on_is_never_chosen(monkeypatch):
    spare = ports.free_port()
    with socket.socket() as taken:
        taken.bind((ports.HOST, 0))
        taken.listen()
        busy = taken.getsockname()[1]
        offers = iter([busy, busy, spare])
        monkeypatch.setattr(ports.random, "choice", lambda _: next(offers))
        assert ports.free_port() == spare


def test_no_free_port_says_what_to_do(monkeypatch):
    monkeypatch.setattr(ports, "port_is_free", lambda port, host=ports.HOST: False)
    with pytest.raises(OSError, match="stop some servers"):
        ports.free_port()
