"""Agendas: the secretariat builds and publishes them; everyone reads, prints and exports."""

from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from accounts.roles import SecretariatRequiredMixin, is_secretariat
from common.translated import in_requested_language
from common.views import LoadAfterRoleCheckMixin, add_service_errors, get_or_404
from participants.selectors import registration_list_for_agenda
from workshops.views.common import StaffFormView, get_meeting_or_404

from .. import services
from ..calendars import agenda_calendar
from ..forms import SessionForm
from ..models import Session
from ..selectors import agenda_get, session_get


class AgendaEditView(SecretariatRequiredMixin, LoadAfterRoleCheckMixin, TemplateView):
    template_name = "programme/agenda_edit.html"

    def load(self, **kwargs):
        self.meeting = get_meeting_or_404(kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(meeting=self.meeting, agenda=agenda_get(meeting=self.meeting))
        return context


class SessionFormMixin:
    """Shared by adding and editing a session: the form knows the meeting's days and people."""

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "meeting": self.meeting,
            "registrations": registration_list_for_agenda(meeting=self.meeting),
        }

    def get_back_url(self):
        return reverse("programme:agenda_edit", args=[self.meeting.pk])

    def saved(self, session: Session):
        messages.success(
            self.request, _("The session “%(title)s” is saved.") % {"title": session.title}
        )
        return redirect(f"{self.get_back_url()}#session-{session.pk}")


class SessionCreateView(SessionFormMixin, StaffFormView):
    form_class = SessionForm
    heading = gettext_lazy("Add a session")

    def load(self, **kwargs):
        self.meeting = get_meeting_or_404(kwargs["pk"])

    def form_valid(self, form):
        try:
            session = services.session_create(
                meeting=self.meeting, by=self.request.user, **form.service_arguments()
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        return self.saved(session)


class SessionUpdateView(SessionFormMixin, StaffFormView):
    form_class = SessionForm
    heading = gettext_lazy("Edit the session")

    def load(self, **kwargs):
        self.session = get_or_404(session_get, pk=kwargs["pk"])
        self.meeting = self.session.agenda.meeting

    def get_initial(self):
        return SessionForm.initial_for(self.session)

    def form_valid(self, form):
        try:
            session = services.session_update(
                session=self.session, by=self.request.user, **form.service_arguments()
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        return self.saved(session)


class SessionDeleteView(SecretariatRequiredMixin, View):
    def post(self, request, pk):
        session = get_or_404(session_get, pk=pk)
        meeting = session.agenda.meeting
        try:
            services.session_delete(session=session, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The session is removed from the agenda."))
        return redirect("programme:agenda_edit", pk=meeting.pk)


class AgendaPublishView(SecretariatRequiredMixin, View):
    """POST publish=1 to publish, publish=0 to take the agenda back to draft."""

    def post(self, request, pk):
        meeting = get_meeting_or_404(pk)
        try:
            if request.POST.get("publish") == "1":
                services.agenda_publish(meeting=meeting, by=request.user)
                messages.success(request, _("The agenda is published."))
            else:
                services.agenda_unpublish(meeting=meeting, by=request.user)
                messages.success(request, _("The agenda is back to draft."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("programme:agenda_edit", pk=meeting.pk)


class VisibleAgendaMixin(AccessMixin):
    """A published agenda is public; a draft is for the secretariat only."""

    def dispatch(self, request, *args, **kwargs):
        self.meeting = get_meeting_or_404(kwargs["pk"])
        self.agenda = agenda_get(meeting=self.meeting)
        if self.agenda is None:
            raise Http404(_("This meeting has no agenda yet."))
        if not (self.agenda.is_published or is_secretariat(request.user)):
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


class AgendaPrintView(VisibleAgendaMixin, TemplateView):
    template_name = "programme/agenda_print.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(meeting=self.meeting, agenda=self.agenda)
        return context


class AgendaCalendarView(VisibleAgendaMixin, View):
    def get(self, request, pk):
        with in_requested_language(request):
            body = agenda_calendar(
                self.agenda,
                host=request.get_host().split(":")[0],
                url=request.build_absolute_uri(self.meeting.get_absolute_url()),
            )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="idm-agenda-{self.meeting.pk}.ics"'
        return response
