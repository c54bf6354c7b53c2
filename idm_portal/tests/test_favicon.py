"""Every page names the portal's icon; /favicon.ico leads to it."""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_pages_link_the_svg_icon_and_favicon_ico_redirects_to_it(client):
    page = client.get("/").content.decode()
    legacy = client.get("/favicon.ico")
    icon = ET.parse(finders.find("favicon.svg")).getroot()

    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
    assert legacy.status_code == 302
    assert legacy.url == "/static/favicon.svg"
    assert icon.tag == "{http://www.w3.org/2000/svg}svg"
