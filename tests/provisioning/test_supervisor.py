"""The process supervisor shared by the throwaway servers and the running system, and the
stop functions every process the course starts ends with: whatever happens, nothing stays."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import psutil
import pytest

from course_app.provision.process_control import (
    COURSE_ROOT,
    stop_group,
    stop_processes,
    with_import_path,
)
from course_app.provision.supervisor import ProcessSupervisor
from course_app.provision.workdir import recorded_processes

pytestmark = pytest.mark.provisioning

# Appends its name to a file when asked to stop, so the test sees the order of the stops.
NOTES_STOP = textwrap.dedent("""
    import signal, sys, time
    name, notes = sys.argv[1], sys.argv[2]
    def stop(*_):
        with open(notes, "a") as file:
            file.write(name + "\\n")
        sys.exit(0)
    signal.signal(signal.SIGTERM, stop)
    print(f"{name} started", flush=True)
    while True:
        time.sleep(0.1)
""")
# Ignores SIGTERM: only SIGKILL ends it. Says "ready" once SIGTERM is ignored.
STUBBORN = (
    "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
    "print('ready', flush=True); time.sleep(300)"
)


@pytest.fixture
def supervisor(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_SERVICES_DIR", str(tmp_path))
    supervisor = ProcessSupervisor("test")
    yield supervisor
    supervisor.close(grace=2)


def wait_for(condition, within: float = 10.0) -> None:
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


def alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_stops_the_last_started_first_and_records_what_runs(supervisor, tmp_path):
    notes = tmp_path / "stopped.txt"
    for name in ("first", "second", "third"):
        supervisor.start(
            name, [sys.executable, "-c", NOTES_STOP, name, str(notes)], dict(os.environ)
        )
    assert [ref.role for ref in recorded_processes(supervisor.workdir)] == [
        "first",
        "second",
        "third",
    ]
    wait_for(
        lambda: all(
            supervisor.log_tail(name) == f"{name} started" for name in ("first", "second", "third")
        )
    )
    supervisor.stop(grace=5)
    assert notes.read_text().split() == ["third", "second", "first"]
    assert recorded_processes(supervisor.workdir) == []
    assert supervisor.workdir.exists()  # kept for a restart until close()


def test_one_process_stops_and_starts_again_with_its_log_continued(supervisor, tmp_path):
    notes = tmp_path / "stopped.txt"
    for name in ("first", "second"):
        supervisor.start(
            name, [sys.executable, "-c", NOTES_STOP, name, str(notes)], dict(os.environ)
        )
    wait_for(lambda: supervisor.log_tail("first") == "first started")
    supervisor.stop_one("first", grace=5)
    supervisor.stop_one("first")  # stopped already: nothing to do
    assert notes.read_text().split() == ["first"]  # the other one runs on
    assert [ref.role for ref in recorded_processes(supervisor.workdir)] == ["second"]
    assert supervisor.exited() == {}  # stopped on purpose is not a crash

    supervisor.start("first", [sys.executable, "-c", "print('back again')"], dict(os.environ))
    wait_for(lambda: "first" in supervisor.exited())
    assert supervisor.log_tail("first").splitlines() == ["first started", "back again"]
    assert [ref.role for ref in recorded_processes(supervisor.workdir)] == ["second", "first"]


def test_a_name_that_still_runs_is_not_started_twice(supervisor):
    running = supervisor.start("stubborn", [sys.executable, "-c", STUBBORN], dict(os.environ))
    with pytest.raises(RuntimeError, match=f"stubborn is already running .pid {running.pid}"):
        supervisor.start("stubborn", [sys.executable, "-c", STUBBORN], dict(os.environ))
    assert [ref.pid for ref in supervisor.refs()] == [
        running.pid
    ]  # still tracked, stopped at close


def test_close_kills_what_ignores_sigterm_and_removes_the_work_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_SERVICES_DIR", str(tmp_path))
    supervisor = ProcessSupervisor("test")
    process = supervisor.start("stubborn", [sys.executable, "-c", STUBBORN], dict(os.environ))
    wait_for(lambda: supervisor.log_tail("stubborn") == "ready")
    reaper = supervisor._reaper
    supervisor.close(grace=0.5)
    # It ignored SIGTERM, so only the SIGKILL after the grace ended it; and it was reaped.
    assert process.returncode is not None and not alive(process.pid)
    assert not supervisor.workdir.exists()
    assert reaper.poll() is not None  # the reaper went with it


def test_reports_a_crash_with_its_exit_code_and_log(supervisor):
    supervisor.start(
        "crashes", [sys.executable, "-c", "print('boom'); raise SystemExit(3)"], dict(os.environ)
    )
    supervisor.start("runs", [sys.executable, "-c", STUBBORN], dict(os.environ))
    wait_for(lambda: "crashes" in supervisor.exited())
    assert supervisor.exited() == {"crashes": 3}
    assert supervisor.log_tail("crashes") == "boom"
    assert supervisor.log_tail("never-started") == ""


def test_logs_kept_in_a_log_dir_outlive_the_supervisor(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_SERVICES_DIR", str(tmp_path / "work"))
    (tmp_path / "work").mkdir()
    supervisor = ProcessSupervisor("test", log_dir=tmp_path / "logs")
    process = supervisor.start("says", [sys.executable, "-c", "print('hello')"], dict(os.environ))
    process.wait()
    supervisor.close()
    assert (tmp_path / "logs" / "says.log").read_text() == "hello\n"
    assert not supervisor.workdir.exists()


OWNER = textwrap.dedent("""
    import json, sys, time
    from course_app.provision.supervisor import ProcessSupervisor
    supervisor = ProcessSupervisor("test")
    process = supervisor.start("sleeper", [sys.executable, "-c", "import time; time.sleep(300)"],
                               {})
    print(json.dumps([str(supervisor.workdir), process.pid]), flush=True)
    time.sleep(300)
""")


def test_the_reaper_stops_everything_when_the_owner_is_killed(tmp_path):
    env = with_import_path({**os.environ, "COURSE_SERVICES_DIR": str(tmp_path)})
    owner = subprocess.Popen(
        [sys.executable, "-c", OWNER], env=env, cwd=COURSE_ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        line = owner.stdout.readline()
        assert line, f"owner exited early with {owner.wait()}"
        workdir, pid = json.loads(line)
        assert alive(pid)
        os.kill(owner.pid, signal.SIGKILL)  # like a kernel restart: no finally runs
        owner.wait()
        wait_for(lambda: not alive(pid) and not os.path.exists(workdir), within=20)
    finally:
        if owner.poll() is None:
            owner.kill()
            owner.wait()


def test_stop_group_ends_the_children_of_a_leader_that_already_exited():
    # The leader starts a child that ignores SIGTERM, then exits: the group lives on.
    leader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import subprocess, sys; "
            f"print(subprocess.Popen([sys.executable, '-c', {STUBBORN!r}]).pid, flush=True)",
        ],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    child = int(leader.stdout.readline())
    assert leader.stdout.readline() == "ready\n"
    leader.stdout.close()
    leader.wait()
    assert alive(child)
    started = time.monotonic()
    stop_group(leader, grace=0.5)
    wait_for(lambda: not alive(child), within=5)
    assert time.monotonic() - started < 5


def test_stop_group_reaps_a_leader_that_stops_on_sigterm():
    leader = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(300)"], start_new_session=True
    )
    stop_group(leader, grace=5)
    assert leader.returncode == -signal.SIGTERM


def test_stop_processes_kills_what_ignores_sigterm():
    stubborn = subprocess.Popen([sys.executable, "-c", STUBBORN], stdout=subprocess.PIPE)
    assert stubborn.stdout.readline() == b"ready\n"
    stop_processes([psutil.Process(stubborn.pid)], grace=0.5)
    assert not alive(stubborn.pid)  # psutil reaped it: no zombie either
    stubborn.stdout.close()


def test_with_import_path_puts_the_folder_first_and_keeps_the_rest():
    env = with_import_path({"PYTHONPATH": "/elsewhere", "HOME": "/home/x"}, "/copy")
    assert env == {"PYTHONPATH": f"/copy{os.pathsep}/elsewhere", "HOME": "/home/x"}
    assert with_import_path({})["PYTHONPATH"] == str(COURSE_ROOT)
