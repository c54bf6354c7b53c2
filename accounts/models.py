from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A portal account.

    A user with a member state is that state's focal point; the secretariat
    is the "Secretariat" group (see accounts.roles).
    """

    member_state = models.ForeignKey(
        "participants.MemberState",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="focal_points",
        verbose_name=_("member state"),
        help_text=_("Set for a focal point: the one member state this user acts for."),
    )

    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the e-mails the portal sends this user."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
