"""The one confirmation step of every irreversible or public action.

The pattern, everywhere: the page that offers the action links to (or submits
by GET to) the action's URL; GET there shows what will happen and a POST form;
only that POST acts. No script dialog, so it works under a strict CSP and
without JavaScript.
"""

from collections.abc import Iterable, Mapping

from django.template.response import TemplateResponse


def confirmation_response(
    request,
    *,
    title: str,
    consequences: Iterable[str],
    action_url: str,
    confirm_label: str,
    cancel_url: str,
    fields: Mapping[str, object] | None = None,
    danger: bool = False,
) -> TemplateResponse:
    """The confirmation page: `consequences` say, one sentence each, what will happen.

    `fields` are posted with the confirmation (the choice made on the page before).
    """
    return TemplateResponse(
        request,
        "confirm.html",
        {
            "confirmation_title": title,
            "consequences": list(consequences),
            "action_url": action_url,
            "confirm_label": confirm_label,
            "cancel_url": cancel_url,
            "fields": {name: value for name, value in (fields or {}).items() if value is not None},
            "danger": danger,
        },
    )
