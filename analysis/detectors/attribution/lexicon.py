"""The attribution detector's data: reporting cues (with stance) and source-type cue words.

Both live in ``analysis/data/`` (``reporting_verbs.csv``, ``source_cues.yaml``) with a source
column or key per entry; users replace them with ``Settings.reporting_verbs`` and
``Settings(extra=(("attribution_sources", path),))``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from analysis.datafiles import file_stamp, read_data_file
from analysis.detectors.reporting_verbs import (  # noqa: F401  (the attribution detector's names for them)
    CUE_KINDS,
    REQUIRES,
    CueEntry,
    ReportingLexicon,
    load_reporting_lexicon,
)

SOURCE_LISTS = (
    "accused",
    "accuser",
    "person_titles",
    "unique_offices",
    "official_nouns",
    "media",
    "state_media",
    "expert",
    "vague_heads",
    "document_heads",
    "evidence_verbs",
    "institution_words",
    "specific_document_modifiers",
    "agentless_verbs",
)


class LexiconError(ValueError):
    pass


def _read_text(path: str | None, bundled: str) -> tuple[str, str]:
    data = read_data_file(path, bundled)
    return data.text, data.where


class WordList:
    """Whole-word matcher: short all-caps entries ("US", "AP") match case-sensitively."""

    def __init__(self, words):
        words = sorted({w.strip() for w in words if w and w.strip()}, key=len, reverse=True)
        exact = [w for w in words if w.isupper() and len(w.replace(".", "")) <= 4]
        loose = [w for w in words if w not in exact]
        self.words = tuple(words)
        self._lower = {w.lower() for w in loose}
        self._exact_set = set(exact)
        exact_alternatives, loose_alternatives = "|".join(map(re.escape, exact)), "|".join(map(re.escape, loose))
        self._exact = re.compile(rf"(?<![\w.])(?:{exact_alternatives})(?![\w])") if exact else None
        self._loose = re.compile(rf"(?<![\w])(?:{loose_alternatives})(?![\w])", re.IGNORECASE) if loose else None

    def search(self, text: str) -> bool:
        return bool((self._exact and self._exact.search(text)) or (self._loose and self._loose.search(text)))

    def findall(self, text: str) -> list[str]:
        found = []
        for rx in (self._exact, self._loose):
            if rx:
                found += [m.group(0) for m in rx.finditer(text)]
        return found

    def __contains__(self, word: str) -> bool:
        return word.lower() in self._lower or word in self._exact_set


@dataclass(frozen=True)
class SourceCues:
    lists: dict  # name -> WordList
    anonymity: tuple  # (compiled pattern, ...)
    aliases: dict  # lowercase text -> entity label
    version: str

    def __getitem__(self, name: str) -> WordList:
        return self.lists[name]


def load_source_cues(path: str | None = None) -> SourceCues:
    """The source-type word lists (``data/source_cues.yaml`` or a user file); an edited file is read again."""
    return _load_source_cues(path, file_stamp(path))


@lru_cache(maxsize=8)
def _load_source_cues(path: str | None, stamp) -> SourceCues:
    text, where = _read_text(path, "source_cues.yaml")
    data = yaml.safe_load(text) or {}
    lists = data.get("lists") or {}
    missing = [name for name in SOURCE_LISTS if name not in lists]
    if missing:
        raise LexiconError(f"{where}: missing list(s) {missing}")
    out = {}
    for name, entry in lists.items():
        if not isinstance(entry, dict) or not entry.get("source"):
            raise LexiconError(f"{where}: list {name!r} needs a 'source' and 'words' (or 'patterns')")
        if name != "anonymity_markers":
            out[name] = WordList(entry.get("words") or [])
    try:
        patterns = tuple(
            re.compile(p, re.IGNORECASE) for p in (lists.get("anonymity_markers") or {}).get("patterns", [])
        )
    except re.error as exc:
        raise LexiconError(f"{where}: bad anonymity pattern: {exc}") from exc
    aliases = {str(k).lower(): str(v) for k, v in ((data.get("aliases") or {}).get("map") or {}).items()}
    return SourceCues(out, patterns, aliases, str(data.get("version", "unversioned")))


def settings_path(settings, key: str) -> str | None:
    """A user file named in ``Settings.extra`` (None = bundled)."""
    return dict(settings.extra).get(key)
