from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from accounts.roles import SecretariatRequiredMixin

from .filters import OutboxFilter
from .forms import SettingsForm
from .models import OPTIONAL_KINDS, OutboxMessage
from .selectors import outbox_list, outbox_message_get, switched_off_kinds
from .services import message_resend, preferences_update


class SettingsView(LoginRequiredMixin, FormView):
    """ "My settings": the language of one's e-mails and which kinds one receives."""

    template_name = "notifications/settings.html"
    form_class = SettingsForm

    def get_initial(self):
        off = switched_off_kinds(user=self.request.user)
        return {
            "language": self.request.user.language,
            "enabled_kinds": [kind for kind in OPTIONAL_KINDS if kind not in off],
        }

    def form_valid(self, form):
        user = self.request.user
        try:
            preferences_update(
                user=user,
                language=form.cleaned_data["language"],
                enabled_kinds=form.cleaned_data["enabled_kinds"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        # The pages follow the language chosen for the e-mails.
        translation.activate(user.language)
        messages.success(self.request, _("Your settings are saved."))
        response = redirect("notifications:settings")
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language)
        return response


class OutboxListView(SecretariatRequiredMixin, ListView):
    template_name = "notifications/outbox.html"
    paginate_by = 50
    context_object_name = "outbox_messages"

    def get_queryset(self):
        self.filter = OutboxFilter(self.request.GET or None, queryset=outbox_list())
        return self.filter.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(filter=self.filter, query=query.urlencode())
        return context


class OutboxDetailView(SecretariatRequiredMixin, TemplateView):
    template_name = "notifications/outbox_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            context["message"] = outbox_message_get(pk=self.kwargs["pk"])
        except OutboxMessage.DoesNotExist as missing:
            raise Http404 from missing
        return context


class OutboxResendView(SecretariatRequiredMixin, View):
    def post(self, request, pk):
        try:
            message = outbox_message_get(pk=pk)
        except OutboxMessage.DoesNotExist as missing:
            raise Http404 from missing
        try:
            message_resend(message=message, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The message to %(address)s is queued again.") % {"address": message.address},
            )
        return redirect("notifications:outbox_detail", pk=pk)
