"""Visa support requests of a meeting (the secretariat's), and the person's private link."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts.roles import SecretariatRequiredMixin
from common.views import get_or_404
from participants.visas import visa_request_decline, visa_request_get, visa_request_list
from workshops.selectors import meeting_get

from ..letters import visa_letter_private_url, visa_letter_token_read
from ..models import RenderedDocument
from ..selectors import visa_letter_get_for_download, visa_letter_list
from ..services import visa_letter_issue
from .files import serve_rendered_document
from .render_messages import announce_render


class VisaRequestListView(SecretariatRequiredMixin, TemplateView):
    """The meeting's requests with their passport details, and the letters issued."""

    template_name = "reports/visa_requests.html"

    def get_context_data(self, **kwargs):
        meeting = get_or_404(meeting_get, pk=self.kwargs["meeting_pk"])
        requests = (
            visa_request_list(meeting=meeting)
            .select_related("letter__document")
            .defer("letter__document__content")
        )
        letters = [
            (letter, visa_letter_private_url(letter))
            for letter in visa_letter_list(meeting=meeting)
        ]
        return super().get_context_data(
            meeting=meeting, visa_requests=requests, letters=letters, **kwargs
        )


class VisaRequestDecisionView(SecretariatRequiredMixin, View):
    """POST decision=approve (the letter is rendered and sent), or decline with a reason."""

    def post(self, request, pk):
        visa_request = get_or_404(visa_request_get, pk=pk)
        meeting = visa_request.registration.meeting
        name = visa_request.registration.participant.full_name
        try:
            if request.POST.get("decision") == "approve":
                letter = visa_letter_issue(visa_request=visa_request, by=request.user)
                if visa_request.registration.participant.email:
                    done = _(
                        "The visa support letter of %(name)s is issued and the link sent to them."
                    )
                else:
                    done = _(
                        "The visa support letter of %(name)s is issued. They have no e-mail "
                        "address: send them the private link from the list of letters."
                    )
                messages.success(request, done % {"name": name})
                announce_render(request, letter.document, unchanged="")
            else:
                visa_request_decline(
                    visa_request=visa_request,
                    reason=request.POST.get("reason", ""),
                    by=request.user,
                )
                messages.success(
                    request, _("The visa support request of %(name)s is declined.") % {"name": name}
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(reverse("reports:visa_requests", args=[meeting.pk]))


class VisaLetterDownloadView(View):
    """The person's private link: whoever holds it gets the letter; any other token is 404."""

    def get(self, request, token):
        pk = visa_letter_token_read(token)
        if pk is None:
            raise Http404
        letter = get_or_404(visa_letter_get_for_download, pk=pk)
        document = letter.document
        if document is None:
            raise Http404(_("This letter's PDF was deleted with the passport details."))
        if document.status != RenderedDocument.Status.DONE:
            response = render(
                request,
                "reports/visa_letter_pending.html",
                {"failed": document.status == RenderedDocument.Status.FAILED},
            )
            response["Cache-Control"] = "no-store"
            return response
        return serve_rendered_document(request, document)
