"""The secretariat plans a dialogue year: the year itself and its meetings."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.views import add_service_errors

from .. import services
from ..forms import DialogueYearForm, MeetingForm
from .common import StaffFormView, get_meeting_or_404, get_year_or_404


class YearCreateView(StaffFormView):
    form_class = DialogueYearForm
    heading = gettext_lazy("New dialogue year")

    def get_back_url(self):
        return reverse("workshops:year_list")

    def form_valid(self, form):
        try:
            year = services.dialogue_year_create(**form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("The dialogue year %(year)s is set up.") % {"year": year.year}
        )
        return redirect("workshops:year_detail", year=year.year)


class YearUpdateView(StaffFormView):
    form_class = DialogueYearForm
    heading = gettext_lazy("Edit the dialogue year")

    def load(self, **kwargs):
        self.dialogue_year = get_year_or_404(kwargs["year"])

    def get_initial(self):
        return DialogueYearForm.initial_for(self.dialogue_year)

    def get_back_url(self):
        return reverse("workshops:year_detail", args=[self.dialogue_year.year])

    def form_valid(self, form):
        try:
            year = services.dialogue_year_update(
                dialogue_year=self.dialogue_year, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The dialogue year is saved."))
        return redirect("workshops:year_detail", year=year.year)


class MeetingCreateView(StaffFormView):
    form_class = MeetingForm
    heading = gettext_lazy("New meeting")

    def load(self, **kwargs):
        self.dialogue_year = get_year_or_404(kwargs["year"])

    def get_back_url(self):
        return reverse("workshops:year_detail", args=[self.dialogue_year.year])

    def form_valid(self, form):
        try:
            meeting = services.meeting_create(
                dialogue_year=self.dialogue_year, by=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The meeting is added to the year."))
        return redirect(meeting.get_absolute_url())


class MeetingUpdateView(StaffFormView):
    form_class = MeetingForm
    heading = gettext_lazy("Edit the meeting")

    def load(self, **kwargs):
        self.meeting = get_meeting_or_404(kwargs["pk"])

    def get_initial(self):
        return MeetingForm.initial_for(self.meeting)

    def get_back_url(self):
        return self.meeting.get_absolute_url()

    def form_valid(self, form):
        try:
            services.meeting_update(meeting=self.meeting, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The meeting is saved."))
        return redirect(self.meeting.get_absolute_url())
