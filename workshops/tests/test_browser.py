import io

import pytest
from django.core.management import call_command

from accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretariat_logs_in_and_opens_the_march_workshop(live_server, page, log_in):
    call_command("load_idm2010", stdout=io.StringIO())
    log_in(page, User.objects.get(username="secretariat"), password="idm-demo-secretariat")

    page.get_by_role("link", name="Migration and transnationalism").click()

    assert page.get_by_role("heading", level=1).inner_text() == (
        "Migration and transnationalism: Opportunities and challenges"
    )
    assert page.get_by_text("9 March 2010 – 10 March 2010").is_visible()
    assert page.get_by_test_id("registration-count").inner_text() == "225"
    assert "Demo Secretariat, Secretariat" in page.get_by_test_id("who").inner_text()
