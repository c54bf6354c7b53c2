"""Walks the pages of a role's journey in a browser and asks axe-core what it finds.

The walk starts from a role's entry pages and follows the links it finds on
each page, within the portal, so a page added to the portal is checked as soon
as a page links to it. Pages that differ only by an id ("/meetings/3/" and
"/meetings/4/") are checked once, the first one met: their template is the same.
To check more pages, add them to a role's entry pages (JOURNEYS); to leave a
kind of page out (a download, an action), add its pattern to SKIP.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.conf import settings

AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"

# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices
# (landmarks, heading order, scrollable regions): the target.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}

WIDTHS = (1280, 390)
LANGUAGES = ("en", "fr", "es")

JOURNEYS = {
    "public": ["/", "/accounts/login/", "/meetings/", "/documents/", "/themes/"],
    "focal_point": ["/", "/participants/delegation/", "/meetings/suggestions/", "/themes/"],
    "secretariat": [
        "/",
        "/meetings/",
        "/participants/statistics/",
        "/themes/",
        "/documents/",
        "/admin/",
        "/admin/participants/",
        "/admin/participants/registration/",
    ],
}

SKIP = re.compile(
    r"/i18n/|logout|download|/files/|/pdf/|\.(csv|xlsx|ics|svg)$|/delete/"
    # Django's admin: its index and app indexes are walked; of its changelists and
    # change forms, those named in a journey only (its change forms carry select2
    # widgets, which are Django's, not the portal's).
    r"|^/admin/[^/]+/[^/]+/"
)

ID = re.compile(r"/\d+(?=/)")


def page_kind(path: str) -> str:
    """ "/meetings/3/agenda/" and "/meetings/4/agenda/" are one kind of page."""
    return ID.sub("/<id>", path)


@dataclass
class Walk:
    base_url: str
    seen_kinds: set[str] = field(default_factory=set)
    visited: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)

    def run(self, page, start: list[str], *, label: str, max_pages: int = 80, on_page=None):
        queue = list(start)
        while queue and len(self.visited) < max_pages:
            path = queue.pop(0)
            kind = page_kind(path)
            if kind in self.seen_kinds or (SKIP.search(path) and path not in start):
                continue
            self.seen_kinds.add(kind)
            response = page.goto(self.base_url + path)
            if response is None or "text/html" not in response.headers.get("content-type", ""):
                continue
            self.visited.append(path)
            self.violations.extend(f"{label} {path}: {line}" for line in axe_violations(page))
            if on_page:
                on_page(page, path)
            queue.extend(self.links(page, path))

    def links(self, page, path: str) -> list[str]:
        hrefs = page.eval_on_selector_all(
            "a[href]", "links => links.map(link => link.getAttribute('href'))"
        )
        found = []
        base = urlsplit(self.base_url)
        for href in hrefs:
            url = urlsplit(urljoin(self.base_url + path, href))
            if url.netloc == base.netloc and url.path not in found:
                found.append(url.path)
        return found


def axe_violations(page) -> list[str]:
    """One line per element that breaks a rule: the rule, the element and what to fix."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return [
        f"{violation['id']} at {' '.join(node['target'])}: "
        + node.get("failureSummary", "").replace("\n", " ")
        for violation in result["violations"]
        for node in violation["nodes"]
    ]
