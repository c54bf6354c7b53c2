from django.urls import path

from . import views

app_name = "programme"

# Mounted under /meetings/ beside the workshops app's URLs: a meeting's page,
# agenda and suggestions live where its planning does.
urlpatterns = [
    path("<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
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
    # A year's texts in three languages, as a workbook for translators
    path("years/<int:year>/texts.xlsx", views.ContentExportView.as_view(), name="content_export"),
    path(
        "years/<int:year>/texts/",
        views.ContentTranslationsView.as_view(),
        name="content_translations",
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
