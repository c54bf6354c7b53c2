from django import template
from django.urls import reverse

from ..selectors import subscription_exists

register = template.Library()


@register.inclusion_tag("workshops/_subscribe.html", takes_context=True)
def subscribe_button(context, meeting=None, dialogue_year=None):
    """Follow / stop following a meeting's or a year's documents (signed-in users only)."""
    user = context["request"].user
    if meeting is not None:
        action = reverse("workshops:meeting_subscribe", args=[meeting.pk])
    else:
        action = reverse("workshops:year_subscribe", args=[dialogue_year.year])
    return {
        "user": user,
        "action": action,
        "subscribed": subscription_exists(user=user, meeting=meeting, dialogue_year=dialogue_year),
        "csrf_token": context.get("csrf_token"),
        "is_meeting": meeting is not None,
    }
