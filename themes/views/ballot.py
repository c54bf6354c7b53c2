"""What focal points do: read consultations, vote for their state, suggest themes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts.roles import FocalPointRequiredMixin
from common.confirmation import confirmation_response
from common.formats import format_when
from common.views import get_or_404
from participants.electorate import member_state_was_member_at

from ..forms import SuggestionForm, VoteForm, VoteSubmitForm
from ..models import Consultation, ThemeSuggestion
from ..selectors import (
    consultation_get,
    consultation_history,
    consultation_list,
    consultation_tally,
    consultation_turnout,
    theme_suggestion_get,
    theme_suggestion_list,
    vote_for_state,
)
from ..services import (
    VoteResult,
    theme_suggestion_submit,
    theme_suggestion_withdraw,
    theme_suggestion_withdrawal_check,
    vote_cast,
    vote_voter_state,
)
from .access import ConsultationReaderMixin


class ConsultationListView(ConsultationReaderMixin, TemplateView):
    template_name = "themes/consultation_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["consultations"] = consultation_list(member_state=self.member_state)
        return context


class ConsultationDetailView(ConsultationReaderMixin, TemplateView):
    """The proposals in full; for a focal point, the state's vote and suggestions too."""

    template_name = "themes/consultation_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        consultation = get_or_404(
            consultation_get, pk=self.kwargs["pk"], member_state=self.member_state
        )
        proposals = list(consultation.proposals.all())
        context.update(consultation=consultation, proposals=proposals)
        if consultation.is_published or self.is_secretariat:
            context["turnout"] = consultation_turnout(consultation=consultation)
        if consultation.is_published:
            context["tally"] = consultation_tally(consultation=consultation)
            context["consultation_history"] = consultation_history(consultation=consultation)
        if self.member_state is not None:
            context.update(self._state_context(consultation, proposals))
        return context

    def _state_context(self, consultation, proposals):
        state = self.member_state
        vote = vote_for_state(consultation=consultation, member_state=state)
        # The electorate is taken as of the opening: a state made a member since has no vote.
        votes = member_state_was_member_at(member_state=state, at=consultation.opens_at)
        is_open = consultation.is_open()
        may_vote = is_open and votes and (vote is None or consultation.allow_vote_change)
        # The state voted and may not change it: said instead of showing the ballot.
        vote_is_final = is_open and votes and vote is not None and not may_vote
        return {
            "member_state": state,
            "state_votes": votes,
            "vote": vote,
            "vote_is_final": vote_is_final,
            "vote_form": VoteForm(
                initial={
                    "proposal": vote.proposal_id if vote else None,
                    "seen_proposal": vote.proposal_id if vote else None,
                },
                proposals=proposals,
                has_vote=vote is not None,
                action=reverse("themes:vote", args=[consultation.pk]),
            )
            if may_vote
            else None,
            "suggestions": theme_suggestion_list(consultation=consultation, member_state=state),
            "suggestion_form": SuggestionForm(
                action=reverse("themes:suggest", args=[consultation.pk])
            )
            if is_open
            else None,
        }


def _vote_message(outcome) -> tuple[int, str]:
    vote = outcome.vote
    names = {"proposal": vote.proposal.title}
    if outcome.result is VoteResult.CAST:
        return messages.SUCCESS, _("Your state's vote for “%(proposal)s” is recorded.") % names
    if outcome.result is VoteResult.CHANGED:
        return messages.SUCCESS, _("Your state's vote is now for “%(proposal)s”.") % names
    if outcome.result is VoteResult.UNCHANGED:
        return messages.INFO, _("Your state's vote for “%(proposal)s” stands.") % names
    names.update(
        who=vote.cast_by.get_full_name() or vote.cast_by.username,
        when=format_when(vote.cast_at),
    )
    return messages.WARNING, _(
        "%(who)s, a focal point of your state, recorded the state's vote for “%(proposal)s” "
        "on %(when)s, before your choice arrived. Your choice was not recorded; "
        "the state's vote is shown below."
    ) % names


class VoteView(FocalPointRequiredMixin, View):
    """GET (the ballot's form): what the vote will do, and the confirmation; POST casts it."""

    def get(self, request, pk):
        try:
            consultation = consultation_get(pk=pk, member_state=self.member_state)
        except Consultation.DoesNotExist as exc:
            raise Http404 from exc
        try:
            vote_voter_state(by=request.user, consultation=consultation)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("themes:consultation_detail", pk=pk)
        form = VoteSubmitForm(request.GET)
        proposal = None
        if form.is_valid():
            proposal = next(
                (p for p in consultation.proposals.all() if p.pk == form.cleaned_data["proposal"]),
                None,
            )
        if proposal is None:
            messages.error(request, _("Choose one of the proposals."))
            return redirect("themes:consultation_detail", pk=pk)
        seen = form.cleaned_data["seen_proposal"]
        return confirmation_response(
            request,
            title=_("Confirm the vote of %(state)s") % {"state": self.member_state.name},
            consequences=_vote_consequences(consultation, proposal, seen),
            action_url=reverse("themes:vote", args=[pk]),
            confirm_label=_("Confirm the vote for “%(proposal)s”") % {"proposal": proposal.title},
            cancel_url=reverse("themes:consultation_detail", args=[pk]),
            fields={"proposal": proposal.pk, "seen_proposal": seen},
        )

    def post(self, request, pk):
        form = VoteSubmitForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose one of the proposals."))
            return redirect("themes:consultation_detail", pk=pk)
        try:
            outcome = vote_cast(
                consultation_id=pk,
                proposal_id=form.cleaned_data["proposal"],
                seen_proposal_id=form.cleaned_data["seen_proposal"],
                by=request.user,
            )
        except Consultation.DoesNotExist as exc:
            raise Http404 from exc
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.add_message(request, *_vote_message(outcome))
        return redirect("themes:consultation_detail", pk=pk)


def _vote_consequences(consultation, proposal, seen_proposal_id) -> list[str]:
    names = {"proposal": proposal.title, "when": format_when(consultation.closes_at)}
    lines = [_("Your state's one vote will be for “%(proposal)s”.") % names]
    previous = next((p for p in consultation.proposals.all() if p.pk == seen_proposal_id), None)
    if previous is not None and previous.pk != proposal.pk:
        lines.append(
            _("It replaces your state's vote for “%(previous)s”.") % {"previous": previous.title}
        )
    if consultation.allow_vote_change:
        lines.append(
            _("Until voting closes (%(when)s), any focal point of your state may change it.")
            % names
        )
    else:
        lines.append(_("This consultation allows no change: the vote is final."))
    lines.append(_("The secretariat sees each state's vote; the tally is published later."))
    return lines


class SuggestionSubmitView(FocalPointRequiredMixin, TemplateView):
    """Posted from the consultation page; shown again with the errors if invalid."""

    template_name = "themes/suggestion_form.html"
    http_method_names = ["post"]

    def post(self, request, pk):
        consultation = get_or_404(consultation_get, pk=pk, member_state=self.member_state)
        form = SuggestionForm(request.POST)
        if form.is_valid():
            try:
                theme_suggestion_submit(
                    consultation=consultation, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Your suggestion is submitted; the secretariat will review it."),
                )
                return redirect("themes:consultation_detail", pk=pk)
        return self.render_to_response({"consultation": consultation, "form": form})


class SuggestionWithdrawView(FocalPointRequiredMixin, View):
    """GET: the confirmation; POST withdraws the suggestion (the service decides who may)."""

    def _load(self, pk):
        return get_or_404(theme_suggestion_get, pk=pk)

    def get(self, request, pk):
        suggestion = self._load(pk)
        back = reverse("themes:consultation_detail", args=[suggestion.consultation_id])
        try:
            theme_suggestion_withdrawal_check(suggestion=suggestion, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(back)
        return confirmation_response(
            request,
            title=_("Withdraw the suggestion “%(title)s”") % {"title": suggestion.title},
            consequences=[
                _("It is deleted: the secretariat no longer sees it."),
                _("You may suggest another theme while voting is open."),
            ],
            action_url=reverse("themes:suggestion_withdraw", args=[pk]),
            confirm_label=_("Withdraw the suggestion"),
            cancel_url=back,
            danger=True,
        )

    def post(self, request, pk):
        suggestion = self._load(pk)
        try:
            theme_suggestion_withdraw(suggestion_id=pk, by=request.user)
        except ThemeSuggestion.DoesNotExist as exc:
            raise Http404 from exc
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Your suggestion “%(title)s” is withdrawn.") % {"title": suggestion.title},
            )
        return redirect("themes:consultation_detail", pk=suggestion.consultation_id)
