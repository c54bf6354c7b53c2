"""The check-in desk in a browser: the QR reader loads under the portal's CSP, decodes a
badge (in its worker), and a hand scanner's typing checks the person in."""

import base64
import io

import pytest
import qrcode
from django.urls import reverse

from participants.badges import badge_token
from participants.models import Registration
from participants.tests.factories import MemberStateFactory, RegistrationFactory
from workshops.tests.factories import MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def qr_data_url(text: str) -> str:
    buffer = io.BytesIO()
    qrcode.make(text, border=4).save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def test_the_desk_reads_a_badge_without_breaking_the_csp(
    live_server, page, log_in, secretariat_user
):
    meeting = MeetingFactory(title="Migration and health")
    registration = RegistrationFactory(
        meeting=meeting,
        member_state=MemberStateFactory(country="GH", name="Ghana"),
        participant__first_name="Ama",
        participant__last_name="Mensah",
        status="confirmed",
    )
    token = badge_token(registration=registration)
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    log_in(page, secretariat_user)

    with page.expect_response(lambda r: "qr-scanner/qr-scanner.min" in r.url) as reader:
        page.goto(f"{live_server.url}{reverse('participants:check_in', args=[meeting.pk])}")
    assert reader.value.status == 200
    # The reader decodes a badge's QR code in its worker (started from a blob: URL).
    decoded = page.evaluate(
        """async ([url, image]) => {
            const QrScanner = (await import(url)).default;
            return (await QrScanner.scanImage(image, {returnDetailedScanResult: true})).data;
        }""",
        [page.get_attribute("#badge-form", "data-qr-scanner"), qr_data_url(token)],
    )
    assert decoded == token
    # A hand scanner types the code and presses Enter.
    page.get_by_label("Badge code (scan the QR code, or type it)").fill(token)
    page.get_by_label("Badge code (scan the QR code, or type it)").press("Enter")

    assert page.get_by_text("Ama Mensah is checked in: Government, Ghana.").is_visible()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.ATTENDED
    assert problems == []
