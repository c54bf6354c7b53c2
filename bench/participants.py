"""Participants at scale: 10,000 registrations in one meeting.

Prints
- the list page's query count with 10 and with 10,000 registrations (must be equal);
- the list page's time divided by a raw SQL select of the same rows and columns
  (target: at most 3);
- importing a 10,000-row CSV divided by PostgreSQL COPY of the same rows into
  the same tables (target: at most 4).

Runs in a PostgreSQL database of its own (idm_bench_participants, created and
dropped here) on 127.0.0.1, in a child process so that its settings never mix
with another benchmark's. `make bench BENCH=participants`.
"""

import statistics
import time

from bench._own_database import run_in_own_database

ROWS = 10_000
SMALL = 10
PAGE_RUNS = 15
IMPORT_ROUNDS = 3
DATABASE = "idm_bench_participants"
LIST_TARGET = 3
IMPORT_TARGET = 4


def main() -> None:
    run_in_own_database(
        module="bench.participants",
        database=DATABASE,
        settings={"DJANGO_DEBUG": "true", "DJANGO_ALLOWED_HOSTS": "testserver"},
        timeout=900,
    )


# Everything below runs in the child process, against the benchmark database.


def _rows(prefix: str, count: int, states: list[str], organizations: list[str]) -> list[list[str]]:
    """Deterministic spreadsheet rows: 60% government, the rest from organizations or other."""
    rows = []
    for index in range(count):
        kind = index % 10
        if kind < 6:
            category, country, organization = "Government", states[index % len(states)], ""
        elif kind < 9:
            category = ("International organization", "Non-governmental organization", "Academia")[
                kind - 6
            ]
            country, organization = "", organizations[index % len(organizations)]
        else:
            category, country, organization = "Other", "", ""
        rows.append(
            [
                ("Mr.", "Ms.", "Dr.")[index % 3],
                f"Given{index % 997}",
                f"Family{index:05d}",
                f"{prefix}{index:05d}@bench.example.org",
                "Counsellor",
                category,
                country,
                organization,
                "",
                "",
            ]
        )
    return rows


def _copy_baseline(meeting, rows, states_by_name, organizations_by_name, user_id) -> float:
    """COPY of the same rows into the participant and registration tables, ids drawn first."""
    import io

    from django.db import connection, transaction
    from django.utils import timezone

    from participants.models import Category

    category_values = {str(label): value for value, label in Category.choices}
    null = "\\N"
    now = timezone.now().isoformat()
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence('participants_participant', 'id')) "
            "FROM generate_series(1, %s)",
            [len(rows)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        people = io.StringIO(
            "".join(
                f"{pk}\t{r[0]}\t{r[1]}\t{r[2]}\t{r[3]}\t{r[4]}\t{now}\t{now}\n"
                for pk, r in zip(ids, rows, strict=True)
            )
        )
        cursor.copy_expert(
            "COPY participants_participant (id, honorific, first_name, last_name, email, "
            "job_title, created_at, updated_at) FROM STDIN",
            people,
        )
        registrations = io.StringIO(
            "".join(
                f"{meeting.pk}\t{pk}\t{category_values[r[5]]}\t"
                f"{states_by_name[r[6]] if r[6] else null}\t"
                f"{organizations_by_name[r[7]] if r[7] else null}\t"
                f"{'delegate' if r[5] == 'Government' else 'observer'}\tregistered\t"
                f"{now}\t{now}\t{user_id}\t{user_id}\n"
                for pk, r in zip(ids, rows, strict=True)
            )
        )
        cursor.copy_expert(
            "COPY participants_registration (meeting_id, participant_id, category, "
            "member_state_id, organization_id, role, status, created_at, updated_at, "
            "created_by_id, updated_by_id) FROM STDIN",
            registrations,
        )
    return time.perf_counter() - start


def _raw_select_seconds(meeting, page_size: int) -> float:
    """The list page's rows and columns, straight from SQL."""
    from django.db import connection

    sql = (
        "SELECT r.id, p.honorific, p.first_name, p.last_name, p.email, r.category, "
        "s.name, o.name, o.acronym, r.role, r.status "
        "FROM participants_registration r "
        "JOIN participants_participant p ON p.id = r.participant_id "
        "LEFT JOIN participants_memberstate s ON s.id = r.member_state_id "
        "LEFT JOIN participants_organization o ON o.id = r.organization_id "
        "WHERE r.meeting_id = %s ORDER BY p.last_name, p.first_name, r.id LIMIT %s"
    )
    timings = []
    with connection.cursor() as cursor:
        for _ in range(PAGE_RUNS):
            start = time.perf_counter()
            cursor.execute(sql, [meeting.pk, page_size])
            cursor.fetchall()
            timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def _page(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    _check(response.status_code == 200, response.status_code)
    return len(queries), response


def _median_seconds(action) -> float:
    action()  # warm up: templates, translations, query plans
    timings = []
    for _ in range(PAGE_RUNS):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def _page_seconds(client, url) -> float:
    def get():
        response = client.get(url)
        _check(response.status_code == 200, response.status_code)

    return _median_seconds(get)


def _check(condition, what) -> None:
    """The benchmark measures working code only: a wrong result stops it."""
    if not condition:
        raise RuntimeError(f"benchmark check failed: {what}")


def _verdict(met: bool) -> str:
    return "target met" if met else "TARGET MISSED"


def run() -> None:
    import django

    django.setup()
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from accounts.services import secretariat_user_create
    from demo import participants as demo
    from participants.importing import participant_import_apply, participant_import_store
    from participants.models import MemberState, Organization, Registration
    from participants.selectors import registration_list
    from participants.spreadsheets import csv_bytes, read_table
    from participants.views.registrations import PAGE_SIZE
    from workshops.models import DialogueYear, Meeting

    call_command("migrate", verbosity=0)
    demo.load_member_states()
    demo.load_organizations()
    user = secretariat_user_create(username="bench", password="bench-secretariat-password")
    TOTP.activate(user, generate_totp_secret())  # the secretariat signs in with a second factor
    year = DialogueYear.objects.create(year=2030, overarching_theme="Benchmark", is_current=True)

    def import_file(target, content):
        # The path of an upload: the file read, its rows stored, then applied.
        table = read_table(content)
        stored = participant_import_store(
            meeting=target, file_name="bench.csv", table=table, by=user
        )
        return participant_import_apply(pk=stored.pk, meeting=target, by=user).preview

    def meeting(title):
        return Meeting.objects.create(
            dialogue_year=year, title=title, start_date="2030-03-09", end_date="2030-03-10"
        )

    states = list(MemberState.objects.values_list("name", flat=True))
    states_by_name = dict(MemberState.objects.values_list("name", "pk"))
    organizations = list(Organization.objects.values_list("name", flat=True))
    organizations_by_name = dict(Organization.objects.values_list("name", "pk"))

    # Import versus COPY: fresh people and a fresh meeting for every run of either.
    import_seconds, copy_seconds = [], []
    for round_number in range(IMPORT_ROUNDS):
        rows = _rows(f"copy{round_number}-", ROWS, states, organizations)
        copy_seconds.append(
            _copy_baseline(
                meeting(f"COPY {round_number}"),
                rows,
                states_by_name,
                organizations_by_name,
                user.pk,
            )
        )
        content = csv_bytes(_rows(f"import{round_number}-", ROWS, states, organizations))
        target = meeting(f"Import {round_number}")
        start = time.perf_counter()
        preview = import_file(target, content)
        import_seconds.append(time.perf_counter() - start)
        _check(preview.written and preview.registrations_to_create == ROWS, preview)
    big = target
    _check(Registration.objects.filter(meeting=big).count() == ROWS, "registrations")
    start = time.perf_counter()
    again = import_file(big, content)
    reimport_seconds = time.perf_counter() - start
    _check(not again.written and again.unchanged == ROWS, again)

    small = meeting("Small")
    import_file(small, csv_bytes(_rows("small-", SMALL, states, organizations)))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    client = Client()
    client.force_login(user)
    small_url = f"/participants/meetings/{small.pk}/"
    big_url = f"/participants/meetings/{big.pk}/"
    small_queries, _ = _page(client, small_url)
    big_queries, response = _page(client, big_url)
    _check(f"{ROWS} registrations" in response.content.decode(), "the page's count")
    page_seconds = _page_seconds(client, big_url)
    raw_seconds = _raw_select_seconds(big, PAGE_SIZE)
    list_ratio = page_seconds / raw_seconds
    # Where the page's time goes: its rows through the ORM, and the cheapest page there is.
    orm_seconds = _median_seconds(lambda: list(registration_list(meeting=big)[:PAGE_SIZE]))
    floor_seconds = _page_seconds(Client(), "/accounts/login/")

    import_median, copy_median = statistics.median(import_seconds), statistics.median(copy_seconds)
    import_ratio = import_median / copy_median

    print(
        f"participants list page queries: {small_queries} at {SMALL} rows, "
        f"{big_queries} at {ROWS:,} rows: "
        f"{'equal, target met' if small_queries == big_queries else 'DIFFERENT, TARGET MISSED'}"
    )
    print(
        f"list page (first {PAGE_SIZE} of {ROWS:,}, median of {PAGE_RUNS}): "
        f"{page_seconds * 1000:.1f} ms; raw SQL select of the same rows and columns: "
        f"{raw_seconds * 1000:.1f} ms; ratio {list_ratio:.2f} (target <= {LIST_TARGET}): "
        f"{_verdict(list_ratio <= LIST_TARGET)}"
    )
    print(
        f"  of which: the same rows through the ORM {orm_seconds * 1000:.1f} ms; the portal's "
        f"smallest page (the login form) {floor_seconds * 1000:.1f} ms"
    )
    print(
        f"import of a {ROWS:,}-row CSV (median of {IMPORT_ROUNDS}): "
        f"{import_median * 1000:.0f} ms; PostgreSQL COPY of the same rows: "
        f"{copy_median * 1000:.0f} ms; ratio {import_ratio:.2f} (target <= {IMPORT_TARGET}): "
        f"{_verdict(import_ratio <= IMPORT_TARGET)}"
    )
    print(f"importing the same file again: {reimport_seconds * 1000:.0f} ms, nothing written")


if __name__ == "__main__":
    main()
