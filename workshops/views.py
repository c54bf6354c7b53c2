from django.http import Http404
from django.views.generic import TemplateView

from accounts.roles import is_secretariat
from participants.selectors import registration_count

from .models import Meeting
from .selectors import dialogue_year_current, meeting_get, meeting_list


class HomeView(TemplateView):
    template_name = "workshops/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = dialogue_year_current()
        context["dialogue_year"] = year
        context["meetings"] = meeting_list(dialogue_year=year) if year else []
        return context


class MeetingDetailView(TemplateView):
    template_name = "workshops/meeting_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            meeting = meeting_get(pk=self.kwargs["pk"])
        except Meeting.DoesNotExist as exc:
            raise Http404 from exc
        context["meeting"] = meeting
        if is_secretariat(self.request.user):
            context["registration_count"] = registration_count(meeting=meeting)
        return context
