from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    """What every app of the portal shares: the history base, charts, view helpers."""

    name = "common"
    verbose_name = _("Common")
