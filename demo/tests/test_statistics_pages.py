import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from workshops.models import Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_idm2010", stdout=io.StringIO())
    return Meeting.objects.get(start_date="2010-03-09")


def text(html: str, testid: str) -> str:
    match = re.search(rf'data-testid="{testid}">(.*?)</', html, re.S)
    return " ".join(match.group(1).split())


def panel(html: str) -> str:
    """The participants panel of a meeting page (other apps' panels may show names)."""
    return re.search(r'data-testid="participants-panel">(.*?)</section>', html, re.S).group(1)


def test_march_workshop_statistics_show_the_figures_of_ic_2010_5(client, demo):
    client.force_login(User.objects.get(username="secretariat"))

    page = client.get(reverse("participants:meeting_statistics", args=[demo.pk])).content.decode()

    assert text(page, "figure-total") == "225"
    assert text(page, "figure-government") == "154"
    assert text(page, "figure-international-organizations") == "35"
    assert text(page, "figure-civil-society") == "26"
    assert text(page, "figure-other") == "10"
    assert "government representatives from 74 member states" in page
    assert text(page, "attendance-statement") == (
        "This workshop was attended by 225 participants. Of these participants, 154 were "
        "government representatives from over 70 countries, 35 were from international "
        "organizations and 26 were from non-governmental organizations, the private sector, "
        "academia and the media."
    )
    assert "<svg" in page


def test_public_meeting_page_shows_figures_but_no_names(client, demo):
    page = panel(client.get(demo.get_absolute_url()).content.decode())

    assert text(page, "figure-total") == "225"
    assert "over 70 countries" in page
    assert "participant0000@idm-demo.example.org" not in page
    assert "Mensah" not in page
    assert "/participants/meetings/" not in page  # no secretariat links


def test_meeting_page_links_secretariat_to_participant_pages(client, demo):
    client.force_login(User.objects.get(username="secretariat"))

    page = client.get(demo.get_absolute_url()).content.decode()

    for name in (
        "registration_list",
        "registration_create",
        "check_in",
        "import_upload",
        "meeting_statistics",
    ):
        assert reverse(f"participants:{name}", args=[demo.pk]) in page


def test_meeting_page_links_a_focal_point_to_their_delegation(client, demo):
    client.force_login(User.objects.get(username="focal.ghana"))

    page = panel(client.get(demo.get_absolute_url()).content.decode())

    assert reverse("participants:delegation", args=[demo.pk]) in page
    assert "Delegation of Ghana to this meeting" in page
    assert f'href="{reverse("participants:registration_list", args=[demo.pk])}"' not in page
    assert "Mensah" not in page
