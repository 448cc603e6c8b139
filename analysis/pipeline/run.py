"""The per-document pipeline: a pure function of (doc_id, text, settings).

``process_document`` cleans, parses and runs the detectors on one document and returns plain
rows (dicts) with raw character offsets, so it can run in any process or on a Dask worker.
``analyze_corpus`` maps it over a corpus and assembles the tidy tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis.corpus.cleaning import load_rules
from analysis.corpus.loading import REJECTED_COLUMNS, Corpus
from analysis.detectors.attribution.detector import COLUMNS as ATTRIBUTION_COLUMNS
from analysis.detectors.attribution.detector import find_attributions
from analysis.detectors.hedging.detector import CUE_COLUMNS, find_cues
from analysis.nlp.document import parse_document, sentence_rows
from analysis.pipeline.progress import progress_bar
from analysis.settings import Settings


@dataclass
class DocumentResult:
    doc_id: str
    document: dict  # per-document figures
    sentences: list[dict]
    boilerplate: list[dict]
    cues: list[dict] = field(default_factory=list)
    attributions: list[dict] = field(default_factory=list)
    rejected_reason: str | None = None


def process_document(doc_id: str, text: str, settings: Settings) -> DocumentResult:
    """Clean, parse and analyse one document. Pure: the same inputs give the same rows."""
    parsed = parse_document(doc_id, text, settings)
    boilerplate = [{"doc_id": doc_id, **r} for r in parsed.clean.removed]
    if not parsed.sentences:
        rules = sorted({r["rule"] for r in parsed.clean.removed})
        return DocumentResult(
            doc_id,
            {},
            [],
            boilerplate,
            rejected_reason=f"only boilerplate (removed by {', '.join(rules) or 'no rule'})",
        )
    sentences = sentence_rows(parsed)
    document = {
        "doc_id": doc_id,
        "n_chars_raw": len(text),
        "n_chars_clean": len(parsed.clean.text),
        "n_paragraphs": len(parsed.clean.paragraphs),
        "n_sentences": len(sentences),
        "n_words": sum(r["n_words"] for r in sentences),
        "n_boilerplate": len(boilerplate),
        "n_chars_removed": sum(r["end"] - r["start"] for r in boilerplate),
    }
    result = DocumentResult(doc_id, document, sentences, boilerplate)
    # Detectors: each adds its rows (raw offsets) to the result here.
    result.cues = find_cues(parsed, settings)
    result.attributions = find_attributions(parsed, settings)
    return result


@dataclass
class Analysis:
    """The tidy tables of one corpus analysis."""

    documents: pd.DataFrame
    rejected: pd.DataFrame
    sentences: pd.DataFrame
    boilerplate: pd.DataFrame
    cues: pd.DataFrame
    attributions: pd.DataFrame
    settings: Settings
    corpus_hash: str

    def tables(self) -> dict[str, pd.DataFrame]:
        return {
            "documents": self.documents,
            "rejected": self.rejected,
            "sentences": self.sentences,
            "boilerplate": self.boilerplate,
            "cues": self.cues,
            "attributions": self.attributions,
        }


TABLE_COLUMNS = {
    "sentences": ["doc_id", "sentence_id", "paragraph", "is_headline", "start", "end", "in_quote", "text", "n_words"],
    "boilerplate": ["doc_id", "rule", "start", "end", "text"],
    "cues": CUE_COLUMNS,
    "attributions": ATTRIBUTION_COLUMNS,
}


def _frame(rows: list[dict], name: str) -> pd.DataFrame:
    """A table with its declared columns first (also when there are no rows)."""
    columns = TABLE_COLUMNS[name]
    frame = pd.DataFrame(rows) if rows else pd.DataFrame(columns=columns)
    return frame[columns + [c for c in frame.columns if c not in columns]]


def known_rule_names(settings: Settings) -> set[str]:
    """Every context rule that ``Settings.disabled_rules`` can name: boilerplate, hedging, attribution."""
    from analysis.detectors.attribution.detector import RULES as ATTRIBUTION_RULES
    from analysis.detectors.hedging.lexicon import load_rules as load_hedge_rules

    boilerplate = {rule.name for rule in load_rules(settings.boilerplate_rules).rules}
    return boilerplate | set(load_hedge_rules()) | set(ATTRIBUTION_RULES)


def check_rule_names(settings: Settings) -> None:
    """A misspelt rule name would switch nothing off, silently: refuse it instead."""
    unknown = sorted(set(settings.disabled_rules) - known_rule_names(settings))
    if unknown:
        raise ValueError(
            f"unknown rule name(s) {unknown}; the rules are listed in analysis/data/"
            "boilerplate_rules.yaml, hedge_rules.yaml and attribution_rules.yaml"
        )


def analyze_corpus(corpus: Corpus, settings: Settings | None = None, progress: bool | None = None) -> Analysis:
    """Run the per-document pipeline over a corpus and assemble the tables.

    ``progress``: True or False shows a progress bar or not; None shows one in a Jupyter kernel
    (a widget) or on a terminal, and none otherwise (see ``analysis.pipeline.progress``)."""
    settings = settings or Settings()
    check_rule_names(settings)
    docs = corpus.documents
    results: list[DocumentResult] = []
    rejected = corpus.rejected.to_dict("records")
    files = dict(zip(docs["doc_id"], docs["file"]))
    iterator = zip(docs["doc_id"], docs["text"])
    for doc_id, text in progress_bar(iterator, progress, total=len(docs), desc="analysing", unit="doc"):
        result = process_document(doc_id, text, settings)
        if result.rejected_reason:
            rejected.append(
                {"doc_id": doc_id, "file": files[doc_id], "stage": "clean", "reason": result.rejected_reason}
            )
        results.append(result)
    kept = [r for r in results if not r.rejected_reason]
    figures = pd.DataFrame(
        [r.document for r in kept],
        columns=[
            "doc_id",
            "n_chars_raw",
            "n_chars_clean",
            "n_paragraphs",
            "n_sentences",
            "n_words",
            "n_boilerplate",
            "n_chars_removed",
        ],
    )
    documents = docs.drop(columns=["text"]).merge(figures, on="doc_id", how="inner")
    return Analysis(
        documents=documents.reset_index(drop=True),
        rejected=pd.DataFrame(rejected, columns=REJECTED_COLUMNS),
        sentences=_frame([row for r in kept for row in r.sentences], "sentences"),
        boilerplate=_frame([row for r in results for row in r.boilerplate], "boilerplate"),
        cues=_frame([row for r in kept for row in r.cues], "cues"),
        attributions=_frame([row for r in kept for row in r.attributions], "attributions"),
        settings=settings,
        corpus_hash=corpus.hash,
    )
