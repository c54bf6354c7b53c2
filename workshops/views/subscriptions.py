"""Following a meeting's or a year's documents: any signed-in user may, for public pages."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from ..services.subscriptions import subscription_set
from .common import get_meeting_or_404, get_year_or_404


def _subscribe(request, *, target_url: str, **target):
    subscribed = request.POST.get("action") != "unsubscribe"
    subscription_set(user=request.user, subscribed=subscribed, **target)
    if subscribed:
        messages.success(request, _("You will be e-mailed when a document is published here."))
    else:
        messages.success(request, _("You will no longer be e-mailed about documents here."))
    return redirect(target_url)


class MeetingSubscribeView(LoginRequiredMixin, View):
    def post(self, request, pk):
        meeting = get_meeting_or_404(pk)
        return _subscribe(request, target_url=meeting.get_absolute_url(), meeting=meeting)


class YearSubscribeView(LoginRequiredMixin, View):
    def post(self, request, year):
        dialogue_year = get_year_or_404(year)
        return _subscribe(
            request,
            target_url=reverse("workshops:year_detail", args=[dialogue_year.year]),
            dialogue_year=dialogue_year,
        )
