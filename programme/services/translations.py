"""Importing a dialogue year's translations from a filled-in workbook, all or nothing."""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from themes.services import consultation_update, proposal_translations_set
from workshops.models import DialogueYear
from workshops.services import dialogue_year_update, meeting_update

from ..content_sheets import sheet_for
from .agenda import session_translations_set

if TYPE_CHECKING:
    from accounts.models import User


def _apply(kind: str, item, values: dict, by) -> None:
    if kind == "dialogue_year":
        dialogue_year_update(dialogue_year=item, **values)
    elif kind == "meeting":
        meeting_update(meeting=item, by=by, **values)
    elif kind == "session":
        session_translations_set(session=item, by=by, **values)
    elif kind == "consultation":
        consultation_update(consultation=item, by=by, **values)
    elif kind == "proposal":
        proposal_translations_set(proposal=item, by=by, **values)
    else:
        raise ValueError(kind)


@transaction.atomic
def content_translations_import(
    *, dialogue_year: DialogueYear, changes: list[dict], by: "User | None"
) -> int:
    """Saves the French and Spanish texts of a previewed workbook through each object's
    service; the first refusal undoes the whole file. Returns how many objects changed."""
    for change in changes:
        sheet = sheet_for(change["kind"])
        item = sheet.rows(dialogue_year).filter(pk=change["pk"]).first()
        where = {"sheet": sheet.name, "id": change["pk"], "label": change["label"]}
        if item is None:
            raise ValidationError(
                _("%(sheet)s, id %(id)s (“%(label)s”): it is no longer part of this year.") % where
            )
        for name, original in change["originals"].items():
            if (getattr(item, f"{name}_en") or "").strip() != original.strip():
                raise ValidationError(
                    _(
                        "%(sheet)s, id %(id)s (“%(label)s”): its English text changed since "
                        "the preview; export the file again."
                    )
                    % where
                )
        try:
            _apply(change["kind"], item, change["values"], by)
        except ValidationError as error:
            raise ValidationError(
                _("%(sheet)s, id %(id)s (“%(label)s”): %(reason)s")
                % {**where, "reason": " ".join(error.messages)}
            ) from error
    return len(changes)
