from django.http import Http404
from django.views.generic import TemplateView

from accounts.roles import SecretariatRequiredMixin
from workshops.selectors import dialogue_year_current, meeting_list

from ..charts import attendance_chart_svg
from ..statistics import (
    attendance_by_category,
    attendance_figures,
    attendance_figures_by_meeting,
    attendance_year_statement,
    meeting_attendance,
    registrations_by_status,
)
from .common import MeetingMixin


class MeetingStatisticsView(SecretariatRequiredMixin, MeetingMixin, TemplateView):
    template_name = "participants/statistics_meeting.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        attendance = meeting_attendance(meeting=self.meeting)
        context.update(
            figures=attendance.figures,
            statement=attendance.statement,
            by_category=attendance.by_category,
            by_status=registrations_by_status(meetings=[self.meeting]),
            chart=attendance.chart,
        )
        return context


class YearStatisticsView(SecretariatRequiredMixin, TemplateView):
    """Attendance at all meetings of the current dialogue year, meeting by meeting."""

    template_name = "participants/statistics_year.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = dialogue_year_current()
        if year is None:
            raise Http404
        meetings = list(meeting_list(dialogue_year=year))
        figures = attendance_figures(meetings=meetings)
        by_meeting = attendance_figures_by_meeting(meetings=meetings)
        by_category = attendance_by_category(meetings=meetings)
        context.update(
            dialogue_year=year,
            figures=figures,
            statement=attendance_year_statement(figures, year=year.year),
            rows=[(meeting, by_meeting[meeting.pk]) for meeting in meetings],
            by_category=by_category,
            chart=attendance_chart_svg(by_category),
        )
        return context
