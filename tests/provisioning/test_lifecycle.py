"""Throwaway local instances: restart on the same URL, and nothing left behind after a
normal exit, an exception, Ctrl-C, a stale dir from a crash, or a port someone took."""

from __future__ import annotations

import socket
import subprocess
import sys

import psutil
import pytest

from course_app.provision import ServiceUnavailable, binaries, docker, postgres, rabbitmq
from course_app.provision import local as local_module
from course_app.provision.ports import HOST, free_ports
from course_app.provision.process_control import ProcessRef
from course_app.provision.pytest_plugin import skip_or_fail
from course_app.provision.workdir import PREFIX, base_dir, record_processes, sweep_stale

from .footprint import Footprint

pytestmark = pytest.mark.provisioning


@pytest.fixture
def local_only(monkeypatch):
    """Force the local-binaries backend (the one these guarantees are about)."""
    monkeypatch.delenv("COURSE_POSTGRES_URL", raising=False)
    monkeypatch.delenv("COURSE_RABBITMQ_URL", raising=False)
    monkeypatch.setattr(docker, "docker_available", lambda: False)
    if binaries.find_postgres() is None or binaries.find_rabbitmq() is None:
        skip_or_fail(ServiceUnavailable("local PostgreSQL and RabbitMQ binaries are needed"))


def test_postgres_restart_keeps_url_and_data(local_only):
    import psycopg

    with postgres() as pg:
        assert pg.backend in {"local", "pgserver"}
        url = pg.url
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE TABLE kept (n int)")
        pg.stop()
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(url, connect_timeout=2)
        assert pg.start() < 10
        assert pg.url == url
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT count(*) FROM kept").fetchone()[0] == 0
        footprint = Footprint.of(pg)
    footprint.assert_gone(within=5)


def test_rabbitmq_restart_keeps_url_then_exception_cleans_up(local_only):
    import pika

    with pytest.raises(RuntimeError, match="lesson failed"):
        with rabbitmq() as mq:
            url = mq.url
            mq.stop()
            with pytest.raises(pika.exceptions.AMQPConnectionError):
                pika.BlockingConnection(pika.URLParameters(url + "?connection_attempts=1"))
            mq.start()
            assert mq.url == url
            pika.BlockingConnection(pika.URLParameters(url)).close()
            footprint = Footprint.of(mq)
            assert any("epmd" in psutil.Process(pid).name() for pid in footprint.pids)
            raise RuntimeError("lesson failed")
    footprint.assert_gone(within=10)  # epmd included: no orphan daemon


def test_ctrl_c_inside_the_block_cleans_up(local_only):
    with pytest.raises(KeyboardInterrupt):
        with postgres() as pg:
            footprint = Footprint.of(pg)
            raise KeyboardInterrupt
    footprint.assert_gone(within=5)


def test_port_taken_by_another_program_is_skipped(local_only, monkeypatch):
    squatter = socket.create_server((HOST, 0))
    taken = squatter.getsockname()[1]
    offers = iter([[taken]])
    monkeypatch.setattr(
        local_module.port_tools, "free_ports", lambda count: next(offers, None) or free_ports(count)
    )
    try:
        with postgres() as pg:
            assert pg.server.ports[0] != taken
            assert f":{pg.server.ports[0]}/" in pg.url
    finally:
        squatter.close()


def test_stale_dir_from_a_crash_is_swept_but_live_ones_are_kept(local_only, tmp_path):
    crashed_owner = subprocess.Popen([sys.executable, "-c", "pass"])
    owner_ref = ProcessRef.of("owner", crashed_owner, 0)
    crashed_owner.wait()
    stale = base_dir() / f"{PREFIX}postgres-{owner_ref.pid}-test"
    stale.mkdir()
    (stale / "owner").write_text(owner_ref.to_line())
    # A server that outlived its crashed owner (and its reaper): it must be stopped too.
    survivor = subprocess.Popen(["sleep", "60"], start_new_session=True)
    record_processes(stale, [ProcessRef.of("server", survivor, 15)])
    with postgres() as pg:  # sweeps on start, and is not disturbed by the stale dir
        assert pg.server.workdir not in sweep_stale()  # our own live dir is kept
        assert pg.server.workdir.exists()
    assert not stale.exists()
    assert survivor.wait(timeout=5) is not None
