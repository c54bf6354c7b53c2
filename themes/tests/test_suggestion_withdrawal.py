"""A focal point withdraws their state's theme suggestion until the secretariat reviews it."""

import re

import pytest
from django.core.exceptions import ValidationError

from themes.models import ThemeSuggestion
from themes.services import theme_suggestion_decline, theme_suggestion_withdraw
from themes.tests.factories import ThemeSuggestionFactory

pytestmark = pytest.mark.django_db

NOT_YOURS = "Only a focal point of the suggesting state can withdraw it."
REVIEWED = "The secretariat has reviewed this suggestion: it can no longer be withdrawn."


@pytest.fixture
def ghanas(ballot, ghana_focal_point):
    return ThemeSuggestionFactory(
        consultation=ballot[0], submitted_by=ghana_focal_point, title="Ghana's idea"
    )


def test_a_focal_point_withdraws_a_pending_suggestion_after_confirming(
    client, ghanas, ghana_focal_point
):
    url = f"/themes/suggestions/{ghanas.pk}/withdraw/"
    client.force_login(ghana_focal_point)

    ballot_page = client.get(f"/themes/{ghanas.consultation_id}/").content.decode()
    confirmation = client.get(url).content.decode()
    still_there = ThemeSuggestion.objects.filter(pk=ghanas.pk).exists()
    done = client.get(client.post(url).url).content.decode()

    assert f'href="{url}"' in ballot_page
    assert "It is deleted: the secretariat no longer sees it." in confirmation
    assert re.findall(r'<form method="post" action="([^"]+)"', confirmation)[-1] == url
    assert still_there
    assert "Your suggestion “Ghana&#x27;s idea” is withdrawn." in done
    assert not ThemeSuggestion.objects.exists()


def test_a_colleague_of_the_same_state_may_withdraw_it(ghanas, second_ghana_focal_point):
    theme_suggestion_withdraw(suggestion_id=ghanas.pk, by=second_ghana_focal_point)

    assert not ThemeSuggestion.objects.exists()


def test_other_states_cannot_withdraw_it(client, ghanas, kenya_focal_point, observer_focal_point):
    url = f"/themes/suggestions/{ghanas.pk}/withdraw/"
    pages = []
    for user in (kenya_focal_point, observer_focal_point):
        with pytest.raises(ValidationError) as refused:
            theme_suggestion_withdraw(suggestion_id=ghanas.pk, by=user)
        assert refused.value.messages == [NOT_YOURS]
        client.force_login(user)
        pages.append(client.get(client.get(url).url).content.decode())
        client.post(url)

    assert all(NOT_YOURS in page for page in pages)
    assert ThemeSuggestion.objects.filter(pk=ghanas.pk).exists()


def test_an_observer_withdraws_its_own_suggestion(ballot, observer_focal_point):
    suggestion = ThemeSuggestionFactory(consultation=ballot[0], submitted_by=observer_focal_point)

    theme_suggestion_withdraw(suggestion_id=suggestion.pk, by=observer_focal_point)

    assert not ThemeSuggestion.objects.exists()


def test_a_reviewed_suggestion_cannot_be_withdrawn(
    client, ghanas, ghana_focal_point, secretariat_user
):
    theme_suggestion_decline(suggestion_id=ghanas.pk, by=secretariat_user, reason="Too broad.")
    client.force_login(ghana_focal_point)

    with pytest.raises(ValidationError) as refused:
        theme_suggestion_withdraw(suggestion_id=ghanas.pk, by=ghana_focal_point)
    ballot_page = client.get(f"/themes/{ghanas.consultation_id}/").content.decode()
    page = client.get(client.post(f"/themes/suggestions/{ghanas.pk}/withdraw/").url)

    assert refused.value.messages == [REVIEWED]
    assert "/withdraw/" not in ballot_page
    assert REVIEWED in page.content.decode()
    assert ThemeSuggestion.objects.get().status == ThemeSuggestion.Status.DECLINED


def test_who_may_open_the_withdrawal_page(
    client, ghanas, ghana_focal_point, kenya_focal_point, observer_focal_point, secretariat_user
):
    url = f"/themes/suggestions/{ghanas.pk}/withdraw/"

    anonymous = client.get(url)
    statuses = {}
    for name, user in [
        ("ghana", ghana_focal_point),
        ("kenya", kenya_focal_point),
        ("observer", observer_focal_point),
        ("secretariat", secretariat_user),
    ]:
        client.force_login(user)
        statuses[name] = client.get(url).status_code
    client.force_login(secretariat_user)
    secretariat_post = client.post(url).status_code

    assert anonymous.status_code == 302
    assert anonymous.url.startswith("/accounts/login/")
    assert statuses == {"ghana": 200, "kenya": 302, "observer": 302, "secretariat": 403}
    assert secretariat_post == 403
    assert ThemeSuggestion.objects.filter(pk=ghanas.pk).exists()


def test_withdrawing_an_unknown_suggestion_is_404(client, ghana_focal_point):
    client.force_login(ghana_focal_point)

    assert client.get("/themes/suggestions/999999/withdraw/").status_code == 404
    assert client.post("/themes/suggestions/999999/withdraw/").status_code == 404
