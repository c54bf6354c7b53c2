from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("settings/", views.SettingsView.as_view(), name="settings"),
    path("outbox/", views.OutboxListView.as_view(), name="outbox"),
    path("outbox/<int:pk>/", views.OutboxDetailView.as_view(), name="outbox_detail"),
    path("outbox/<int:pk>/resend/", views.OutboxResendView.as_view(), name="outbox_resend"),
]
