"""The attribution detector's data: reporting cues (with stance) and source-type cue words.

Both live in ``analysis/data/`` (``reporting_verbs.csv``, ``source_cues.yaml``) with a source
column or key per entry; users replace them with ``Settings.reporting_verbs`` and
``Settings.source_cues``. Both are read through
``analysis.datafiles``, so a bad file raises ``DataFileError`` naming the file and the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.datafiles import DataFile, DataFileError, file_stamp, read_data_file
from analysis.detectors.reporting_verbs import (  # noqa: F401  (the attribution detector's names for them)
    CUE_KINDS,
    REQUIRES,
    CueEntry,
    ReportingLexicon,
    load_reporting_lexicon,
)
from analysis.story import Story, load_story

BUNDLED_FILE = "source_cues.yaml"
# Filled from the story file: the sides' names and aliases by role. A cue file may not carry them.
SIDE_LISTS = ("accused", "accuser")
# Lists a cue file may leave out (the story file adds to them).
OPTIONAL_LISTS = ("person_names", "place_names")
SOURCE_LISTS = (
    "citizen_nouns",
    "person_names",
    "place_names",
    "person_titles",
    "unique_offices",
    "official_nouns",
    "media",
    "generic_media",
    "state_media",
    "expert",
    "vague_heads",
    "document_heads",
    "evidence_verbs",
    "institution_words",
    "specific_document_modifiers",
    "agentless_verbs",
)
# lists whose words must all be words of another list
SUBSET_OF = {"generic_media": "media"}


class LexiconError(DataFileError):
    """A source-cue file that cannot be used (a ``DataFileError``; the name is kept for callers)."""


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

    def first_position(self, text: str) -> int | None:
        """Where the first of the list's words starts in ``text``, None if none occurs."""
        starts = [m.start() for rx in (self._exact, self._loose) if rx for m in [rx.search(text)] if m]
        return min(starts) if starts else None

    def findall(self, text: str) -> list[str]:
        found = []
        for rx in (self._exact, self._loose):
            if rx:
                found += [m.group(0) for m in rx.finditer(text)]
        return found

    def without(self, text: str) -> str:
        """The text with every occurrence of the list's words removed."""
        for rx in (self._exact, self._loose):
            if rx:
                text = rx.sub("", text)
        return text

    def __contains__(self, word: str) -> bool:
        return word.lower() in self._lower or word in self._exact_set


@dataclass(frozen=True)
class SourceCues:
    lists: dict  # name -> WordList
    anonymity: tuple  # (compiled pattern, ...)
    aliases: dict  # lowercase text -> entity label
    version: str
    sides: tuple = ()  # (name, role, WordList of the name and aliases) per side of the story

    def __getitem__(self, name: str) -> WordList:
        return self.lists[name]


def load_source_cues(path: str | None = None, story: str | None = None) -> SourceCues:
    """The source-type word lists (``data/source_cues.yaml`` or a user file) with the sides, names
    and extra cues of the story file ``story`` (None: no story, so no side lists); an edited file
    is read again."""
    return _cues_with_story_file(path, file_stamp(path), story, file_stamp(story))


@lru_cache(maxsize=8)
def _cues_with_story_file(path: str | None, stamp, story: str | None, story_stamp) -> SourceCues:
    cues = _load_source_cues(path, stamp)
    return with_story(cues, load_story(story)) if story else cues


def with_story(cues: SourceCues, story: Story) -> SourceCues:
    """The cues with the story's sides as the ``accused``/``accuser`` lists, its extra words added
    to the lists it names, and its entity labels (``aliases``) added to the map."""
    extras = dict(story.source_cues)
    labels = extras.pop("aliases", None) or {}
    unknown = sorted(set(extras) - set(SOURCE_LISTS))
    if unknown:
        raise LexiconError(story.where, f"source_cues: unknown list(s) {unknown}; the lists are {list(SOURCE_LISTS)}")
    if not isinstance(labels, dict):
        raise LexiconError(story.where, "source_cues: 'aliases' must map a lowercase text to an entity label")
    lists = dict(cues.lists)
    for name, words in extras.items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise LexiconError(story.where, f"source_cues: {name!r} must be a list of words")
        lists[name] = WordList((*lists[name].words, *words))
    for role in SIDE_LISTS:
        lists[role] = WordList(story.aliases(role))
    aliases = cues.aliases | {str(k).lower(): str(v) for k, v in labels.items()}
    sides = tuple((side.name, side.role, WordList((side.name, *side.aliases))) for side in story.sides)
    return SourceCues(lists, cues.anonymity, aliases, cues.version, sides)


def _word_lists(data: DataFile, lists: dict, lines: dict[str, int]) -> dict[str, WordList]:
    missing = [name for name in SOURCE_LISTS if name not in lists and name not in OPTIONAL_LISTS]
    if missing:
        raise LexiconError(data.where, f"missing list(s) {missing}")
    sides = [name for name in SIDE_LISTS if name in lists]
    if sides:
        raise LexiconError(
            data.where,
            f"list(s) {sides}: the sides of a story go in a story file (docs/stories.md), not in the source cues",
            lines.get(sides[0]),
        )
    unknown = sorted(set(lists) - set(SOURCE_LISTS) - {"anonymity_markers"})
    if unknown:
        raise LexiconError(data.where, f"unknown list(s) {unknown}; the lists are {list(SOURCE_LISTS)}")
    out = {}
    for name, entry in lists.items():
        if not isinstance(entry, dict) or not entry.get("source"):
            raise LexiconError(
                data.where, f"list {name!r} needs a 'source' and 'words' (or 'patterns')", lines.get(name)
            )
        words = entry.get("words") or []
        if not isinstance(words, list):
            raise LexiconError(data.where, f"list {name!r}: 'words' must be a list", lines.get(name))
        if name != "anonymity_markers":
            out[name] = WordList(str(w) for w in words)
    for name, whole in SUBSET_OF.items():
        strays = [w for w in out[name].words if w not in out[whole]]
        if strays:
            raise LexiconError(data.where, f"list {name!r}: {strays} are not in list {whole!r}", lines.get(name))
    return out


def _anonymity_patterns(data: DataFile, lists: dict, lines: dict[str, int]) -> tuple:
    try:
        return tuple(re.compile(p, re.IGNORECASE) for p in (lists.get("anonymity_markers") or {}).get("patterns", []))
    except re.error as exc:
        raise LexiconError(data.where, f"bad anonymity pattern: {exc}", lines.get("anonymity_markers")) from None


@lru_cache(maxsize=8)
def _load_source_cues(path: str | None, stamp) -> SourceCues:
    data = read_data_file(path, BUNDLED_FILE)
    document = data.yaml() or {}
    lists = document.get("lists") if isinstance(document, dict) else None
    if not isinstance(lists, dict):
        raise LexiconError(data.where, "needs a 'lists' mapping of word lists")
    lines = data.key_lines("lists")
    words = {name: WordList(()) for name in (*SIDE_LISTS, *OPTIONAL_LISTS)} | _word_lists(data, lists, lines)
    patterns = _anonymity_patterns(data, lists, lines)
    aliases = {str(k).lower(): str(v) for k, v in ((document.get("aliases") or {}).get("map") or {}).items()}
    return SourceCues(words, patterns, aliases, str(document.get("version", "unversioned")))
