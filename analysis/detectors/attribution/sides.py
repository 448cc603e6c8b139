"""Whose side a source is on, from the story's sides (``Settings.story``, docs/stories.md).

A source is on a side when its text (or the name it resolves to) holds one of the side's names or
aliases; the earliest mention in the text decides between sides. The accused side speaking is
``counterparty`` whatever the words, and other outlets are ``media`` in any story. With no story
file there are no sides, so every other source is ``other``: nothing is put on a side by guess.
"""

from __future__ import annotations


def side_of(src_text: str, resolved: str | None, source_type: str, cues) -> tuple[str, str | None]:
    """(role, side name): role is accused, accuser, media or other; the name is the story side's
    name, or None when the source is on no named side."""
    if source_type == "other_media":
        return "media", None
    text = f"{src_text} {resolved or ''}"
    found = _earliest_side(text, cues.sides)
    if source_type == "counterparty":
        accused = [side for side in cues.sides if side[1] == "accused"]
        return "accused", (found[0] if found and found[1] == "accused" else _only_name(accused))
    if found:
        return found[1], found[0]
    return "other", None


def _earliest_side(text: str, sides) -> tuple[str, str] | None:
    """(name, role) of the side named first in ``text``."""
    best, best_at = None, len(text) + 1
    for name, role, words in sides:
        at = words.first_position(text)
        if at is not None and at < best_at:
            best, best_at = (name, role), at
    return best


def _only_name(sides) -> str | None:
    return sides[0][0] if len(sides) == 1 else None
