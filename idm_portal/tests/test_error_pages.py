"""403, 404, 500 and CSRF failure, as production serves them (DEBUG off)."""

import pytest
from django.test import Client, RequestFactory
from django.utils import translation

from idm_portal import errors

pytestmark = [pytest.mark.django_db, pytest.mark.urls("idm_portal.tests.error_urls")]

LAYOUT = ('id="content"', 'class="navbar-brand"', 'href="#content"')


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def assert_portal_page(response, *texts):
    body = response.content.decode()
    for text in LAYOUT + texts:
        assert text in body, text
    assert 'href="/"' in body  # the way back
    assert "Traceback" not in body


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Page not found"), ("fr", "Page introuvable"), ("es", "Página no encontrada")],
)
def test_404_is_in_the_layout_and_the_reader_language(client, language, heading):
    response = client.get("/meetings/999999/", headers={"accept-language": language})

    assert response.status_code == 404
    assert_portal_page(response, heading, f'lang="{language}"')


def test_403_tells_an_anonymous_visitor_to_log_in_and_hides_the_reason(client):
    response = client.get("/refuses/", headers={"accept-language": "es"})

    assert response.status_code == 403
    assert_portal_page(response, "Acceso denegado", "Inicie sesión primero")
    assert "rule 42" not in response.content.decode()


def test_500_shows_no_internal_detail(client):
    response = client.get("/fails/", headers={"accept-language": "fr"})

    assert response.status_code == 500
    assert_portal_page(response, "Une erreur s’est produite de notre côté")
    body = response.content.decode()
    assert "hunter2" not in body
    assert "RuntimeError" not in body
    # No language form: it would post without a CSRF token.
    assert "/i18n/" not in body


def test_500_renders_without_touching_the_request():
    class Broken:
        def __getattr__(self, name):
            raise AssertionError(f"the 500 page read request.{name}")

    with translation.override("en"):
        response = errors.server_error(Broken())

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_500_falls_back_to_plain_html_when_its_template_fails(monkeypatch):
    def broken(name):
        raise RuntimeError("template engine down")

    monkeypatch.setattr(errors.loader, "get_template", broken)

    response = errors.server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert response.content.decode() == errors.LAST_RESORT_500


def test_csrf_failure_explains_and_offers_the_way_back(client):
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post(
        "/accounts/login/",
        {"username": "a", "password": "b"},
        headers={"accept-language": "fr", "referer": "http://testserver/accounts/login/"},
    )

    assert response.status_code == 403
    assert_portal_page(
        response, "Ce formulaire a expiré", 'href="http://testserver/accounts/login/"'
    )
    assert "CSRF" not in response.content.decode()


def test_csrf_failure_offers_no_way_back_to_another_site():
    response = Client(enforce_csrf_checks=True).post(
        "/accounts/login/", {}, headers={"referer": "https://elsewhere.example/"}
    )

    assert response.status_code == 403
    assert "elsewhere.example" not in response.content.decode()
