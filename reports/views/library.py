from itertools import groupby

from django.views.generic import TemplateView

from accounts.roles import is_secretariat

from ..selectors import note_list_for_library
from ..versions import library_downloads


class LibraryView(TemplateView):
    """Published notes by dialogue year and meeting; the secretariat also sees drafts."""

    template_name = "reports/library.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        staff = is_secretariat(self.request.user)
        notes = list(note_list_for_library(include_drafts=staff))
        for note in notes:
            note.downloads = library_downloads(note)
        context["years"] = [
            (
                year,
                [
                    (meeting, list(meeting_notes))
                    for meeting, meeting_notes in groupby(year_notes, key=lambda n: n.meeting)
                ],
            )
            for year, year_notes in groupby(notes, key=lambda n: n.meeting.dialogue_year)
        ]
        return context
