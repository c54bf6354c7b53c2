"""Admin pages that write through the services show a service's refusal as a message."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect


class ServiceRefusalAdminMixin:
    """A ValidationError raised by a service in save_model or delete_model.

    The admin's change and delete views run in a transaction, so nothing of the
    refused change is kept; the page is shown again with the service's message
    instead of a server error.
    """

    def _refused(self, request, error: ValidationError):
        self.message_user(request, " ".join(error.messages), messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            return self._refused(request, error)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as error:
            return self._refused(request, error)
