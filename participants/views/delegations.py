from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from accounts.roles import FocalPointRequiredMixin, SecretariatRequiredMixin
from common.views import get_or_404
from workshops.selectors import dialogue_year_current, meeting_list

from ..forms import CredentialsUploadForm, DeclineForm, DelegationProposalForm
from ..proposal_checks import proposal_checks
from ..selectors import (
    credentials_for_delegation,
    delegation_counts,
    delegation_list,
    delegation_proposal_get,
    delegation_proposal_list_awaiting,
    delegation_proposal_list_decided,
    delegation_proposal_list_for_state,
)
from ..services import (
    AlreadyRegistered,
    delegation_proposal_approve,
    delegation_proposal_create,
    delegation_proposal_decline,
)
from .common import MeetingMixin


class DelegationIndexView(FocalPointRequiredMixin, TemplateView):
    """A focal point's meetings of the current year, with their state's delegation size."""

    template_name = "participants/delegation_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = dialogue_year_current()
        meetings = list(meeting_list(dialogue_year=year)) if year else []
        sizes = delegation_counts(member_state=self.member_state, meetings=meetings)
        context.update(
            dialogue_year=year,
            member_state=self.member_state,
            rows=[(meeting, sizes.get(meeting.pk, 0)) for meeting in meetings],
        )
        return context


class DelegationView(FocalPointRequiredMixin, MeetingMixin, FormView):
    """One meeting: the state's delegation, its proposals, and a form to propose a person.

    Everything is filtered by the focal point's own state: nobody else appears.
    """

    template_name = "participants/delegation.html"
    form_class = DelegationProposalForm

    def form_valid(self, form):
        try:
            delegation_proposal_create(
                meeting=self.meeting,
                member_state=self.member_state,
                person=form.person(),
                role=form.cleaned_data["role"],
                by=self.request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Your proposal is sent; the secretariat will approve or decline it."),
        )
        return redirect("participants:delegation", meeting_pk=self.meeting.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            member_state=self.member_state,
            delegation=delegation_list(meeting=self.meeting, member_state=self.member_state),
            proposals=delegation_proposal_list_for_state(
                meeting=self.meeting, member_state=self.member_state
            ),
            open_for_proposals=self.meeting.is_open,
            credentials=credentials_for_delegation(
                meeting=self.meeting, member_state=self.member_state
            ),
            credentials_form=CredentialsUploadForm(),
            **kwargs,
        )


class ProposalListView(SecretariatRequiredMixin, TemplateView):
    """Proposals awaiting a decision, for every meeting, and the latest decisions."""

    template_name = "participants/proposal_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            pending=delegation_proposal_list_awaiting(),
            decided=delegation_proposal_list_decided(limit=20),
            decline_form=DeclineForm(),
        )
        checks = proposal_checks(context["pending"])
        context["pending"] = [(proposal, checks[proposal.pk]) for proposal in context["pending"]]
        return context


class ProposalDecisionView(SecretariatRequiredMixin, View):
    """POST decision=approve, or decision=decline with a reason."""

    def post(self, request, pk):
        proposal = get_or_404(delegation_proposal_get, pk=pk)
        try:
            decision = request.POST.get("decision")
            if decision in ("approve", "register_person_as_is"):
                registration = delegation_proposal_approve(
                    proposal=proposal,
                    by=request.user,
                    register_person_as_is=decision == "register_person_as_is",
                )
                messages.success(
                    request,
                    _("%(name)s is registered in the delegation of %(state)s.")
                    % {
                        "name": registration.participant.full_name,
                        "state": proposal.member_state,
                    },
                )
            else:
                form = DeclineForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Say why the proposal is declined."))
                delegation_proposal_decline(
                    proposal=proposal, reason=form.cleaned_data["reason"], by=request.user
                )
                messages.success(
                    request,
                    _("The proposal of %(name)s is declined.") % {"name": proposal.full_name},
                )
        except AlreadyRegistered as error:
            messages.error(
                request,
                _("%(error)s Decline the proposal, saying so.") % {"error": error.messages[0]},
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("participants:proposal_list")
