"""The attribution detector's data: reporting cues (with stance) and source-type cue words.

Both live in ``analysis/data/`` (``reporting_verbs.csv``, ``source_cues.yaml``) with a source
column or key per entry; users replace them with ``Settings.reporting_verbs`` and
``Settings(extra=(("attribution_sources", path),))``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from analysis.datafiles import file_stamp, split_comment_header
from analysis.vocabulary import STANCES

CUE_KINDS = ("verb", "phrase", "noun", "according_to")
REQUIRES = ("any", "content", "content_or_object", "see_as", "source", "complement", "quote_as", "media_agent")
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


@dataclass(frozen=True)
class CueEntry:
    lemma: str
    stance: str
    kind: str
    requires: str
    source: str


@dataclass(frozen=True)
class ReportingLexicon:
    verbs: dict  # lemma -> CueEntry (single-word verbs)
    phrases: dict  # "point out" -> CueEntry (verb + particle/preposition)
    nouns: dict  # lemma -> CueEntry
    version: str


def _read_text(path: str | None, bundled: str) -> tuple[str, str]:
    if path is None:
        return resources.files("analysis").joinpath(f"data/{bundled}").read_text("utf-8"), f"bundled {bundled}"
    p = Path(path)
    if not p.is_file():
        raise LexiconError(f"{path}: no such file")
    return p.read_text(encoding="utf-8"), str(path)


def load_reporting_lexicon(path: str | None = None) -> ReportingLexicon:
    """Read the reporting-cue CSV (columns lemma, stance, kind, requires, source, note; leading
    ``#`` comment lines, one of them ``# version: X``); an edited user file is read again."""
    return _load_reporting_lexicon(path, file_stamp(path))


@lru_cache(maxsize=8)
def _load_reporting_lexicon(path: str | None, stamp) -> ReportingLexicon:
    text, where = _read_text(path, "reporting_verbs.csv")
    found, n_comments = split_comment_header(text)
    reader = csv.DictReader(io.StringIO("\n".join(text.splitlines()[n_comments:])))
    missing = {"lemma", "stance", "kind", "requires", "source"} - set(reader.fieldnames or [])
    if missing:
        raise LexiconError(f"{where}: missing column(s) {sorted(missing)}")
    verbs, phrases, nouns = {}, {}, {}
    for n, row in enumerate(reader, start=n_comments + 2):  # file line numbers
        lemma = row["lemma"].strip().lower()
        entry = CueEntry(
            lemma, row["stance"].strip(), row["kind"].strip(), row["requires"].strip(), row["source"].strip()
        )
        if entry.stance not in STANCES:
            raise LexiconError(f"{where} line {n}: stance {entry.stance!r} not one of {list(STANCES)}")
        if entry.kind not in CUE_KINDS:
            raise LexiconError(f"{where} line {n}: kind {entry.kind!r} not one of {list(CUE_KINDS)}")
        if entry.requires not in REQUIRES:
            raise LexiconError(f"{where} line {n}: requires {entry.requires!r} not one of {list(REQUIRES)}")
        if not entry.source:
            raise LexiconError(f"{where} line {n}: entry {lemma!r} has no source")
        target = nouns if entry.kind == "noun" else phrases if " " in lemma else verbs
        target[lemma] = entry
    version = found or hashlib.sha256(text.encode()).hexdigest()[:12]
    return ReportingLexicon(verbs, phrases, nouns, version)


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
