"""The public registration form and its confirmation link; the secretariat's settings
and approval queue. The public pages never show anyone's registration: the link
shows its own status, nothing else."""

from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from accounts.roles import SecretariatRequiredMixin
from common.views import add_service_errors, get_or_404

from ..models import Registration
from ..self_registration import (
    ExpiredLink,
    InvalidLink,
    confirmation_status,
    registration_settings_update,
    self_registration_approve,
    self_registration_confirm,
    self_registration_decline,
    self_registration_submit,
)
from ..self_registration_forms import (
    ApproveForm,
    DeclineForm,
    PublicRegistrationForm,
    RegistrationSettingsForm,
)
from ..self_registration_selectors import (
    registration_settings_for,
    registration_settings_history,
    self_registration_get,
    self_registration_queue,
)
from .common import MeetingMixin


def _language() -> str:
    language = (translation.get_language() or "").split("-")[0]
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class PublicRegistrationView(MeetingMixin, FormView):
    """Anyone (signed in or not) registers themselves while the meeting's form is open."""

    template_name = "participants/self_registration_form.html"
    form_class = PublicRegistrationForm

    @cached_property
    def places(self):
        return registration_settings_for(meeting=self.meeting)

    def get_initial(self):
        user = self.request.user
        if not user.is_authenticated:
            return {}
        # A signed-in person registers themselves: their account's name and address.
        return {"first_name": user.first_name, "last_name": user.last_name, "email": user.email}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["categories"] = self.places.categories if self.places else []
        return kwargs

    def _is_open(self) -> bool:
        return self.places is not None and self.places.is_open_at(timezone.now())

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if not self._is_open():
            return self.render_to_response(self.get_context_data(form=form))
        if not ratelimit.consume(
            request, action="self_register", key=request.POST.get("email", "").strip().lower()
        ):
            form.is_valid()
            form.add_error(
                None,
                _("Too many registrations were sent from here. Please try again in an hour."),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if form.is_spam:
            # Said as to a person; a robot learns nothing from it.
            return redirect("participants:self_registration_sent", meeting_pk=self.meeting.pk)
        if form.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def form_valid(self, form):
        try:
            self_registration_submit(
                meeting=self.meeting, form=form.submitted(language=_language())
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        return redirect("participants:self_registration_sent", meeting_pk=self.meeting.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            places=self.places,
            is_open=self._is_open(),
            link_days=settings.SELF_REGISTRATION_LINK_DAYS,
            **kwargs,
        )


class RegistrationSentView(MeetingMixin, TemplateView):
    template_name = "participants/self_registration_sent.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(link_days=settings.SELF_REGISTRATION_LINK_DAYS, **kwargs)


class ConfirmAddressView(View):
    """The link of the e-mail: GET shows a button (mail scanners follow links, people
    press buttons), POST confirms. Only the registration's status is shown."""

    template_name = "participants/self_registration_confirm.html"

    def _refused(self, request, error):
        if isinstance(error, ExpiredLink):
            return render(request, self.template_name, {"expired": True}, status=410)
        raise Http404(_("This link is not valid."))

    def get(self, request, token):
        try:
            registration = confirmation_status(token=token)
        except (InvalidLink, ExpiredLink) as error:
            return self._refused(request, error)
        already = registration.status != Registration.Status.UNCONFIRMED
        return render(request, self.template_name, self._context(registration, already))

    def post(self, request, token):
        try:
            result = self_registration_confirm(token=token)
        except (InvalidLink, ExpiredLink) as error:
            return self._refused(request, error)
        except ValidationError as error:
            return render(request, self.template_name, {"closed": error.messages[0]})
        return render(
            request, self.template_name, self._context(result.registration, result.already)
        )

    @staticmethod
    def _context(registration, already):
        return {
            "meeting": registration.meeting,
            "status": registration.status,
            "unconfirmed": registration.status == Registration.Status.UNCONFIRMED,
            "already": already,
        }


class RegistrationSettingsView(SecretariatRequiredMixin, MeetingMixin, FormView):
    template_name = "participants/registration_settings.html"
    form_class = RegistrationSettingsForm

    def get_initial(self):
        current = registration_settings_for(meeting=self.meeting)
        if current is None:
            return {"needs_approval": True}
        return {
            "is_open": current.is_open,
            "opens_at": current.opens_at and timezone.localtime(current.opens_at),
            "closes_at": current.closes_at and timezone.localtime(current.closes_at),
            "capacity": current.capacity,
            "categories": current.categories,
            "needs_approval": current.needs_approval,
            "message": current.message,
        }

    def form_valid(self, form):
        try:
            registration_settings_update(
                meeting=self.meeting, by=self.request.user, **form.values()
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The registration settings are saved."))
        return redirect("participants:registration_settings", meeting_pk=self.meeting.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            history=registration_settings_history(meeting=self.meeting),
            public_url=reverse("participants:self_registration_form", args=[self.meeting.pk]),
            **kwargs,
        )


class ApprovalQueueView(SecretariatRequiredMixin, MeetingMixin, TemplateView):
    template_name = "participants/self_registration_queue.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **self_registration_queue(meeting=self.meeting),
            decline_form=DeclineForm(),
            **kwargs,
        )


class DecisionView(SecretariatRequiredMixin, View):
    """POST decision=approve (with organization_decision for a typed organization) or
    decision=decline (with a reason)."""

    def post(self, request, pk):
        registration = get_or_404(self_registration_get, pk=pk)
        queue = reverse("participants:self_registration_queue", args=[registration.meeting_id])
        name = registration.participant.full_name
        try:
            if request.POST.get("decision") == "decline":
                form = DeclineForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Say why the registration is declined."))
                self_registration_decline(
                    registration=registration, reason=form.cleaned_data["reason"], by=request.user
                )
                messages.success(request, _("%(name)s: declined.") % {"name": name})
            elif request.POST.get("decision") == "approve":
                form = ApproveForm(request.POST, registration=registration)
                if not form.is_valid():
                    raise ValidationError(form.errors["organization_decision"])
                decision = form.cleaned_data["organization_decision"]
                self_registration_approve(
                    registration=registration,
                    by=request.user,
                    accept_typed_organization=decision == ApproveForm.ACCEPT,
                    merge_into=None if decision in ("", ApproveForm.ACCEPT) else decision,
                )
                messages.success(request, _("%(name)s: confirmed.") % {"name": name})
            else:
                raise ValidationError(_("Approve or decline."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(queue)
