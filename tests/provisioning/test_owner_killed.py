"""A kernel restart SIGKILLs the kernel: no `finally` runs. The reaper must still stop
the servers (epmd included), free their ports and remove their dirs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from course_app.provision import binaries
from course_app.provision.process_control import COURSE_ROOT, with_import_path
from course_app.provision.pytest_plugin import skip_or_fail

from .footprint import Footprint

pytestmark = pytest.mark.provisioning

OWNER = textwrap.dedent("""
    import json, time
    from course_app.provision import postgres, rabbitmq
    from tests.provisioning.footprint import Footprint
    with postgres() as pg, rabbitmq() as mq:
        prints = [Footprint.of(pg), Footprint.of(mq)]
        print(json.dumps([[str(f.workdir), sorted(f.pids), f.ports] for f in prints]), flush=True)
        time.sleep(300)
""")


def test_sigkilled_owner_leaves_nothing_behind(monkeypatch):
    if binaries.find_postgres() is None or binaries.find_rabbitmq() is None:
        skip_or_fail("this test needs local PostgreSQL and RabbitMQ binaries")
    env = with_import_path({k: v for k, v in os.environ.items() if not k.startswith("COURSE_")})
    owner = subprocess.Popen(
        [sys.executable, "-c", OWNER], env=env, cwd=COURSE_ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        line = owner.stdout.readline()  # blocks until both services are ready
        assert line, f"owner exited early with {owner.wait()}"
        footprints = [Footprint(Path(d), set(p), ports) for d, p, ports in json.loads(line)]
        assert all(f.leftovers() for f in footprints)  # they exist right now
        os.kill(owner.pid, signal.SIGKILL)
        owner.wait()
        for footprint in footprints:
            footprint.assert_gone(within=20)
    finally:
        if owner.poll() is None:
            owner.kill()
            owner.wait()
