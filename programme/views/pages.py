"""The pages that assemble a meeting from every app: the home page and the meeting page."""

from django.utils import timezone
from django.views.generic import TemplateView

from accounts.roles import focal_point_state, is_secretariat
from participants.selectors import registration_count
from participants.self_registration_selectors import self_registration_is_open
from workshops.selectors import (
    dialogue_year_current,
    meeting_document_list,
    meeting_list_split,
    meeting_status_history,
)
from workshops.views import year_context
from workshops.views.common import get_meeting_or_404

from ..selectors import agenda_get, speaker_suggestion_list


class HomeView(TemplateView):
    template_name = "programme/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(year_context(dialogue_year_current()))
        return context


class MeetingDetailView(TemplateView):
    template_name = "programme/meeting_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = get_meeting_or_404(self.kwargs["pk"])
        user = self.request.user
        staff = is_secretariat(user)
        agenda = agenda_get(meeting=meeting)
        past, upcoming = meeting_list_split(
            dialogue_year=meeting.dialogue_year, today=timezone.localdate()
        )
        context.update(
            meeting=meeting,
            agenda=agenda if agenda and (agenda.is_published or staff) else None,
            documents=meeting_document_list(meeting=meeting, staff=staff),
            past_meetings=past,
            upcoming_meetings=upcoming,
            can_suggest=focal_point_state(user) is not None
            and meeting.accepts_suggestions(today=timezone.localdate()),
            self_registration_open=self_registration_is_open(meeting=meeting, now=timezone.now()),
        )
        if staff:
            context.update(
                registration_count=registration_count(meeting=meeting),
                status_history=meeting_status_history(meeting=meeting),
                suggestion_count=speaker_suggestion_list(meeting=meeting).count(),
            )
        return context
