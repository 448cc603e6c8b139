"""The hedge lexicon and the context-rule list: data files in ``analysis/data/``.

The lexicon is a CSV with a ``# version:`` comment line and the columns
``pattern, lemma, category, source, note`` (see the header of ``hedge_lexicon.csv`` for the
pattern syntax). A user lexicon in the same format replaces the bundled one
(``Settings.hedge_lexicon``); a bad row raises ``LexiconError`` naming the file and the row.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from analysis.datafiles import file_stamp, split_comment_header
from analysis.vocabulary import HEDGE_CATEGORIES

LEXICON_FILE = "data/hedge_lexicon.csv"
RULES_FILE = "data/hedge_rules.yaml"
REQUIRED_COLUMNS = ("pattern", "category")
MACROS = {
    "BE": ("am", "is", "are", "was", "were", "be", "been", "being", "'s", "'re", "'m"),
    "HAVE": ("has", "have", "had", "'s", "'ve", "'d"),
    "DO": ("do", "does", "did"),
    "NOT": ("not", "n't", "never"),
    "WH": ("how", "what", "which", "when", "where", "whether", "who", "whom", "why", "if"),
    "DET": ("a", "an", "the", "any", "some", "this", "that", "these", "those", "its", "their", "his", "her"),
    "MOD": ("may", "might", "could", "would", "can", "will", "should", "must"),
}


class LexiconError(ValueError):
    """A lexicon or rule file cannot be used (the message names the file and the row)."""


@dataclass(frozen=True)
class PatternToken:
    forms: frozenset[str]
    optional: bool = False


@dataclass(frozen=True)
class LexiconEntry:
    pattern: str
    tokens: tuple[PatternToken, ...]
    lemma: str
    category: str
    source: str
    note: str
    row: int


@dataclass(frozen=True)
class Lexicon:
    version: str
    where: str
    entries: tuple[LexiconEntry, ...]

    def first_forms(self) -> dict[str, list[LexiconEntry]]:
        """Entries indexed by every form their first required or optional token can take."""
        index: dict[str, list[LexiconEntry]] = {}
        for entry in self.entries:
            for form in _possible_first(entry.tokens):
                index.setdefault(form, []).append(entry)
        return index


@dataclass(frozen=True)
class ContextRule:
    name: str
    description: str
    source: str
    enabled: bool
    example: str = ""


def _possible_first(tokens: tuple[PatternToken, ...]) -> set[str]:
    forms: set[str] = set()
    for token in tokens:
        forms |= token.forms
        if not token.optional:
            break
    return forms


def compile_pattern(pattern: str) -> tuple[PatternToken, ...]:
    """Turn ``"DO NOT provide DET? evidence|proof"`` into pattern tokens."""
    tokens = []
    for part in pattern.split():
        optional = part.endswith("?") and len(part) > 1
        if optional:
            part = part[:-1]
        forms: set[str] = set()
        for alt in part.split("|"):
            if not alt:
                raise ValueError(f"empty alternative in {part!r}")
            if alt in MACROS:
                forms.update(MACROS[alt])
            elif alt.isupper() and alt.isalpha() and len(alt) > 1:
                raise ValueError(f"unknown macro {alt!r} (known: {', '.join(MACROS)})")
            else:
                forms.add(normalise(alt))
        tokens.append(PatternToken(frozenset(forms), optional))
    if not tokens or all(t.optional for t in tokens):
        raise ValueError("pattern needs at least one required token")
    return tuple(tokens)


def normalise(text: str) -> str:
    return text.lower().replace("\u2019", "'").replace("\u2018", "'")


def _read_text(path: str | None) -> tuple[str, str]:
    if path is None:
        return resources.files("analysis").joinpath(LEXICON_FILE).read_text("utf-8"), "bundled hedge_lexicon.csv"
    p = Path(path)
    if not p.is_file():
        raise LexiconError(f"{path}: no such hedge lexicon file")
    try:
        return p.read_text(encoding="utf-8-sig"), str(path)
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def load_lexicon(path: str | None = None) -> Lexicon:
    """Load a hedge lexicon CSV (None = the bundled one); an edited file is read again."""
    return _load_lexicon(path, file_stamp(path))


@lru_cache(maxsize=8)
def _load_lexicon(path: str | None, stamp) -> Lexicon:
    text, where = _read_text(path)
    lines = text.splitlines()
    found, body_start = split_comment_header(text)
    version = found or "unversioned"
    if body_start >= len(lines):
        raise LexiconError(f"{where}: no header row")
    reader = csv.DictReader(io.StringIO("\n".join(lines[body_start:])))
    columns = [c.strip() for c in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise LexiconError(
            f"{where}: missing column(s) {missing}; the header must name at least "
            f"{list(REQUIRED_COLUMNS)} (found {columns})"
        )
    entries = []
    for n, row in enumerate(reader, start=body_start + 2):  # file line numbers, 1-based
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
        if not any(row.values()):
            continue
        here = f"{where} line {n}"
        pattern, category = row.get("pattern", ""), row.get("category", "")
        if not pattern:
            raise LexiconError(f"{here}: empty pattern")
        if category not in HEDGE_CATEGORIES:
            raise LexiconError(f"{here}: category {category!r} is not one of {list(HEDGE_CATEGORIES)}")
        try:
            tokens = compile_pattern(pattern)
        except ValueError as exc:
            raise LexiconError(f"{here}: bad pattern {pattern!r}: {exc}") from None
        lemma = row.get("lemma") or " ".join(sorted(t.forms)[0] for t in tokens if not t.optional)
        entries.append(LexiconEntry(pattern, tokens, lemma, category, row.get("source", ""), row.get("note", ""), n))
    if not entries:
        raise LexiconError(f"{where}: no lexicon rows")
    return Lexicon(version, where, tuple(entries))


@lru_cache(maxsize=1)
def load_rules() -> dict[str, ContextRule]:
    """The bundled context rules, by name."""
    data = yaml.safe_load(resources.files("analysis").joinpath(RULES_FILE).read_text("utf-8")) or {}
    rules = {}
    for entry in data.get("rules", []):
        missing = {"name", "description", "source"} - set(entry)
        if missing:
            raise LexiconError(f"bundled hedge_rules.yaml: rule {entry.get('name', '?')!r} lacks {sorted(missing)}")
        rules[entry["name"]] = ContextRule(
            entry["name"],
            entry["description"],
            entry["source"],
            bool(entry.get("enabled", True)),
            entry.get("example", ""),
        )
    return rules


def rules_version() -> str:
    data = yaml.safe_load(resources.files("analysis").joinpath(RULES_FILE).read_text("utf-8")) or {}
    return str(data.get("version", "unversioned"))


def lexicon_version(path: str | None = None) -> str:
    """Version string of a lexicon and of the rule file, for provenance."""
    return f"lexicon {load_lexicon(path).version}, rules {rules_version()}"
