"""`--share-rabbitmq`: one broker for a whole pytest run, handed to every process it starts.

The notebook stage of `make test` runs nbval with it, so that the kernels of all the
notebooks use one RabbitMQ instead of starting one each.
"""

from __future__ import annotations

import textwrap

import pytest

from course_app.provision import binaries
from course_app.provision.pytest_plugin import skip_or_fail
from course_app.provision.rabbitmq import SPEC, probe

pytest_plugins = ["pytester"]
pytestmark = pytest.mark.provisioning

# Each test writes the broker URL it was given, and whether the broker answered, to a file.
SEEN = textwrap.dedent("""
    import os
    from pathlib import Path

    import pytest
    from course_app.provision.rabbitmq import probe

    @pytest.mark.parametrize("n", range(4))
    def test_sees_the_shared_broker(n):
        url = os.environ["COURSE_RABBITMQ_URL"]
        probe(url)  # raises unless a broker answers there
        Path(os.environ["SEEN_DIR"], f"{n}-{os.getpid()}").write_text(url)
""")


def test_every_worker_gets_one_broker_that_is_stopped_at_the_end(pytester, monkeypatch):
    if binaries.find_rabbitmq() is None:
        skip_or_fail("this test needs local RabbitMQ binaries")
    monkeypatch.delenv(SPEC.env_var, raising=False)
    seen = pytester.mkdir("seen")
    monkeypatch.setenv("SEEN_DIR", str(seen))
    pytester.makepyfile(test_seen=SEEN)

    result = pytester.runpytest_subprocess(
        "-p", "course_app.provision.pytest_plugin", "--share-rabbitmq", "-n", "2"
    )

    result.assert_outcomes(passed=4)
    urls = {path.read_text() for path in seen.iterdir()}
    assert len({path.name.split("-")[1] for path in seen.iterdir()}) == 2, "not two workers"
    assert len(urls) == 1, f"the workers were given different brokers: {urls}"
    # Stopped with the run: nothing answers there any more.
    with pytest.raises(Exception):  # noqa: B017 - any failure to connect will do
        probe(urls.pop())
