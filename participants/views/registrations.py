from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from accounts.roles import SecretariatRequiredMixin
from common.views import safe_next

from ..filters import RegistrationFilter
from ..forms import NEW_PERSON, RegistrationCreateForm, RegistrationUpdateForm
from ..models import Registration
from ..selectors import participant_matches, registration_history, registration_list
from ..services import (
    AlreadyRegistered,
    registration_create,
    registration_status_set,
    registration_update,
)
from .common import MeetingMixin, RegistrationMixin

PAGE_SIZE = 50


class RegistrationListView(SecretariatRequiredMixin, MeetingMixin, TemplateView):
    """A meeting's participants: filters, search, sort, pages; a constant number of queries."""

    template_name = "participants/registration_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = RegistrationFilter(
            self.request.GET or None, queryset=registration_list(meeting=self.meeting)
        )
        page = Paginator(filterset.qs, PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(filterset=filterset, page=page, query=query.urlencode())
        return context


def _already_registered_error(form, error: AlreadyRegistered) -> None:
    link = reverse("participants:registration_update", args=[error.registration.pk])
    form.add_error(
        None,
        format_html(
            '{} <a href="{}">{}</a>',
            error.messages[0],
            link,
            _("See their registration."),
        ),
    )


class RegistrationCreateView(SecretariatRequiredMixin, MeetingMixin, FormView):
    """Registers a person; first offers the people of the register who may be them."""

    template_name = "participants/registration_form.html"

    def get_form(self, form_class=None):
        data = self.request.POST if self.request.method == "POST" else None
        matches, email_matched = [], False
        if data is not None:
            probe = RegistrationCreateForm(data)
            if probe.is_valid():
                matches = participant_matches(
                    email=probe.cleaned_data["email"],
                    first_name=probe.cleaned_data["first_name"],
                    last_name=probe.cleaned_data["last_name"],
                    organization=probe.cleaned_data.get("organization"),
                    member_state=probe.cleaned_data.get("member_state"),
                )
                email = probe.cleaned_data["email"].lower()
                email_matched = bool(email) and any(p.email.lower() == email for p in matches)
                if email_matched:
                    matches = [p for p in matches if p.email.lower() == email]
        return RegistrationCreateForm(data, matches=matches, email_matched=email_matched)

    def form_valid(self, form):
        try:
            registration = registration_create(
                meeting=self.meeting,
                person=form.person(),
                participant=form.chosen_participant(),
                category=form.cleaned_data["category"],
                member_state=form.cleaned_data["member_state"],
                organization=form.cleaned_data["organization"],
                new_organization=form.cleaned_data["new_organization"],
                role=form.cleaned_data["role"],
                status=form.cleaned_data["status"],
                by=self.request.user,
            )
        except AlreadyRegistered as error:
            _already_registered_error(form, error)
            return self.form_invalid(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(name)s is registered.") % {"name": registration.participant.full_name},
        )
        if "another" in self.request.POST:
            return redirect("participants:registration_create", meeting_pk=self.meeting.pk)
        return redirect("participants:registration_list", meeting_pk=self.meeting.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(new_person=NEW_PERSON, **kwargs)


class RegistrationUpdateView(SecretariatRequiredMixin, RegistrationMixin, FormView):
    """Edits a registration and its person; shows who changed what, and when."""

    template_name = "participants/registration_update.html"
    form_class = RegistrationUpdateForm

    def get_initial(self):
        return RegistrationUpdateForm.initial_for(self.registration)

    def form_valid(self, form):
        try:
            registration_update(
                registration=self.registration,
                person=form.person(),
                category=form.cleaned_data["category"],
                member_state=form.cleaned_data["member_state"],
                organization=form.cleaned_data["organization"],
                new_organization=form.cleaned_data["new_organization"],
                role=form.cleaned_data["role"],
                status=form.cleaned_data["status"],
                by=self.request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The registration is saved."))
        return redirect("participants:registration_update", pk=self.registration.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            registration=self.registration,
            meeting=self.registration.meeting,
            history=registration_history(registration=self.registration),
            # The steps of a self-registration are taken in its queue, not by a button.
            status_choices=[
                (value, label)
                for value, label in Registration.Status.choices
                if value not in Registration.NOT_PARTICIPANT_STATUSES
            ],
            **kwargs,
        )


class RegistrationStatusView(SecretariatRequiredMixin, RegistrationMixin, View):
    """POST status=…: confirm, withdraw, mark attended or no-show, in one click."""

    def post(self, request, pk):
        registration = self.registration
        try:
            changed = registration_status_set(
                registration=registration, status=request.POST.get("status", ""), by=request.user
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            name = registration.participant.full_name
            if changed:
                messages.success(
                    request,
                    _("%(name)s: %(status)s.")
                    % {"name": name, "status": registration.get_status_display()},
                )
            else:
                messages.info(
                    request,
                    _("%(name)s was already %(status)s.")
                    % {"name": name, "status": registration.get_status_display().lower()},
                )
        return redirect(
            safe_next(request) or reverse("participants:registration_update", args=[pk])
        )
