"""The hedge lexicon and the context-rule file: data files in ``analysis/data/``.

The lexicon is a CSV with a ``# version:`` comment line and the columns
``pattern, lemma, category, source, note`` (see the header of ``hedge_lexicon.csv`` for the
pattern syntax). A user lexicon in the same format replaces the bundled one
(``Settings.hedge_lexicon``). Both files are read through ``analysis.datafiles``, so a bad row
raises ``DataFileError`` naming the file and the line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from analysis.datafiles import DataFile, file_stamp, read_data_file, split_comment_header
from analysis.vocabulary import HEDGE_CATEGORIES

LEXICON_FILE = "hedge_lexicon.csv"
RULES_FILE = "hedge_rules.yaml"
REQUIRED_COLUMNS = ("pattern", "category")
RULE_KEYS = ("name", "description", "source")
MACROS = {
    "BE": ("am", "is", "are", "was", "were", "be", "been", "being", "'s", "'re", "'m"),
    "HAVE": ("has", "have", "had", "'s", "'ve", "'d"),
    "DO": ("do", "does", "did"),
    "NOT": ("not", "n't", "never"),
    "WH": ("how", "what", "which", "when", "where", "whether", "who", "whom", "why", "if"),
    "DET": ("a", "an", "the", "any", "some", "this", "that", "these", "those", "its", "their", "his", "her"),
    "MOD": ("may", "might", "could", "would", "can", "will", "should", "must"),
}


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

    @cached_property
    def first_forms(self) -> dict[str, list[LexiconEntry]]:
        """Entries indexed by every form their first required or optional token can take (built
        once per lexicon, not once per document)."""
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


def load_lexicon(path: str | None = None) -> Lexicon:
    """Load a hedge lexicon CSV (None = the bundled one); an edited file is read again."""
    return _load_lexicon(path, file_stamp(path))


@lru_cache(maxsize=8)
def _load_lexicon(path: str | None, stamp) -> Lexicon:
    data = read_data_file(path, LEXICON_FILE)
    entries = []
    for line, raw in data.csv_rows(REQUIRED_COLUMNS):
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if k is not None}
        if any(row.values()):
            entries.append(_lexicon_entry(data, line, row))
    if not entries:
        raise data.error("no lexicon rows")
    version, _ = split_comment_header(data.text)
    return Lexicon(version or "unversioned", data.where, tuple(entries))


def _lexicon_entry(data: DataFile, line: int, row: dict[str, str]) -> LexiconEntry:
    pattern, category = row.get("pattern", ""), row.get("category", "")
    if not pattern:
        raise data.error("empty pattern", line)
    if category not in HEDGE_CATEGORIES:
        raise data.error(f"category {category!r} is not one of {list(HEDGE_CATEGORIES)}", line)
    try:
        tokens = compile_pattern(pattern)
    except ValueError as exc:
        raise data.error(f"bad pattern {pattern!r}: {exc}", line) from None
    lemma = row.get("lemma") or " ".join(sorted(t.forms)[0] for t in tokens if not t.optional)
    return LexiconEntry(pattern, tokens, lemma, category, row.get("source", ""), row.get("note", ""), line)


@lru_cache(maxsize=1)
def _rule_file() -> tuple[DataFile, dict]:
    data = read_data_file(None, RULES_FILE)
    return data, data.yaml() or {}


@lru_cache(maxsize=1)
def load_rules() -> dict[str, ContextRule]:
    """The bundled context rules, by name, in the order the detector applies them."""
    data, document = _rule_file()
    rules = {}
    for entry in document.get("rules", []):
        missing = set(RULE_KEYS) - set(entry)
        if missing:
            raise data.error(f"rule {entry.get('name', '?')!r} lacks {sorted(missing)}")
        rules[entry["name"]] = ContextRule(
            entry["name"],
            entry["description"],
            entry["source"],
            bool(entry.get("enabled", True)),
            entry.get("example", ""),
        )
    return rules


@lru_cache(maxsize=1)
def backshift_verbs() -> tuple[str, ...]:
    """The rule file's ``backshift_verbs``: verbs that introduce reported speech or thought but are
    not in the reporting-verb list; the reported-speech rules read them with that list."""
    data, document = _rule_file()
    verbs = document.get("backshift_verbs") or []
    if not isinstance(verbs, list) or not all(isinstance(v, str) and v.strip() for v in verbs):
        raise data.error(f"backshift_verbs must be a list of verbs, not {verbs!r}")
    return tuple(v.strip().lower() for v in verbs)


def rules_version() -> str:
    return str(_rule_file()[1].get("version", "unversioned"))


def lexicon_version(path: str | None = None) -> str:
    """Version string of a lexicon and of the rule file, for provenance."""
    return f"lexicon {load_lexicon(path).version}, rules {rules_version()}"
