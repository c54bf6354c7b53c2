"""Read-outs of a consultation: the votes as CSV, the vote history, the tally chart."""

import csv
import datetime

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from common.spreadsheet_cells import spreadsheet_text
from common.views import get_or_404

from ..charts import tally_chart_svg
from ..selectors import consultation_get, consultation_tally, vote_event_list, vote_list
from ..services import format_when
from .access import ConsultationReaderMixin
from .manage import SecretariatConsultationMixin


def _votes_hidden_message(consultation) -> str:
    return _(
        "Each state's vote is kept secret while voting is open: the votes can be "
        "downloaded when voting closes, on %(when)s."
    ) % {"when": format_when(consultation.closes_at)}


class VotesCsvView(SecretariatConsultationMixin, View):
    def get(self, request, pk):
        consultation = self.consultation
        if not consultation.votes_are_readable():
            messages.info(request, _votes_hidden_message(consultation))
            return redirect("themes:consultation_manage", pk=pk)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"votes-{slugify(consultation.title)}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        writer = csv.writer(response)
        writer.writerow(
            [
                _("Member state"),
                _("ISO code"),
                _("Ballot position"),
                _("Proposal"),
                _("Cast by"),
                _("Cast at (UTC)"),
            ]
        )
        for vote in vote_list(consultation=consultation):
            cells = [
                vote.member_state.name,
                vote.member_state.country.code,
                vote.proposal.position,
                vote.proposal.title,
                vote.cast_by.get_full_name() or vote.cast_by.username,
                vote.cast_at.astimezone(datetime.UTC).isoformat(timespec="seconds"),
            ]
            # A proposal's title or a user's name can come from a member state.
            writer.writerow([spreadsheet_text(cell) for cell in cells])
        return response


class VoteHistoryView(SecretariatConsultationMixin, TemplateView):
    template_name = "themes/vote_history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.consultation.votes_are_readable():
            context["events"] = vote_event_list(consultation=self.consultation)
        else:
            context["votes_hidden_until"] = self.consultation.closes_at
        return context


class TallyChartView(ConsultationReaderMixin, View):
    """The secretariat sees the chart once voting has closed; states once it is published."""

    def get(self, request, pk):
        consultation = get_or_404(consultation_get, pk=pk, member_state=self.member_state)
        visible = consultation.is_closed() if self.is_secretariat else consultation.is_published
        if not visible:
            raise Http404
        svg = tally_chart_svg(tally=consultation_tally(consultation=consultation))
        response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
        return response
