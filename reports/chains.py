"""A note's chain: the original, its revisions, corrigenda and addenda, in that order.

IC/2010/5/Rev.1 supersedes IC/2010/5, Rev.2 supersedes Rev.1; corrigenda and addenda
amend the original and supersede nothing. What a reader sees of a chain is only what
they may see of its members (drafts are the secretariat's): a published original
whose revision is still a draft is not superseded for the public.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from .models import AmendmentKind, DiscussionNote

KIND_ORDER = {
    "": 0,
    AmendmentKind.REVISION: 1,
    AmendmentKind.CORRIGENDUM: 2,
    AmendmentKind.ADDENDUM: 3,
}


@dataclass(frozen=True)
class ChainMember:
    note: DiscussionNote
    superseded_by: DiscussionNote | None


def chain_sort_key(note: DiscussionNote) -> tuple[int, int]:
    return KIND_ORDER[note.amendment_kind], note.amendment_number


def chain_members(notes: Iterable[DiscussionNote]) -> list[ChainMember]:
    """The notes of one chain that a reader may see, in order, each with what supersedes it."""
    ordered = sorted(notes, key=chain_sort_key)
    texts = [n for n in ordered if n.amendment_kind in ("", AmendmentKind.REVISION)]
    latest = texts[-1] if texts else None
    return [
        ChainMember(
            note=note,
            superseded_by=latest if note in texts and note is not latest else None,
        )
        for note in ordered
    ]


def next_amendment_symbol(*, base: DiscussionNote, kind: str, taken: Iterable[str]) -> str:
    """IC/2010/5 + revision → IC/2010/5/Rev.1, or Rev.3 if Rev.1 and Rev.2 exist."""
    prefix = f"{base.symbol}/{kind}."
    numbers = [int(symbol[len(prefix) :]) for symbol in taken if symbol.startswith(prefix)]
    return f"{prefix}{max(numbers, default=0) + 1}"
