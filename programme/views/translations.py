"""A dialogue year's texts as a workbook for translators, and its import (Secretariat)."""

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from accounts.roles import SecretariatRequiredMixin
from common.views import LoadAfterRoleCheckMixin
from workshops.views.common import get_year_or_404

from .. import services
from ..content_sheets import (
    XLSX_CONTENT_TYPE,
    ContentSheetErrors,
    SpreadsheetError,
    content_changes_read,
    content_workbook,
    sheet_for,
)

# The preview hands its changes to the confirmation signed, so that nothing is kept
# on the server between the two and no other content can be slipped in.
SIGNING_SALT = "programme.content_translations"
PREVIEW_MAX_AGE = 2 * 60 * 60


class ContentUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Filled-in workbook (.xlsx)"),
        widget=forms.ClearableFileInput({"accept": ".xlsx"}),
    )


class YearMixin(SecretariatRequiredMixin, LoadAfterRoleCheckMixin):
    def load(self, **kwargs):
        self.dialogue_year = get_year_or_404(kwargs["year"])


class ContentExportView(YearMixin, View):
    def get(self, request, *args, **kwargs):
        body = content_workbook(dialogue_year=self.dialogue_year)
        response = HttpResponse(body, content_type=XLSX_CONTENT_TYPE)
        name = f"idm-{self.dialogue_year.year}-texts.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class ContentTranslationsView(YearMixin, FormView):
    """Upload shows a preview (or every wrong cell); "Import" saves it, all or nothing."""

    template_name = "programme/content_translations.html"
    form_class = ContentUploadForm

    def post(self, request, *args, **kwargs):
        if "changes" in request.POST:
            return self.confirm(request.POST["changes"])
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            changes = content_changes_read(dialogue_year=self.dialogue_year, content=upload.read())
        except SpreadsheetError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        except ContentSheetErrors as error:
            form.add_error("file", _("Nothing is imported: correct these cells and upload again."))
            return self.render_to_response(
                self.get_context_data(form=form, cell_errors=error.messages)
            )
        data = [change.as_data() for change in changes]
        token = signing.dumps(
            {"year": self.dialogue_year.pk, "changes": data}, salt=SIGNING_SALT, compress=True
        )
        return self.render_to_response(
            self.get_context_data(
                form=self.form_class(),
                preview=[_shown(change) for change in data],
                token=token,
                file_name=upload.name,
            )
        )

    def confirm(self, token: str):
        try:
            payload = signing.loads(token, salt=SIGNING_SALT, max_age=PREVIEW_MAX_AGE)
        except signing.BadSignature:
            messages.error(self.request, _("This preview has expired; upload the file again."))
            return redirect("programme:content_translations", year=self.dialogue_year.year)
        if payload.get("year") != self.dialogue_year.pk:
            messages.error(self.request, _("This preview is of another year's texts."))
            return redirect("programme:content_translations", year=self.dialogue_year.year)
        try:
            count = services.content_translations_import(
                dialogue_year=self.dialogue_year, changes=payload["changes"], by=self.request.user
            )
        except ValidationError as error:
            messages.error(
                self.request,
                _("Nothing is imported. %(reason)s") % {"reason": " ".join(error.messages)},
            )
            return redirect("programme:content_translations", year=self.dialogue_year.year)
        messages.success(
            self.request,
            _("The translations are imported: %(count)d rows changed.") % {"count": count},
        )
        return redirect("workshops:year_detail", year=self.dialogue_year.year)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["dialogue_year"] = self.dialogue_year
        return context


def _shown(change: dict) -> dict:
    """A previewed change as the page lists it: where, and each new text."""
    sheet = sheet_for(change["kind"])
    return {
        "sheet": sheet.name,
        "pk": change["pk"],
        "label": change["label"],
        "values": [
            {"column": f"{name[:-3]} ({name[-2:]})", "text": text}
            for name, text in sorted(change["values"].items())
        ],
    }
