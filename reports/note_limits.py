"""How much a note's body may ask of the Markdown converter.

Python-Markdown's time grows with the square of some inputs (a footnote
called again and again, square or angle brackets that open nothing in a long
paragraph), so a body past these bounds is refused with a message before it
is converted: no preview or PDF of any note costs more than a bounded amount
of work. A real note (IC/2010/5 is 5,000 characters, seven footnotes) is far
inside every bound.
"""

import re

from django.conf import settings
from django.utils.translation import gettext as _

# [^label] not followed by ":" (that is the footnote itself).
FOOTNOTE_CALL = re.compile(r"\[\^[^\]\s]+\](?!:)")
# Characters at which Python-Markdown's inline patterns look ahead for a closing part.
OPENERS = re.compile(r"[\[<]")
BLANK_LINE = re.compile(r"\n[ \t]*\n")


def body_limit_problems(text: str) -> list[str]:
    """The bounds the text passes over, in the author's words; [] when it may be converted."""
    problems = []
    if len(text) > settings.NOTE_BODY_MAX_CHARS:
        problems.append(
            _(
                "The body has %(count)s characters; a note may have at most %(limit)s. "
                "Split it into several notes."
            )
            % {"count": len(text), "limit": settings.NOTE_BODY_MAX_CHARS}
        )
        return problems  # the other counts would scan all of it for nothing
    calls = len(FOOTNOTE_CALL.findall(text))
    if calls > settings.NOTE_FOOTNOTE_CALLS_MAX:
        problems.append(
            _(
                "The body calls footnotes %(count)s times; a note may call them at most "
                "%(limit)s times."
            )
            % {"count": calls, "limit": settings.NOTE_FOOTNOTE_CALLS_MAX}
        )
    for number, paragraph in enumerate(BLANK_LINE.split(text), start=1):
        # A footnote call is matched where it stands; it opens no look-ahead.
        openers = len(OPENERS.findall(FOOTNOTE_CALL.sub("", paragraph)))
        if openers > settings.NOTE_PARAGRAPH_BRACKETS_MAX:
            problems.append(
                _(
                    "Block %(number)s has %(count)s “[” and “<”; one block may have at most "
                    "%(limit)s. Split it or remove some."
                )
                % {
                    "number": number,
                    "count": openers,
                    "limit": settings.NOTE_PARAGRAPH_BRACKETS_MAX,
                }
            )
    return problems
