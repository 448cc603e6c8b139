"""A passage cut into numbered lines, so a handout can say "line 3" and mean the same words on
screen and on paper: lines are cut here, at spaces, never inside a marked span, and each is shown
as a block of its own (the print CSS never re-wraps them)."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 72  # characters per line: fits A4 and Letter at the handout's type size


@dataclass(frozen=True)
class Line:
    number: int  # 1-based
    text: str
    start: int  # offset of the line in the passage's text


def wrap(text: str, protected: list[tuple[int, int]] = (), width: int = WIDTH) -> list[Line]:
    """``text`` cut into lines of at most ``width`` characters where possible, at spaces outside
    ``protected`` spans (a span longer than a line stays whole). Each line's text is the slice of
    ``text`` from its start, without the space it was cut at."""
    breaks = [i for i, ch in enumerate(text) if ch == " " and not any(s <= i < e for s, e in protected)]
    lines, start = [], 0
    while len(text) - start > width:
        fitting = [b for b in breaks if start < b <= start + width]
        cut = fitting[-1] if fitting else next((b for b in breaks if b > start), None)
        if cut is None:
            break
        lines.append(Line(len(lines) + 1, text[start:cut], start))
        start = cut + 1
    lines.append(Line(len(lines) + 1, text[start:], start))
    return lines
