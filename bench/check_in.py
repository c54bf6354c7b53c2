"""The check-in desk: checking a person in by their badge's QR token against by name.

Prints the median time of the request that checks a person in by scanning their
badge (POST of the token) divided by the median of the request that checks them in
from the search results (POST of the "Check in" button), in one meeting of 2,000
confirmed registrations (target: at most 1.5: the token costs a signature check and
one select more), and, for comparison, the whole by-name check-in (the search page,
then the button) against the scan.

Runs in a PostgreSQL database of its own (idm_bench_check_in, created and dropped
here) on 127.0.0.1, in a child process. `make bench BENCH=check_in`.
"""

import statistics
import time

from bench._own_database import run_in_own_database

REGISTRATIONS = 2_000
CHECK_INS = 300  # of each kind
DATABASE = "idm_bench_check_in"
TARGET = 1.5


def main() -> None:
    run_in_own_database(
        module="bench.check_in",
        database=DATABASE,
        settings={"DJANGO_DEBUG": "true", "DJANGO_ALLOWED_HOSTS": "testserver"},
        timeout=900,
    )


# Everything below runs in the child process, against the benchmark database.


def _check(condition, what) -> None:
    """The benchmark measures working code only: a wrong result stops it."""
    if not condition:
        raise RuntimeError(f"benchmark check failed: {what}")


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def run() -> None:
    import django

    django.setup()
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from accounts.services import secretariat_user_create
    from demo import participants as demo
    from participants.badges import badge_token
    from participants.models import Category, MemberState, Participant, Registration
    from workshops.models import DialogueYear, Meeting

    call_command("migrate", verbosity=0)
    demo.load_member_states()
    user = secretariat_user_create(username="bench", password="bench-secretariat-password")
    TOTP.activate(user, generate_totp_secret())  # the secretariat signs in with a second factor
    year = DialogueYear.objects.create(year=2030, overarching_theme="Benchmark", is_current=True)
    meeting = Meeting.objects.create(
        dialogue_year=year, title="Check-in", start_date="2030-03-09", end_date="2030-03-10"
    )
    states = list(MemberState.objects.all())
    people = Participant.objects.bulk_create(
        Participant(first_name=f"Person{index:04d}", last_name=f"Surname{index:04d}")
        for index in range(REGISTRATIONS)
    )
    Registration.objects.bulk_create(
        Registration(
            meeting=meeting,
            participant=person,
            category=Category.GOVERNMENT,
            member_state=states[index % len(states)],
            status=Registration.Status.CONFIRMED,
        )
        for index, person in enumerate(people)
    )
    registrations = list(
        Registration.objects.filter(meeting=meeting).select_related("participant").order_by("pk")
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    client = Client()
    client.force_login(user)
    desk = f"/participants/meetings/{meeting.pk}/check-in/"
    scan_url = f"{desk}scan/"

    def by_token(registration):
        response = client.post(scan_url, {"token": badge_token(registration=registration)})
        _check(response.status_code == 302, response.status_code)

    def by_name(registration):
        response = client.post(
            f"/participants/registrations/{registration.pk}/check-in/",
            {"q": registration.participant.last_name},
        )
        _check(response.status_code == 302, response.status_code)

    def search(registration):
        response = client.get(desk, {"q": registration.participant.last_name})
        _check(
            response.status_code == 200
            and registration.participant.first_name in response.content.decode(),
            "the person found",
        )

    # Warm up both paths (templates, translations, query plans), then alternate them so
    # that neither gets the quieter moments of a shared machine.
    by_token(registrations[-1])
    by_name(registrations[-2])
    search(registrations[-3])
    token_seconds, name_seconds, search_seconds = [], [], []
    for index in range(CHECK_INS):
        token_seconds.append(_timed(lambda r=registrations[2 * index]: by_token(r)))
        name = registrations[2 * index + 1]
        search_seconds.append(_timed(lambda r=name: search(r)))
        name_seconds.append(_timed(lambda r=name: by_name(r)))
    attended = Registration.objects.filter(meeting=meeting, status="attended").count()
    _check(attended == 2 * CHECK_INS + 2, f"{attended} checked in")

    token, name = statistics.median(token_seconds), statistics.median(name_seconds)
    searched = statistics.median(search_seconds)
    ratio = token / name
    print(
        f"check-in by QR token ÷ by name: {ratio:.2f} "
        f"({token * 1000:.1f} ms ÷ {name * 1000:.1f} ms, medians of {CHECK_INS}, "
        f"{REGISTRATIONS:,} registrations; target {TARGET}: "
        f"{'target met' if ratio <= TARGET else 'TARGET MISSED'})"
    )
    print(
        f"the whole check-in by name (search page, then the button) ÷ by QR token: "
        f"{(searched + name) / token:.2f} ({(searched + name) * 1000:.1f} ms, not a target)"
    )
