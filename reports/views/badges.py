"""Badges of a meeting (the secretariat's): the whole sheet, or one person's badge."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts.roles import SecretariatRequiredMixin
from common.views import get_or_404
from participants.models import Category
from participants.selectors import registration_get, registration_list_for_badges
from workshops.selectors import meeting_get

from ..badges import CATEGORY_COLOURS
from ..selectors import badge_sheet_list
from ..services import rendered_document_request_for_badges
from .render_messages import announce_render


class BadgeListView(SecretariatRequiredMixin, TemplateView):
    template_name = "reports/badges.html"

    def get_context_data(self, **kwargs):
        meeting = get_or_404(meeting_get, pk=self.kwargs["meeting_pk"])
        registrations = list(registration_list_for_badges(meeting=meeting))
        sheets = badge_sheet_list(meeting=meeting)
        return super().get_context_data(
            meeting=meeting,
            registrations=registrations,
            sheets=sheets,
            latest=sheets[0] if sheets else None,
            colours=[(label, CATEGORY_COLOURS[value][0]) for value, label in Category.choices],
            **kwargs,
        )


class BadgeSheetGenerateView(SecretariatRequiredMixin, View):
    """POST: the sheet of every confirmed participant's badge."""

    def post(self, request, meeting_pk):
        meeting = get_or_404(meeting_get, pk=meeting_pk)
        _request_and_announce(request, meeting=meeting, registration=None)
        return redirect(reverse("reports:badges", args=[meeting.pk]))


class BadgeGenerateView(SecretariatRequiredMixin, View):
    """POST: one person's badge, alone on a sheet laid out as the others (a reprint)."""

    def post(self, request, pk):
        registration = get_or_404(registration_get, pk=pk)
        _request_and_announce(request, meeting=registration.meeting, registration=registration)
        return redirect(reverse("reports:badges", args=[registration.meeting_id]))


def _request_and_announce(request, *, meeting, registration) -> None:
    try:
        document = rendered_document_request_for_badges(
            meeting=meeting, registration=registration, by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return
    announce_render(
        request, document, unchanged=_("Nothing changed since: these badges are ready.")
    )
