"""The one quotation scanner: the quotation depth of every character of a clean text.

Hedge cues, attributions and sentences all read their ``in_quote`` from this depth (through
``ParsedDocument.quote_depth``), so they can never contradict one another.
"""

from __future__ import annotations

# Opening mark -> the marks that close it. German and Polish quotes open low („ ‚) and close
# with “ ‘ or ” ’; English ones open with “ ‘; guillemets point either way in French and German.
CLOSERS = {"“": "”", "„": "“”", "«": "»", "»": "«", "‚": "‘’", "‘": "’"}


def _inch_mark(prev: str, nxt: str, stack: list[str]) -> bool:
    """A straight double quote right after a digit and before no letter, with no straight quote
    open, is a unit ('the 5" shells'), not a quotation mark."""
    return prev.isdigit() and not nxt.isalnum() and '"' not in stack


def _close(stack: list[str], opener: str) -> None:
    while stack and stack.pop() != opener:
        pass


def _closes(ch: str, stack: list[str]) -> str | None:
    """The open mark that ``ch`` closes, innermost first (None: ``ch`` closes nothing open)."""
    for opener in reversed(stack):
        if ch in CLOSERS.get(opener, ""):
            return opener
    return None


def quote_depth(text: str) -> list[int]:
    """Quotation depth of every character (0 = writer's voice); a mark has the depth of the quote
    it opens or closes. Quotes close at paragraph ends, so an unclosed multi-paragraph quote never
    leaks into the next paragraph. Apostrophes (’ between letters, or after a letter with no ‘
    open) and inch marks are not quote marks."""
    depth = [0] * len(text)
    stack: list[str] = []
    n = len(text)
    for i, ch in enumerate(text):
        if ch == "\n" and i + 1 < n and text[i + 1] == "\n":
            stack.clear()
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if ch == '"':
            if _inch_mark(prev, nxt, stack):
                pass
            elif '"' in stack and (not nxt.isalnum() or prev.isalnum() or prev in ".,!?"):
                depth[i] = len(stack)
                _close(stack, '"')
                continue
            else:
                stack.append('"')
        elif ch in CLOSERS or ch in "”’":
            opener = _closes(ch, stack)
            if opener is not None and not (ch == "’" and nxt.isalnum()):
                depth[i] = len(stack)
                _close(stack, opener)
                continue
            if ch in CLOSERS and not (ch == "‘" and prev.isalnum()) and ch not in "»":
                stack.append(ch)
            elif ch == "»" and not stack:
                stack.append(ch)  # German »…« quotes
        depth[i] = len(stack)
    return depth


def in_quote(depth: list[int], char: int) -> bool:
    """Whether a clean character offset lies inside a quotation."""
    return 0 <= char < len(depth) and depth[char] > 0
