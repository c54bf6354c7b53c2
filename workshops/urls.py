from django.urls import path

from . import views

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
    path("<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("<int:pk>/edit/", views.MeetingUpdateView.as_view(), name="meeting_update"),
    # Agenda
    path("<int:pk>/agenda/", views.AgendaEditView.as_view(), name="agenda_edit"),
    path("<int:pk>/agenda/publish/", views.AgendaPublishView.as_view(), name="agenda_publish"),
    path("<int:pk>/agenda/print/", views.AgendaPrintView.as_view(), name="agenda_print"),
    path("<int:pk>/agenda.ics", views.AgendaCalendarView.as_view(), name="agenda_ics"),
    path(
        "<int:pk>/agenda/sessions/new/",
        views.SessionCreateView.as_view(),
        name="session_create",
    ),
    path("sessions/<int:pk>/edit/", views.SessionUpdateView.as_view(), name="session_update"),
    path("sessions/<int:pk>/delete/", views.SessionDeleteView.as_view(), name="session_delete"),
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
    # Suggestions
    path(
        "<int:pk>/suggest/<slug:kind>/",
        views.SuggestionCreateView.as_view(),
        name="suggestion_create",
    ),
    path("suggestions/", views.StateSuggestionListView.as_view(), name="suggestions_mine"),
    path(
        "suggestions/review/",
        views.SuggestionReviewListView.as_view(),
        name="suggestion_review_list",
    ),
    path(
        "suggestions/<int:pk>/review/",
        views.SuggestionReviewView.as_view(),
        name="suggestion_review",
    ),
    path(
        "suggestions/<int:pk>/withdraw/",
        views.SuggestionWithdrawView.as_view(),
        name="suggestion_withdraw",
    ),
]
