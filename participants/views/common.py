from common.views import get_or_404
from workshops.selectors import meeting_get

from ..selectors import registration_get


class MeetingMixin:
    """Loads the meeting named by the URL (`meeting_pk`) into self.meeting, or 404."""

    def dispatch(self, request, *args, **kwargs):
        self.meeting = get_or_404(meeting_get, pk=kwargs["meeting_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.meeting, **kwargs)


class RegistrationMixin:
    """Loads the registration named by the URL (`pk`) into self.registration, or 404.

    Put it after the role mixin, so that the role is checked first.
    """

    def dispatch(self, request, *args, **kwargs):
        self.registration = get_or_404(registration_get, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)
