"""Peak memory of one notebook run, everything it starts included: kernel, PostgreSQL,
RabbitMQ, the services, Locust.

    python benchmarks/bench_notebook_memory.py [NN ...]      (default: 10, the largest)

Binder gives a session about 2 GB. The notebook runs as `coursekit timing` runs it (a
throwaway copy of the repository); every second the proportional set size (PSS: shared
pages divided among the processes sharing them, so PostgreSQL's shared buffers count
once) of this process's descendants is added up. Processes that leave the tree (a
daemon that re-parents itself) are not counted. Prints the peak and which processes held it.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import nbformat
import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coursekit.execute import execute
from coursekit.paths import SOLUTIONS, resolve_notebooks

BINDER_MEMORY_MB = 2048


def tree_pss_mb() -> tuple[float, dict[str, float]]:
    total, by_name = 0.0, {}
    for process in psutil.Process().children(recursive=True):
        try:
            mb = process.memory_full_info().pss / 2**20
            name = process.name()
        except psutil.Error:
            continue
        total += mb
        by_name[name] = by_name.get(name, 0.0) + mb
    return total, by_name


def measure(path: Path) -> tuple[float, dict[str, float], float]:
    peak, at_peak, stop = [0.0], [{}], threading.Event()

    def sample() -> None:
        while not stop.wait(1.0):
            total, by_name = tree_pss_mb()
            if total > peak[0]:
                peak[0], at_peak[0] = total, by_name

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    run = execute(nbformat.read(path, as_version=4), f"{SOLUTIONS}/{path.name}")
    stop.set()
    sampler.join()
    return peak[0], at_peak[0], run.seconds


def main(argv: list[str]) -> int:
    for path in resolve_notebooks(argv or ["10"]):
        peak, by_name, seconds = measure(path)
        top = ", ".join(
            f"{name} {mb:.0f}" for name, mb in sorted(by_name.items(), key=lambda i: -i[1])[:6]
        )
        verdict = "fits" if peak <= BINDER_MEMORY_MB else "DOES NOT FIT"
        print(
            f"{path.name}: peak {peak:.0f} MB (PSS of every process it started) in a {seconds:.0f} s run;"
            f" {verdict} Binder's {BINDER_MEMORY_MB} MB. At the peak, MB: {top}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
