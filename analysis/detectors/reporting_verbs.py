"""The one reporting-verb list, shared by both detectors.

``data/reporting_verbs.csv`` (or the user's file, ``Settings.reporting_verbs``) lists reporting
verbs, phrases and nouns with their stance; the attribution detector finds its cues with it and
the hedge rules read it to tell reported speech (backshifted "would") from the writer's voice.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lemminflect import getAllInflections, getAllInflectionsOOV

from analysis.datafiles import file_stamp, read_data_file
from analysis.vocabulary import STANCES

BUNDLED_FILE = "reporting_verbs.csv"
CUE_KINDS = ("verb", "phrase", "noun", "according_to")
REQUIRES = (
    "any",
    "content",
    "content_or_object",
    "see_as",
    "source",
    "complement",
    "quote_as",
    "media_agent",
    "question",  # "asked whether ...", a quoted question: the content is a question
)
# words that open an indirect question ("asked whether the plant would close")
QUESTION_WORDS = frozenset(("whether", "if", "why", "how", "what", "when", "where", "who", "which"))
COLUMNS = ("lemma", "stance", "kind", "requires", "source")


@lru_cache(maxsize=4096)
def verb_inflections(lemma: str) -> dict[str, tuple[str, ...]]:
    """Penn tag -> forms of a verb (lemminflect; regular forms for a verb its dictionary lacks,
    "opine"), looked up once per verb."""
    return getAllInflections(lemma, upos="VERB") or getAllInflectionsOOV(lemma, upos="VERB")


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


def load_reporting_lexicon(path: str | None = None) -> ReportingLexicon:
    """Read the reporting-cue CSV (columns lemma, stance, kind, requires, source, note; leading
    ``#`` comment lines, one of them ``# version: X``); an edited user file is read again."""
    return _load_reporting_lexicon(path, file_stamp(path))


def _entry(row: dict, line: int, data) -> CueEntry:
    lemma, stance, kind, requires, source = (row[c].strip() for c in COLUMNS)
    entry = CueEntry(lemma.lower(), stance, kind, requires, source)
    for value, allowed, name in (
        (entry.stance, STANCES, "stance"),
        (entry.kind, CUE_KINDS, "kind"),
        (entry.requires, REQUIRES, "requires"),
    ):
        if value not in allowed:
            raise data.error(f"{name} {value!r} not one of {list(allowed)}", line)
    if not entry.source:
        raise data.error(f"entry {entry.lemma!r} has no source", line)
    return entry


@lru_cache(maxsize=8)
def _load_reporting_lexicon(path: str | None, stamp) -> ReportingLexicon:
    data = read_data_file(path, BUNDLED_FILE)
    verbs, phrases, nouns = {}, {}, {}
    for line, row in data.csv_rows(COLUMNS):
        entry = _entry(row, line, data)
        target = nouns if entry.kind == "noun" else phrases if " " in entry.lemma else verbs
        target[entry.lemma] = entry
    return ReportingLexicon(verbs, phrases, nouns, data.version)
