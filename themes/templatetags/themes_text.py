import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def proposal_markdown(text: str) -> str:
    """A proposal's Markdown text as sanitized HTML."""
    return mark_safe(nh3.clean(markdown_lib.markdown(text or "")))
