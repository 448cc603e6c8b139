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
from analysis.nlp.terms import TermColumns
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
    add_claim_terms(parsed, sentences, result.cues, result.attributions)
    return result


def source_spans(attributions: list[dict], clean) -> dict[int, list[tuple[int, int]]]:
    """Per sentence, the clean spans of its attributions' sources (rows have raw offsets)."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for att in attributions:
        if att["source_start"] is not None:
            span = clean.span_to_clean(att["source_start"], att["source_end"])
            spans.setdefault(att["sentence_id"], []).append(span)
    return spans


def frame_spans(cues: list[dict], attributions: list[dict], clean, sources: dict) -> dict[int, list[tuple[int, int]]]:
    """Per sentence, the clean spans of its frame: hedge and booster cues, attribution cues and
    ``sources`` (``source_spans``; rows have raw offsets)."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for cue in cues:
        spans.setdefault(cue["sentence_id"], []).append(clean.span_to_clean(cue["start"], cue["end"]))
    for att in attributions:
        spans.setdefault(att["sentence_id"], []).append(clean.span_to_clean(att["cue_start"], att["cue_end"]))
    for sid, found in sources.items():
        spans.setdefault(sid, []).extend(found)
    return spans


def add_claim_terms(parsed: ParsedDocument, sentences: list[dict], cues: list[dict], attributions: list[dict]) -> None:
    """Give each sentence row its claim terms (space-separated) and whether its content is negated,
    the frame left out, and the terms of its sources' names (``analysis.nlp.terms``)."""
    sources = source_spans(attributions, parsed.clean)
    frames = frame_spans(cues, attributions, parsed.clean, sources)
    columns = TermColumns(parsed.doc)
    for row, sentence in zip(sentences, parsed.sentences):
        sid = row["sentence_id"]
        terms, named, negated = columns.claim_terms(sentence, frames.get(sid, []), sources.get(sid, []))
        row["claim_terms"], row["source_terms"], row["content_negated"] = " ".join(terms), " ".join(named), negated


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
