"""How the portal writes moments in its messages and e-mails."""

import datetime

from django.utils import formats, timezone


def format_when(moment: datetime.datetime) -> str:
    """A moment as the portal shows it in messages: local time, the locale's format."""
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
