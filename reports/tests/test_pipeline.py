"""From Markdown and markers to a stored PDF: the pieces, and what happens when they fail."""

import datetime
import os
import subprocess
import sys
import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError
from django.utils import timezone

from idm_portal.celery import app as celery_app
from participants.models import Category
from participants.tests.factories import (
    MemberStateFactory,
    OrganizationFactory,
    ParticipantFactory,
    RegistrationFactory,
)
from reports import rendering, services
from reports.content import participant_list_content
from reports.markers import MarkerContext, expand_markers, meeting_dates
from reports.markup import body_to_html
from reports.models import DiscussionNote, RenderedDocument
from reports.pdf import html_to_pdf
from reports.tasks import render_document_task
from reports.tests.factories import DiscussionNoteFactory
from themes.models import Consultation, Proposal
from workshops.models import Meeting
from workshops.tests.factories import DialogueYearFactory, MeetingFactory


def test_paragraphs_are_numbered_across_headings_but_not_in_lists_or_footnotes():
    html = body_to_html(
        "One.\n\n## Section\n\nTwo.[^a]\n\n- a list item\n\n### Sub\n\nThree.\n\n[^a]: Note."
    )

    assert html.count('class="para-number"') == 3
    assert '<span class="para-number">2.</span> Two.' in html
    assert '<span class="para-number">3.</span> Three.' in html
    assert '<span class="footnote-print">Note.</span>' in html
    assert '<li id="fn:a">' in html  # the screen's list of footnotes stays


def test_raw_html_in_a_body_is_sanitized():
    html = body_to_html('Text <script>alert(1)</script><img src="http://x/y.png"> end.')

    assert "<script" not in html
    assert "alert" not in html
    assert "<img" not in html


@pytest.mark.django_db
def test_attendance_marker_states_the_figures_inside_the_authors_paragraph():
    meeting = MeetingFactory(start_date=datetime.date(2010, 3, 9))
    state = MemberStateFactory()
    RegistrationFactory.create_batch(2, meeting=meeting, member_state=state, status="attended")
    RegistrationFactory(
        meeting=meeting,
        category=Category.INTERNATIONAL_ORGANIZATION,
        organization=OrganizationFactory(),
        status="attended",
    )
    context = MarkerContext(
        issue_date=datetime.date(2010, 4, 16), dialogue_year=meeting.dialogue_year
    )

    expansion = expand_markers(
        "It took place. [[attendance meeting=2010-03-09]][^1]", context=context
    )

    assert expansion.problems == []
    assert expansion.text == (
        "It took place. This workshop was attended by 3 participants. Of these participants, "
        "2 were government representatives from 1 country and 1 was from an international "
        "organization.[^1]"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "subject"),
    [
        (Meeting.Kind.WORKSHOP, "This workshop"),
        (Meeting.Kind.INFORMAL_CONSULTATION, "This consultation"),
        (Meeting.Kind.COUNCIL_SESSION, "This session"),
    ],
)
def test_attendance_marker_names_the_meeting_by_its_kind(kind, subject):
    meeting = MeetingFactory(start_date=datetime.date(2010, 3, 9), kind=kind)
    RegistrationFactory(meeting=meeting, member_state=MemberStateFactory(), status="attended")
    context = MarkerContext(
        issue_date=datetime.date(2010, 4, 16), dialogue_year=meeting.dialogue_year
    )

    expansion = expand_markers("[[attendance meeting=2010-03-09]]", context=context)

    assert expansion.problems == []
    assert expansion.text.startswith(f"{subject} was attended by 1 participant.")


@pytest.mark.django_db
def test_upcoming_meetings_marker_lists_the_years_meetings_after_the_issue_date():
    year = DialogueYearFactory()
    MeetingFactory(dialogue_year=year, title="Past", start_date=datetime.date(2010, 3, 9))
    MeetingFactory(
        dialogue_year=year,
        title="Societies and identities",
        start_date=datetime.date(2010, 7, 19),
        end_date=datetime.date(2010, 7, 20),
        status=Meeting.Status.SUBJECT_TO_FUNDING,
    )
    context = MarkerContext(issue_date=datetime.date(2010, 4, 16), dialogue_year=year)

    html = body_to_html(expand_markers("Intro.\n[[upcoming-meetings]]\n", context=context).text)

    assert "Past" not in html
    assert (
        "<li>19–20 July 2010, Geneva: <em>Societies and identities</em> "
        "(subject to the availability of funding)</li>" in html
    )


@pytest.mark.django_db
def test_proposals_marker_gives_ordinal_headings_and_numbered_paragraphs():
    year_2011 = DialogueYearFactory(year=2011, is_current=False)
    consultation = Consultation.objects.create(
        target_year=year_2011,
        title="Theme of 2011",
        opens_at=datetime.datetime(2010, 4, 16, tzinfo=datetime.UTC),
        closes_at=datetime.datetime(2010, 5, 31, tzinfo=datetime.UTC),
    )
    Proposal.objects.create(
        consultation=consultation, position=2, title="B", full_text="B1.\n\nB2."
    )
    Proposal.objects.create(consultation=consultation, position=1, title="A", full_text="A1.")
    context = MarkerContext(
        issue_date=datetime.date(2010, 4, 16), dialogue_year=DialogueYearFactory()
    )

    html = body_to_html(
        "Intro.\n\n" + expand_markers("[[proposals year=2011]]", context=context).text + "End."
    )

    assert "<h3>First proposal: A</h3>" in html
    assert "<h3>Second proposal: B</h3>" in html
    assert html.index("A1.") < html.index("B1.")
    assert '<span class="para-number">4.</span> B2.' in html
    assert '<span class="para-number">5.</span> End.' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("[[footnote x=1]]", "Unknown marker [[footnote x=1]]."),
        ("See [[proposals year=2011]] here.", "must stand alone on its line"),
        ("[[attendance]]", "needs meeting=YYYY-MM-DD"),
        ("[[attendance meeting=2010-13-01]]", "2010-13-01 is not a date"),
        ("[[attendance meeting=999999]]", "There is no meeting number 999999."),
        ("[[attendance meeting=²]]", "In [[attendance]], ² is not a date written as YYYY-MM-DD."),
        ("[[upcoming-meetings year=²]]", "The marker [[upcoming-meetings]] needs year=YYYY."),
        ("[[proposals year=2010]]", "There is no consultation on the theme of 2010 yet."),
    ],
)
def test_broken_markers_are_reported_in_words(body, problem):
    context = MarkerContext(
        issue_date=datetime.date(2010, 4, 16), dialogue_year=DialogueYearFactory()
    )

    expansion = expand_markers(body, context=context)

    assert len(expansion.problems) == 1
    assert problem in expansion.problems[0]


@pytest.mark.django_db
def test_symbol_format_is_kept_by_the_database():
    note = DiscussionNoteFactory.build(meeting=MeetingFactory(), symbol="IC-2010-5")
    with pytest.raises(ValidationError):
        note.full_clean()
    with pytest.raises(IntegrityError):
        note.save()


@pytest.mark.parametrize("symbol", ["IC/2010/5", "MC/2239", "IC/2010/5/Rev.1", "IC/2010/5/Add.2"])
def test_symbols_of_the_organization_are_valid(symbol):
    from reports.models import validate_symbol

    validate_symbol(symbol)


def test_meeting_dates_read_like_a_note():
    def meeting(start, end):
        return Meeting(start_date=start, end_date=end)

    d = datetime.date
    assert meeting_dates(meeting(d(2010, 3, 9), d(2010, 3, 10))) == "9–10 March 2010"
    assert meeting_dates(meeting(d(2010, 4, 27), d(2010, 4, 27))) == "27 April 2010"
    assert meeting_dates(meeting(d(2010, 6, 30), d(2010, 7, 1))) == "30 June – 1 July 2010"


def test_documents_may_not_fetch_anything():
    pdf_error = None
    try:
        html_to_pdf('<html lang="en"><body><img src="http://example.org/x.png"></body></html>')
    except BaseException as exc:  # noqa: BLE001 (the refusal is a BaseException on purpose)
        pdf_error = exc
    assert "may not load external resources" in str(pdf_error)


@pytest.mark.django_db
def test_a_document_that_asks_for_a_url_fails_in_words():
    document = RenderedDocument.objects.create(
        kind=RenderedDocument.Kind.NOTE,
        note=DiscussionNoteFactory(),
        content='<html lang="en"><body><img src="http://example.org/x.png"></body></html>',
        content_sha256="x" * 64,
    )

    rendering.rendered_document_render(rendered_document_id=document.pk)

    document.refresh_from_db()
    assert document.status == RenderedDocument.Status.FAILED
    assert document.error == (
        "The PDF could not be made: "
        "Documents may not load external resources (http://example.org/x.png)."
    )
    assert not document.file


def test_weasyprint_is_loaded_by_the_first_render_not_by_importing_the_app():
    code = (
        "import sys, django; django.setup(); "
        "import idm_portal.urls, reports.admin, reports.services, reports.tasks; "
        "print('weasyprint' in sys.modules)"
    )
    env = {**os.environ, "DJANGO_DEBUG": "true", "DJANGO_SETTINGS_MODULE": "idm_portal.settings"}

    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.strip() == "False"


def test_each_thread_keeps_one_font_configuration_across_renders():
    from reports import pdf

    html = '<html lang="en"><body><p>Text.</p></body></html>'
    html_to_pdf(html)
    first = pdf._font_config()
    html_to_pdf(html)
    other_thread = []
    thread = threading.Thread(target=lambda: other_thread.append(pdf._font_config()))
    thread.start()
    thread.join()

    assert pdf._font_config() is first
    assert other_thread[0] is not first


# --- renders: failures, retries, safety ------------------------------------------------------


@pytest.fixture
def queued(db):
    note = DiscussionNoteFactory()
    return services.rendered_document_request_for_note(note=note, by=None, enqueue=False)


def test_a_failed_render_records_the_error_in_words_and_leaves_the_note_alone(queued, monkeypatch):
    note_before = DiscussionNote.objects.values().get(pk=queued.note_id)

    def broken(html):
        raise ValueError("the layout engine gave up")

    monkeypatch.setattr(rendering, "html_to_pdf", broken)
    render_document_task.apply(args=[queued.pk])

    queued.refresh_from_db()
    assert queued.status == RenderedDocument.Status.FAILED
    assert queued.error == "The PDF could not be made: the layout engine gave up"
    assert queued.file.name == ""
    assert DiscussionNote.objects.values().get(pk=queued.note_id) == note_before


def test_a_failed_render_can_be_retried(
    queued, monkeypatch, eager_tasks, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(
        rendering, "html_to_pdf", lambda html: (_ for _ in ()).throw(ValueError("x"))
    )
    render_document_task.apply(args=[queued.pk])
    monkeypatch.undo()

    with django_capture_on_commit_callbacks(execute=True):
        services.rendered_document_retry(rendered_document=queued, by=None)

    queued.refresh_from_db()
    assert queued.status == RenderedDocument.Status.DONE
    assert queued.attempts == 2
    assert queued.error == ""


def test_a_render_just_handed_to_the_workers_cannot_be_retried(queued):
    RenderedDocument.objects.filter(pk=queued.pk).update(sent_at=timezone.now())
    queued.refresh_from_db()

    with pytest.raises(ValidationError, match="Only a failed render, or one queued for too long"):
        services.rendered_document_retry(rendered_document=queued, by=None)


def test_the_render_task_is_acknowledged_late_and_requeued_if_its_worker_dies():
    # From CELERY_TASK_ACKS_LATE and CELERY_TASK_REJECT_ON_WORKER_LOST (see test_worker).
    assert render_document_task.acks_late is True
    assert render_document_task.reject_on_worker_lost is True


def test_transient_errors_are_retried_then_recorded(queued, monkeypatch):
    calls = []

    def database_away(html):
        calls.append(1)
        raise OperationalError("server closed the connection")

    monkeypatch.setattr(rendering, "html_to_pdf", database_away)
    monkeypatch.setattr("reports.tasks.retry_delay", lambda retries: 0)
    # Run the retries in turn, as a worker would, instead of raising the first one.
    propagates = celery_app.conf.task_eager_propagates
    celery_app.conf.task_eager_propagates = False
    try:
        render_document_task.apply(args=[queued.pk])
    finally:
        celery_app.conf.task_eager_propagates = propagates

    queued.refresh_from_db()
    assert len(calls) == render_document_task.max_retries + 1
    assert queued.status == RenderedDocument.Status.FAILED
    assert "stayed unavailable" in queued.error


def test_running_the_task_twice_keeps_one_file(queued):
    render_document_task.apply(args=[queued.pk])
    queued.refresh_from_db()
    first_file = queued.file.name

    render_document_task.apply(args=[queued.pk])

    queued.refresh_from_db()
    assert queued.file.name == first_file
    assert queued.attempts == 1


def test_a_render_of_a_deleted_record_is_a_no_op(db):
    assert render_document_task.apply(args=[987654]).successful()


# --- the list of participants --------------------------------------------------------------


@pytest.mark.django_db
def test_participant_list_groups_by_category_and_member_state_alphabetically():
    meeting = MeetingFactory(title="Migration and transnationalism")
    ghana = MemberStateFactory(country="GH", name="Ghana")
    austria = MemberStateFactory(country="AT", name="Austria")
    RegistrationFactory(
        meeting=meeting,
        member_state=ghana,
        participant=ParticipantFactory(first_name="Kofi", last_name="Mensah"),
    )
    RegistrationFactory(
        meeting=meeting,
        member_state=austria,
        participant=ParticipantFactory(first_name="Anna", last_name="Zimmer"),
        role="head_of_delegation",
    )
    RegistrationFactory(
        meeting=meeting,
        member_state=austria,
        participant=ParticipantFactory(first_name="Bert", last_name="Adler"),
    )
    RegistrationFactory(
        meeting=meeting,
        category=Category.INTERNATIONAL_ORGANIZATION,
        organization=OrganizationFactory(name="World Bank"),
        participant=ParticipantFactory(first_name="Ines", last_name="Ortiz"),
    )
    RegistrationFactory(
        meeting=meeting,
        member_state=ghana,
        status="withdrawn",
        participant=ParticipantFactory(first_name="Gone", last_name="Away"),
    )

    content = participant_list_content(meeting)
    text = " ".join(content.html.split())

    order = [
        "Government",
        "Austria",
        "Anna Zimmer",
        "Bert Adler",
        "Ghana",
        "Kofi Mensah",
        "International organization",
        "World Bank",
        "Ines Ortiz",
    ]
    positions = [text.index(item) for item in order]
    assert positions == sorted(positions)
    assert "Gone Away" not in text
    assert content.file_name == "List-of-participants-2010-03-09.pdf"
    assert html_to_pdf(content.html).page_count == 1


@pytest.mark.django_db
def test_participant_list_is_rendered_and_published_from_the_meeting_page(
    client, secretariat_user, eager_tasks, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting)
    client.force_login(secretariat_user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/documents/meetings/{meeting.pk}/participants/")
    document = RenderedDocument.objects.get(meeting=meeting)
    assert document.status == RenderedDocument.Status.DONE
    client.logout()
    assert (
        "participant-list-download" not in client.get(meeting.get_absolute_url()).content.decode()
    )
    assert client.get(document.get_download_url()).status_code == 302  # not public yet

    client.force_login(secretariat_user)
    client.post(f"/documents/renders/{document.pk}/publish/")
    client.logout()

    page = client.get(meeting.get_absolute_url()).content.decode()
    assert document.get_download_url() in page
    assert client.get(document.get_download_url()).status_code == 200
