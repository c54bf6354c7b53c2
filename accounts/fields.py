from django.conf import settings
from django.db import models


def acting_user_field(verbose_name, *, in_history: bool = False) -> models.ForeignKey:
    """Who did something: kept as a reference that outlives the user's account.

    In an append-only history (`in_history`) the entry cannot be changed to forget
    the user, so the user's account is kept (deactivated, not deleted).
    """
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT if in_history else models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )
