from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.utils.http import url_has_allowed_host_and_scheme

from workshops.selectors import meeting_get

from ..selectors import registration_get


class MeetingMixin:
    """Loads the meeting named by the URL (`meeting_pk`) into self.meeting, or 404."""

    def dispatch(self, request, *args, **kwargs):
        try:
            self.meeting = meeting_get(pk=kwargs["meeting_pk"])
        except ObjectDoesNotExist as exc:
            raise Http404 from exc
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.meeting, **kwargs)


def get_or_404(selector, **lookup):
    try:
        return selector(**lookup)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc


class RegistrationMixin:
    """Loads the registration named by the URL (`pk`) into self.registration, or 404.

    Put it after the role mixin, so that the role is checked first.
    """

    def dispatch(self, request, *args, **kwargs):
        self.registration = get_or_404(registration_get, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


def safe_next(request) -> str | None:
    """The `next` field of a form, if it leads back into this site."""
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return None
