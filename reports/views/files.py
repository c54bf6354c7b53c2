from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from django.views import View

from accounts.roles import SecretariatRequiredMixin
from idm_portal.confirmation import confirmation_response

from ..access import note_is_public, rendered_document_is_public, require_secretariat_unless
from ..models import DiscussionNote, RenderedDocument
from ..selectors import (
    note_get,
    rendered_document_get,
    rendered_document_get_for_download,
    rendered_document_latest_finished,
)
from ..services import (
    rendered_document_publish,
    rendered_document_request_for_participant_list,
    rendered_document_retry,
)

# A finished render's bytes never change, so once a download has been allowed its
# ETag can answer repeat requests without the database. Only 304s are answered
# from this cache: a client holding the exact SHA-256 already has the file, so a
# stale entry (after unpublishing, say) reveals nothing. Full downloads always
# check the database.
KNOWN_ETAG_SECONDS = 300


def _known_etag_key(pk: int, file_name: str) -> str:
    return f"reports:etag:{pk}:{file_name}"


def serve_rendered_document(request, document: RenderedDocument):
    """The PDF, or 304 Not Modified when the client's copy has the same SHA-256.

    The ETag is the stored checksum, so a repeat download reads neither the
    file nor, once known, the database.
    """
    etag = f'"{document.sha256}"'
    # Clients may keep the file but must ask (cheaply) whether it is still current.
    cache_control = f"{'public' if rendered_document_is_public(document) else 'private'}, no-cache"
    cache.set(
        _known_etag_key(document.pk, document.file_name),
        (etag, cache_control),
        KNOWN_ETAG_SECONDS,
    )
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.file_name,
            content_type="application/pdf",
        )
    response["ETag"] = etag
    response["Cache-Control"] = cache_control
    return response


class DownloadView(View):
    """One version of a document: /documents/files/17/IC-2010-5.pdf."""

    def get(self, request, pk, file_name):
        if "If-None-Match" in request.headers:
            known = cache.get(_known_etag_key(pk, file_name))
            if known is not None:
                etag, cache_control = known
                response = get_conditional_response(request, etag=etag)
                if response is not None:
                    response["ETag"] = etag
                    response["Cache-Control"] = cache_control
                    return response
        try:
            document = rendered_document_get_for_download(pk=pk)
        except RenderedDocument.DoesNotExist as exc:
            raise Http404 from exc
        if document.status != RenderedDocument.Status.DONE or document.file_name != file_name:
            raise Http404
        denied = require_secretariat_unless(request, rendered_document_is_public(document))
        return denied or serve_rendered_document(request, document)


class LatestDownloadView(View):
    """The newest PDF of a note: /documents/IC-2010-5/pdf/."""

    def get(self, request, slug):
        try:
            note = note_get(slug=slug)
        except DiscussionNote.DoesNotExist as exc:
            raise Http404 from exc
        denied = require_secretariat_unless(request, note_is_public(note))
        if denied is not None:
            return denied
        document = rendered_document_latest_finished(note=note)
        if document is None:
            raise Http404(_("No PDF of this note has been made yet."))
        return serve_rendered_document(request, document)


class RenderStatusView(SecretariatRequiredMixin, View):
    """What the progress panel polls: status, and the download once ready."""

    def get(self, request, pk):
        try:
            document = rendered_document_get(pk=pk)
        except RenderedDocument.DoesNotExist as exc:
            raise Http404 from exc
        done = document.status == RenderedDocument.Status.DONE
        return JsonResponse(
            {
                "status": document.status,
                "label": str(document.get_status_display()),
                "finished": document.is_finished,
                "error": document.error,
                "download_url": document.get_download_url() if done else None,
                "file_name": document.file_name,
                "page_count": document.page_count,
                "size": document.size,
            },
            headers={"Cache-Control": "no-store"},
        )


class RenderRetryView(SecretariatRequiredMixin, View):
    def post(self, request, pk):
        try:
            document = rendered_document_get(pk=pk)
            rendered_document_retry(rendered_document=document, user=request.user)
        except RenderedDocument.DoesNotExist as exc:
            raise Http404 from exc
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(_back(document))


class ParticipantListGenerateView(SecretariatRequiredMixin, View):
    def post(self, request, meeting_pk):
        from workshops.models import Meeting
        from workshops.selectors import meeting_get

        try:
            meeting = meeting_get(pk=meeting_pk)
        except Meeting.DoesNotExist as exc:
            raise Http404 from exc
        document = rendered_document_request_for_participant_list(
            meeting=meeting, user=request.user
        )
        if document.status == document.Status.DONE:
            messages.info(request, _("Nothing changed since the last list: it is ready."))
        return redirect(meeting)


class ParticipantListPublishView(SecretariatRequiredMixin, View):
    """GET: what publishing does, and the confirmation; POST publishes."""

    def get(self, request, pk):
        try:
            document = rendered_document_get(pk=pk)
        except RenderedDocument.DoesNotExist as exc:
            raise Http404 from exc
        if document.kind != RenderedDocument.Kind.PARTICIPANT_LIST:
            raise Http404
        names = {"meeting": document.meeting.title, "pages": document.page_count}
        return confirmation_response(
            request,
            title=_("Publish the list of participants"),
            consequences=[
                _(
                    "Anyone, without logging in, can download the list of participants of "
                    "“%(meeting)s” from the meeting's page."
                )
                % names,
                _(
                    "It shows personal data: the name, function and organization or state "
                    "of every participant listed."
                ),
                _("Copies already downloaded cannot be taken back."),
            ],
            action_url=reverse("reports:participant_list_publish", args=[pk]),
            confirm_label=_("Publish the list"),
            cancel_url=_back(document),
            danger=True,
        )

    def post(self, request, pk):
        try:
            document = rendered_document_get(pk=pk)
            rendered_document_publish(rendered_document=document)
        except RenderedDocument.DoesNotExist as exc:
            raise Http404 from exc
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The list of participants is published."))
        return redirect(_back(document))


def _back(document: RenderedDocument) -> str:
    if document.kind == RenderedDocument.Kind.NOTE:
        return document.note.get_absolute_url()
    return document.meeting.get_absolute_url()
