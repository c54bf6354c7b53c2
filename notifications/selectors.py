"""Reads of the notifications app."""

from django.db.models import QuerySet

from .models import OptOut, OutboxMessage


def outbox_list() -> QuerySet[OutboxMessage]:
    # The recipient's account is shown beside the address; no body is needed for the list.
    return OutboxMessage.objects.select_related("recipient").defer("body_text", "body_html")


def outbox_message_get(*, pk: int) -> OutboxMessage:
    return OutboxMessage.objects.select_related("recipient", "resent_by").get(pk=pk)


def switched_off_kinds(*, user) -> set[str]:
    return set(OptOut.objects.filter(user=user).values_list("kind", flat=True))
