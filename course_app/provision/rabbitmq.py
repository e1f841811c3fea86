"""RabbitMQ: a throwaway node from local binaries, and the rabbitmq() entry point.

A node is isolated from any other on the machine: its own node name, AMQP port,
distribution port, data/log dirs and config, and no plugins (they only slow the boot).
Erlang nodes register with `epmd`, a daemon that normally outlives them; we run a
private epmd on a private port as one of *our* processes, so it is stopped with the node.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
from contextlib import AbstractContextManager
from functools import partial

from course_app.provision import binaries, docker
from course_app.provision.handle import ServiceHandle
from course_app.provision.local import LocalServer
from course_app.provision.ports import HOST
from course_app.provision.resolve import BackingService, serve
from course_app.provision.waiting import poll_until
from course_app.provision.workdir import give_to


def probe(url: str) -> str:
    """Ready = a real AMQP connection with a channel. Returns the broker version."""
    import pika

    params = pika.URLParameters(url)
    params.connection_attempts, params.socket_timeout, params.stack_timeout = 1, 2, 5
    pika_log = logging.getLogger("pika")
    level, pika_log.level = pika_log.level, logging.CRITICAL  # "refused" while booting is normal
    try:
        connection = pika.BlockingConnection(params)
    finally:
        pika_log.setLevel(level)
    try:
        connection.channel()
        version = connection._impl.server_properties.get("version", b"?")  # pika keeps it here
        return version.decode() if isinstance(version, bytes) else str(version)
    finally:
        connection.close()


class LocalRabbitMQ(LocalServer):
    service, slug, port_count, run_as = "RabbitMQ", "rabbitmq", 3, ("rabbitmq",)
    # Its data is deleted right after; a clean shutdown would only cost ~2 s per test run.
    close_grace = 0.0

    @property
    def url(self) -> str:
        return f"amqp://guest:guest@{HOST}:{self.ports[0]}/"

    def prepare(self) -> None:
        for name in ("mnesia", "log"):
            (self.workdir / name).mkdir()
        # Empty files so the node never reads /etc/rabbitmq: a system broker's settings
        # (or its enabled plugins) must not leak into a learner's throwaway node.
        for name in ("enabled_plugins", "rabbitmq-env.conf", "rabbitmq.conf"):
            (self.workdir / name).write_text("")
        if self.account is not None:  # root: the Debian layout expects user `rabbitmq`
            give_to(self.workdir, self.account.pw_uid, self.account.pw_gid)

    def _env(self) -> dict[str, str]:
        amqp, dist, epmd = self.ports
        work = str(self.workdir)
        return {
            **os.environ,
            "HOME": work,  # the Erlang cookie is written to $HOME
            "ERL_EPMD_PORT": str(epmd),
            "ERL_EPMD_ADDRESS": HOST,
            "RABBITMQ_NODENAME": f"course-{self.workdir.name.rsplit('-', 2)[-2]}-{amqp}@localhost",
            "RABBITMQ_NODE_IP_ADDRESS": HOST,
            "RABBITMQ_NODE_PORT": str(amqp),
            "RABBITMQ_DIST_PORT": str(dist),
            "RABBITMQ_CONF_ENV_FILE": f"{work}/rabbitmq-env.conf",
            "RABBITMQ_CONFIG_FILE": f"{work}/rabbitmq",  # the node appends ".conf"
            "RABBITMQ_ADVANCED_CONFIG_FILE": f"{work}/advanced.config",
            "RABBITMQ_ENABLED_PLUGINS_FILE": f"{work}/enabled_plugins",
            "RABBITMQ_MNESIA_BASE": f"{work}/mnesia",
            "RABBITMQ_LOG_BASE": f"{work}/log",
            # Our epmd is already running; the node must not start a stray daemon one.
            "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS": "-start_epmd false",
        }

    def launch(self) -> None:
        env = self._env()
        self.start_process(
            "epmd", [binaries.epmd_program(), "-port", env["ERL_EPMD_PORT"]], env, signal.SIGTERM
        )
        connect = partial(socket.create_connection, (HOST, self.ports[2]), timeout=1)
        poll_until(
            lambda: connect().close(), 10, "epmd", lambda: "epmd" not in self.processes.exited()
        )
        # The rabbitmq-server script turns SIGTERM into a clean broker shutdown.
        self.start_process(
            "rabbitmq", [str(self.binaries.bin_dir / "rabbitmq-server")], env, signal.SIGTERM
        )

    def probe(self) -> str:
        return probe(self.url)


SPEC = BackingService(
    "RabbitMQ",
    "COURSE_RABBITMQ_URL",
    probe,
    binaries.find_rabbitmq,
    LocalRabbitMQ,
    docker.rabbitmq_container,
)


def rabbitmq(timeout: float = 60.0) -> AbstractContextManager[ServiceHandle]:
    """A RabbitMQ broker for the duration of a `with` block.

    with rabbitmq() as mq:
        print(mq.describe())
        await aio_pika.connect_robust(mq.url)
    """
    return serve(SPEC, timeout)
