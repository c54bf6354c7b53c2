from django.db import IntegrityError, transaction

from ..models import DialogueYear, Meeting, Subscription


def subscription_set(
    *,
    user,
    subscribed: bool,
    meeting: Meeting | None = None,
    dialogue_year: DialogueYear | None = None,
) -> bool:
    """Subscribes a user to a meeting's or a year's documents, or ends it; True if it changed."""
    if (meeting is None) == (dialogue_year is None):
        raise TypeError("Subscribe to a meeting or to a year.")
    target = {"meeting": meeting} if meeting is not None else {"dialogue_year": dialogue_year}
    if not subscribed:
        deleted, _ = Subscription.objects.filter(user=user, **target).delete()
        return bool(deleted)
    try:
        # A savepoint: a double click loses the race to the unique constraint, nothing else.
        with transaction.atomic():
            Subscription.objects.create(user=user, **target)
    except IntegrityError:
        return False
    return True
