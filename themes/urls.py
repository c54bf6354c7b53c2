from django.urls import path

from .views import ballot, exports, manage

app_name = "themes"

urlpatterns = [
    path("", ballot.ConsultationListView.as_view(), name="consultation_list"),
    path("new/", manage.ConsultationCreateView.as_view(), name="consultation_create"),
    path("<int:pk>/", ballot.ConsultationDetailView.as_view(), name="consultation_detail"),
    path("<int:pk>/vote/", ballot.VoteView.as_view(), name="vote"),
    path("<int:pk>/suggestions/", ballot.SuggestionSubmitView.as_view(), name="suggest"),
    path("<int:pk>/manage/", manage.ConsultationManageView.as_view(), name="consultation_manage"),
    path("<int:pk>/edit/", manage.ConsultationEditView.as_view(), name="consultation_edit"),
    path("<int:pk>/proposals/new/", manage.ProposalAddView.as_view(), name="proposal_add"),
    path("<int:pk>/result/declare/", manage.ResultDeclareView.as_view(), name="result_declare"),
    path("<int:pk>/result/publish/", manage.ResultPublishView.as_view(), name="result_publish"),
    path("<int:pk>/voting/close/", manage.VotingCloseView.as_view(), name="voting_close"),
    path("<int:pk>/votes.csv", exports.VotesCsvView.as_view(), name="votes_csv"),
    path("<int:pk>/history/", exports.VoteHistoryView.as_view(), name="vote_history"),
    path("<int:pk>/chart.svg", exports.TallyChartView.as_view(), name="tally_chart"),
    path(
        "suggestions/<int:pk>/add/",
        manage.SuggestionAddToBallotView.as_view(),
        name="suggestion_add",
    ),
    path(
        "suggestions/<int:pk>/withdraw/",
        ballot.SuggestionWithdrawView.as_view(),
        name="suggestion_withdraw",
    ),
    path(
        "suggestions/<int:pk>/decline/",
        manage.SuggestionDeclineView.as_view(),
        name="suggestion_decline",
    ),
]
