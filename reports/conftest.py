"""Fixtures of the reports tests: eager tasks on demand,
and real Celery worker processes against the test database."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

from idm_portal.celery import app as celery_app

PROJECT_ROOT = Path(django_settings.BASE_DIR)


@pytest.fixture(autouse=True)
def empty_cache():
    """Known ETags (see reports.views.files) must not leak from one test to the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def _database_url() -> str:
    db = connection.settings_dict
    credentials = db["USER"] or ""
    if db.get("PASSWORD"):
        credentials += f":{db['PASSWORD']}"
    host = db["HOST"] or "127.0.0.1"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{db['NAME']}"


class WorkerProcess:
    """One `celery -A idm_portal worker` process group, as a worker host runs it."""

    def __init__(self, *, env: dict[str, str], log_path: Path):
        self.name = f"test-reports-{uuid.uuid4().hex[:6]}@%h"
        self.log_path = log_path
        self._log = open(log_path, "wb")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "idm_portal",
                "worker",
                "--loglevel",
                "INFO",
                "--pool",
                "prefork",
                "--concurrency",
                "1",
                "--hostname",
                self.name,
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killing it kills the pool too
        )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_until_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if " ready." in self.log():
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        raise AssertionError(f"The Celery worker did not start:\n{self.log()}")

    def kill(self) -> None:
        """SIGKILL to the whole group: the worker dies as a lost host would, acking nothing."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self._log.close()


@pytest.fixture
def celery_worker_factory(transactional_db, settings, tmp_path):
    """start(**env) → a ready worker process.

    It shares with the test only what production hosts share: the database
    (pytest-django's test database), the Redis broker and the file store.
    The broker's database is the test run's own, so it starts empty.
    """
    broker = django_settings.CELERY_BROKER_URL
    if not broker:
        pytest.skip("needs CELERY_BROKER_URL (Redis): the embedded run has no broker")
    if connection.vendor != "postgresql":
        pytest.skip("a worker process needs the PostgreSQL test database (DATABASE_URL)")

    _empty_broker()
    base_env = {
        **os.environ,
        "DJANGO_DEBUG": "true",
        "DATABASE_URL": _database_url(),
        "DATABASE_CONN_MAX_AGE": "0",
        "CELERY_BROKER_URL": broker,
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    workers: list[WorkerProcess] = []

    def start(**env: str) -> WorkerProcess:
        worker = WorkerProcess(
            env={**base_env, **env},
            log_path=tmp_path / f"worker-{len(workers) + 1}.log",
        )
        workers.append(worker)
        worker.wait_until_ready()
        return worker

    yield start
    for worker in workers:
        worker.stop()
    _empty_broker()


def _empty_broker() -> None:
    """Drops queued and unacknowledged messages left by an earlier test."""
    with celery_app.connection_for_write() as conn:
        conn.default_channel.client.delete(
            celery_app.conf.task_default_queue, "unacked", "unacked_index"
        )


def wait_for(predicate, *, timeout: float, interval: float = 0.1, message: str = ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(message or "timed out")


@pytest.fixture
def django_settings_broker_url():
    """The broker of the test run's settings (CELERY_BROKER_URL), whatever a test pointed at."""
    return django_settings.CELERY_BROKER_URL


@pytest.fixture
def participant_list(eager_tasks, django_capture_on_commit_callbacks):
    """A finished, unpublished list of participants of a meeting with one registration."""
    from participants.tests.factories import RegistrationFactory
    from reports.models import RenderedDocument
    from reports.services import rendered_document_request_for_participant_list
    from workshops.tests.factories import MeetingFactory

    meeting = MeetingFactory(title="Migration and social change")
    RegistrationFactory(meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        document = rendered_document_request_for_participant_list(meeting=meeting, by=None)
    document.refresh_from_db()
    assert document.status == RenderedDocument.Status.DONE, document.error
    return document
