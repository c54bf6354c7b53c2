"""Work due at a time rather than at a request, run by beat or by cron.

An app above this one registers its jobs in its AppConfig.ready():

    due_job_register("themes.consultation_notices", consultation_notices_send)

A job takes `now` and returns how many messages it queued. Every job must be
safe to run twice or at once (the outbox's keys make that easy).
"""

import datetime
from collections.abc import Callable

from django.utils import timezone

from .delivery import outbox_sweep

DueJob = Callable[[datetime.datetime], int]

_due_jobs: dict[str, DueJob] = {}


def due_job_register(name: str, job: DueJob) -> None:
    _due_jobs[name] = job


def due_jobs_run(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Runs every registered job, then sends what is due in the outbox; counts per job."""
    now = now or timezone.now()
    counts = {name: job(now) for name, job in sorted(_due_jobs.items())}
    counts["notifications.outbox"] = outbox_sweep(now=now)
    return counts
