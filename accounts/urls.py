from allauth.account import views as allauth_views
from django.http import Http404
from django.urls import include, path
from django.views.generic import RedirectView

from . import views


def not_offered(request, *args, **kwargs):
    # allauth pages the portal does not offer: addresses come from invitations.
    raise Http404


urlpatterns = [
    # The portal's names for allauth's sign-in and sign-out (both also under allauth's).
    path("login/", allauth_views.login, name="login"),
    path("logout/", allauth_views.logout, name="logout"),
    # Django's familiar addresses lead to allauth's pages.
    path(
        "password_change/",
        RedirectView.as_view(pattern_name="account_change_password", query_string=True),
    ),
    path(
        "password_reset/",
        RedirectView.as_view(pattern_name="account_reset_password", query_string=True),
    ),
    path("email/", not_offered),
    path("invitation/<str:token>/", views.InvitationAcceptView.as_view(), name="invitation_accept"),
    path("staff/", views.SecretariatStaffView.as_view(), name="secretariat_staff"),
    path(
        "staff/<str:kind>/<int:pk>/<str:action>/",
        views.SecretariatStaffActionView.as_view(),
        name="secretariat_staff_action",
    ),
    path("", include("allauth.urls")),
]
