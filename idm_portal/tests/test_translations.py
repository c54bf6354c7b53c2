import datetime

import pytest
from django.utils import timezone

from participants.models import Registration
from workshops.models import Meeting
from workshops.tests.factories import DialogueYearFactory, MeetingFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading", "status", "log_in"),
    [
        ("fr", "Dialogue international sur la migration 2010", "Confirmée", "Se connecter"),
        ("es", "Diálogo Internacional sobre la Migración 2010", "Confirmada", "Iniciar sesión"),
        ("en", "International Dialogue on Migration 2010", "Confirmed", "Log in"),
    ],
)
def test_home_page_speaks_the_visitors_language(client, language, heading, status, log_in):
    # Still to come: a confirmed meeting whose days are over says it took place.
    soon = timezone.localdate() + datetime.timedelta(days=30)
    MeetingFactory(
        dialogue_year=DialogueYearFactory(year=2010),
        status=Meeting.Status.CONFIRMED,
        start_date=soon,
        end_date=soon,
    )

    page = client.get("/", HTTP_ACCEPT_LANGUAGE=language).content.decode()

    assert f'<html lang="{language}">' in page
    assert heading in page
    assert status in page
    assert log_in in page


def test_a_registration_status_keeps_its_own_grammatical_gender():
    from django.utils import translation

    with translation.override("fr"):
        assert str(Registration.Status.CONFIRMED.label) == "Confirmé"
        assert str(Meeting.Status.CONFIRMED.label) == "Confirmée"
