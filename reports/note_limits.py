"""How much a note's body may ask of the Markdown converter.

Python-Markdown's time grows with the square of some inputs: a footnote called
again and again, or a "[" or "<" that opens nothing, which makes it scan the
rest of its block. So a body past these bounds is refused with a message
before it is converted, and the work of any preview or PDF stays bounded:
at most NOTE_BRACKETS_MAX scans of at most NOTE_BLOCK_MAX_CHARS characters,
at most NOTE_FOOTNOTE_REPEATS_MAX calls of one footnote, and linear work on
the rest. A real note (IC/2010/5: 5,000 characters, seven footnotes, no
bracket outside its footnote calls and markers) is far inside every bound.
"""

import re
from collections import Counter

from django.conf import settings
from django.utils.translation import gettext as _

# [^label] not followed by ":" (that is the footnote itself).
FOOTNOTE_CALL = re.compile(r"\[\^(?P<label>[^\]\s]+)\](?!:)")
# A footnote's call or its definition's label: matched where it stands, no look-ahead.
FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]+\]")
# Characters at which Python-Markdown's inline patterns look ahead for a closing part.
OPENERS = re.compile(r"[\[<]")
# Blocks end at a blank line; each footnote's definition is a block of its own too.
BLOCK_END = re.compile(r"\n[ \t]*\n|\n(?=\[\^[^\]\s]+\]:)")


def body_limit_problems(text: str) -> list[str]:
    """The bounds the text passes over, in the author's words; [] when it may be converted."""
    if len(text) > settings.NOTE_BODY_MAX_CHARS:
        # The other counts would scan all of it for nothing.
        return [
            _(
                "The body has %(count)s characters; a note may have at most %(limit)s. "
                "Split it into several notes."
            )
            % {"count": len(text), "limit": settings.NOTE_BODY_MAX_CHARS}
        ]
    problems = _footnote_problems(text)
    for number, block in enumerate(BLOCK_END.split(text), start=1):
        if len(block) > settings.NOTE_BLOCK_MAX_CHARS:
            problems.append(
                _(
                    "Block %(number)s (counting from the top, blocks are separated by a blank "
                    "line) has %(count)s characters; one block may have at most %(limit)s. "
                    "Split it with a blank line."
                )
                % {"number": number, "count": len(block), "limit": settings.NOTE_BLOCK_MAX_CHARS}
            )
    openers = len(OPENERS.findall(FOOTNOTE_MARK.sub("", text)))
    if openers > settings.NOTE_BRACKETS_MAX:
        problems.append(
            _(
                "The body has %(count)s “[” and “<” besides its footnote calls; a note may have "
                "at most %(limit)s. Remove some."
            )
            % {"count": openers, "limit": settings.NOTE_BRACKETS_MAX}
        )
    return problems


def _footnote_problems(text: str) -> list[str]:
    problems = []
    labels = Counter(match["label"] for match in FOOTNOTE_CALL.finditer(text))
    calls = sum(labels.values())
    if calls > settings.NOTE_FOOTNOTE_CALLS_MAX:
        problems.append(
            _(
                "The body calls footnotes %(count)s times; a note may call them at most "
                "%(limit)s times."
            )
            % {"count": calls, "limit": settings.NOTE_FOOTNOTE_CALLS_MAX}
        )
    for label, count in labels.most_common():
        if count <= settings.NOTE_FOOTNOTE_REPEATS_MAX:
            break
        problems.append(
            _(
                "The footnote [^%(label)s] is called %(count)s times; one footnote may be called "
                "at most %(limit)s times."
            )
            % {"label": label, "count": count, "limit": settings.NOTE_FOOTNOTE_REPEATS_MAX}
        )
    return problems
