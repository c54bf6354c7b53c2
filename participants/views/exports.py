from django.http import HttpResponse
from django.utils.text import slugify
from django.views import View

from accounts.roles import SecretariatRequiredMixin

from ..exporting import registration_export_rows
from ..filters import RegistrationFilter
from ..selectors import registration_list
from ..spreadsheets import XLSX_CONTENT_TYPE, csv_bytes, xlsx_bytes
from .common import MeetingMixin


def _download(content: bytes, content_type: str, file_name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


class RegistrationExportView(SecretariatRequiredMixin, MeetingMixin, View):
    """The participants list as filtered on the page, as CSV or XLSX (`format`)."""

    def get(self, request, meeting_pk, format):
        filterset = RegistrationFilter(
            request.GET or None, queryset=registration_list(meeting=self.meeting)
        )
        rows = registration_export_rows(filterset.qs)
        name = f"participants-{self.meeting.start_date:%Y-%m-%d}-{slugify(self.meeting.title)[:40]}"
        if format == "xlsx":
            return _download(xlsx_bytes(rows), XLSX_CONTENT_TYPE, f"{name}.xlsx")
        return _download(csv_bytes(rows), "text/csv; charset=utf-8", f"{name}.csv")


class ImportTemplateView(SecretariatRequiredMixin, View):
    """The empty participants file with the documented columns."""

    def get(self, request, format):
        if format == "xlsx":
            content = xlsx_bytes([], instructions=True)
            return _download(content, XLSX_CONTENT_TYPE, "participants-template.xlsx")
        return _download(csv_bytes([]), "text/csv; charset=utf-8", "participants-template.csv")
