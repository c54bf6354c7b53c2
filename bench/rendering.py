"""Rendering benchmark: `make bench BENCH=rendering` (or `python -m bench rendering`).

Prints three ratios, each with its target:

1. the pipeline's render time for IC/2010/5 — the render task as a worker
   runs it: load the record, mark it running, WeasyPrint, checksum, store
   the file, record the result — divided by raw WeasyPrint writing the same
   HTML with the same options, in the same warm process (target ≤ 1.10).
   The web side's part of a request (live content, hash, record) is printed
   beside it: it happens before the queue, not in the render;
2. the resident memory of one process after 1,000 renders divided by after
   10, rendering in a loop through the task the way a worker process does
   (target ≤ 1.10; BENCH_RENDERS changes the 1,000);
3. a repeat download of the published PDF (If-None-Match → 304) divided by
   serving a static file of the same size, both from one gunicorn worker with
   debug off (target ≤ 2); a full repeat download (200) is shown too.

It runs in a fresh process of its own against a PostgreSQL database of its
own (idm_bench_rendering, created and dropped), a temporary media folder and
127.0.0.1 only.
"""

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench._own_database import PROJECT_ROOT, run_in_own_database

DATABASE = "idm_bench_rendering"
TIMING_ROUNDS = 20
DOWNLOADS = 300


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="idm-bench-rendering-") as folder:
        # As production runs: debug off (which also keeps Django from logging every
        # query, and so from growing in memory over a thousand renders).
        run_in_own_database(
            module="bench.rendering",
            database=DATABASE,
            settings={
                "DJANGO_DEBUG": "false",
                "DJANGO_SECRET_KEY": "benchmark-only-secret-key-" + "x" * 40,
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
                "DJANGO_SECURE_SSL_REDIRECT": "false",
                "DJANGO_MEDIA_ROOT": str(Path(folder) / "media"),
                "DJANGO_STATIC_ROOT": str(Path(folder) / "static"),
            },
        )


# --- inside the benchmark's own process ------------------------------------------------


def run() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "idm_portal.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_idm2010", stdout=open(os.devnull, "w"))  # noqa: SIM115

    from reports.models import DiscussionNote

    note = DiscussionNote.objects.get(symbol="IC/2010/5")
    pipeline, raw, request = _render_times(note)
    _report("render time, pipeline ÷ raw WeasyPrint", pipeline / raw, 1.10)
    print(
        f"    render task {pipeline * 1000:.0f} ms, raw WeasyPrint {raw * 1000:.0f} ms; "
        f"the request before it {request * 1000:.0f} ms (best of {TIMING_ROUNDS})"
    )

    renders = int(os.environ.get("BENCH_RENDERS", "1000"))
    after_10, after_n = _resident_memory(note, renders=renders)
    _report(f"worker memory, after {renders} renders ÷ after 10", after_n / after_10, 1.10)
    print(f"    {after_10 / 1024:.1f} MiB after 10, {after_n / 1024:.1f} MiB after {renders}")

    conditional, full, static, size = _download_times(note)
    _report("repeat download (If-None-Match, 304) ÷ static file", conditional / static, 2.0)
    _report("full repeat download (200) ÷ static file", full / static, 2.0)
    print(
        f"    {size} bytes; 304 {conditional * 1000:.2f} ms, 200 {full * 1000:.2f} ms, "
        f"static {static * 1000:.2f} ms (medians of {DOWNLOADS})"
    )


def _report(name: str, ratio: float, target: float) -> None:
    verdict = "ok" if ratio <= target else "ABOVE TARGET"
    print(f"{name}: {ratio:.3f} (target ≤ {target:.2f}) {verdict}", flush=True)


def _fresh_request(note):
    """The work a "Generate PDF" causes, minus the queue: request, then the task's service."""
    from reports.models import RenderedDocument
    from reports.rendering import rendered_document_render
    from reports.services import rendered_document_request_for_note

    document = rendered_document_request_for_note(note=note, by=None, enqueue=False)
    finished = rendered_document_render(rendered_document_id=document.pk)
    assert finished.status == RenderedDocument.Status.DONE, finished.error
    return finished


def _forget(document) -> None:
    # Unchanged content would be reused, which is the point of the pipeline but
    # not what is measured here: drop the record and its file between rounds.
    document.file.delete(save=False)
    document.delete()


def _render_times(note) -> tuple[float, float, float]:
    import weasyprint

    from reports.content import note_content
    from reports.pdf import PDF_OPTIONS
    from reports.services import rendered_document_request_for_note
    from reports.tasks import render_document_task

    html = note_content(note).html

    def raw_render():
        weasyprint.HTML(string=html).write_pdf(**PDF_OPTIONS)

    _forget(_fresh_request(note))  # warm both paths: fonts, templates, connections
    raw_render()
    request_times, pipeline_times, raw_times = [], [], []
    for _ in range(TIMING_ROUNDS):
        started = time.perf_counter()
        document = rendered_document_request_for_note(note=note, by=None, enqueue=False)
        request_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        render_document_task.apply(args=[document.pk])
        pipeline_times.append(time.perf_counter() - started)
        document.refresh_from_db()
        assert document.status == document.Status.DONE, document.error
        _forget(document)
        started = time.perf_counter()
        raw_render()
        raw_times.append(time.perf_counter() - started)
    # Best of N, as timeit does: the least disturbed by other processes on the machine.
    return min(pipeline_times), min(raw_times), min(request_times)


def _rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status")


def _resident_memory(note, *, renders: int) -> tuple[int, int]:
    """RSS after 10 and after `renders` renders through the task, in this one process."""
    import gc

    from reports.content import note_content
    from reports.models import RenderedDocument
    from reports.tasks import render_document_task

    html = note_content(note).html
    after_10 = 0
    for number in range(1, renders + 1):
        document = RenderedDocument.objects.create(
            kind=RenderedDocument.Kind.NOTE,
            note=note,
            content=html,
            content_sha256=f"bench-{number}",
            file_name=note.file_name,
        )
        render_document_task.apply(args=[document.pk])
        document.refresh_from_db()
        _forget(document)
        if number == 10:
            gc.collect()
            after_10 = _rss_kib()
        if number % 100 == 0:
            print(f"    … {number} renders, {_rss_kib() / 1024:.1f} MiB", flush=True)
    gc.collect()
    return after_10, _rss_kib()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _download_times(note) -> tuple[float, float, float, int]:
    import http.client

    from django.conf import settings

    document = _fresh_request(note)  # published note: the public may download it
    size = document.size
    static_root = Path(settings.STATIC_ROOT)
    (static_root / "bench").mkdir(parents=True, exist_ok=True)
    (static_root / "bench" / "same-size.pdf").write_bytes(os.urandom(size))
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "idm_portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--log-level",
            "warning",
        ],
        cwd=PROJECT_ROOT,
    )
    try:
        _wait_for_port(port)

        def get(path: str, headers: dict[str, str] | None = None) -> tuple[float, int]:
            started = time.perf_counter()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", path, headers=headers or {})
            response = connection.getresponse()
            response.read()
            connection.close()
            return time.perf_counter() - started, response.status

        download = document.get_download_url()
        static = f"/{settings.STATIC_URL.strip('/')}/bench/same-size.pdf"
        etag = f'"{document.sha256}"'
        for _ in range(20):  # warm up
            get(download)
            get(static)
        conditional, full, plain = [], [], []
        for _ in range(DOWNLOADS):
            seconds, status = get(download, {"If-None-Match": etag})
            assert status == 304, status
            conditional.append(seconds)
            seconds, status = get(download)
            assert status == 200, status
            full.append(seconds)
            seconds, status = get(static)
            assert status == 200, status
            plain.append(seconds)
        return (
            statistics.median(conditional),
            statistics.median(full),
            statistics.median(plain),
            size,
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not listen on 127.0.0.1:{port}")
