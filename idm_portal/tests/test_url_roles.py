"""Every URL of the portal, as each role: who may open it, who is sent to log in,
who is refused. A page added without a line in ACCESS fails this test."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse
from django.urls.resolvers import URLPattern, URLResolver
from django.utils import timezone

from accounts.tests.factories import SecretariatUserFactory
from notifications.messages import Recipient
from notifications.models import Kind
from notifications.services import message_queue
from participants.credentials import credentials_upload
from participants.importing import participant_import_store
from participants.models import MemberState
from participants.self_registration import (
    SelfRegistrationForm,
    registration_settings_update,
    self_registration_submit,
)
from participants.tests.factories import (
    DelegationProposalFactory,
    FocalPointFactory,
    MemberStateFactory,
    RegistrationFactory,
    VisaRequestFactory,
)
from programme.services import agenda_publish
from programme.tests.factories import SessionFactory, SpeakerSuggestionFactory
from reports.services import (
    rendered_document_request_for_note,
    rendered_document_request_for_participant_list,
)
from reports.tests.factories import PublishedNoteFactory, PublishedTranslationFactory
from themes.tests.factories import (
    ClosedConsultationFactory,
    ConsultationFactory,
    ProposalFactory,
    ThemeSuggestionFactory,
)
from workshops.tests.factories import (
    PDF_BYTES,
    DialogueYearFactory,
    MeetingDocumentFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "focal_point_a", "focal_point_b", "observer", "secretariat")

# Who may use each URL. "public": everyone; "secretariat": staff only (others: login or
# 403); "focal_point": focal points of member and observer states (a vote of an
# observer's is refused by the service, with a message); "signed_in": anyone logged in;
# "unpublished": the secretariat's, and 404 to the others until published. POST marks
# the URLs that only take a form.
PUBLIC, SECRETARIAT, FOCAL_POINT, SIGNED_IN = "public", "secretariat", "focal_point", "signed_in"
# The secretariat's until it is published: to everyone else it does not exist yet.
UNPUBLISHED = "unpublished"
# Superusers only (none of ROLES): inviting secretariat staff.
SUPERUSER = "superuser"
# Pages of allauth the portal does not offer (changing addresses): 404.
NOT_OFFERED = "not_offered"
# The sign-in and (closed) sign-up pages: for the anonymous; the signed-in are sent on.
SIGN_IN = "sign_in"
# A later step of signing in (the second factor): without one under way, back to the start.
SIGN_IN_STEP = "sign_in_step"
# One's own account (password, second factor, recovery codes): the page, a step it
# leads to, or 404 for what one does not have; never anything for the anonymous.
OWN_ACCOUNT = "own_account"
# A link with an unknown token: 404 to everyone.
UNKNOWN = "unknown"
# What belongs to state A (its suggestion): its focal point gets the page; other states'
# focal points are sent back with the service's refusal; the secretariat gets 403.
STATE_A = "state_a"
# A file of state A (its delegation's credentials): its focal point and the secretariat
# get it; other states' focal points get 404, as if it did not exist.
STATE_A_FILE = "state_a_file"
ACCESS = {
    "home": (PUBLIC, "GET"),
    "login": (SIGN_IN, "GET"),
    "logout": (SIGNED_IN, "POST"),
    "invitation_accept": (UNKNOWN, "GET"),
    "secretariat_staff": (SUPERUSER, "GET"),
    "secretariat_staff_action": (SUPERUSER, "POST"),
    # allauth's pages: sign-in, password, second factor; each about the user's own account.
    "account_login": (SIGN_IN, "GET"),
    "account_logout": (SIGNED_IN, "POST"),
    "account_change_password": (SIGNED_IN, "GET"),
    "account_reset_password": (PUBLIC, "GET"),
    "account_reset_password_done": (PUBLIC, "GET"),
    "account_reset_password_from_key": (PUBLIC, "GET"),
    "account_reset_password_from_key_done": (PUBLIC, "GET"),
    "account_set_password": (OWN_ACCOUNT, "GET"),
    "account_reauthenticate": (SIGNED_IN, "GET"),
    "account_confirm_login_code": (SIGN_IN_STEP, "GET"),
    "account_inactive": (PUBLIC, "GET"),
    "account_signup": (SIGN_IN, "GET"),
    "account_email": (NOT_OFFERED, "GET"),
    "account_confirm_email": (PUBLIC, "GET"),
    "account_email_verification_sent": (PUBLIC, "GET"),
    "mfa_index": (SIGNED_IN, "GET"),
    "mfa_activate_totp": (OWN_ACCOUNT, "GET"),
    "mfa_deactivate_totp": (OWN_ACCOUNT, "GET"),
    "mfa_authenticate": (SIGN_IN_STEP, "GET"),
    "mfa_reauthenticate": (SIGNED_IN, "GET"),
    "mfa_view_recovery_codes": (OWN_ACCOUNT, "GET"),
    "mfa_generate_recovery_codes": (OWN_ACCOUNT, "GET"),
    "mfa_download_recovery_codes": (OWN_ACCOUNT, "GET"),
    "set_language": (PUBLIC, "POST"),
    "workshops:year_list": (PUBLIC, "GET"),
    "workshops:calendar_feed": (PUBLIC, "GET"),
    "workshops:year_create": (SECRETARIAT, "GET"),
    "workshops:year_detail": (PUBLIC, "GET"),
    "workshops:year_update": (SECRETARIAT, "GET"),
    "workshops:meeting_create": (SECRETARIAT, "GET"),
    "workshops:meeting_update": (SECRETARIAT, "GET"),
    "workshops:document_create": (SECRETARIAT, "GET"),
    "workshops:document_update": (SECRETARIAT, "GET"),
    "workshops:document_version_create": (SECRETARIAT, "GET"),
    "workshops:document_download": (PUBLIC, "GET"),
    "workshops:document_version_download": (PUBLIC, "GET"),
    "workshops:meeting_subscribe": (SIGNED_IN, "POST"),
    "workshops:year_subscribe": (SIGNED_IN, "POST"),
    "notifications:settings": (SIGNED_IN, "GET"),
    "notifications:outbox": (SECRETARIAT, "GET"),
    "notifications:outbox_detail": (SECRETARIAT, "GET"),
    "notifications:outbox_resend": (SECRETARIAT, "POST"),
    "programme:meeting_detail": (PUBLIC, "GET"),
    "programme:agenda_edit": (SECRETARIAT, "GET"),
    "programme:agenda_publish": (SECRETARIAT, "POST"),
    "programme:agenda_print": (PUBLIC, "GET"),
    "programme:agenda_ics": (PUBLIC, "GET"),
    "programme:session_create": (SECRETARIAT, "GET"),
    "programme:session_update": (SECRETARIAT, "GET"),
    "programme:session_delete": (SECRETARIAT, "POST"),
    "programme:content_export": (SECRETARIAT, "GET"),
    "programme:content_translations": (SECRETARIAT, "GET"),
    "programme:suggestion_create": (FOCAL_POINT, "GET"),
    "programme:suggestions_mine": (FOCAL_POINT, "GET"),
    "programme:suggestion_review_list": (SECRETARIAT, "GET"),
    "programme:suggestion_review": (SECRETARIAT, "POST"),
    "programme:suggestion_withdraw": (STATE_A, "GET"),
    "participants:registration_list": (SECRETARIAT, "GET"),
    "participants:registration_export": (SECRETARIAT, "GET"),
    "participants:registration_create": (SECRETARIAT, "GET"),
    "participants:check_in": (SECRETARIAT, "GET"),
    "participants:check_in_scan": (SECRETARIAT, "POST"),
    "participants:meeting_statistics": (SECRETARIAT, "GET"),
    "participants:import_upload": (SECRETARIAT, "GET"),
    "participants:import_preview": (SECRETARIAT, "GET"),
    "participants:import_template": (SECRETARIAT, "GET"),
    "participants:registration_update": (SECRETARIAT, "GET"),
    "participants:registration_status": (SECRETARIAT, "POST"),
    "participants:check_in_action": (SECRETARIAT, "POST"),
    "participants:check_in_undo": (SECRETARIAT, "POST"),
    "participants:year_statistics": (SECRETARIAT, "GET"),
    "participants:delegation_index": (FOCAL_POINT, "GET"),
    "participants:delegation": (FOCAL_POINT, "GET"),
    "participants:credentials_upload": (FOCAL_POINT, "POST"),
    "participants:credentials_document": (STATE_A_FILE, "GET"),
    "participants:credentials_report": (SECRETARIAT, "GET"),
    "participants:credentials_decision": (SECRETARIAT, "POST"),
    "participants:proposal_list": (SECRETARIAT, "GET"),
    "participants:proposal_decision": (SECRETARIAT, "POST"),
    "participants:focal_point_states": (SECRETARIAT, "GET"),
    "participants:focal_points": (SECRETARIAT, "GET"),
    "participants:focal_point_action": (SECRETARIAT, "POST"),
    # Self-registration: the form and its link are anyone's (the link shows only its own
    # registration's status; an unknown token is a 404); the rest is the secretariat's.
    "participants:self_registration_form": (PUBLIC, "GET"),
    "participants:self_registration_sent": (PUBLIC, "GET"),
    "participants:self_registration_confirm": (UNKNOWN, "GET"),
    "participants:registration_settings": (SECRETARIAT, "GET"),
    "participants:self_registration_queue": (SECRETARIAT, "GET"),
    "participants:self_registration_decision": (SECRETARIAT, "POST"),
    "themes:consultation_list": (SIGNED_IN, "GET"),
    "themes:consultation_create": (SECRETARIAT, "GET"),
    "themes:consultation_detail": (SIGNED_IN, "GET"),
    "themes:vote": (FOCAL_POINT, "POST"),
    "themes:suggest": (FOCAL_POINT, "POST"),
    "themes:consultation_manage": (SECRETARIAT, "GET"),
    "themes:consultation_edit": (SECRETARIAT, "GET"),
    "themes:proposal_add": (SECRETARIAT, "GET"),
    "themes:result_declare": (SECRETARIAT, "POST"),
    "themes:result_publish": (SECRETARIAT, "POST"),
    "themes:votes_csv": (SECRETARIAT, "GET"),
    "themes:vote_history": (SECRETARIAT, "GET"),
    "themes:tally_chart": (UNPUBLISHED, "GET"),
    "themes:suggestion_add": (SECRETARIAT, "POST"),
    "themes:suggestion_decline": (SECRETARIAT, "POST"),
    "themes:suggestion_withdraw": (STATE_A, "GET"),
    "themes:voting_close": (SECRETARIAT, "GET"),
    "reports:library": (PUBLIC, "GET"),
    "reports:note_create": (SECRETARIAT, "GET"),
    "reports:download": (PUBLIC, "GET"),
    "reports:render_status": (SECRETARIAT, "GET"),
    "reports:render_retry": (SECRETARIAT, "POST"),
    "reports:participant_list_publish": (SECRETARIAT, "POST"),
    "reports:participant_list_generate": (SECRETARIAT, "POST"),
    "reports:note_detail": (PUBLIC, "GET"),
    "reports:note_update": (SECRETARIAT, "GET"),
    "reports:note_preview": (SECRETARIAT, "GET"),
    "reports:note_preview_document": (SECRETARIAT, "GET"),
    "reports:note_generate": (SECRETARIAT, "POST"),
    "reports:note_publish": (SECRETARIAT, "POST"),
    "reports:note_pdf": (PUBLIC, "GET"),
    "reports:note_amend": (SECRETARIAT, "POST"),
    "reports:note_import": (SECRETARIAT, "GET"),
    # Language versions: the published French one is public; writing them is the staff's.
    "reports:note_version_pdf": (PUBLIC, "GET"),
    "reports:note_translation_edit": (SECRETARIAT, "GET"),
    "reports:note_version_preview": (SECRETARIAT, "GET"),
    "reports:note_version_preview_document": (SECRETARIAT, "GET"),
    "reports:note_version_generate": (SECRETARIAT, "POST"),
    # Passport details and badges: the secretariat's; a letter's private link is signed.
    "reports:visa_requests": (SECRETARIAT, "GET"),
    "reports:visa_request_decision": (SECRETARIAT, "POST"),
    "reports:visa_letter_download": (UNKNOWN, "GET"),
    "reports:badges": (SECRETARIAT, "GET"),
    "reports:badge_sheet_generate": (SECRETARIAT, "POST"),
    "reports:badge_generate": (SECRETARIAT, "POST"),
}


def url_names() -> set[str]:
    names = set()

    def walk(resolver, namespace):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace != "admin":
                    walk(pattern, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver(), None)
    return names


@pytest.fixture
def world(eager_tasks, django_capture_on_commit_callbacks):
    """One of everything a URL can name, and a user of each role."""
    ghana = MemberStateFactory(country="GH", name="Ghana")
    kenya = MemberStateFactory(country="KE", name="Kenya")
    observer = MemberStateFactory(country="VA", name="Holy See", status=MemberState.Status.OBSERVER)
    soon = timezone.localdate() + datetime.timedelta(days=30)
    year = DialogueYearFactory(year=soon.year, is_current=True)
    meeting = MeetingFactory(dialogue_year=year, start_date=soon, end_date=soon)
    registration = RegistrationFactory(meeting=meeting, member_state=ghana)
    session, spare_session = SessionFactory.create_batch(2, agenda__meeting=meeting)
    agenda_publish(meeting=meeting, by=None)
    document = MeetingDocumentFactory(meeting=meeting, visibility="public")
    now = timezone.now()
    consultation = ConsultationFactory(
        target_year=DialogueYearFactory(year=soon.year + 1, is_current=False),
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=9),
    )
    ProposalFactory(consultation=consultation)
    closed = ClosedConsultationFactory(target_year=consultation.target_year)
    ProposalFactory(consultation=closed)
    note = PublishedNoteFactory(meeting=meeting)
    PublishedTranslationFactory(note=note, language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        participant_list = rendered_document_request_for_participant_list(meeting=meeting, by=None)
        note_pdf = rendered_document_request_for_note(note=note, by=None)
        rendered_document_request_for_note(note=note, by=None, language="fr")
    participant_list.refresh_from_db()
    note_pdf.refresh_from_db()
    users = {
        "anonymous": None,
        "focal_point_a": FocalPointFactory(member_state=ghana),
        "focal_point_b": FocalPointFactory(member_state=kenya),
        "observer": FocalPointFactory(member_state=observer),
        "secretariat": SecretariatUserFactory(),
    }
    # Targets of the account actions, so that no role of the table is deactivated.
    spare_focal_point = FocalPointFactory(member_state=ghana)
    spare_staff = SecretariatUserFactory()
    stored = participant_import_store(
        meeting=meeting, file_name="x.csv", table=[["First name"]], by=users["secretariat"]
    )
    message = message_queue(
        kind=Kind.INVITATION,
        recipient=Recipient(address="someone@example.org"),
        subject="Subject",
        text="Text",
    )
    credentials = credentials_upload(
        meeting=meeting,
        member_state=ghana,
        file=SimpleUploadedFile("note.pdf", PDF_BYTES),
        by=users["focal_point_a"],
    )
    kwargs = {
        "participants:credentials_document": {"pk": credentials.documents.get().pk},
        "participants:credentials_decision": {"pk": credentials.pk},
        "notifications:outbox_detail": {"pk": message.pk},
        "notifications:outbox_resend": {"pk": message.pk},
        "workshops:meeting_subscribe": {"pk": meeting.pk},
        "workshops:year_subscribe": {"year": year.year},
        "invitation_accept": {"token": "no-such-invitation"},
        "secretariat_staff_action": {"kind": "users", "pk": spare_staff.pk, "action": "deactivate"},
        "account_reset_password_from_key": {"uidb36": "0", "key": "no-such-key"},
        "account_confirm_email": {"key": "no-such-key"},
        "participants:focal_points": {"state_pk": ghana.pk},
        "participants:focal_point_action": {
            "state_pk": ghana.pk,
            "kind": "users",
            "pk": spare_focal_point.pk,
            "action": "deactivate",
        },
        "workshops:year_detail": {"year": year.year},
        "workshops:year_update": {"year": year.year},
        "workshops:meeting_create": {"year": year.year},
        "programme:content_export": {"year": year.year},
        "programme:content_translations": {"year": year.year},
        "workshops:document_update": {"pk": document.pk},
        "workshops:document_version_create": {"pk": document.pk},
        "workshops:document_download": {"pk": document.pk},
        "workshops:document_version_download": {"pk": document.versions.first().pk},
        "programme:session_update": {"pk": session.pk},
        "programme:session_delete": {"pk": spare_session.pk},
        "programme:suggestion_create": {"pk": meeting.pk, "kind": "speaker"},
        "programme:suggestion_review": {
            "pk": SpeakerSuggestionFactory(meeting=meeting, member_state=ghana).pk
        },
        "participants:registration_export": {"meeting_pk": meeting.pk, "format": "csv"},
        "participants:import_preview": {"meeting_pk": meeting.pk, "pk": stored.pk},
        "participants:import_template": {"format": "csv"},
        "participants:registration_update": {"pk": registration.pk},
        "participants:registration_status": {"pk": registration.pk},
        "participants:check_in_action": {"pk": registration.pk},
        "participants:check_in_undo": {"pk": registration.pk},
        "participants:self_registration_confirm": {"token": "no-such-token"},
        "participants:self_registration_decision": {"pk": self_registered(meeting).pk},
        "participants:proposal_decision": {
            "pk": DelegationProposalFactory(meeting=meeting, member_state=ghana).pk
        },
        "programme:suggestion_withdraw": {
            "pk": SpeakerSuggestionFactory(meeting=meeting, member_state=ghana).pk
        },
        "themes:suggestion_withdraw": {
            "pk": ThemeSuggestionFactory(consultation=consultation, member_state=ghana).pk
        },
        "themes:suggestion_add": {"pk": ThemeSuggestionFactory(consultation=consultation).pk},
        "themes:suggestion_decline": {"pk": ThemeSuggestionFactory(consultation=consultation).pk},
        # A published note's PDF is public; an unpublished list of participants is not.
        "reports:download": {"pk": note_pdf.pk, "file_name": note_pdf.file_name},
        "themes:tally_chart": {"pk": closed.pk},
        "themes:votes_csv": {"pk": closed.pk},
        "themes:vote_history": {"pk": closed.pk},
        "reports:render_status": {"pk": participant_list.pk},
        "reports:render_retry": {"pk": participant_list.pk},
        "reports:participant_list_publish": {"pk": participant_list.pk},
        **{
            name: {"slug": note.slug, "language": "fr"}
            for name in (
                "reports:note_version_pdf",
                "reports:note_translation_edit",
                "reports:note_version_preview",
                "reports:note_version_preview_document",
                "reports:note_version_generate",
            )
        },
        "reports:visa_request_decision": {
            "pk": VisaRequestFactory(registration__meeting=meeting).pk
        },
        "reports:visa_letter_download": {"token": "no-such-letter"},
        "reports:badge_generate": {"pk": registration.pk},
    }
    for name in ACCESS:
        if name in kwargs:
            continue
        pattern = str(reverse_pattern(name))
        if "<str:slug>" in pattern:
            kwargs[name] = {"slug": note.slug}
        elif "<int:meeting_pk>" in pattern:
            kwargs[name] = {"meeting_pk": meeting.pk}
        elif "<int:pk>" in pattern:
            kwargs[name] = {"pk": consultation.pk if name.startswith("themes:") else meeting.pk}
        else:
            kwargs[name] = {}
    return users, kwargs


def self_registered(meeting):
    """A registration made on the meeting's public form, awaiting its address."""
    registration_settings_update(meeting=meeting, is_open=True, categories=["ngo"])
    return self_registration_submit(
        meeting=meeting,
        form=SelfRegistrationForm(
            first_name="Lena",
            last_name="Okafor",
            email="lena@example.org",
            category="ngo",
            language="en",
            typed_organization="Migrants Rights Network",
        ),
    )


def reverse_pattern(name: str) -> str:
    namespace, _, short = name.rpartition(":")
    resolver = get_resolver()
    for pattern, prefix in _patterns(resolver, "", None):
        if pattern[0] == name:
            return prefix
    raise KeyError(name)


def _patterns(resolver, prefix, namespace):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(
                pattern, prefix + str(pattern.pattern), pattern.namespace or namespace
            )
        elif pattern.name:
            full = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield (full,), prefix + str(pattern.pattern)


def expected(rule: str, method: str, role: str) -> set[int]:
    """The answers a role may get: the page (or, for a form, its redirect), the login
    page for the anonymous, 403 for a signed-in user of another role."""
    anonymous = role == "anonymous"
    fixed = {
        SIGN_IN: {200} if anonymous else {302},
        SIGN_IN_STEP: {302},
        OWN_ACCOUNT: {302} if anonymous else {200, 302, 404},
        UNKNOWN: {404},
        STATE_A: {302}
        if role in ("anonymous", "focal_point_b", "observer")
        else {200}
        if role == "focal_point_a"
        else {403},
        STATE_A_FILE: {302}
        if role == "anonymous"
        else {200}
        if role in ("focal_point_a", "secretariat")
        else {404},
    }
    if rule in fixed:
        return fixed[rule]
    allowed = {
        PUBLIC: True,
        SIGNED_IN: role != "anonymous",
        SECRETARIAT: role == "secretariat",
        UNPUBLISHED: role == "secretariat",
        SUPERUSER: False,
        NOT_OFFERED: False,
        FOCAL_POINT: role in ("focal_point_a", "focal_point_b", "observer"),
    }[rule]
    if allowed:
        return {200, 302} if method == "POST" else {200}
    if rule == NOT_OFFERED:
        return {404}
    if role == "anonymous":
        return {302}
    return {404} if rule == UNPUBLISHED else {403}


def answers(client, users, kwargs) -> dict[tuple[str, str], int]:
    table = {}
    # Forms last: a POST may change what a later page shows.
    order = sorted(ACCESS, key=lambda name: (ACCESS[name][1] == "POST", name))
    for name in order:
        url = reverse(name, kwargs=kwargs[name])
        for role in ROLES:
            client.logout()
            if users[role] is not None:
                client.force_login(users[role])
            method = ACCESS[name][1]
            response = client.post(url) if method == "POST" else client.get(url)
            table[(name, role)] = response.status_code
    return table


def test_every_url_is_in_the_access_table():
    assert url_names() == set(ACCESS)


def test_each_role_gets_exactly_what_the_table_says(client, world):
    users, kwargs = world

    table = answers(client, users, kwargs)

    wrong = {
        key: status
        for key, status in table.items()
        if status not in expected(*ACCESS[key[0]], key[1])
    }
    assert (
        "\n".join(f"{name} {role} {status}" for (name, role), status in sorted(wrong.items())) == ""
    )
