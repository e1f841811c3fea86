"""Provisioning smoke test as a script: start each service, use it, check clean-up.

Run by test_unprivileged.py as an ordinary user (Binder runs as `jovyan`, not root):
    python tests/provisioning/smoke.py
Prints one line per service and exits 0 when all is well.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repo, for course_app

from course_app.provision import find_browser, headless_webdriver, postgres, rabbitmq


def main() -> None:
    import pika
    import psycopg

    print(f"running as uid {os.geteuid()}")
    with postgres() as pg:
        with psycopg.connect(pg.url) as conn:
            assert conn.execute("SELECT 40 + 2").fetchone()[0] == 42
        print(pg.describe())
        pg_dir = pg.server.workdir
    with rabbitmq() as mq:
        pika.BlockingConnection(pika.URLParameters(mq.url)).channel().close()
        print(mq.describe())
        mq_dir = mq.server.workdir
    assert not pg_dir.exists() and not mq_dir.exists(), "work dirs were not removed"
    with headless_webdriver(find_browser()) as driver:
        driver.get("data:text/html,<title>smoke</title>")
        assert driver.title == "smoke"
    print("browser ok")


if __name__ == "__main__":
    main()
