import pytest

from accounts.tests.factories import SecretariatUserFactory
from reports.models import DiscussionNote
from reports.services import rendered_document_request_for_note
from reports.tests.factories import DiscussionNoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    # Superusers are secretariat, who must sign in with a second factor: the factory enrols.
    return SecretariatUserFactory(username="admin", is_superuser=True)


def test_render_changelist_does_not_load_the_stored_html(client, superuser):
    note = DiscussionNoteFactory()
    document = rendered_document_request_for_note(note=note, by=None, enqueue=False)
    client.force_login(superuser)

    changelist = client.get("/admin/reports/rendereddocument/")
    record = client.get(f"/admin/reports/rendereddocument/{document.pk}/change/")

    assert changelist.status_code == 200
    assert changelist.context["cl"].result_list[0].get_deferred_fields() == {"content"}
    assert note.file_name in changelist.content.decode()
    assert record.status_code == 200
    assert "para-number" in record.content.decode()  # the record's page shows the HTML


def test_a_note_cannot_be_published_from_the_admin(client, superuser):
    note = DiscussionNoteFactory(body="[[attendance meeting=1999-01-01]]")
    client.force_login(superuser)
    url = f"/admin/reports/discussionnote/{note.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["status"] = DiscussionNote.Status.PUBLISHED

    response = client.post(url, data)

    assert "status" not in form.fields
    assert response.status_code == 302, response.context["adminform"].form.errors
    note.refresh_from_db()
    assert note.status == DiscussionNote.Status.DRAFT
    assert note.published_at is None
