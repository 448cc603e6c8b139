"""Boilerplate removal that keeps a map back to raw offsets.

The raw text is split into lines. Rules from ``data/boilerplate_rules.yaml`` (or a user
file) remove whole lines or pieces of lines; each removal is recorded with its rule and raw
span. Every kept line becomes one paragraph of the clean text, joined by blank lines, and
``CleanText.to_raw`` maps any clean offset back to the raw file.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from analysis.datafiles import DataFileError, file_stamp, read_data_file

PARAGRAPH_SEPARATOR = "\n\n"
_LINE = re.compile(r"[^\r\n]*")
_ONLY_PUNCT = re.compile(r"^[\s\W_]*$")
RULE_KINDS = ("line", "line_and_next", "inline")


class RuleFileError(DataFileError):
    """A boilerplate rule file that cannot be used (names the file and the rule's line)."""


@dataclass(frozen=True)
class BoilerplateRule:
    name: str
    kind: str
    pattern: re.Pattern
    scope: str = "any"
    description: str = ""
    source: str = ""

    def matches_line(self, line: str) -> bool:
        return self.pattern.fullmatch(line.strip()) is not None


@dataclass(frozen=True)
class RuleSet:
    version: str
    rules: tuple[BoilerplateRule, ...]


def _compile(entry, where: str, line: int | None) -> BoilerplateRule:
    if not isinstance(entry, dict):
        raise RuleFileError(where, f"a rule must be a mapping, not {entry!r}", line)
    missing = {"name", "kind", "pattern"} - set(entry)
    if missing:
        raise RuleFileError(where, f"rule {entry.get('name', '?')!r} lacks {sorted(missing)}", line)
    if entry["kind"] not in RULE_KINDS:
        raise RuleFileError(where, f"rule {entry['name']!r} has kind {entry['kind']!r}; use one of {RULE_KINDS}", line)
    flags = 0 if entry.get("case_sensitive") else re.IGNORECASE
    try:
        pattern = re.compile(entry["pattern"], flags)
    except re.error as exc:
        raise RuleFileError(where, f"rule {entry['name']!r} has a bad pattern: {exc}", line) from exc
    return BoilerplateRule(
        entry["name"],
        entry["kind"],
        pattern,
        entry.get("scope", "any"),
        entry.get("description", ""),
        entry.get("source", ""),
    )


def load_rules(path: str | None = None) -> RuleSet:
    """Load boilerplate rules from a YAML file (None = the bundled rules); an edited file is read again."""
    return _load_rules(path, file_stamp(path))


@lru_cache(maxsize=8)
def _load_rules(path: str | None, stamp) -> RuleSet:
    file = read_data_file(path, "boilerplate_rules.yaml")
    data = file.yaml() or {}
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RuleFileError(file.where, "no 'rules' list")
    lines = file.item_lines("rules")
    rules = tuple(_compile(entry, file.where, line) for entry, line in zip(data["rules"], lines))
    return RuleSet(str(data.get("version", "unversioned")), rules)


@dataclass
class CleanText:
    """Clean text, its paragraphs and the map from clean to raw offsets."""

    text: str
    # Each segment: (clean_start, raw_start, length), sorted by clean_start.
    segments: list[tuple[int, int, int]] = field(default_factory=list)
    # Each paragraph: (clean_start, clean_end).
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    # Each removal: {"rule", "start", "end", "text"} in raw offsets.
    removed: list[dict] = field(default_factory=list)

    def __post_init__(self):
        self._segment_starts = [s[0] for s in self.segments]
        self._raw_starts = [s[1] for s in self.segments]
        self._paragraph_starts = [p[0] for p in self.paragraphs]

    def to_clean(self, offset: int) -> int:
        """Clean offset of a raw offset; a raw offset in removed text maps to the next kept character."""
        i = bisect.bisect_right(self._raw_starts, offset) - 1
        if i < 0:
            return 0
        clean_start, raw_start, length = self.segments[i]
        if offset < raw_start + length:
            return clean_start + offset - raw_start
        return self.segments[i + 1][0] if i + 1 < len(self.segments) else clean_start + length

    def span_to_clean(self, start: int, end: int) -> tuple[int, int]:
        """Clean span of a raw span (the inverse of ``span_to_raw`` on kept text)."""
        return (self.to_clean(start), self.to_clean(end - 1) + 1) if end > start else (self.to_clean(start),) * 2

    def to_raw(self, offset: int) -> int:
        """Raw offset of a clean offset; an offset between segments maps to the end of the previous one."""
        i = bisect.bisect_right(self._segment_starts, offset) - 1
        if i < 0:
            return self.segments[0][1] if self.segments else 0
        clean_start, raw_start, length = self.segments[i]
        return raw_start + min(offset - clean_start, length)

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw span of a clean span. The end is mapped as the end of its last character."""
        if end <= start:
            raw = self.to_raw(start)
            return raw, raw
        return self.to_raw(start), self.to_raw(end - 1) + 1

    def paragraph_of(self, offset: int) -> int:
        return max(bisect.bisect_right(self._paragraph_starts, offset) - 1, 0)


def _lines(raw: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line, excluding line breaks."""
    return [(m.start(), m.end()) for m in _LINE.finditer(raw) if m.end() > m.start()]


def clean_text(raw: str, rules: RuleSet, disabled: tuple[str, ...] = ()) -> CleanText:
    """Remove boilerplate from ``raw`` and return the clean text with its offset map."""
    active = [r for r in rules.rules if r.name not in disabled]
    lines = [(s, e) for s, e in _lines(raw) if raw[s:e].strip()]
    removed: list[dict] = []
    kept: list[list[tuple[int, int]]] = []  # per kept line: list of raw pieces
    skip_next_for: str | None = None
    for index, (start, end) in enumerate(lines):
        line = raw[start:end]
        if skip_next_for is not None:
            removed.append({"rule": skip_next_for, "start": start, "end": end, "text": line})
            skip_next_for = None
            continue
        whole = next(
            (r for r in active if r.kind != "inline" and r.matches_line(line) and (r.scope == "any" or index == 0)),
            None,
        )
        if whole is not None:
            removed.append({"rule": whole.name, "start": start, "end": end, "text": line})
            if whole.kind == "line_and_next":
                skip_next_for = whole.name
            continue
        pieces = _apply_inline(
            raw, start, end, [r for r in active if r.kind == "inline" and (r.scope == "any" or index == 0)], removed
        )
        if not pieces:
            continue
        if _ONLY_PUNCT.match("".join(raw[s:e] for s, e in pieces)):
            removed.append({"rule": "leftover_punctuation", "start": start, "end": end, "text": line})
            continue
        kept.append(pieces)
    return _assemble(raw, kept, sorted(removed, key=lambda r: r["start"]))


def _apply_inline(raw, start, end, rules, removed) -> list[tuple[int, int]]:
    """Cut inline matches out of one line; return the kept raw pieces, trimmed of outer spaces."""
    cuts: list[tuple[int, int, str]] = []
    line = raw[start:end]
    for rule in rules:
        for m in rule.pattern.finditer(line):
            if m.end() > m.start():
                cuts.append((start + m.start(), start + m.end(), rule.name))
    pieces, pos = [], start
    for s, e, name in sorted(cuts):
        if s < pos:  # overlapping matches: the first one wins
            continue
        pieces.append((pos, s))
        removed.append({"rule": name, "start": s, "end": e, "text": raw[s:e]})
        pos = e
    pieces.append((pos, end))
    # Trim whitespace at the outer edges so paragraphs start and end on text.
    pieces = [(s, e) for s, e in pieces if e > s]
    if pieces:
        s, e = pieces[0]
        pieces[0] = (s + len(raw[s:e]) - len(raw[s:e].lstrip()), e)
        s, e = pieces[-1]
        pieces[-1] = (s, e - (len(raw[s:e]) - len(raw[s:e].rstrip())))
    return [(s, e) for s, e in pieces if e > s]


def _assemble(raw: str, kept, removed) -> CleanText:
    parts: list[str] = []
    segments: list[tuple[int, int, int]] = []
    paragraphs: list[tuple[int, int]] = []
    pos = 0
    for n, pieces in enumerate(kept):
        if n:
            parts.append(PARAGRAPH_SEPARATOR)
            pos += len(PARAGRAPH_SEPARATOR)
        para_start = pos
        for s, e in pieces:
            segments.append((pos, s, e - s))
            parts.append(raw[s:e])
            pos += e - s
        paragraphs.append((para_start, pos))
    return CleanText("".join(parts), segments, paragraphs, removed)
