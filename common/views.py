"""What the views of every app repeat: a lookup or 404, a service's errors on a form,
a safe `next` redirect, and loading objects only after the role check."""

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.utils.http import url_has_allowed_host_and_scheme

T = TypeVar("T")


def get_or_404(selector: Callable[..., T], message: str = "", **lookup) -> T:
    """Calls a selector that reads one object; a missing object is a 404 page."""
    try:
        return selector(**lookup)
    except (ObjectDoesNotExist, ValueError, OverflowError) as exc:
        # ValueError/OverflowError: an id the database cannot even hold.
        raise Http404(message) from exc


def add_service_errors(form, error: ValidationError) -> None:
    """Shows a service's ValidationError on the form, under the fields it names."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def safe_next(request) -> str | None:
    """The `next` field of a form or query, if it leads back into this site."""
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return None


class LoadAfterRoleCheckMixin:
    """Goes after the role mixin, so that objects are looked up only for those allowed."""

    def dispatch(self, request, *args, **kwargs):
        self.load(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def load(self, **kwargs) -> None:
        pass
