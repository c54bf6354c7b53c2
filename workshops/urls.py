from django.urls import path

from . import views
from .views.subscriptions import MeetingSubscribeView, YearSubscribeView

app_name = "workshops"

urlpatterns = [
    path("", views.YearListView.as_view(), name="year_list"),
    path("calendar.ics", views.CalendarFeedView.as_view(), name="calendar_feed"),
    path("years/new/", views.YearCreateView.as_view(), name="year_create"),
    path("years/<int:year>/", views.YearDetailView.as_view(), name="year_detail"),
    path("years/<int:year>/edit/", views.YearUpdateView.as_view(), name="year_update"),
    path(
        "years/<int:year>/meetings/new/",
        views.MeetingCreateView.as_view(),
        name="meeting_create",
    ),
    path("<int:pk>/subscribe/", MeetingSubscribeView.as_view(), name="meeting_subscribe"),
    path("years/<int:year>/subscribe/", YearSubscribeView.as_view(), name="year_subscribe"),
    path("<int:pk>/edit/", views.MeetingUpdateView.as_view(), name="meeting_update"),
    # Documents
    path("<int:pk>/documents/new/", views.DocumentCreateView.as_view(), name="document_create"),
    path("documents/<int:pk>/edit/", views.DocumentUpdateView.as_view(), name="document_update"),
    path(
        "documents/<int:pk>/versions/new/",
        views.DocumentVersionCreateView.as_view(),
        name="document_version_create",
    ),
    path(
        "documents/<int:pk>/download/",
        views.DocumentDownloadView.as_view(),
        name="document_download",
    ),
    path(
        "documents/versions/<int:pk>/download/",
        views.DocumentVersionDownloadView.as_view(),
        name="document_version_download",
    ),
]
