"""Delegations' credentials: a focal point uploads the state's note verbale, the
secretariat verifies it or asks for a new one, and the report sums up the meeting."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from participants.credentials import (
    credentials_request_new,
    credentials_upload,
    credentials_verify,
)
from participants.models import CredentialsChange, CredentialsDocument, DelegationCredentials
from participants.tests.factories import FocalPointFactory, MemberStateFactory, RegistrationFactory
from workshops.tests.factories import MeetingFactory, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return MeetingFactory(title="Migration and health", status="confirmed")


def pdf(name="note-verbale.pdf", content=None):
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content)


def stored_files(media_root) -> list:
    return sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []


def upload(client, meeting, file):
    return client.post(
        reverse("participants:credentials_upload", args=[meeting.pk]), {"file": file}, follow=True
    )


def said(response) -> list[str]:
    return [message.message for message in response.context["messages"]]


def test_a_focal_point_uploads_the_note_verbale_and_downloads_it_back(
    client, meeting, ghana, ghana_focal_point, media_root
):
    client.force_login(ghana_focal_point)
    content = pdf_bytes(pages=2)

    response = upload(client, meeting, pdf(content=content))

    assert said(response) == ["The credentials are uploaded; the secretariat will verify them."]
    credentials = DelegationCredentials.objects.get()
    assert (credentials.meeting, credentials.member_state, credentials.status) == (
        meeting,
        ghana,
        "submitted",
    )
    document = credentials.documents.get()
    assert (document.original_name, document.size, document.uploaded_by) == (
        "note-verbale.pdf",
        len(content),
        ghana_focal_point,
    )
    # A random name in the storage, under no public URL of the page.
    assert document.file.name.startswith(f"meetings/{meeting.pk}/credentials/")
    assert document.file.name.endswith(".pdf")
    page = response.content.decode()
    download_url = reverse("participants:credentials_document", args=[document.pk])
    assert f'href="{download_url}"' in page
    assert "/media/" not in page
    downloaded = client.get(download_url)
    assert downloaded["Content-Type"] == "application/pdf"
    assert downloaded["Content-Disposition"].startswith("attachment;")
    assert b"".join(downloaded.streaming_content) == content
    assert [(c.action, c.document, c.changed_by) for c in credentials.changes.all()] == [
        ("uploaded", document, ghana_focal_point)
    ]


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "note.pdf",
            _docx(),
            "“note.pdf” is not a PDF, whatever its name says. Save the note verbale or "
            "credentials letter as PDF (or scan it to PDF) and upload it again.",
        ),
        (
            "note.pdf",
            b"Just some text, not a document at all.",
            "“note.pdf” is not a PDF, whatever its name says. Save the note verbale or "
            "credentials letter as PDF (or scan it to PDF) and upload it again.",
        ),
        (
            "note.pdf",
            b"%PDF-1.7\n" + b"not a pdf body " * 50,
            "“note.pdf” was refused: it does not open as a PDF (",
        ),
        ("note.pdf", b"", "Choose the PDF file to upload."),
    ],
)
def test_what_is_no_pdf_is_refused_and_nothing_is_kept(
    client, meeting, ghana_focal_point, media_root, name, content, message
):
    client.force_login(ghana_focal_point)

    response = upload(client, meeting, SimpleUploadedFile(name, content))

    (text,) = said(response)
    assert text.startswith(message)
    assert not DelegationCredentials.objects.exists()
    assert not CredentialsDocument.objects.exists()
    assert stored_files(media_root) == []


def test_the_size_limit_comes_from_the_settings(
    client, meeting, ghana_focal_point, settings, media_root
):
    settings.MEETING_DOCUMENT_MAX_MB = 1
    client.force_login(ghana_focal_point)
    big = pdf_bytes() + b"%" + b"0" * (1024 * 1024)

    response = upload(client, meeting, pdf(content=big))

    assert said(response) == ["The file is 1.0\xa0MB, larger than the limit of 1 MB."]
    assert stored_files(media_root) == []


def test_a_new_upload_replaces_the_current_and_keeps_the_earlier(
    client, meeting, ghana, ghana_focal_point, secretariat_user
):
    first = credentials_upload(
        meeting=meeting, member_state=ghana, file=pdf("first.pdf"), by=ghana_focal_point
    )
    credentials_request_new(
        credentials=first,
        document_id=first.documents.get().pk,
        reason="The letter is not signed.",
        by=secretariat_user,
    )
    client.force_login(ghana_focal_point)
    asked = client.get(reverse("participants:delegation", args=[meeting.pk])).content.decode()
    assert "The secretariat asks for a new document. Reason: The letter is not signed." in asked

    response = upload(client, meeting, pdf("second.pdf"))

    credentials = DelegationCredentials.objects.get()
    assert (credentials.status, credentials.reason) == ("submitted", "")
    assert [d.original_name for d in credentials.documents.all()] == ["second.pdf", "first.pdf"]
    assert credentials.current_document.original_name == "second.pdf"
    page = response.content.decode()
    assert "first.pdf" in page
    assert "second.pdf" in page
    assert "The letter is not signed." not in page
    assert [c.action for c in credentials.changes.all()] == [
        "uploaded",
        "new_requested",
        "uploaded",
    ]


def test_no_upload_once_the_meeting_is_held(client, ghana_focal_point, media_root):
    held = MeetingFactory(status="held")
    client.force_login(ghana_focal_point)

    response = upload(client, held, pdf())

    assert said(response) == ["This meeting is held: its credentials can no longer change."]
    assert stored_files(media_root) == []


def test_other_states_never_see_the_credentials(
    client, meeting, ghana, ghana_focal_point, kenya_focal_point
):
    credentials = credentials_upload(
        meeting=meeting, member_state=ghana, file=pdf("ghana.pdf"), by=ghana_focal_point
    )
    client.force_login(kenya_focal_point)

    page = client.get(reverse("participants:delegation", args=[meeting.pk])).content.decode()
    download = client.get(
        reverse("participants:credentials_document", args=[credentials.documents.get().pk])
    )

    assert "ghana.pdf" not in page
    assert "No note verbale or credentials letter has been uploaded" in page
    assert download.status_code == 404
    client.logout()
    anonymous = client.get(
        reverse("participants:credentials_document", args=[credentials.documents.get().pk])
    )
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("account_login"))


def decide(client, credentials, **data):
    return client.post(
        reverse("participants:credentials_decision", args=[credentials.pk]), data, follow=True
    )


def test_the_secretariat_verifies_and_the_focal_points_hear_of_it(
    client,
    meeting,
    ghana,
    ghana_focal_point,
    kenya_focal_point,
    secretariat_user,
    smtp_server,
    django_capture_on_commit_callbacks,
):
    ghana_focal_point.email = "focal@ghana.example"
    ghana_focal_point.save()
    credentials = credentials_upload(
        meeting=meeting, member_state=ghana, file=pdf(), by=ghana_focal_point
    )
    document = credentials.documents.get()
    client.force_login(secretariat_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, credentials, decision="verify", document=document.pk)
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, credentials, decision="verify", document=document.pk)  # once only

    assert said(response) == ["The credentials of Ghana are verified."]
    credentials.refresh_from_db()
    assert credentials.status == "verified"
    assert [(c.action, c.document, c.changed_by) for c in credentials.changes.all()][1:] == [
        ("verified", document, secretariat_user)
    ]
    [received] = smtp_server.messages
    assert received.to == ["focal@ghana.example"]
    assert received.subject == "Credentials verified: Migration and health"
    assert (
        "The secretariat verified the credentials of the delegation of Ghana to "
        "Migration and health (9 March 2010 – 10 March 2010, Geneva)." in received.text
    )


def test_asking_for_a_new_one_needs_a_reason_and_mails_it_in_the_focal_points_language(
    client, meeting, ghana, secretariat_user, smtp_server, django_capture_on_commit_callbacks
):
    focal_point = FocalPointFactory(member_state=ghana, email="fp@ghana.example", language="fr")
    credentials = credentials_upload(meeting=meeting, member_state=ghana, file=pdf(), by=None)
    document = credentials.documents.get()
    client.force_login(secretariat_user)

    without = decide(client, credentials, decision="request_new", document=document.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(
            client,
            credentials,
            decision="request_new",
            document=document.pk,
            reason="The letter is not signed.",
        )

    assert said(without) == ["Say why a new document is needed."]
    assert said(response) == ["A new document is requested from Ghana; its focal points are told."]
    credentials.refresh_from_db()
    assert (credentials.status, credentials.reason) == (
        "new_requested",
        "The letter is not signed.",
    )
    change = credentials.changes.last()
    assert (change.action, change.reason, change.changed_by) == (
        "new_requested",
        "The letter is not signed.",
        secretariat_user,
    )
    [received] = smtp_server.messages
    assert received.to == [focal_point.email]
    assert received.subject == "Nouvelles lettres de créance demandées : Migration and health"
    assert "Motif : The letter is not signed." in received.text
    assert (
        "Le secrétariat demande une nouvelle note verbale ou lettre de créance pour votre "
        "délégation (Ghana) à Migration and health (9 mars 2010 – 10 mars 2010, Geneva)."
        in received.text
    )


def test_a_decision_on_a_document_replaced_meanwhile_is_refused(
    client, meeting, ghana, ghana_focal_point, secretariat_user
):
    credentials = credentials_upload(meeting=meeting, member_state=ghana, file=pdf(), by=None)
    seen = credentials.documents.get()
    credentials_upload(meeting=meeting, member_state=ghana, file=pdf("newer.pdf"), by=None)
    client.force_login(secretariat_user)

    response = decide(client, credentials, decision="verify", document=seen.pk)

    assert said(response) == ["A newer document was uploaded meanwhile: look at it, then decide."]
    credentials.refresh_from_db()
    assert credentials.status == "submitted"


def test_the_report_shows_size_head_and_status_per_state(client, meeting, secretariat_user):
    ghana = MemberStateFactory(country="GH", name="Ghana")
    kenya = MemberStateFactory(country="KE", name="Kenya")
    mali = MemberStateFactory(country="ML", name="Mali")
    peru = MemberStateFactory(country="PE", name="Peru")
    RegistrationFactory(
        meeting=meeting,
        member_state=ghana,
        role="head_of_delegation",
        participant__honorific="H.E.",
        participant__first_name="Ama",
        participant__last_name="Mensah",
    )
    RegistrationFactory(meeting=meeting, member_state=ghana)
    RegistrationFactory(meeting=meeting, member_state=ghana, status="withdrawn")
    RegistrationFactory(meeting=meeting, member_state=kenya)
    RegistrationFactory(meeting=meeting, member_state=mali)
    RegistrationFactory(member_state=peru)  # another meeting
    verified = credentials_upload(meeting=meeting, member_state=ghana, file=pdf(), by=None)
    credentials_verify(
        credentials=verified, document_id=verified.documents.get().pk, by=secretariat_user
    )
    asked = credentials_upload(meeting=meeting, member_state=kenya, file=pdf(), by=None)
    credentials_request_new(
        credentials=asked, document_id=asked.documents.get().pk, reason="Unsigned.", by=None
    )
    client.force_login(secretariat_user)

    response = client.get(reverse("participants:credentials_report", args=[meeting.pk]))

    rows = [
        (row.member_state.name, row.size, row.head and row.head.participant.full_name, row.status)
        for row in response.context["rows"]
    ]
    assert rows == [
        ("Ghana", 2, "H.E. Ama Mensah", "verified"),
        ("Kenya", 1, None, "new_requested"),
        ("Mali", 1, None, "none"),
    ]
    page = response.content.decode()
    assert "Verified: 1 of 3" in page
    assert page.count('data-testid="credentials-history"') == 2
    assert "New one requested" in page
    assert "Reason: Unsigned." in page


@pytest.mark.parametrize("states", [1, 3])
def test_the_report_query_count_does_not_grow_with_states(
    client, meeting, secretariat_user, django_assert_num_queries, states
):
    for index in range(states):
        state = MemberStateFactory(country=("GH", "KE", "ML")[index], name=f"State {index}")
        RegistrationFactory(meeting=meeting, member_state=state, role="head_of_delegation")
        credentials_upload(meeting=meeting, member_state=state, file=pdf(), by=None)
    client.force_login(secretariat_user)

    # session, user, groups, meeting, delegates, credentials, their documents and history
    with django_assert_num_queries(8):
        response = client.get(reverse("participants:credentials_report", args=[meeting.pk]))

    assert len(response.context["rows"]) == states


def test_the_history_is_append_only(meeting, ghana):
    from common.history import HistoryIsAppendOnly

    credentials = credentials_upload(meeting=meeting, member_state=ghana, file=pdf(), by=None)
    entry = CredentialsChange.objects.get(credentials=credentials)

    with pytest.raises(HistoryIsAppendOnly):
        entry.delete()
