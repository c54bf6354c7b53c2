"""Pages everyone may read: the years, their meetings and the calendar feed."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from common.translated import in_requested_language

from ..calendars import meetings_calendar
from ..models import DialogueYear
from ..selectors import dialogue_year_list, meeting_list_for_calendar, meeting_list_split
from .common import get_year_or_404


def year_context(year: DialogueYear | None) -> dict:
    if year is None:
        return {"dialogue_year": None, "past_meetings": [], "upcoming_meetings": []}
    past, upcoming = meeting_list_split(dialogue_year=year, today=timezone.localdate())
    return {"dialogue_year": year, "past_meetings": past, "upcoming_meetings": upcoming}


class YearListView(TemplateView):
    template_name = "workshops/year_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["years"] = dialogue_year_list()
        return context


class YearDetailView(TemplateView):
    template_name = "workshops/year_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(year_context(get_year_or_404(self.kwargs["year"])))
        return context


class CalendarFeedView(View):
    """The public iCalendar feed of meetings not over yet, of every year."""

    def get(self, request):
        with in_requested_language(request):
            body = meetings_calendar(
                meeting_list_for_calendar(today=timezone.localdate()),
                name=_("International Dialogue on Migration"),
                host=request.get_host().split(":")[0],
                url_for=lambda meeting: request.build_absolute_uri(meeting.get_absolute_url()),
            )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="idm-meetings.ics"'
        return response
