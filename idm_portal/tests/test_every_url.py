"""Every URL pattern of the project, filled with strange values, as each role: no 5xx.

The patterns are read from the urlconf, so a page added later is walked too.
Each converter is filled with huge, zero, negative, NUL-containing and very
long values; each page with the ids of real objects is also asked with strange
query strings (a NUL, a thousand words, negative pages, out-of-range ids).
"""

import re
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

from accounts.tests.factories import SecretariatUserFactory
from participants.tests.factories import FocalPointFactory, RegistrationFactory
from reports.tests.factories import PublishedNoteFactory, PublishedTranslationFactory
from themes.tests.factories import ConsultationFactory, ProposalFactory
from workshops.tests.factories import MeetingDocumentFactory, MeetingFactory

HUGE = "9" * 30
# Each strange path fills int converters with the first value and the others with the second.
STRANGE_PATH_VALUES = [
    (HUGE, quote("IC-2010-5\x00")),
    ("0", "x" * 3000),
    (HUGE, "-1"),
]
THOUSAND_WORDS = "+".join(f"w{n}" for n in range(1000))
STRANGE_QUERIES = [
    "q=a%00b",
    f"q={THOUSAND_WORDS}",
    # Accepted by the middleware, so the view itself meets them.
    f"page=-1&sort=%27&q={'+'.join(['ab'] * 40)}&member_state={HUGE}&meeting={HUGE}"
    f"&category=%FF&status=x&year={HUGE}&format=%27&next=//evil.example",
]
# The real objects every page with an id is asked about share one id, far above
# what the sequences of a test run reach.
REAL_ID = 1_900_000_001

# (?P<name>alternatives) in a regex pattern (the admin's app_label): the first one.
NAMED_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^()]*)\)")
ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


# Posting to these would end the role's session: the rest of the walk would be anonymous.
ENDS_THE_SESSION = {"logout", "account_logout"}


def _walk(patterns, prefix=()):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, (*prefix, entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name not in ENDS_THE_SESSION:
            yield (*prefix, entry.pattern)


def _fill(parts, value_for) -> str:
    """The path of one pattern with each parameter replaced by value_for(converter, name)."""
    path = ""
    for part in parts:
        text = str(part)
        if isinstance(part, RoutePattern):
            text = ROUTE_PARAMETER.sub(
                lambda m: value_for(m["converter"] or "str", m["name"]), text
            )
        elif isinstance(part, RegexPattern):
            text = NAMED_GROUP.sub(
                lambda m: (
                    m["body"].split("|")[0]
                    if re.fullmatch(r"[\w|]+", m["body"])
                    else value_for("other", m["name"])
                ),
                text,
            )
            text = text.lstrip("^").rstrip("$").replace("\\", "")
        path += text
    return "/" + path


def every_pattern():
    return list(_walk(get_resolver().url_patterns))


def _strange_paths(parts):
    for values in STRANGE_PATH_VALUES:
        yield _fill(parts, lambda converter, name, values=values: values[converter != "int"])


@pytest.fixture
def real_objects(db):
    """One object of each kind a URL names, so that pages get past their lookups."""
    meeting = MeetingFactory(pk=REAL_ID)
    registration = RegistrationFactory(pk=REAL_ID, meeting=meeting)
    MeetingDocumentFactory(pk=REAL_ID, meeting=meeting)
    consultation = ConsultationFactory(pk=REAL_ID)
    ProposalFactory(pk=REAL_ID, consultation=consultation)
    note = PublishedNoteFactory(meeting=meeting)
    PublishedTranslationFactory(note=note, language="fr")
    return {
        "year": str(meeting.dialogue_year.year),
        "slug": note.slug,
        "language": "fr",
        "format": "csv",
        "kind": "speaker",
        "state": registration.member_state,
    }


def _real_path(parts, real_objects) -> str | None:
    if any(isinstance(part, RegexPattern) for part in parts):
        return None  # the admin's app lists: walked with strange values only

    def value_for(converter, name):
        if name in real_objects:
            return real_objects[name]
        return str(REAL_ID) if converter in ("int", "path") else real_objects["slug"]

    return _fill(parts, value_for)


def _clients(real_objects):
    anonymous = Client(raise_request_exception=False)
    focal_point = Client(raise_request_exception=False)
    focal_point.force_login(FocalPointFactory(member_state=real_objects["state"]))
    secretariat = Client(raise_request_exception=False)
    secretariat.force_login(SecretariatUserFactory())
    return {"anonymous": anonymous, "focal point": focal_point, "secretariat": secretariat}


def _server_errors(client, paths, queries, *, methods=("get",)) -> list[str]:
    errors = []
    for path in paths:
        for query in queries:
            url = f"{path}?{query}" if query else path
            for method in methods:
                response = getattr(client, method)(url)
                if response.status_code >= 500:
                    errors.append(f"{method.upper()} {url[:160]} → {response.status_code}")
    return errors


def test_the_walk_covers_every_app():
    paths = {_fill(parts, lambda converter, name: "1") for parts in every_pattern()}

    for prefix in ("/accounts/", "/meetings/", "/participants/", "/themes/", "/documents/"):
        assert any(path.startswith(prefix) for path in paths), prefix
    assert "/admin/participants/registration/1/change/" in paths
    # One path per route (allauth names some routes twice: login and account_login).
    assert len(paths) == len({"".join(map(str, parts)) for parts in every_pattern()})
    assert "/accounts/logout/" not in paths


@pytest.mark.django_db
def test_no_url_answers_5xx_to_strange_values_as_any_role(real_objects):
    patterns = every_pattern()
    errors = []
    for role, client in _clients(real_objects).items():
        for parts in patterns:
            first, *others = _strange_paths(parts)
            errors += [
                f"{role}: {e}"
                for e in _server_errors(client, [first], [""], methods=("get", "post"))
            ]
            errors += [f"{role}: {e}" for e in _server_errors(client, others, [""])]
            real = _real_path(parts, real_objects)
            if real is not None:
                errors += [f"{role}: {e}" for e in _server_errors(client, [real], STRANGE_QUERIES)]

    assert not errors, "\n".join(errors)
