"""Suggestions of speakers and case studies: focal points suggest, the secretariat reviews."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from accounts.roles import FocalPointRequiredMixin, SecretariatRequiredMixin
from common.confirmation import confirmation_response
from common.views import LoadAfterRoleCheckMixin, add_service_errors, get_or_404
from workshops.selectors import meeting_list_open_for_suggestions
from workshops.views.common import get_meeting_or_404

from .. import services
from ..forms import CaseStudySuggestionForm, SpeakerSuggestionForm, SuggestionReviewForm
from ..models import SpeakerSuggestion
from ..selectors import (
    speaker_suggestion_get,
    speaker_suggestion_list,
    speaker_suggestion_list_for_state,
)

FORMS_BY_KIND = {
    "speaker": (SpeakerSuggestion.Kind.SPEAKER, SpeakerSuggestionForm),
    "case-study": (SpeakerSuggestion.Kind.CASE_STUDY, CaseStudySuggestionForm),
}


class SuggestionCreateView(FocalPointRequiredMixin, LoadAfterRoleCheckMixin, FormView):
    template_name = "programme/suggestion_form.html"

    def load(self, **kwargs):
        if kwargs["kind"] not in FORMS_BY_KIND:
            raise Http404
        self.kind, self.form_class = FORMS_BY_KIND[kwargs["kind"]]
        self.meeting = get_meeting_or_404(kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            meeting=self.meeting,
            kind_label=SpeakerSuggestion.Kind(self.kind).label,
            member_state=self.member_state,
            accepts=self.meeting.accepts_suggestions(today=timezone.localdate()),
        )
        return context

    def form_valid(self, form):
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.speaker_suggestion_submit(
                meeting=self.meeting,
                member_state=self.member_state,
                by=self.request.user,
                kind=self.kind,
                **fields,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Thank you: the suggestion is sent to the Administration. Follow its status here."),
        )
        return redirect("programme:suggestions_mine")


class StateSuggestionListView(FocalPointRequiredMixin, TemplateView):
    """A focal point follows the state's suggestions and the notes on them."""

    template_name = "programme/suggestion_list_state.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            member_state=self.member_state,
            suggestions=speaker_suggestion_list_for_state(member_state=self.member_state),
            open_meetings=meeting_list_open_for_suggestions(today=timezone.localdate()),
        )
        return context


class SuggestionReviewListView(SecretariatRequiredMixin, TemplateView):
    template_name = "programme/suggestion_review_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        status = self.request.GET.get("status", "")
        if status not in SpeakerSuggestion.Status.values:
            status = ""
        suggestions = list(speaker_suggestion_list(status=status))
        for suggestion in suggestions:
            # One small form per suggestion; distinct ids keep the labels right.
            suggestion.review_form = SuggestionReviewForm(
                auto_id=f"id_%s_{suggestion.pk}", initial={"note": suggestion.review_note}
            )
        context.update(
            suggestions=suggestions, status=status, statuses=SpeakerSuggestion.Status.choices
        )
        return context


class SuggestionReviewView(SecretariatRequiredMixin, View):
    def post(self, request, pk):
        suggestion = get_or_404(speaker_suggestion_get, pk=pk)
        form = SuggestionReviewForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose accept, decline or mark as used."))
        else:
            try:
                services.speaker_suggestion_review(
                    suggestion=suggestion,
                    by=request.user,
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                )
            except SpeakerSuggestion.DoesNotExist:
                # Withdrawn by its state between the page and the review.
                messages.error(request, _("The member state has withdrawn this suggestion."))
                return redirect("programme:suggestion_review_list")
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("“%(headline)s” is now %(status)s.")
                    % {"headline": suggestion.headline, "status": suggestion.get_status_display()},
                )
        return redirect(f"{reverse('programme:suggestion_review_list')}#suggestion-{pk}")


class SuggestionWithdrawView(FocalPointRequiredMixin, View):
    """GET: the confirmation; POST withdraws the suggestion (the service decides who may)."""

    def get(self, request, pk):
        suggestion = get_or_404(speaker_suggestion_get, pk=pk)
        try:
            services.speaker_suggestion_withdrawal_check(suggestion=suggestion, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("programme:suggestions_mine")
        names = {"headline": suggestion.headline, "meeting": suggestion.meeting.title}
        return confirmation_response(
            request,
            title=_("Withdraw the suggestion “%(headline)s”") % names,
            consequences=[
                _("It is deleted: the Administration no longer sees it for “%(meeting)s”.") % names,
                _("You may send a new suggestion while the meeting is open for suggestions."),
            ],
            action_url=reverse("programme:suggestion_withdraw", args=[pk]),
            confirm_label=_("Withdraw the suggestion"),
            cancel_url=reverse("programme:suggestions_mine"),
            danger=True,
        )

    def post(self, request, pk):
        try:
            suggestion = get_or_404(
                services.speaker_suggestion_withdraw, suggestion_id=pk, by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Your suggestion “%(headline)s” is withdrawn.")
                % {"headline": suggestion.headline},
            )
        return redirect("programme:suggestions_mine")
