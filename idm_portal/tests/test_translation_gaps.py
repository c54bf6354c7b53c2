"""What French and Spanish readers see in their language: states, dates, the admin,
the language switcher and the dialogue's own abbreviation."""

import datetime
import gettext
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.formats import date_format

from participants.tests.factories import FocalPointFactory, MemberStateFactory, RegistrationFactory
from workshops.tests.factories import DialogueYearFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues():
    call_command(
        "compilemessages",
        locale=["fr", "es"],
        ignore_patterns=[".venv/*", "node_modules/*"],
        verbosity=0,
    )


@pytest.fixture
def germany_focal_point():
    return FocalPointFactory(member_state=MemberStateFactory(country="DE", name="Germany"))


@pytest.mark.parametrize(("language", "name"), [("fr", "Allemagne"), ("es", "Alemania")])
def test_a_state_is_named_in_the_reader_language(client, germany_focal_point, language, name):
    meeting = MeetingFactory(status="confirmed")
    RegistrationFactory(meeting=meeting, member_state=germany_focal_point.member_state)
    client.force_login(germany_focal_point)

    for url in ("/participants/delegation/", f"/participants/meetings/{meeting.pk}/delegation/"):
        page = client.get(url, headers={"accept-language": language}).content.decode()

        assert name in page, url
        assert "Germany" not in page, url


def test_a_state_keeps_its_english_name_in_english(germany_focal_point):
    with translation.override("en"):
        assert str(germany_focal_point.member_state) == "Germany"
    with translation.override("fr"):
        assert str(germany_focal_point.member_state) == "Allemagne"


@pytest.mark.parametrize(
    ("language", "date", "datetime_text"),
    [
        ("en", "18 February 2010", "1 December 2026 22:40"),
        ("fr", "18 février 2010", "1 décembre 2026 22:40"),
        ("es", "18 de febrero de 2010", "1 de diciembre de 2026 a las 22:40"),
    ],
)
def test_one_date_format_per_language(client, language, date, datetime_text):
    moment = timezone.make_aware(datetime.datetime(2026, 12, 1, 22, 40))
    with translation.override(language):
        assert date_format(datetime.date(2010, 2, 18), "DATE_FORMAT") == date
        assert date_format(timezone.localtime(moment), "DATETIME_FORMAT") == datetime_text

    year = DialogueYearFactory(year=2010)
    MeetingFactory(dialogue_year=year, start_date="2010-02-18", end_date="2010-02-18")
    page = client.get("/", headers={"accept-language": language}).content.decode()

    assert date in page
    for american_or_bare in ("Feb. 18", "February 18", "18 febrero 2010", "p.m."):
        assert american_or_bare not in page


def test_the_admin_names_its_sections_in_french(client, secretariat_user):
    client.force_login(secretariat_user)

    page = client.get("/admin/", headers={"accept-language": "fr"}).content.decode()

    for section in ("Réunions", "Participants", "Consultations sur le thème", "Documents"):
        assert f">{section}<" in page, section
    assert "Comptes d’utilisateurs" in page
    for english in (">Workshops<", ">Themes<", ">Accounts<", ">Reports<"):
        assert english not in page


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_the_language_switcher_names_each_language_in_itself(client, language):
    page = client.get("/", headers={"accept-language": language}).content.decode()

    for code, name in (("en", "English"), ("fr", "Français"), ("es", "Español")):
        assert f'lang="{code}"' in page
        assert f">{name}</option>" in page


@pytest.mark.parametrize(
    ("language", "title"), [("fr", "Portail du DIM"), ("es", "Portal del DIM")]
)
def test_idm_is_dim_in_french_and_spanish(client, language, title):
    page = client.get("/", headers={"accept-language": language}).content.decode()
    assert title in page

    catalogue = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.mo"
    with catalogue.open("rb") as file:
        translations = gettext.GNUTranslations(file)
    untranslated = [
        text
        for key, text in translations._catalog.items()
        if key and "IDM" in text and "Project-Id" not in text
    ]
    assert untranslated == []
