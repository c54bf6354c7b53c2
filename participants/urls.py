from django.urls import path

from .views import (
    check_in,
    credentials,
    delegations,
    exports,
    focal_points,
    imports,
    registrations,
    self_registration,
    statistics,
)

app_name = "participants"

urlpatterns = [
    # The secretariat's pages of one meeting.
    path(
        "meetings/<int:meeting_pk>/",
        registrations.RegistrationListView.as_view(),
        name="registration_list",
    ),
    path(
        "meetings/<int:meeting_pk>/export.<str:format>",
        exports.RegistrationExportView.as_view(),
        name="registration_export",
    ),
    path(
        "meetings/<int:meeting_pk>/register/",
        registrations.RegistrationCreateView.as_view(),
        name="registration_create",
    ),
    path("meetings/<int:meeting_pk>/check-in/", check_in.CheckInView.as_view(), name="check_in"),
    path(
        "meetings/<int:meeting_pk>/check-in/scan/",
        check_in.CheckInScanView.as_view(),
        name="check_in_scan",
    ),
    path(
        "meetings/<int:meeting_pk>/statistics/",
        statistics.MeetingStatisticsView.as_view(),
        name="meeting_statistics",
    ),
    path(
        "meetings/<int:meeting_pk>/import/",
        imports.ImportUploadView.as_view(),
        name="import_upload",
    ),
    path(
        "meetings/<int:meeting_pk>/import/<int:pk>/",
        imports.ImportPreviewView.as_view(),
        name="import_preview",
    ),
    path(
        "import-template.<str:format>",
        exports.ImportTemplateView.as_view(),
        name="import_template",
    ),
    # One registration.
    path(
        "registrations/<int:pk>/",
        registrations.RegistrationUpdateView.as_view(),
        name="registration_update",
    ),
    path(
        "registrations/<int:pk>/status/",
        registrations.RegistrationStatusView.as_view(),
        name="registration_status",
    ),
    path(
        "registrations/<int:pk>/check-in/",
        check_in.CheckInActionView.as_view(),
        name="check_in_action",
    ),
    path(
        "registrations/<int:pk>/check-in/undo/",
        check_in.CheckInUndoView.as_view(),
        name="check_in_undo",
    ),
    # Self-registration: the public form and its link; the secretariat's settings and queue.
    path(
        "meetings/<int:meeting_pk>/registration/",
        self_registration.PublicRegistrationView.as_view(),
        name="self_registration_form",
    ),
    path(
        "meetings/<int:meeting_pk>/registration/sent/",
        self_registration.RegistrationSentView.as_view(),
        name="self_registration_sent",
    ),
    path(
        "registration/confirm/<str:token>/",
        self_registration.ConfirmAddressView.as_view(),
        name="self_registration_confirm",
    ),
    path(
        "meetings/<int:meeting_pk>/registration-settings/",
        self_registration.RegistrationSettingsView.as_view(),
        name="registration_settings",
    ),
    path(
        "meetings/<int:meeting_pk>/self-registrations/",
        self_registration.ApprovalQueueView.as_view(),
        name="self_registration_queue",
    ),
    path(
        "self-registrations/<int:pk>/decision/",
        self_registration.DecisionView.as_view(),
        name="self_registration_decision",
    ),
    path("statistics/", statistics.YearStatisticsView.as_view(), name="year_statistics"),
    # Delegations: focal points propose, the secretariat decides.
    path("delegation/", delegations.DelegationIndexView.as_view(), name="delegation_index"),
    path(
        "meetings/<int:meeting_pk>/delegation/",
        delegations.DelegationView.as_view(),
        name="delegation",
    ),
    # Delegations' credentials: focal points upload, the secretariat verifies.
    path(
        "meetings/<int:meeting_pk>/delegation/credentials/",
        credentials.CredentialsUploadView.as_view(),
        name="credentials_upload",
    ),
    path(
        "credentials/documents/<int:pk>/",
        credentials.CredentialsDocumentView.as_view(),
        name="credentials_document",
    ),
    path(
        "meetings/<int:meeting_pk>/credentials/",
        credentials.CredentialsReportView.as_view(),
        name="credentials_report",
    ),
    path(
        "credentials/<int:pk>/decision/",
        credentials.CredentialsDecisionView.as_view(),
        name="credentials_decision",
    ),
    path("proposals/", delegations.ProposalListView.as_view(), name="proposal_list"),
    path(
        "proposals/<int:pk>/decision/",
        delegations.ProposalDecisionView.as_view(),
        name="proposal_decision",
    ),
    # Focal points of each member state, managed by the secretariat.
    path(
        "focal-points/", focal_points.FocalPointStateListView.as_view(), name="focal_point_states"
    ),
    path(
        "focal-points/<int:state_pk>/",
        focal_points.FocalPointStateView.as_view(),
        name="focal_points",
    ),
    path(
        "focal-points/<int:state_pk>/<str:kind>/<int:pk>/<str:action>/",
        focal_points.FocalPointActionView.as_view(),
        name="focal_point_action",
    ),
]
