"""The reporting and belief verbs the reported-speech rules look for, in every inflected form.

They come from the one reporting-verb list (``data/reporting_verbs.csv`` or the user's
``Settings.reporting_verbs``): its verbs and the verb of each phrase ("point out"), plus the
``backshift_verbs`` of ``hedge_rules.yaml``; ``lemminflect`` inflects them (say: said, says,
saying), and guesses the regular forms of a verb its dictionary lacks.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from analysis.datafiles import file_stamp
from analysis.detectors.hedging.lexicon import backshift_verbs
from analysis.detectors.reporting_verbs import ReportingLexicon, load_reporting_lexicon, verb_inflections

PRESENT_TAGS = ("VBZ", "VBP")  # "says"; "say" (with "we", or do-support: "we don't believe")


@dataclass(frozen=True)
class ReportForms:
    lemmas: frozenset[str]  # "say", "point"
    forms: frozenset[str]  # every inflection: "say", "says", "said", "saying"
    present: frozenset[str]  # present-tense forms: "say", "says"


def load_report_forms(path: str | None = None) -> ReportForms:
    """The forms for a reporting-verb file (None = the bundled one); an edited file is read again."""
    return _load_report_forms(path, file_stamp(path))


@lru_cache(maxsize=8)
def _load_report_forms(path: str | None, stamp) -> ReportForms:
    lemmas = reporting_lemmas(load_reporting_lexicon(path)) | set(backshift_verbs())
    forms, present = set(lemmas), set(lemmas)
    for lemma in lemmas:
        for tag, inflected in verb_inflections(lemma).items():
            forms.update(inflected)
            if tag in PRESENT_TAGS:
                present.update(inflected)
    return ReportForms(frozenset(lemmas), frozenset(forms), frozenset(present))


def reporting_lemmas(lexicon: ReportingLexicon) -> set[str]:
    """The list's verbs and the verb of each of its phrases ("point out" -> "point")."""
    phrase_verbs = {lemma.split()[0] for lemma, entry in lexicon.phrases.items() if entry.kind == "phrase"}
    return set(lexicon.verbs) | phrase_verbs
