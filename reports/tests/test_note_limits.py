"""Expensive notes: a body past the bounds is refused in words and never converted."""

import markdown
import pytest
from django.core.exceptions import ValidationError

from reports import markup
from reports.content import note_content, note_problems
from reports.note_limits import body_limit_problems
from reports.services import note_update
from reports.tests.factories import DiscussionNoteFactory

pytestmark = pytest.mark.django_db

# 2,000 calls of one footnote, 50 to a paragraph.
TWO_THOUSAND_CALLS = (
    "\n\n".join("A paragraph" + " word[^n]" * 50 for _ in range(40)) + "\n\n[^n]: The footnote.\n"
)


@pytest.fixture
def conversions(monkeypatch):
    """How many times Python-Markdown converts a text."""
    calls = []
    original = markdown.Markdown.convert

    def counting(self, text):
        calls.append(len(text))
        return original(self, text)

    monkeypatch.setattr(markdown.Markdown, "convert", counting)
    return calls


def test_two_thousand_footnote_calls_are_refused_with_a_message(secretariat_user, settings):
    note = DiscussionNoteFactory(body="Short.")

    with pytest.raises(ValidationError) as refused:
        note_update(note=note, by=secretariat_user, body=TWO_THOUSAND_CALLS)

    assert refused.value.message_dict == {
        "body": [
            "The body calls footnotes 2000 times; a note may call them at most "
            f"{settings.NOTE_FOOTNOTE_CALLS_MAX} times.",
            "The footnote [^n] is called 2000 times; one footnote may be called at most "
            f"{settings.NOTE_FOOTNOTE_REPEATS_MAX} times.",
        ]
    }
    note.refresh_from_db()
    assert note.body == "Short."


def test_a_footnote_called_often_is_refused_even_within_the_total(secretariat_user, settings):
    settings.NOTE_FOOTNOTE_REPEATS_MAX = 3
    note = DiscussionNoteFactory(body="Short.")
    body = "A[^a] b[^a] c[^a] d[^a] e[^b] f[^b]\n\n[^a]: One.\n\n[^b]: Two.\n"

    with pytest.raises(ValidationError) as refused:
        note_update(note=note, by=secretariat_user, body=body)

    assert refused.value.message_dict == {
        "body": ["The footnote [^a] is called 4 times; one footnote may be called at most 3 times."]
    }


def test_a_body_over_the_size_limit_is_refused_with_a_message(secretariat_user, settings):
    settings.NOTE_BODY_MAX_CHARS = 1000
    note = DiscussionNoteFactory(body="Short.")

    with pytest.raises(ValidationError) as refused:
        note_update(note=note, by=secretariat_user, body="x" * 1001)

    assert refused.value.message_dict == {
        "body": [
            "The body has 1001 characters; a note may have at most 1000. "
            "Split it into several notes."
        ]
    }


def test_brackets_that_open_nothing_are_refused_with_a_message(secretariat_user, settings):
    note = DiscussionNoteFactory(body="Short.")
    body = "Fine[^a].\n\n" + "[a](" * (settings.NOTE_BRACKETS_MAX + 1) + "\n\n[^a]: Note."

    with pytest.raises(ValidationError) as refused:
        note_update(note=note, by=secretariat_user, body=body)

    assert refused.value.message_dict == {
        "body": [
            f"The body has {settings.NOTE_BRACKETS_MAX + 1} “[” and “<” besides its footnote "
            f"calls; a note may have at most {settings.NOTE_BRACKETS_MAX}. Remove some."
        ]
    }


def test_a_block_over_the_block_limit_is_refused_with_a_message(secretariat_user, settings):
    settings.NOTE_BLOCK_MAX_CHARS = 100
    note = DiscussionNoteFactory(body="Short.")

    with pytest.raises(ValidationError) as refused:
        note_update(note=note, by=secretariat_user, body="Fine.\n\n" + "y" * 101)

    assert refused.value.message_dict == {
        "body": [
            "Block 2 (counting from the top, blocks are separated by a blank line) has 101 "
            "characters; one block may have at most 100. Split it with a blank line."
        ]
    }


def test_the_bounded_work_stays_within_the_bounds_for_the_worst_body_allowed(settings, conversions):
    # The worst body the bounds let through, at every bound at once, is converted.
    settings.NOTE_BODY_MAX_CHARS = 20_000
    block = "[" * 20 + "a" * (settings.NOTE_BLOCK_MAX_CHARS - 20)
    body = "\n\n".join([block] * 3)
    assert body_limit_problems(body) == []

    markup.body_to_html(body)

    assert conversions == [len(body)]


def test_the_form_shows_the_limit_beside_the_body_and_keeps_the_text(client, secretariat_user):
    note = DiscussionNoteFactory(body="Short.")
    client.force_login(secretariat_user)

    response = client.post(
        f"/documents/{note.slug}/edit/",
        {
            "symbol": note.symbol,
            "series_title": note.series_title,
            "original_language": "en",
            "place": "Geneva",
            "issue_date": "2010-06-01",
            "meeting": note.meeting.pk,
            "title": note.title,
            "body": TWO_THOUSAND_CALLS,
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "The body calls footnotes 2000 times" in page
    assert "word[^n] word[^n]" in page


def test_a_stored_body_past_the_bounds_is_previewed_without_being_converted(
    client, secretariat_user, conversions
):
    # Written before the bounds existed, or through the admin: the preview stays cheap.
    note = DiscussionNoteFactory(body=TWO_THOUSAND_CALLS)
    client.force_login(secretariat_user)

    preview = client.get(f"/documents/{note.slug}/preview/document/")
    page = client.get(f"/documents/{note.slug}/preview/")

    assert preview.status_code == 200
    assert "[The body calls footnotes 2000 times" in preview.content.decode()
    assert "The body calls footnotes 2000 times" in page.content.decode()
    assert conversions == []
    assert note_problems(note) == note_content(note).problems != []


def test_computed_blocks_count_toward_the_bounds(settings):
    from themes.tests.factories import ConsultationFactory, ProposalFactory

    settings.NOTE_BODY_MAX_CHARS = 500
    consultation = ConsultationFactory()
    ProposalFactory(consultation=consultation, full_text="Long text. " * 60)
    note = DiscussionNoteFactory(body="Intro.\n\n[[proposals year=2011]]\n")
    assert consultation.target_year.year == 2011

    assert note_problems(note)[0].startswith("The body has ")


def test_each_footnote_is_built_once_however_often_it_is_called(monkeypatch, settings):
    built = []
    original = markup._footnote_span
    monkeypatch.setattr(markup, "_footnote_span", lambda item: built.append(item) or original(item))
    calls = settings.NOTE_FOOTNOTE_CALLS_MAX
    body = "Text" + " a[^one] b[^two]" * (calls // 2) + "\n\n[^one]: First.\n\n[^two]: Second.\n"

    html = markup.body_to_html(body)

    assert len(built) == 2
    assert html.count('<span class="footnote-print">First.</span>') == calls // 2
    assert html.count('<span class="footnote-print">Second.</span>') == calls // 2
