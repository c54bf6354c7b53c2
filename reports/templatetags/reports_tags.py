from django import template

from accounts.roles import is_secretariat

from ..selectors import note_list_for_meeting, participant_list_latest

register = template.Library()


@register.inclusion_tag("reports/_meeting_documents.html", takes_context=True)
def meeting_documents(context, meeting, others=()):
    """A meeting's notes and list of participants, below its `others` documents.

    Says "No documents yet." when there is none of either, so that the page has
    one Documents heading and one empty message.
    """
    staff = is_secretariat(context["request"].user)
    return {
        "meeting": meeting,
        "others": others,
        "notes": note_list_for_meeting(meeting=meeting, include_drafts=staff),
        "published_list": participant_list_latest(meeting=meeting, published_only=True),
        "participant_list": participant_list_latest(meeting=meeting, published_only=False)
        if staff
        else None,
        "can_generate": staff,
        "csrf_token": context.get("csrf_token"),
        "request": context["request"],
    }
