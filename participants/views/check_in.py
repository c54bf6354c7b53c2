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
from ..services import registration_check_in
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
        url = reverse("participants:check_in", args=[registration.meeting_id])
        query = request.POST.get("q", "").strip()
        return redirect(f"{url}?{urlencode({'q': query})}" if query else url)
