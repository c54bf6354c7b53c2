"""What the workshops views share: lookups, the secretariat's form view, service errors."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import FormView

from accounts.roles import SecretariatRequiredMixin

from ..models import DialogueYear, Meeting
from ..selectors import dialogue_year_get, meeting_get


def get_meeting_or_404(pk: int) -> Meeting:
    try:
        return meeting_get(pk=pk)
    except Meeting.DoesNotExist as exc:
        raise Http404(_("No such meeting.")) from exc


def get_year_or_404(year: int) -> DialogueYear:
    try:
        return dialogue_year_get(year=year)
    except DialogueYear.DoesNotExist as exc:
        raise Http404(_("No such dialogue year.")) from exc


def add_service_errors(form, error: ValidationError) -> None:
    """Shows a service's ValidationError on the form, under the fields it names."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class LoadAfterRoleCheckMixin:
    """Goes after the role mixin, so that objects are looked up only for those allowed."""

    def dispatch(self, request, *args, **kwargs):
        self.load(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def load(self, **kwargs) -> None:
        pass


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
