"""The attribution record and the character-span helpers every extractor shares.

Base module of the attribution detector: every other module of it imports this one (for the
cue entry it needs only ``lexicon``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analysis.detectors.attribution.lexicon import CueEntry

OPEN_QUOTES = '“"‘«'
CLOSE_QUOTES = '”"’»'
QUOTE_CHARS = set(OPEN_QUOTES + CLOSE_QUOTES)


@dataclass
class Record:
    """One attribution in clean offsets, before classification."""

    cue: tuple[int, int]
    lemma: str
    kind: str
    entry: CueEntry | None
    rule: str
    source: tuple[int, int] | None = None
    content: list[tuple[int, int]] = field(default_factory=list)
    addressee: tuple[int, int] | None = None
    negated: bool = False
    agentless: bool = False
    source_head: str = ""  # head word of the source noun phrase
    source_plural: bool = False
    source_person: str | None = None  # a PERSON name found in the source
    head_token: object = None  # spaCy token of the cue (parse mode)
    parent_token: object = None  # governing cue token for nested records
    # filled later
    resolved: str | None = None
    source_type: str = ""
    anonymous: bool = False
    marker: str | None = None
    entity: str | None = None
    mode: str = "indirect"
    side: str = "other"
    side_name: str | None = None  # the story side's name
    parent: int | None = None
    stance: str = "neutral"


def span_of(tokens) -> tuple[int, int] | None:
    """Clean character span of tokens, ignoring whitespace tokens."""
    tokens = [t for t in tokens if not t.is_space]
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


_ABBREV_END = re.compile(r"(?:\b[A-Z]\.){2,}$")


def trim_span(text: str, span, strip_that: bool = False) -> tuple[int, int] | None:
    """A span without edge spaces, punctuation and quote marks (an abbreviation keeps its final dot,
    a quotation opened inside keeps its closing mark); with strip_that, also without a leading
    'that', 'and that', 'but' or 'and'."""
    if span is None:
        return None
    s, e = span
    junk = " \n,;:–—-" + "".join(QUOTE_CHARS)
    changed = True
    while changed and s < e:
        changed = False
        while s < e and text[s] in junk:
            s += 1
            changed = True
        while e > s and text[e - 1] in junk + "." and not _ABBREV_END.search(text[s:e]):
            e -= 1
            changed = True
        if strip_that:
            for word in ("that ", "and that ", "but ", "and "):
                if text[s : s + len(word)].lower() == word:
                    s += len(word)
                    changed = True
    if e <= s:
        return None
    # keep a closing quote when its opener is inside the span (mixed content)
    if e < len(text) and text[e] in '”’"' and any(text[i] in '“‘"' for i in range(s, e)):
        opens = sum(text[i] in "“‘" for i in range(s, e))
        closes = sum(
            text[i] in "”" or (text[i] == "’" and (i + 1 >= len(text) or not text[i + 1].isalnum()))
            for i in range(s, e)
        )
        if opens > closes:
            e += 1
    return s, e


def subtract_spans(span, holes) -> list[tuple[int, int]]:
    """span minus the hole spans, as a list of pieces."""
    pieces = [span]
    for hs, he in holes:
        out = []
        for s, e in pieces:
            if he <= s or hs >= e:
                out.append((s, e))
                continue
            if hs > s:
                out.append((s, hs))
            if he < e:
                out.append((he, e))
        pieces = out
    return pieces
