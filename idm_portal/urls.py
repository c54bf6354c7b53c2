from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from programme.views import HomeView

admin.site.site_header = _("IDM Portal administration")
admin.site.site_title = _("IDM Portal")

# 403 and 404 use Django's handlers with templates/403.html and 404.html.
handler500 = "idm_portal.errors.server_error"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("accounts/", include("accounts.urls")),
    path("notifications/", include("notifications.urls")),
    path("meetings/", include("workshops.urls")),
    path("meetings/", include("programme.urls")),
    path("participants/", include("participants.urls")),
    path("themes/", include("themes.urls")),
    path("documents/", include("reports.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # The admin signs in through the portal's login, with its second factor.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
    # Clients that ask for /favicon.ico without reading the page's <link rel="icon">.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.svg"))),
]
# No route serves MEDIA_ROOT, not even in development: stored documents may be
# for the secretariat only, and are downloaded through views that check who asks.
