"""Voting benchmark: 200 member states' focal points vote at once through gunicorn.

    make bench BENCH=voting        (or: python -m bench voting)

What it does, all on 127.0.0.1:

1. creates the PostgreSQL database `idm_bench_voting` (dropped at the end) and
   migrates it;
2. seeds 200 member states with one focal point each, a second focal point for
   50 of them, an open consultation with two proposals, and a logged-in
   session for every focal point (sessions are written directly: logging in
   is not what is measured);
3. collects the static files into a temporary folder and starts the portal
   under gunicorn on a free port, with production's settings (debug off; TLS
   redirect off, there being no proxy); every focal point loads the ballot
   (to get its CSRF token and warm the workers: not measured);
4. releases all 250 focal points at once: each posts its state's vote, the
   two focal points of a state choosing different proposals;
5. prints the votes recorded against the 200 expected (with duplicates and
   history entries: one of each per state, or the benchmark fails), and the
   95th percentile of the vote request time divided by the 95th percentile of
   a raw single-row INSERT and commit on the same database (target: at most 20).

Environment: BENCH_VOTING_WORKERS / BENCH_VOTING_THREADS size gunicorn
(default: one worker per CPU, 8 threads each); BENCH_DATABASE_ADMIN_URL is
the server's maintenance database (default postgres://postgres@127.0.0.1:5432/postgres).
"""

import http.client
import json
import os
import queue
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "idm_bench_voting"
ADMIN_URL = os.environ.get(
    "BENCH_DATABASE_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
STATES = 200
STATES_WITH_TWO_FOCAL_POINTS = 50
BASELINE_INSERTS = 400
TARGET_RATIO = 20
TIMEOUT = 60  # seconds any one step may take


def _database_url(name: str) -> str:
    parts = urlsplit(ADMIN_URL)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin(statement: str) -> None:
    connection = psycopg2.connect(ADMIN_URL)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
    finally:
        connection.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _percentile(values: list[float], percent: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


def _portal_environment(static_root: str) -> dict[str, str]:
    """As production runs the portal (see bench/rendering.py), on plain HTTP."""
    return {
        **os.environ,
        "DATABASE_URL": _database_url(DATABASE),
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "benchmark-only-secret-key-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        # Debug off serves static files from the collected manifest, never from
        # the sources: pages cannot render without it.
        "DJANGO_STATIC_ROOT": static_root,
        "DJANGO_LOG_LEVEL": "WARNING",
        "CELERY_BROKER_URL": "",
    }


def _manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT * 3,
        check=True,
    )
    return result.stdout


def _seed(env: dict[str, str]) -> dict:
    _manage(env, "migrate", "--noinput")
    _manage(env, "collectstatic", "--noinput")
    output = _manage(
        env,
        "shell",
        "-c",
        "from bench._voting_seed import seed; "
        f"seed(states={STATES}, states_with_two_focal_points={STATES_WITH_TWO_FOCAL_POINTS})",
    )
    return json.loads(output[output.index("SEED") + 4 :])


def _wait_until_listening(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited before listening")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start listening")


class FocalPoint:
    """One browser: a kept-alive connection, a session, a CSRF token, a choice."""

    def __init__(self, port: int, session: str, choice: int):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        self.session, self.choice = session, choice
        self.csrf_cookie = self.csrf_token = ""

    def load_ballot(self, ballot: dict) -> None:
        self.connection.request(
            "GET", f"/themes/{ballot['pk']}/", headers={"Cookie": f"sessionid={self.session}"}
        )
        response = self.connection.getresponse()
        page = response.read().decode()
        if response.status != 200:
            raise RuntimeError(f"ballot page answered {response.status}")
        cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", ""))
        self.csrf_cookie = cookie.group(1) if cookie else self.csrf_cookie
        self.csrf_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def vote(self, ballot: dict) -> tuple[int, float]:
        """Posts the vote as the ballot form does; returns (HTTP status, seconds)."""
        proposal = ballot["proposals"][self.choice]
        body = f"csrfmiddlewaretoken={self.csrf_token}&proposal={proposal}&seen_proposal="
        started = time.perf_counter()
        self.connection.request(
            "POST",
            f"/themes/{ballot['pk']}/vote/",
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"sessionid={self.session}; csrftoken={self.csrf_cookie}",
            },
        )
        response = self.connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - started


def _in_threads(functions, limit=None) -> list:
    """Runs the functions in threads, at most `limit` at a time (all at once if None)."""
    results, errors = [None] * len(functions), []
    gate = threading.Semaphore(limit or len(functions))

    def run(index, function):
        with gate:
            try:
                results[index] = function()
            except Exception as error:
                errors.append(error)

    threads = [threading.Thread(target=run, args=item) for item in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    if errors:
        raise RuntimeError(f"{len(errors)} request(s) failed, first: {errors[0]!r}")
    return results


def _vote(port: int, seed: dict) -> tuple[list, list]:
    """Votes one after another on the rehearsal ballot, then all at once on the real one."""
    real, rehearsal = seed["ballots"]
    points = [FocalPoint(port, voter["session"], voter["choice"]) for voter in seed["voters"]]
    _in_threads([lambda point=point: point.load_ballot(rehearsal) for point in points], limit=16)
    one_by_one = [point.vote(rehearsal) for point in points if point.choice == 0]
    _in_threads([lambda point=point: point.load_ballot(real) for point in points], limit=16)
    start = threading.Barrier(len(points), timeout=TIMEOUT)

    def vote_at_once(point):
        start.wait()
        return point.vote(real)

    at_once = _in_threads([lambda point=point: vote_at_once(point) for point in points])
    for point in points:
        point.connection.close()
    return one_by_one, at_once


def _count_votes(consultation: int) -> dict[str, int]:
    connection = psycopg2.connect(_database_url(DATABASE))
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*), count(DISTINCT member_state_id) FROM themes_vote "
                "WHERE consultation_id = %s",
                [consultation],
            )
            votes, states = cursor.fetchone()
            cursor.execute(
                "SELECT count(*) FROM themes_voteevent WHERE consultation_id = %s", [consultation]
            )
            (events,) = cursor.fetchone()
    finally:
        connection.close()
    return {"votes": votes, "states": states, "events": events}


def _raw_insert_times(*, at_once: int = 0, connections: int = 1) -> list[float]:
    """Seconds per single-row INSERT and COMMIT on the benchmark database.

    By default BASELINE_INSERTS of them one after another on one connection.
    With `at_once`, that many writers start together and share `connections`
    connections, as the votes share gunicorn's threads and their connections:
    each time includes the wait for a free connection.
    """
    url = _database_url(DATABASE)
    pool = queue.Queue()
    for _ in range(connections):
        pool.put(psycopg2.connect(url))

    def insert(member_state: int) -> float:
        started = time.perf_counter()
        connection = pool.get()
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    "INSERT INTO bench_raw_insert (member_state, proposal) VALUES (%s, %s)",
                    [member_state, 1],
                )
            connection.commit()
        finally:
            pool.put(connection)
        return time.perf_counter() - started

    try:
        if not at_once:
            return [insert(index) for index in range(BASELINE_INSERTS)]
        start = threading.Barrier(at_once, timeout=TIMEOUT)

        def insert_at_once(index):
            start.wait()
            return insert(index)

        return _in_threads([lambda i=i: insert_at_once(i) for i in range(at_once)])
    finally:
        while not pool.empty():
            pool.get().close()


def _create_raw_insert_table() -> None:
    connection = psycopg2.connect(_database_url(DATABASE))
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TABLE bench_raw_insert (id bigserial PRIMARY KEY, "
                "member_state integer NOT NULL, proposal integer NOT NULL, "
                "at timestamptz NOT NULL DEFAULT now())"
            )
        connection.commit()
    finally:
        connection.close()


def main() -> None:
    workers = int(os.environ.get("BENCH_VOTING_WORKERS", os.cpu_count() or 2))
    threads = int(os.environ.get("BENCH_VOTING_THREADS", "8"))
    _admin(f"DROP DATABASE IF EXISTS {DATABASE}")
    _admin(f"CREATE DATABASE {DATABASE}")
    static_root = tempfile.TemporaryDirectory(prefix="idm-bench-voting-static-")
    env = _portal_environment(static_root.name)
    server = None
    try:
        seed = _seed(env)
        port = _free_port()
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "idm_portal.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--worker-class",
                "gthread",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                # Browsers keep their connection between loading the ballot and
                # voting, as they would behind a load balancer.
                "--keep-alive",
                str(TIMEOUT),
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
        )
        _wait_until_listening(port, server)
        one_by_one, results = _vote(port, seed)
        counts = _count_votes(seed["ballots"][0]["pk"])
        _create_raw_insert_table()
        baseline = _raw_insert_times()
        baseline_at_once = _raw_insert_times(at_once=len(results), connections=workers * threads)
    finally:
        if server is not None:
            server.terminate()
            server.wait(TIMEOUT)
        _admin(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        static_root.cleanup()

    statuses = sorted({status for status, _ in results})
    vote_p95 = _percentile([seconds for _, seconds in results], 95)
    insert_p95 = _percentile(baseline, 95)
    ratio = vote_p95 / insert_p95
    print(f"gunicorn: {workers} gthread worker(s) x {threads} threads, {os.cpu_count()} CPUs")
    print(
        f"focal points voting at once: {len(results)} "
        f"({STATES} states, {STATES_WITH_TWO_FOCAL_POINTS} with two focal points); "
        f"HTTP statuses: {statuses}"
    )
    print(
        f"votes recorded: {counts['votes']} / expected {STATES}; "
        f"states with a vote: {counts['states']}; "
        f"duplicates: {counts['votes'] - counts['states']}; "
        f"history entries: {counts['events']}"
    )
    print(
        f"vote request, all at once: p50 {statistics.median(r[1] for r in results) * 1000:.1f} ms,"
        f" p95 {vote_p95 * 1000:.1f} ms"
    )
    alone = [seconds for _, seconds in one_by_one]
    print(
        f"vote request, one after another ({len(alone)} states, for comparison): "
        f"p50 {statistics.median(alone) * 1000:.1f} ms, p95 {_percentile(alone, 95) * 1000:.1f} ms"
    )
    print(
        f"raw INSERT+COMMIT p50 {statistics.median(baseline) * 1000:.2f} ms, "
        f"p95 {insert_p95 * 1000:.2f} ms"
    )
    verdict = "within" if ratio <= TARGET_RATIO else "OVER"
    print(f"p95 vote / p95 raw insert: {ratio:.1f} ({verdict} the target of {TARGET_RATIO})")
    crowd_p95 = _percentile(baseline_at_once, 95)
    print(
        f"for comparison, raw INSERT+COMMIT {len(baseline_at_once)} at once over "
        f"{workers * threads} connections: p95 {crowd_p95 * 1000:.2f} ms; "
        f"p95 vote / that p95: {vote_p95 / crowd_p95:.1f}"
    )
    if (
        counts["votes"] != STATES
        or counts["states"] != STATES
        or counts["events"] != STATES
        or statuses != [302]
    ):
        raise SystemExit("voting benchmark: votes or history recorded differ from expected")
