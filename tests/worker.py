"""A real Celery worker for the tests that test background work: a process of its own, on the
test database (PostgreSQL: SQLite's test database lives in the test process's memory) and on a
queue of the test's own in Redis (127.0.0.1:6379, a database number of the tests' own)."""

import os
import socket
import subprocess
import sys
import time
import uuid

import pytest
from django.conf import settings
from django.db import connection

from project.celery import app

BROKER = os.environ.get("TEST_CELERY_BROKER_URL", "redis://127.0.0.1:6379/14")


def redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


class Workers:
    """Worker processes on one queue of the test's own (``queue``), started with ``start``
    (each with more environment of its own), stopped when the test ends."""

    def __init__(self, queue: str, env: dict):
        self.queue, self.env, self.processes = queue, env, []

    def start(self, **env) -> subprocess.Popen:
        command = [sys.executable, "-m", "celery", "-A", "project", "worker", "--pool", "solo"]
        options = ["--queues", self.queue, "--without-gossip", "--without-mingle"]
        process = subprocess.Popen(
            [*command, *options, "--loglevel", "WARNING"],
            cwd=settings.BASE_DIR,
            env={**os.environ, **self.env, **env},
        )
        self.processes.append(process)
        return process

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=30)


@pytest.fixture
def workers(transactional_db):
    """Worker processes on a queue of their own; while the test runs, this process sends
    tasks to the broker, on that queue, instead of running them where they are sent."""
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs the test database on PostgreSQL")
    if not redis_answers():
        if os.environ.get("CI"):
            pytest.fail("Redis at 127.0.0.1:6379 does not answer")
        pytest.skip("Redis at 127.0.0.1:6379 does not answer")
    db = connection.settings_dict
    queue = f"test-{uuid.uuid4().hex}"
    env = {  # over the environment when a worker starts
        "DJANGO_SETTINGS_MODULE": "project.settings_test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": BROKER,
        "DB_CONN_MAX_AGE": "0",
        # What the worker sends on (a notification's mail after its step) stays on this queue.
        "CELERY_TASK_DEFAULT_QUEUE": queue,
    }
    saved = {
        key: app.conf[key] for key in ("task_always_eager", "broker_url", "task_default_queue")
    }
    app.conf.update(task_always_eager=False, broker_url=BROKER, task_default_queue=queue)
    forget_connections()
    started = Workers(queue, env)
    try:
        yield started
    finally:
        app.conf.update(saved)
        forget_connections()
        started.stop()


@pytest.fixture
def worker(workers):
    """One worker process on a queue of its own (the fixture's value)."""
    workers.start()
    return workers.queue


def forget_connections() -> None:
    """Drop the app's pools of broker connections, made for the broker it had before (a task
    sent eagerly earlier in this process made them): the next task sent opens new ones."""
    app._pool = None
    app.amqp._producer_pool = None


def eventually(check, *, seconds: float = 60) -> bool:
    """Whether ``check()`` comes true within ``seconds``, asked five times a second."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False
