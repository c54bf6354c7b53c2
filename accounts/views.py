"""Accepting an invitation, and the superuser's page of secretariat staff.

The focal points of a state are managed from that state's page (participants app),
with the same action views as here.
"""

from allauth.account.internal.flows.login import perform_password_login
from allauth.account.models import Login
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from .forms import InvitationAcceptForm, InvitationForm
from .invitations import (
    invitation_accept,
    invitation_create,
    invitation_get_by_token,
    invitation_resend,
    invitation_revoke,
    user_deactivate,
    user_reactivate,
)
from .mfa import mfa_required
from .models import Invitation
from .selectors import account_event_list, invitation_pending_list, secretariat_staff_list

HISTORY_ROWS = 200


def invitation_link_for(request):
    return lambda token: request.build_absolute_uri(reverse("invitation_accept", args=[token]))


class InvitationAcceptView(FormView):
    form_class = InvitationAcceptForm
    template_name = "accounts/invitation_accept.html"

    def dispatch(self, request, *args, **kwargs):
        self.invitation = invitation_get_by_token(token=kwargs["token"])
        if self.invitation is None or not self.invitation.is_usable:
            status = 404 if self.invitation is None else 410
            return self.render_to_response(
                {"invitation": self.invitation, "invalid": True}, status=status
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(invitation=self.invitation, **kwargs)

    def form_valid(self, form):
        try:
            user = invitation_accept(
                token=self.kwargs["token"], password=form.cleaned_data["password1"]
            )
        except ValidationError as error:
            form.add_error("password1", error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your account is ready."))
        next_url = reverse("mfa_activate_totp") if mfa_required(user) else reverse("home")
        # Signs in as allauth's password form does, so that the session counts as freshly
        # authenticated and enrolling the second factor asks for no password again.
        return perform_password_login(
            self.request,
            {"username": user.username},
            Login(user=user, redirect_url=next_url, email_verification="none"),
        )


class SuperuserRequiredMixin(AccessMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AccountActionView(View):
    """POST only: one service call on one invitation or account, then back to the list.

    Subclasses say who may act (a mixin), which objects the URL may name, and where to go.
    """

    http_method_names = ["post"]
    ACTIONS = {"invitations": ("resend", "revoke"), "users": ("deactivate", "reactivate")}

    def invitations(self):
        raise NotImplementedError

    def users(self):
        raise NotImplementedError

    def get_success_url(self):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        by = request.user
        kind, action = kwargs["kind"], kwargs["action"]
        if action not in self.ACTIONS.get(kind, ()):
            raise Http404
        try:
            if kind == "invitations":
                invitation = get_object_or_404(self.invitations(), pk=kwargs["pk"])
                if action == "resend":
                    invitation_resend(
                        by=by, invitation=invitation, link_for=invitation_link_for(request)
                    )
                    text = _("The invitation to %(email)s was sent again.")
                else:
                    invitation_revoke(by=by, invitation=invitation)
                    text = _("The invitation to %(email)s is revoked.")
                messages.success(request, text % {"email": invitation.email})
            else:
                user = get_object_or_404(self.users(), pk=kwargs["pk"])
                if action == "deactivate":
                    user_deactivate(by=by, user=user)
                    text = _("The account of %(name)s is deactivated.")
                else:
                    user_reactivate(by=by, user=user)
                    text = _("The account of %(name)s is active again.")
                messages.success(request, text % {"name": user.get_full_name() or user.username})
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        return redirect(self.get_success_url())


class InviteFormMixin:
    """Renders the list page with the invitation form; POST invites."""

    role = None

    def member_state_for_invitation(self):
        return None

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            invitation_valid_days=settings.INVITATION_VALID_DAYS, **kwargs
        )

    def form_valid(self, form):
        try:
            invitation = invitation_create(
                by=self.request.user,
                role=self.role,
                member_state=self.member_state_for_invitation(),
                link_for=invitation_link_for(self.request),
                **form.cleaned_data,
            )
        except ValidationError as error:
            for text in error.messages:
                form.add_error("email", text)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("An invitation was sent to %(email)s.") % {"email": invitation.email},
        )
        return redirect(self.get_success_url())


def action_urls_attach(*, people, invitations, url_for):
    """Gives each row the addresses of its actions: url_for(kind, pk, action)."""
    for user in people:
        user.action_urls = {
            a: url_for("users", user.pk, a) for a in AccountActionView.ACTIONS["users"]
        }
    for invitation in invitations:
        invitation.action_urls = {
            a: url_for("invitations", invitation.pk, a)
            for a in AccountActionView.ACTIONS["invitations"]
        }
    return people, invitations


class SecretariatStaffView(SuperuserRequiredMixin, InviteFormMixin, FormView):
    template_name = "accounts/secretariat_staff.html"
    form_class = InvitationForm
    role = Invitation.Role.SECRETARIAT

    def get_success_url(self):
        return reverse("secretariat_staff")

    def get_context_data(self, **kwargs):
        people, invitations = action_urls_attach(
            people=list(secretariat_staff_list()),
            invitations=list(invitation_pending_list(role=Invitation.Role.SECRETARIAT)),
            url_for=lambda kind, pk, action: reverse(
                "secretariat_staff_action", args=[kind, pk, action]
            ),
        )
        return super().get_context_data(
            people=people,
            invitations=invitations,
            events=account_event_list(secretariat=True)[:HISTORY_ROWS],
            **kwargs,
        )


class SecretariatStaffActionView(SuperuserRequiredMixin, AccountActionView):
    def invitations(self):
        return Invitation.objects.filter(role=Invitation.Role.SECRETARIAT)

    def users(self):
        return secretariat_staff_list()

    def get_success_url(self):
        return reverse("secretariat_staff")
