"""What the secretariat does: open consultations, follow turnout, review, declare, publish."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from accounts.roles import SecretariatRequiredMixin
from common.confirmation import confirmation_response
from common.views import get_or_404

from ..forms import ConsultationForm, DeclareResultForm, DeclineForm, ProposalForm
from ..models import Consultation
from ..selectors import (
    consultation_get,
    consultation_history,
    consultation_tally,
    consultation_turnout,
    theme_suggestion_consultation_id,
    theme_suggestion_list,
)
from ..services import (
    CONSULTATION_EDITABLE_FIELDS,
    CONSULTATION_FIELDS_FIXED_BY_RESULT,
    CONSULTATION_FIELDS_OPEN_TO_CHANGE_DURING_VOTING,
    consultation_create,
    consultation_result_declare,
    consultation_result_publish,
    consultation_update,
    consultation_voting_close,
    format_when,
    proposal_add,
    theme_suggestion_add_to_ballot,
    theme_suggestion_decline,
    voting_has_started,
)


class SecretariatConsultationMixin(SecretariatRequiredMixin):
    @cached_property
    def consultation(self) -> Consultation:
        return get_or_404(consultation_get, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(consultation=self.consultation, **kwargs)


class ConsultationManageView(SecretariatConsultationMixin, TemplateView):
    template_name = "themes/consultation_manage.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        consultation = self.consultation
        suggestions = list(theme_suggestion_list(consultation=consultation))
        for suggestion in suggestions:
            suggestion.decline_form = DeclineForm(auto_id=f"decline-{suggestion.pk}-%s")
        context.update(
            proposals=list(consultation.proposals.all()),
            turnout=consultation_turnout(consultation=consultation),
            suggestions=suggestions,
            ballot_is_fixed=voting_has_started(consultation),
            consultation_history=consultation_history(consultation=consultation),
        )
        if consultation.is_closed():
            tally = consultation_tally(consultation=consultation)
            context["tally"] = tally
            context["declare_form"] = DeclareResultForm(
                tally=tally, initial={"proposal": consultation.selected_proposal_id}
            )
        return context


class ConsultationCreateView(SecretariatRequiredMixin, FormView):
    template_name = "themes/consultation_form.html"
    form_class = ConsultationForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "submit_label": _("Open the consultation")}

    def form_valid(self, form):
        try:
            consultation = consultation_create(by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The consultation is created. Add its proposals."))
        return redirect("themes:consultation_manage", pk=consultation.pk)


class ConsultationEditView(SecretariatConsultationMixin, FormView):
    template_name = "themes/consultation_form.html"
    form_class = ConsultationForm

    def get_initial(self):
        initial = {name: getattr(self.consultation, name) for name in CONSULTATION_EDITABLE_FIELDS}
        return {**initial, **ConsultationForm.texts_of(self.consultation)}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.consultation.selected_proposal_id is not None:
            # Shown, not posted: the declared result fixes them.
            for name in CONSULTATION_FIELDS_FIXED_BY_RESULT:
                form.fields[name].disabled = True
        if voting_has_started(self.consultation):
            # Shown, not posted: the ballot and its rules stay as they were at the opening.
            for name in CONSULTATION_EDITABLE_FIELDS:
                if name not in CONSULTATION_FIELDS_OPEN_TO_CHANGE_DURING_VOTING:
                    form.fields[name].disabled = True
        return form

    def form_valid(self, form):
        fields = {
            name: value
            for name, value in form.cleaned_data.items()
            if not form.fields[name].disabled
        }
        try:
            consultation_update(consultation=self.consultation, by=self.request.user, **fields)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The consultation is saved."))
        return redirect("themes:consultation_manage", pk=self.consultation.pk)


class ProposalAddView(SecretariatConsultationMixin, FormView):
    template_name = "themes/proposal_form.html"
    form_class = ProposalForm

    def form_valid(self, form):
        try:
            proposal_add(consultation=self.consultation, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The proposal is on the ballot."))
        return redirect("themes:consultation_manage", pk=self.consultation.pk)


class SuggestionAddToBallotView(SecretariatRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        try:
            proposal = get_or_404(theme_suggestion_add_to_ballot, suggestion_id=pk, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(_manage_url_of_suggestion(pk))
        messages.success(request, _("“%(title)s” is on the ballot.") % {"title": proposal.title})
        return redirect("themes:consultation_manage", pk=proposal.consultation_id)


class SuggestionDeclineView(SecretariatRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        reason = request.POST.get("reason", "")
        try:
            suggestion = get_or_404(
                theme_suggestion_decline, suggestion_id=pk, by=request.user, reason=reason
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(_manage_url_of_suggestion(pk))
        messages.success(request, _("The suggestion is declined; the state sees your reason."))
        return redirect("themes:consultation_manage", pk=suggestion.consultation_id)


def _manage_url_of_suggestion(suggestion_pk: int) -> str:
    consultation_id = theme_suggestion_consultation_id(suggestion_pk=suggestion_pk)
    return reverse("themes:consultation_manage", args=[consultation_id])


class ResultDeclareView(SecretariatConsultationMixin, View):
    """GET (the manage page's form): the confirmation; POST declares the result."""

    def _chosen(self, data):
        form = DeclareResultForm(data, tally=self.consultation.proposals.all())
        if not form.is_valid():
            messages.error(self.request, " ".join(form.errors["proposal"]))
            return None
        chosen = form.cleaned_data["proposal"]
        return next(p for p in self.consultation.proposals.all() if p.pk == chosen)

    def get(self, request, pk):
        proposal = self._chosen(request.GET)
        if proposal is None:
            return redirect("themes:consultation_manage", pk=pk)
        names = {"theme": proposal.title, "year": self.consultation.target_year.year}
        return confirmation_response(
            request,
            title=_("Declare the selected theme"),
            consequences=[
                _("“%(theme)s” becomes the overarching theme of IDM %(year)s.") % names,
                _("The year and the voting window of the consultation can no longer change."),
                _("The member states see the result only once you publish it."),
            ],
            action_url=reverse("themes:result_declare", args=[pk]),
            confirm_label=_("Declare “%(theme)s”") % names,
            cancel_url=reverse("themes:consultation_manage", args=[pk]),
            fields={"proposal": proposal.pk},
        )

    def post(self, request, pk):
        proposal = self._chosen(request.POST)
        if proposal is None:
            return redirect("themes:consultation_manage", pk=pk)
        try:
            consultation = consultation_result_declare(
                consultation_id=pk, proposal_id=proposal.pk, by=request.user
            )
        except Consultation.DoesNotExist as exc:
            raise Http404 from exc
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("“%(theme)s” is the overarching theme of IDM %(year)s.")
                % {
                    "theme": consultation.selected_proposal.title,
                    "year": consultation.target_year.year,
                },
            )
        return redirect("themes:consultation_manage", pk=pk)


class ResultPublishView(SecretariatConsultationMixin, View):
    """GET: the confirmation; POST publishes the declared result."""

    def get(self, request, pk):
        consultation = self.consultation
        if consultation.selected_proposal_id is None:
            messages.error(request, _("Declare the selected theme before publishing the result."))
            return redirect("themes:consultation_manage", pk=pk)
        return confirmation_response(
            request,
            title=_("Publish the result to the member states"),
            consequences=[
                _("Every member and observer state sees “%(theme)s” as the selected theme.")
                % {"theme": consultation.selected_proposal.title},
                _("They also see the tally: the number of votes for each proposal."),
                _("Once published, the result can no longer change."),
            ],
            action_url=reverse("themes:result_publish", args=[pk]),
            confirm_label=_("Publish the result"),
            cancel_url=reverse("themes:consultation_manage", args=[pk]),
        )

    def post(self, request, pk):
        try:
            consultation_result_publish(consultation_id=pk, by=request.user)
        except Consultation.DoesNotExist as exc:
            raise Http404 from exc
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The result is published to the member states."))
        return redirect("themes:consultation_manage", pk=pk)


class VotingCloseView(SecretariatConsultationMixin, View):
    """GET: the confirmation; POST ends the vote now."""

    def get(self, request, pk):
        turnout = consultation_turnout(consultation=self.consultation)
        return confirmation_response(
            request,
            title=_("Close voting now"),
            consequences=[
                _("Voting closes now, not at the planned close (%(when)s).")
                % {"when": format_when(self.consultation.closes_at)},
                _("The votes already cast stand; no state can vote or change its vote after this."),
                _("%(voted)s of %(eligible)s member states have voted.")
                % {"voted": turnout.voted, "eligible": turnout.eligible},
            ],
            action_url=reverse("themes:voting_close", args=[pk]),
            confirm_label=_("Close voting now"),
            cancel_url=reverse("themes:consultation_manage", args=[pk]),
            danger=True,
        )

    def post(self, request, pk):
        try:
            get_or_404(consultation_voting_close, consultation_id=pk, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Voting is closed. You may now declare the result."))
        return redirect("themes:consultation_manage", pk=pk)
