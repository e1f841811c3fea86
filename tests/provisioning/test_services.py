"""Real PostgreSQL and RabbitMQ from the session fixtures: they answer real queries.

This module is also the smoke test re-run as an unprivileged user (test_unprivileged.py).
"""

from __future__ import annotations

import uuid

import pytest

pytestmark = pytest.mark.provisioning

BACKENDS = {"env", "docker", "local", "pgserver"}


def test_postgres_answers_a_real_query(postgres_service):
    import psycopg

    with psycopg.connect(postgres_service.url) as conn:
        conn.execute("CREATE TEMP TABLE t (n int)")
        conn.execute("INSERT INTO t VALUES (41), (1)")
        assert conn.execute("SELECT sum(n) FROM t").fetchone()[0] == 42
    assert postgres_service.url.startswith("postgresql://")
    assert postgres_service.backend in BACKENDS
    assert postgres_service.ready_s > 0
    described = postgres_service.describe()
    assert described.startswith(f"PostgreSQL {postgres_service.version} (")
    assert f":{postgres_service.url.rsplit(':', 1)[1].split('/')[0]}," in described


def test_rabbitmq_routes_a_real_message(rabbitmq_service):
    import pika

    queue = f"provisioning-{uuid.uuid4().hex}"
    connection = pika.BlockingConnection(pika.URLParameters(rabbitmq_service.url))
    try:
        channel = connection.channel()
        channel.queue_declare(queue, exclusive=True)
        channel.basic_publish("", queue, b"hello")
        method, _, body = channel.basic_get(queue, auto_ack=True)
        assert body == b"hello"
    finally:
        connection.close()
    assert rabbitmq_service.url.startswith("amqp://guest:guest@")
    assert rabbitmq_service.backend in BACKENDS
    assert rabbitmq_service.describe().startswith(f"RabbitMQ {rabbitmq_service.version} (")
