"""The per-document pipeline: a pure function of (doc_id, text, settings).

``process_document`` cleans, parses and runs the detectors on one document and returns plain
rows (dicts) with raw character offsets; ``process_batch`` does the same for a batch of documents,
parsing them together (``nlp.pipe``) and through the parse cache, so it can run in any process or
on a Dask worker. The rows do not depend on the batch or on the cache.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from analysis.detectors.attribution.detector import find_attributions
from analysis.detectors.hedging.detector import find_cues
from analysis.nlp.cache import DEFAULT_MAX_BYTES, ParseCache
from analysis.nlp.document import ParsedDocument, parse_documents, sentence_rows
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


@dataclass
class BatchResult:
    """The results of a batch, in input order, and what the parse cache did for it."""

    results: list[DocumentResult]
    cache_hits: int = 0
    parsed: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class CacheSpec:
    """Where a process finds the parse cache (picklable, for worker processes)."""

    folder: str
    max_bytes: int = DEFAULT_MAX_BYTES

    def open(self) -> ParseCache:
        return ParseCache(self.folder, self.max_bytes)


def document_result(parsed: ParsedDocument, settings: Settings) -> DocumentResult:
    """The rows of one cleaned and parsed document."""
    doc_id, text = parsed.doc_id, parsed.raw
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


def process_document(doc_id: str, text: str, settings: Settings) -> DocumentResult:
    """Clean, parse and analyse one document. Pure: the same inputs give the same rows."""
    return process_batch([(doc_id, text)], settings).results[0]


def process_batch(items: list[tuple[str, str]], settings: Settings, cache: CacheSpec | None = None) -> BatchResult:
    """Clean, parse (through the cache when given) and analyse (doc_id, text) pairs, in order."""
    opened = cache.open() if cache is not None else None
    parsed = parse_documents(items, settings, opened)
    results = [document_result(p, settings) for p in parsed]
    if opened is None:
        return BatchResult(results, parsed=len(items) if settings.mode == "parse" else 0)
    return BatchResult(results, opened.hits, opened.misses, opened.notes)
