"""Revisions, corrigenda and addenda: symbols, what each starts from, who sees which."""

import datetime
import io
import re

import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from participants.tests.factories import FocalPointFactory
from reports.models import AmendmentKind, DiscussionNote, RenderedDocument
from reports.services import (
    note_amendment_create,
    note_create,
    note_publish,
    note_update,
    rendered_document_request_for_note,
)
from reports.tests.factories import DiscussionNoteFactory, PublishedNoteFactory

pytestmark = pytest.mark.django_db

REV, CORR, ADD = AmendmentKind.REVISION, AmendmentKind.CORRIGENDUM, AmendmentKind.ADDENDUM


@pytest.fixture
def base():
    return PublishedNoteFactory(symbol="IC/2010/5", body="The original text.[^1]\n\n[^1]: A note.")


@pytest.fixture
def rendered(eager_tasks, django_capture_on_commit_callbacks):
    def render(note):
        with django_capture_on_commit_callbacks(execute=True):
            document = rendered_document_request_for_note(note=note, by=None)
        document.refresh_from_db()
        assert document.status == RenderedDocument.Status.DONE, document.error
        return document

    return render


def amend(base, kind, **kwargs):
    return note_amendment_create(base=base, kind=kind, by=None, **kwargs)


# --- symbols and what a new member starts from ------------------------------------


def test_each_kind_takes_the_next_number_of_its_own(base):
    symbols = [amend(base, kind).symbol for kind in (REV, CORR, REV, ADD, CORR)]

    assert symbols == [
        "IC/2010/5/Rev.1",
        "IC/2010/5/Corr.1",
        "IC/2010/5/Rev.2",
        "IC/2010/5/Add.1",
        "IC/2010/5/Corr.2",
    ]
    assert set(base.amendments.values_list("symbol", flat=True)) == set(symbols)
    assert {note.amendment_kind for note in base.amendments.all()} == {"Rev", "Corr", "Add"}


def test_a_revision_starts_from_the_newest_text_and_the_others_start_empty(base):
    rev_1 = amend(base, REV, issue_date=datetime.date(2010, 5, 3))
    assert rev_1.body == base.body
    note_update(note=rev_1, by=None, body="The revised text.", title="Revised title")
    rev_2 = amend(base, REV)
    corrigendum = amend(base, CORR)

    assert (rev_1.status, rev_1.issue_date, rev_1.meeting) == (
        "draft",
        datetime.date(2010, 5, 3),
        base.meeting,
    )
    assert (rev_2.body, rev_2.title) == ("The revised text.", "Revised title")
    assert corrigendum.body == ""
    assert corrigendum.title == "Revised title"  # the title of the newest text
    assert corrigendum.base == base


def test_only_an_original_is_amended_and_only_in_three_ways(base):
    rev_1 = amend(base, REV)

    with pytest.raises(ValidationError, match="amend the original note, IC/2010/5"):
        amend(rev_1, CORR)
    with pytest.raises(ValidationError, match="Choose a revision"):
        amend(base, "Erratum")
    assert DiscussionNote.objects.count() == 2


def test_a_typed_suffixed_symbol_needs_its_base(base):
    fields = {"issue_date": datetime.date(2010, 5, 1), "meeting": base.meeting, "title": "T"}

    with pytest.raises(ValidationError, match="IC/2010/6/Corr.1 amends IC/2010/6"):
        note_create(by=None, symbol="IC/2010/6/Corr.1", **fields)
    corrigendum = note_create(by=None, symbol="IC/2010/5/Corr.1", **fields)

    assert corrigendum.base == base


def test_the_symbol_of_an_amended_note_stays(base):
    amend(base, ADD)

    with pytest.raises(ValidationError, match="cannot change"):
        note_update(note=base, by=None, symbol="IC/2010/7")
    base.refresh_from_db()
    assert base.symbol == "IC/2010/5"


def test_the_database_keeps_suffixes_and_bases_together(base):
    orphan = DiscussionNoteFactory.build(meeting=base.meeting, symbol="IC/2010/5/Rev.9")
    with pytest.raises(ValidationError), transaction.atomic():
        orphan.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        orphan.save()
    plain = DiscussionNoteFactory.build(meeting=base.meeting, symbol="IC/2010/8", base=base)
    with pytest.raises(IntegrityError), transaction.atomic():
        plain.save()


# --- who sees what of a chain -------------------------------------------------------


@pytest.fixture
def viewers(client, secretariat_user):
    focal_point = FocalPointFactory()

    def as_each(path):
        pages = {}
        for name, user in (
            ("anonymous", None),
            ("focal_point", focal_point),
            ("secretariat", secretariat_user),
        ):
            client.logout()
            if user:
                client.force_login(user)
            response = client.get(path)
            pages[name] = (response.status_code, response.content.decode())
        return pages

    return as_each


def test_a_draft_revision_is_the_secretariats_alone(base, viewers):
    amend(base, REV)

    library = viewers("/documents/")
    page = viewers("/documents/IC-2010-5/")
    draft = viewers("/documents/IC-2010-5-Rev.1/")

    for role in ("anonymous", "focal_point"):
        for status, html in (library[role], page[role]):
            assert status == 200
            assert "IC/2010/5" in html
            assert "Rev.1" not in html
            assert "Superseded" not in html
    assert draft["anonymous"][0] == 302
    assert draft["focal_point"][0] == 403
    for _status, html in (library["secretariat"], page["secretariat"]):
        assert "Superseded by IC/2010/5/Rev.1" in html
    assert draft["secretariat"][0] == 200


def test_a_published_revision_supersedes_for_everyone_in_chain_order(base, viewers):
    corrigendum = amend(base, CORR)
    rev_1 = amend(base, REV)
    addendum = amend(base, ADD)
    rev_2 = amend(base, REV)
    for note in (corrigendum, rev_1, addendum):
        note_publish(note=note, by=None)
    # Rev.2 stays a draft: the public's newest text is Rev.1.

    library = viewers("/documents/")
    page = viewers("/documents/IC-2010-5-Rev.1/")

    public_order = ["IC/2010/5", "IC/2010/5/Rev.1", "IC/2010/5/Corr.1", "IC/2010/5/Add.1"]
    for role in ("anonymous", "focal_point"):
        html = library[role][1]
        assert symbols_in(html) == public_order
        assert html.count("Superseded by IC/2010/5/Rev.1") == 1
        assert "Rev.2" not in html
        assert "Superseded" not in page[role][1].split("Revisions, corrigenda and addenda")[0]
        assert "Rev.2" not in page[role][1]
    html = library["secretariat"][1]
    assert symbols_in(html) == [*public_order[:2], "IC/2010/5/Rev.2", *public_order[2:]]
    assert html.count("Superseded by IC/2010/5/Rev.2") == 2
    assert "Superseded by IC/2010/5/Rev.2" in page["secretariat"][1]
    assert rev_2.status == "draft"


def symbols_in(html: str) -> list[str]:
    return re.findall(r"<strong>(IC/2010/5[^<]*)</strong>", html)


@pytest.mark.parametrize("count", [1, 3])
def test_the_library_shows_chains_in_constant_queries(
    client, django_assert_num_queries, base, count
):
    for _ in range(count):
        note_publish(note=amend(base, CORR), by=None)

    with django_assert_num_queries(2):
        html = client.get("/documents/").content.decode()

    assert len(symbols_in(html)) == count + 1


# --- each keeps its own PDFs, with its own symbol -----------------------------------


def test_a_revision_prints_and_downloads_under_its_full_symbol(
    base, rendered, client, secretariat_user
):
    base_pdf = rendered(base)
    rev_1 = amend(base, REV)
    rev_pdf = rendered(rev_1)
    client.force_login(secretariat_user)
    preview = client.get("/documents/IC-2010-5-Rev.1/preview/document/").content.decode()

    assert '<p class="symbol-string">IC/2010/5/Rev.1</p>' in preview
    assert (base_pdf.file_name, rev_pdf.file_name) == ("IC-2010-5.pdf", "IC-2010-5-Rev.1.pdf")
    with rev_pdf.file.open("rb") as pdf:
        pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf.read())).pages]
    assert "IC/2010/5/Rev.1" in pages[0]
    assert pages[1].splitlines()[-2:] == ["IC/2010/5/Rev.1", "Page 2"]
    assert client.get(base_pdf.get_download_url()).status_code == 200
    assert client.get(rev_pdf.get_download_url()).status_code == 200


def test_the_new_note_form_takes_a_typed_corrigendum_of_an_existing_note(
    client, secretariat_user, base
):
    client.force_login(secretariat_user)
    data = {
        "series_title": base.series_title,
        "original_language": "en",
        "place": "Geneva",
        "issue_date": "2010-05-01",
        "meeting": base.meeting.pk,
        "title": "Corrigendum",
        "body": "Paragraph 3, line 2: for 2009 read 2010.",
    }

    refused = client.post("/documents/new/", {**data, "symbol": "IC/2010/6/Corr.1"})
    taken = client.post("/documents/new/", {**data, "symbol": "IC/2010/5/Corr.1"})

    assert refused.status_code == 200
    assert (
        "IC/2010/6/Corr.1 amends IC/2010/6: that note must exist first" in refused.content.decode()
    )
    assert taken.status_code == 302
    assert DiscussionNote.objects.get(symbol="IC/2010/5/Corr.1").base == base
