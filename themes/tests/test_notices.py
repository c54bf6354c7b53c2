"""The consultation's e-mails, received by a real SMTP server: opening, reminder, result,
suggestion reviewed. Each reaches exactly its recipients, in their language, once."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.tests.factories import SecretariatUserFactory
from notifications.models import OutboxMessage
from themes.models import Consultation
from themes.services import (
    consultation_result_declare,
    consultation_result_publish,
    theme_suggestion_add_to_ballot,
    theme_suggestion_decline,
    vote_cast,
)
from themes.tests.factories import (
    ClosedConsultationFactory,
    ProposalFactory,
    ThemeSuggestionFactory,
)

pytestmark = pytest.mark.django_db


def run_due(capture):
    with capture(execute=True):
        call_command("send_due_notifications", stdout=io.StringIO())


@pytest.fixture
def states(
    ballot, ghana_focal_point, second_ghana_focal_point, kenya_focal_point, observer_focal_point
):
    """Ghana has voted; Kenya (member) and Qatar (observer) have not."""
    consultation, first, _second = ballot
    kenya_focal_point.language = "fr"
    kenya_focal_point.save(update_fields=["language"])
    vote_cast(consultation_id=consultation.pk, proposal_id=first.pk, by=ghana_focal_point)
    return consultation


def test_opening_goes_to_every_focal_point_and_the_reminder_once_to_states_not_voted(
    states,
    smtp_server,
    django_capture_on_commit_callbacks,
    settings,
    ghana_focal_point,
    second_ghana_focal_point,
    kenya_focal_point,
    observer_focal_point,
):
    consultation = states
    settings.CONSULTATION_REMINDER_HOURS = 48  # the consultation closes in 24 hours
    run_due(django_capture_on_commit_callbacks)
    run_due(django_capture_on_commit_callbacks)

    everyone = {
        ghana_focal_point.email,
        second_ghana_focal_point.email,
        kenya_focal_point.email,
        observer_focal_point.email,
    }
    opening = [
        m
        for m in smtp_server.messages
        if "Voting is open" in m.subject or "Le vote est ouvert" in m.subject
    ]
    assert sorted(address for m in opening for address in m.to) == sorted(everyone)

    reminders = OutboxMessage.objects.filter(kind="consultation_reminder")
    # Observers do not vote: only Kenya, a member state that has not voted, is reminded.
    assert [m.address for m in reminders] == [kenya_focal_point.email]
    [reminder] = smtp_server.to(kenya_focal_point.email)[1:]
    assert reminder.subject == f"Rappel : votre État n'a pas voté dans « {consultation.title} »"
    for name in (
        "Ghana",
        ghana_focal_point.last_name,
        second_ghana_focal_point.last_name,
        "Future of migration",
        "Qatar",
    ):
        assert name not in reminder.whole
    assert len(smtp_server.messages) == 5


def test_no_reminder_before_its_time(
    states, smtp_server, django_capture_on_commit_callbacks, settings
):
    settings.CONSULTATION_REMINDER_HOURS = 12  # closes in 24 hours: not yet
    run_due(django_capture_on_commit_callbacks)
    assert not OutboxMessage.objects.filter(kind="consultation_reminder").exists()
    assert OutboxMessage.objects.filter(kind="consultation_open").count() == 4


def test_a_closed_consultation_sends_nothing(
    db, kenya_focal_point, smtp_server, django_capture_on_commit_callbacks
):
    ClosedConsultationFactory()
    run_due(django_capture_on_commit_callbacks)
    assert smtp_server.messages == []


def test_the_published_result_names_the_theme_not_the_votes(
    db, ghana_focal_point, kenya_focal_point, smtp_server, django_capture_on_commit_callbacks
):
    consultation = ClosedConsultationFactory()
    chosen = ProposalFactory(consultation=consultation, title="Migration and social change")
    secretariat = SecretariatUserFactory()
    consultation_result_declare(
        consultation_id=consultation.pk, proposal_id=chosen.pk, by=secretariat
    )
    with django_capture_on_commit_callbacks(execute=True):
        consultation_result_publish(consultation_id=consultation.pk)
        consultation_result_publish(consultation_id=consultation.pk)
    assert sorted(a for m in smtp_server.messages for a in m.to) == sorted(
        [ghana_focal_point.email, kenya_focal_point.email]
    )
    for received in smtp_server.messages:
        assert "Selected theme: Migration and social change" in received.text
        assert "Ghana" not in received.whole
        assert "Kenya" not in received.whole


def test_a_reviewed_theme_suggestion_goes_to_the_suggesting_states_focal_points(
    ballot,
    ghana_focal_point,
    second_ghana_focal_point,
    kenya_focal_point,
    smtp_server,
    django_capture_on_commit_callbacks,
):
    consultation, _first, _second = ballot
    secretariat = SecretariatUserFactory()
    added = ThemeSuggestionFactory(
        consultation=consultation, submitted_by=ghana_focal_point, title="Climate and mobility"
    )
    declined = ThemeSuggestionFactory(
        consultation=consultation, submitted_by=ghana_focal_point, title="Labour mobility"
    )
    # Before voting opens: the ballot is fixed from then on.
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_at=timezone.now() + datetime.timedelta(hours=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        theme_suggestion_add_to_ballot(suggestion_id=added.pk, by=secretariat)
        theme_suggestion_decline(
            suggestion_id=declined.pk, by=secretariat, reason="Already covered."
        )
    ghana = sorted([ghana_focal_point.email, second_ghana_focal_point.email])
    assert sorted(a for m in smtp_server.messages for a in m.to) == sorted(ghana * 2)
    assert smtp_server.to(kenya_focal_point.email) == []
    texts = [m.text for m in smtp_server.to(ghana_focal_point.email)]
    assert any("“Climate and mobility” has been added to the ballot" in t for t in texts)
    assert any("Reason: Already covered." in t for t in texts)


def test_a_consultation_opening_later_is_announced_when_it_opens(
    db, kenya_focal_point, smtp_server, django_capture_on_commit_callbacks
):
    from notifications.jobs import due_jobs_run
    from themes.tests.factories import ConsultationFactory

    consultation = ConsultationFactory(
        opens_at=timezone.now() + datetime.timedelta(hours=1),
        closes_at=timezone.now() + datetime.timedelta(days=5),
    )
    run_due(django_capture_on_commit_callbacks)
    assert smtp_server.messages == []
    with django_capture_on_commit_callbacks(execute=True):
        counts = due_jobs_run(now=consultation.opens_at)
    assert counts["themes.consultation_notices"] == 1
    [received] = smtp_server.messages
    assert received.to == [kenya_focal_point.email]
    assert received.subject == f"Voting is open: {consultation.title}"
