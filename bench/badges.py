"""Badge sheet benchmark: `make bench BENCH=badges` (or `python -m bench badges`).

Prints the cost of a meeting's badge sheet for 1,000 confirmed registrations
(BENCH_BADGES changes the number): building its content (the query, a signed token
and a QR code per badge, the template) and rendering it to PDF through the render
task as a worker runs it; the PDF's pages and size, and the time per badge.

It runs in a fresh process of its own against a PostgreSQL database of its own
(idm_bench_badges, created and dropped), a temporary media folder and 127.0.0.1 only.
"""

import contextlib
import os
import tempfile
import time
from pathlib import Path

from bench._own_database import run_in_own_database

DATABASE = "idm_bench_badges"


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="idm-bench-badges-") as folder:
        run_in_own_database(
            module="bench.badges",
            database=DATABASE,
            settings={
                "DJANGO_DEBUG": "false",
                "DJANGO_SECRET_KEY": "benchmark-only-secret-key-" + "x" * 40,
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
                "DJANGO_MEDIA_ROOT": str(Path(folder) / "media"),
            },
        )


# --- inside the benchmark's own process ------------------------------------------------


def run() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "idm_portal.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    count = int(os.environ.get("BENCH_BADGES", "1000"))
    meeting = _meeting_with_confirmed(count)

    from participants.selectors import registration_list_for_badges
    from reports.badges import badge_sheet_content, qr_svg
    from reports.models import RenderedDocument
    from reports.services import rendered_document_request_for_badges
    from reports.tasks import render_document_task

    # Warm: fonts, templates, the connection, WeasyPrint's import.
    warm = list(registration_list_for_badges(meeting=meeting)[:8])
    document = rendered_document_request_for_badges(
        meeting=meeting, registration=warm[0], by=None, enqueue=False
    )
    render_document_task.apply(args=[document.pk])

    # Wall-clock time, and this process's CPU time: on a shared machine the second is
    # what the sheet costs, the first what the user waits.
    with _timed() as build:
        content = badge_sheet_content(meeting, registration_list_for_badges(meeting=meeting))
    with _timed() as qr_only:
        for n in range(count):
            qr_svg(f"WzEsMl0:{n:07d}:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", label="QR")

    document = rendered_document_request_for_badges(meeting=meeting, by=None, enqueue=False)
    with _timed() as render:
        render_document_task.apply(args=[document.pk])
    document.refresh_from_db()
    assert document.status == RenderedDocument.Status.DONE, document.error

    print(f"badge sheet of {count} confirmed registrations (wall / CPU):", flush=True)
    print(
        f"    content {build}, of which QR codes {qr_only}; HTML {len(content.html) / 1e6:.1f} MB"
    )
    print(f"    render task (WeasyPrint, checksum, store) {render}")
    cpu = build.cpu + render.cpu
    print(
        f"    {document.page_count} pages, {document.size / 1e6:.2f} MB; "
        f"{cpu / count * 1000:.0f} ms of CPU per badge in all"
    )


class _Timing:
    wall = cpu = 0.0

    def __str__(self):
        return f"{self.wall:.1f} s / {self.cpu:.1f} s"


@contextlib.contextmanager
def _timed():
    timing = _Timing()
    wall, cpu = time.perf_counter(), time.process_time()
    yield timing
    timing.wall, timing.cpu = time.perf_counter() - wall, time.process_time() - cpu


def _meeting_with_confirmed(count: int):
    import datetime

    from participants.models import (
        Category,
        MemberState,
        Organization,
        Participant,
        Registration,
    )
    from workshops.models import DialogueYear, Meeting

    year = DialogueYear.objects.create(year=2031)
    meeting = Meeting.objects.create(
        dialogue_year=year,
        title="Migration and social change",
        venue="Palais des Nations, Geneva",
        start_date=datetime.date(2031, 3, 9),
        end_date=datetime.date(2031, 3, 10),
    )
    from django_countries import countries

    states = MemberState.objects.bulk_create(
        MemberState(country=code, name=name) for code, name in list(countries)[:150]
    )
    organizations = Organization.objects.bulk_create(
        Organization(name=f"Organization {n}", kind=Category.NGO) for n in range(50)
    )
    people = Participant.objects.bulk_create(
        Participant(first_name=f"Person{n}", last_name=f"Surname{n:04d}") for n in range(count)
    )
    Registration.objects.bulk_create(
        Registration(
            meeting=meeting,
            participant=person,
            status=Registration.Status.CONFIRMED,
            **(
                {"category": Category.GOVERNMENT, "member_state": states[n % len(states)]}
                if n % 5 < 3
                else {"category": Category.NGO, "organization": organizations[n % 50]}
            ),
        )
        for n, person in enumerate(people)
    )
    return meeting
