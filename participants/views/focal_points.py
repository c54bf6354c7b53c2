"""The secretariat's pages of the focal points of each member state.

Only the secretariat sees them: a focal point never learns who acts for another state.
The invitations and accounts themselves are accounts' services.
"""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from accounts.forms import InvitationForm
from accounts.models import Invitation
from accounts.roles import SecretariatRequiredMixin
from accounts.selectors import account_event_list, focal_point_list, invitation_pending_list
from accounts.views import HISTORY_ROWS, AccountActionView, InviteFormMixin, action_urls_attach

from ..models import MemberState


class FocalPointStateListView(SecretariatRequiredMixin, TemplateView):
    template_name = "participants/focal_point_states.html"

    def get_context_data(self, **kwargs):
        states = MemberState.objects.annotate(
            active_focal_points=Count("focal_points", filter=Q(focal_points__is_active=True)),
        ).order_by("name")
        pending = dict(
            Invitation.objects.filter(status=Invitation.Status.PENDING, member_state__isnull=False)
            .values_list("member_state")
            .annotate(n=Count("pk"))
        )
        rows = [(state, pending.get(state.pk, 0)) for state in states]
        return super().get_context_data(rows=rows, **kwargs)


class MemberStateMixin:
    def dispatch(self, request, *args, **kwargs):
        self.member_state = get_object_or_404(MemberState, pk=kwargs["state_pk"])
        return super().dispatch(request, *args, **kwargs)


class FocalPointStateView(SecretariatRequiredMixin, MemberStateMixin, InviteFormMixin, FormView):
    """One state: its focal points, pending invitations, history, and the invitation form."""

    template_name = "participants/focal_points.html"
    form_class = InvitationForm
    role = Invitation.Role.FOCAL_POINT

    def member_state_for_invitation(self):
        return self.member_state

    def get_success_url(self):
        return reverse("participants:focal_points", args=[self.member_state.pk])

    def get_context_data(self, **kwargs):
        state = self.member_state
        people, invitations = action_urls_attach(
            people=list(focal_point_list(member_state=state)),
            invitations=list(invitation_pending_list(member_state=state)),
            url_for=lambda kind, pk, action: reverse(
                "participants:focal_point_action", args=[state.pk, kind, pk, action]
            ),
        )
        return super().get_context_data(
            member_state=state,
            people=people,
            invitations=invitations,
            events=account_event_list(member_state=state)[:HISTORY_ROWS],
            invite_title=_("Invite a focal point"),
            **kwargs,
        )


class FocalPointActionView(SecretariatRequiredMixin, MemberStateMixin, AccountActionView):
    """Resend, revoke, deactivate, reactivate: only objects of the state in the URL."""

    def invitations(self):
        return Invitation.objects.filter(member_state=self.member_state)

    def users(self):
        return focal_point_list(member_state=self.member_state)

    def get_success_url(self):
        return reverse("participants:focal_points", args=[self.member_state.pk])
