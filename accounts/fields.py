from django.conf import settings
from django.db import models


def acting_user_field(verbose_name) -> models.ForeignKey:
    """Who did something: kept as a reference that outlives the user's account."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )
