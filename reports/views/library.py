from django.views.generic import TemplateView

from accounts.roles import is_secretariat

from ..chains import ChainMember, chain_members
from ..selectors import note_list_for_library
from ..versions import library_downloads


def note_chains(notes) -> list[list[ChainMember]]:
    """The notes a reader may see, each chain (an original with its revisions, corrigenda and
    addenda) together, where its first note in the list stands."""
    groups: dict[int, list] = {}
    for note in notes:
        groups.setdefault(note.base_id or note.pk, []).append(note)
    return [chain_members(group) for group in groups.values()]


class LibraryView(TemplateView):
    """Published notes by dialogue year and meeting; the secretariat also sees drafts."""

    template_name = "reports/library.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        staff = is_secretariat(self.request.user)
        notes = list(note_list_for_library(include_drafts=staff))
        for note in notes:
            note.downloads = library_downloads(note)
        years: dict = {}
        for chain in note_chains(notes):
            meeting = chain[0].note.meeting
            years.setdefault(meeting.dialogue_year, {}).setdefault(meeting, []).append(chain)
        context["years"] = [(year, list(meetings.items())) for year, meetings in years.items()]
        return context
