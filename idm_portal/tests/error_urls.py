"""The portal's URLs plus views that fail, to see the error pages a reader would get."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from idm_portal.urls import handler500
from idm_portal.urls import urlpatterns as portal_urlpatterns

__all__ = ["handler500", "urlpatterns"]


def fails(request):
    raise RuntimeError("database password is hunter2")


def refuses(request):
    raise PermissionDenied("internal reason: rule 42 in accounts.roles")


urlpatterns = [path("fails/", fails), path("refuses/", refuses), *portal_urlpatterns]
