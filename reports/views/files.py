from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseNotModified, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from django.views import View

from accounts.roles import SecretariatRequiredMixin, is_secretariat
from common.confirmation import confirmation_response
from common.views import get_or_404
from workshops.selectors import meeting_get

from ..access import note_is_public, rendered_document_is_public, require_secretariat_unless
from ..models import RenderedDocument
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
from ..versions import note_version, version_for_reader
from .render_messages import announce_render

# A finished render's bytes never change, so once a download of a PUBLIC file has been
# allowed, its ETag can answer repeat requests without the database. Only that audience
# (everyone) is cached: a file for the secretariat only is checked in the database at
# every request. Only a client that sends the exact ETag gets a 304 from the cache: it
# already holds the file, so a stale entry (after unpublishing, say) reveals nothing.
# "If-None-Match: *" names no file, so it always goes through the access check.
KNOWN_ETAG_SECONDS = 300


def _known_etag_key(pk: int, file_name: str) -> str:
    return f"reports:public-etag:{pk}:{file_name}"


def serve_rendered_document(request, document: RenderedDocument):
    """The PDF, or 304 Not Modified when the client's copy has the same SHA-256.

    The ETag is the stored checksum, so a repeat download reads neither the
    file nor, once known, the database. Call it only once access is granted.
    """
    etag = f'"{document.sha256}"'
    if rendered_document_is_public(document):
        # Clients may keep the file but must ask (cheaply) whether it is still current.
        cache_control = "public, no-cache"
        cache.set(_known_etag_key(document.pk, document.file_name), etag, KNOWN_ETAG_SECONDS)
    else:
        # The secretariat's drafts and unpublished lists of participants: kept nowhere.
        cache_control = "private, no-store"
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


def _answer_from_the_cache(request, pk: int, file_name: str):
    """304 for a client that names the public file's exact ETag; None otherwise."""
    asked = [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]
    known = cache.get(_known_etag_key(pk, file_name))
    if known is None or known not in asked:
        return None
    response = HttpResponseNotModified()
    response["ETag"] = known
    response["Cache-Control"] = "public, no-cache"
    return response


class DownloadView(View):
    """One version of a document: /documents/files/17/IC-2010-5.pdf."""

    def get(self, request, pk, file_name):
        if "If-None-Match" in request.headers:
            cached = _answer_from_the_cache(request, pk, file_name)
            if cached is not None:
                return cached
        document = get_or_404(rendered_document_get_for_download, pk=pk)
        if document.status != RenderedDocument.Status.DONE or document.file_name != file_name:
            raise Http404
        denied = require_secretariat_unless(request, rendered_document_is_public(document))
        return denied or serve_rendered_document(request, document)


class LatestDownloadView(View):
    """The newest PDF of a note, in the reader's language if that version is public (and
    printed), else the original: /documents/IC-2010-5/pdf/."""

    def get(self, request, slug):
        note = get_or_404(note_get, slug=slug)
        denied = require_secretariat_unless(request, note_is_public(note))
        if denied is not None:
            return denied
        reader = version_for_reader(
            note, language=request.LANGUAGE_CODE, may_see_drafts=is_secretariat(request.user)
        )
        document = rendered_document_latest_finished(note=note, language=reader.language)
        if document is None and not reader.is_original:
            document = rendered_document_latest_finished(note=note)
        if document is None:
            raise Http404(_("No PDF of this note has been made yet."))
        return serve_rendered_document(request, document)


class VersionDownloadView(View):
    """The newest PDF of one language version: /documents/IC-2010-5/fr/pdf/."""

    def get(self, request, slug, language):
        note = get_or_404(note_get, slug=slug)
        version = note_version(note, language)
        denied = require_secretariat_unless(request, version is not None and version.is_public)
        if denied is not None:
            return denied
        if version is None:
            raise Http404
        document = rendered_document_latest_finished(note=note, language=language)
        if document is None:
            raise Http404(_("No PDF of this note has been made yet."))
        return serve_rendered_document(request, document)


class RenderStatusView(SecretariatRequiredMixin, View):
    """What the progress panel polls: status, and the download once ready."""

    def get(self, request, pk):
        document = get_or_404(rendered_document_get, pk=pk)
        done = document.status == RenderedDocument.Status.DONE
        return JsonResponse(
            {
                "status": document.status,
                "label": str(document.get_status_display()),
                "finished": document.is_finished,
                "stale": document.is_stale,
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
            document = rendered_document_retry(rendered_document=document, by=request.user)
        except RenderedDocument.DoesNotExist as exc:
            raise Http404 from exc
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            announce_render(request, document, unchanged="")
        return redirect(_back(document))


class ParticipantListGenerateView(SecretariatRequiredMixin, View):
    def post(self, request, meeting_pk):
        meeting = get_or_404(meeting_get, pk=meeting_pk)
        document = rendered_document_request_for_participant_list(meeting=meeting, by=request.user)
        announce_render(
            request, document, unchanged=_("Nothing changed since the last list: it is ready.")
        )
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
    if document.kind == RenderedDocument.Kind.VISA_LETTER:
        meeting_id = document.visa_request.registration.meeting_id
        return reverse("reports:visa_requests", args=[meeting_id])
    if document.kind == RenderedDocument.Kind.BADGE_SHEET:
        return reverse("reports:badges", args=[document.meeting_id])
    return document.meeting.get_absolute_url()
