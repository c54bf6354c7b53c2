from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts.roles import SecretariatRequiredMixin

from ..selectors import registration_check_in_search
from ..services import (
    registration_check_in,
    registration_check_in_by_token,
    registration_check_in_undo,
)
from ..statistics import registrations_by_status
from .common import MeetingMixin, RegistrationMixin


class CheckInView(SecretariatRequiredMixin, MeetingMixin, TemplateView):
    """The check-in desk: type part of a name, press one button per arriving person."""

    template_name = "participants/check_in.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()
        counts = {
            status: count
            for status, _label, count in registrations_by_status(meetings=[self.meeting])
        }
        context.update(
            q=query,
            results=registration_check_in_search(meeting=self.meeting, query=query),
            attended=counts["attended"],
            expected=counts["registered"] + counts["confirmed"] + counts["attended"],
        )
        return context


def _desk_url(meeting_pk, query="") -> str:
    url = reverse("participants:check_in", args=[meeting_pk])
    return f"{url}?{urlencode({'q': query})}" if query else url


def _affiliation(registration) -> str:
    if registration.member_state_id:
        return registration.member_state.display_name
    return str(registration.organization) if registration.organization_id else "—"


class CheckInScanView(SecretariatRequiredMixin, MeetingMixin, View):
    """A badge's token, read by the camera or typed by a hand scanner: one check-in."""

    def post(self, request, meeting_pk):
        token = request.POST.get("token", "").strip()
        if not token:
            messages.warning(request, _("Scan a badge, or type its code."))
            return redirect(_desk_url(self.meeting.pk))
        scan = registration_check_in_by_token(meeting=self.meeting, token=token, by=request.user)
        registration = scan.registration
        values = (
            {
                "name": registration.participant.full_name,
                "category": registration.get_category_display(),
                "affiliation": _affiliation(registration),
            }
            if registration
            else {}
        )
        if scan.outcome == "checked_in":
            messages.success(
                request, _("%(name)s is checked in: %(category)s, %(affiliation)s.") % values
            )
        elif scan.outcome == "already":
            messages.info(request, _("%(name)s was already checked in.") % values)
        elif scan.outcome == "withdrawn":
            messages.error(
                request,
                _("%(name)s has withdrawn from this meeting: not checked in.") % values,
            )
        elif scan.outcome == "other_meeting":
            messages.error(
                request,
                _(
                    "This badge is for another meeting: %(meeting)s. %(name)s is not "
                    "checked in here."
                )
                % {**values, "meeting": scan.other_meeting.title},
            )
        else:
            messages.error(
                request,
                _(
                    "This code is no badge of the portal, or it was altered: nobody is "
                    "checked in. Find the person by name."
                ),
            )
        return redirect(_desk_url(self.meeting.pk))


class CheckInUndoView(SecretariatRequiredMixin, RegistrationMixin, View):
    """A mistaken check-in: back to confirmed, recorded in the registration's history."""

    def post(self, request, pk):
        registration = self.registration
        name = registration.participant.full_name
        if registration_check_in_undo(registration=registration, by=request.user):
            messages.success(
                request, _("The check-in of %(name)s is undone: confirmed again.") % {"name": name}
            )
        else:
            messages.info(request, _("%(name)s was not checked in.") % {"name": name})
        return redirect(_desk_url(registration.meeting_id, request.POST.get("q", "").strip()))


class CheckInActionView(SecretariatRequiredMixin, RegistrationMixin, View):
    def post(self, request, pk):
        registration = self.registration
        name = registration.participant.full_name
        try:
            checked_in = registration_check_in(registration=registration, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if checked_in:
                messages.success(request, _("%(name)s is checked in.") % {"name": name})
            else:
                messages.info(request, _("%(name)s was already checked in.") % {"name": name})
        return redirect(_desk_url(registration.meeting_id, request.POST.get("q", "").strip()))
