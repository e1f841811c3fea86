"""PostgreSQL: a throwaway cluster from local binaries, and the postgres() entry point.

Speed matters more than durability for a throwaway test database: initdb skips fsync
and the server runs with fsync/full_page_writes off, so it is ready in about a second.
"""

from __future__ import annotations

import os
import signal
from contextlib import AbstractContextManager

from course_app.provision import binaries, docker
from course_app.provision.handle import ServiceHandle
from course_app.provision.local import LocalServer
from course_app.provision.ports import HOST
from course_app.provision.process_control import run_as
from course_app.provision.resolve import BackingService, serve
from course_app.provision.workdir import give_to

USER = PASSWORD = DATABASE = "course"


def probe(url: str) -> str:
    """Ready = a real query answers. Returns the server version, e.g. '15.14'."""
    import psycopg  # imported here: `import course_app.provision` stays light

    with psycopg.connect(url, connect_timeout=2) as conn:
        return conn.execute("SHOW server_version").fetchone()[0].split()[0]


class LocalPostgres(LocalServer):
    service, slug, port_count, run_as = "PostgreSQL", "postgres", 1, ("postgres",)

    @property
    def url(self) -> str:
        return f"postgresql://{USER}:{PASSWORD}@{HOST}:{self.ports[0]}/{DATABASE}"

    def _env(self) -> dict[str, str]:
        # LC_ALL=C: Binder images may lack the learner's locale; initdb would fail.
        return {**os.environ, "LC_ALL": "C", "LANG": "C", "HOME": str(self.workdir)}

    def prepare(self) -> None:
        password_file = self.workdir / "password"
        password_file.write_text(PASSWORD)
        if self.account is not None:  # root: the `postgres` account must own the cluster
            give_to(self.workdir, self.account.pw_uid, self.account.pw_gid)
        run_as(
            self.account,
            [
                str(self.binaries.bin_dir / "initdb"),
                "-D",
                str(self.workdir / "data"),
                "-U",
                USER,
                f"--pwfile={password_file}",
                "--auth=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
                "--no-instructions",
            ],
            self._env(),
            cwd=self.workdir,
        )

    def launch(self) -> None:
        settings = {
            "listen_addresses": HOST,
            "unix_socket_directories": str(self.workdir),  # /var/run/postgresql may be root's
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "log_min_messages": "warning",
        }
        args = [
            str(self.binaries.bin_dir / "postgres"),
            "-D",
            str(self.workdir / "data"),
            "-p",
            str(self.ports[0]),
        ]
        for name, value in settings.items():
            args += ["-c", f"{name}={value}"]
        # SIGINT = "fast shutdown": disconnects clients, removes shared memory, exits.
        self.start_process("postgres", args, self._env(), signal.SIGINT)

    def probe(self) -> str:
        self._ensure_database()
        return probe(self.url)

    def _ensure_database(self) -> None:
        """initdb only makes the `postgres` database; the course uses `course`."""
        import psycopg

        maintenance = self.url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(maintenance, connect_timeout=2, autocommit=True) as conn:
            if not conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,)
            ).fetchone():
                conn.execute(f'CREATE DATABASE "{DATABASE}"')


SPEC = BackingService(
    "PostgreSQL",
    "COURSE_POSTGRES_URL",
    probe,
    binaries.find_postgres,
    LocalPostgres,
    docker.postgres_container,
)


def postgres(timeout: float = 30.0) -> AbstractContextManager[ServiceHandle]:
    """A PostgreSQL server for the duration of a `with` block.

    with postgres() as pg:
        print(pg.describe())
        psycopg.connect(pg.url)
    """
    return serve(SPEC, timeout)
