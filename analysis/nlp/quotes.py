"""The one quotation scanner: the quotation depth of every character of a clean text.

Hedge cues, attributions and sentences all read their ``in_quote`` from this depth (through
``ParsedDocument.quote_depth``), so they can never contradict one another.

The scan is linear in the text's length: it visits only the quotation marks and paragraph breaks,
and the open marks are indexed by kind (``OpenQuotes``), so a paragraph with thousands of unclosed
quotes costs no more per mark than one with none.
"""

from __future__ import annotations

import re

# Opening mark -> the marks that close it. German and Polish quotes open low („ ‚) and close
# with “ ‘ or ” ’; English ones open with “ ‘; guillemets point either way in French and German.
CLOSERS = {"“": "”", "„": "“”", "«": "»", "»": "«", "‚": "‘’", "‘": "’"}
# The characters the scan stops at: a paragraph break (its first newline) and every quotation mark.
_STOPS = re.compile(r"\n(?=\n)|[\"“”„«»‚‘’]")


class OpenQuotes:
    """The open quotation marks, innermost last, with the stack positions of each kind of mark.

    Whether a kind is open, and which open mark a character closes, are answered from the
    positions (one look per kind in ``CLOSERS``), never by walking the stack."""

    def __init__(self) -> None:
        self.marks: list[str] = []
        self.positions: dict[str, list[int]] = {}

    def __len__(self) -> int:
        return len(self.marks)

    def __contains__(self, mark: str) -> bool:
        return bool(self.positions.get(mark))

    def push(self, mark: str) -> None:
        self.positions.setdefault(mark, []).append(len(self.marks))
        self.marks.append(mark)

    def pop(self) -> str:
        mark = self.marks.pop()
        self.positions[mark].pop()
        return mark

    def clear(self) -> None:
        self.marks.clear()
        self.positions.clear()

    def close(self, opener: str) -> None:
        """Close ``opener`` and every mark opened inside it."""
        while self.marks and self.pop() != opener:
            pass

    def closed_by(self, ch: str) -> str | None:
        """The innermost open mark that ``ch`` closes (None: ``ch`` closes nothing open)."""
        best, best_position = None, -1
        for opener, closers in CLOSERS.items():
            if ch in closers and self.positions.get(opener) and self.positions[opener][-1] > best_position:
                best, best_position = opener, self.positions[opener][-1]
        return best


def _inch_mark(prev: str, nxt: str, stack: OpenQuotes) -> bool:
    """A straight double quote right after a digit and before no letter, with no straight quote
    open, is a unit ('the 5" shells'), not a quotation mark."""
    return prev.isdigit() and not nxt.isalnum() and '"' not in stack


def _mark_depth(ch: str, prev: str, nxt: str, stack: OpenQuotes) -> int:
    """Update the open marks for the mark ``ch`` and return the mark's own depth."""
    if ch == '"':
        if _inch_mark(prev, nxt, stack):
            pass
        elif '"' in stack and (not nxt.isalnum() or prev.isalnum() or prev in ".,!?"):
            depth = len(stack)
            stack.close('"')
            return depth
        else:
            stack.push('"')
        return len(stack)
    opener = stack.closed_by(ch)
    if opener is not None and not (ch == "’" and nxt.isalnum()):
        depth = len(stack)
        stack.close(opener)
        return depth
    if ch in CLOSERS and not (ch == "‘" and prev.isalnum()) and ch != "»":
        stack.push(ch)
    elif ch == "»" and not stack:
        stack.push(ch)  # German »…« quotes
    return len(stack)


def quote_depth(text: str) -> list[int]:
    """Quotation depth of every character (0 = writer's voice); a mark has the depth of the quote
    it opens or closes. Quotes close at paragraph ends, so an unclosed multi-paragraph quote never
    leaks into the next paragraph. Apostrophes (’ between letters, or after a letter with no ‘
    open) and inch marks are not quote marks."""
    n = len(text)
    depth = [0] * n
    stack = OpenQuotes()
    after = 0  # the first character after the last stop
    for match in _STOPS.finditer(text):
        i = match.start()
        if stack:  # characters between stops keep the depth the last stop left
            depth[after:i] = [len(stack)] * (i - after)
        if text[i] == "\n":
            stack.clear()
        else:
            depth[i] = _mark_depth(text[i], text[i - 1] if i else " ", text[i + 1] if i + 1 < n else " ", stack)
        after = i + 1
    if stack:
        depth[after:] = [len(stack)] * (n - after)
    return depth


def in_quote(depth: list[int], char: int) -> bool:
    """Whether a clean character offset lies inside a quotation."""
    return 0 <= char < len(depth) and depth[char] > 0
