import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import mark_safe

register = template.Library()

# Text formatting and links only: no <img>, so a proposal cannot make every reader's
# browser fetch a remote image (a tracking pixel), and no raw HTML beyond these.
PROPOSAL_TAGS = {
    "a",
    "blockquote",
    "br",
    "code",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "ul",
}
PROPOSAL_ATTRIBUTES = {"a": {"href", "title"}}


@register.filter
def proposal_markdown(text: str) -> str:
    """A proposal's Markdown text as sanitized HTML."""
    html = markdown_lib.markdown(text or "")
    return mark_safe(nh3.clean(html, tags=PROPOSAL_TAGS, attributes=PROPOSAL_ATTRIBUTES))
