"""What the workshops views share: lookups and the secretariat's form page."""

from django.utils.translation import gettext as _
from django.views.generic import FormView

from accounts.roles import SecretariatRequiredMixin
from common.views import LoadAfterRoleCheckMixin, get_or_404

from ..models import DialogueYear, Meeting
from ..selectors import dialogue_year_get, meeting_get


def get_meeting_or_404(pk: int) -> Meeting:
    return get_or_404(meeting_get, _("No such meeting."), pk=pk)


def get_year_or_404(year: int) -> DialogueYear:
    return get_or_404(dialogue_year_get, _("No such dialogue year."), year=year)


class StaffFormView(SecretariatRequiredMixin, LoadAfterRoleCheckMixin, FormView):
    """A secretariat form on the shared form page; subclasses set heading and back_url."""

    template_name = "workshops/form.html"
    heading = ""
    submit_label = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            heading=self.heading,
            submit_label=self.submit_label or _("Save"),
            back_url=self.get_back_url(),
        )
        return context

    def get_back_url(self) -> str:
        raise NotImplementedError
