from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from workshops.views import HomeView

admin.site.site_header = _("IDM Portal administration")
admin.site.site_title = _("IDM Portal")

# 403 and 404 use Django's handlers with templates/403.html and 404.html.
handler500 = "idm_portal.errors.server_error"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("accounts/", include("accounts.urls")),
    path("meetings/", include("workshops.urls")),
    path("participants/", include("participants.urls")),
    path("themes/", include("themes.urls")),
    path("documents/", include("reports.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
# No route serves MEDIA_ROOT, not even in development: stored documents may be
# for the secretariat only, and are downloaded through views that check who asks.
