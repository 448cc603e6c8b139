"""The per-document pipeline: a pure function of (doc_id, text, settings).

``process_document`` cleans, parses and runs the detectors on one document and returns plain
rows (dicts) with raw character offsets, so it can run in any process or on a Dask worker.
``analyze_corpus`` maps it over a corpus and assembles the tidy tables.
"""
from __future__ import annotations

import bisect
import sys
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd
from spacy.tokens import Doc, Span
from tqdm import tqdm  # not tqdm.auto: in a kernel without ipywidgets it warns with an absolute path

from .attribution import COLUMNS as ATTRIBUTION_COLUMNS, find_attributions, quote_depth
from .cleaning import CleanText, clean_text, load_rules
from .corpus import REJECTED_COLUMNS, Corpus
from .hedging import CUE_COLUMNS, find_cues
from .nlp import parse
from .settings import Settings


def count_words(tokens) -> int:
    """Words are tokens with at least one letter or digit (punctuation and spaces do not count)."""
    return sum(1 for t in tokens if any(ch.isalnum() for ch in t.text))


@dataclass
class ParsedDocument:
    """A cleaned and parsed document, with helpers that map clean offsets to raw ones."""

    doc_id: str
    raw: str
    clean: CleanText
    doc: Doc
    sentences: list[Span] = field(default_factory=list)  # whitespace-trimmed, in order

    def __post_init__(self):
        if not self.sentences:
            self.sentences = [s for s in (_trim(sent) for sent in self.doc.sents) if s is not None]
        self._sentence_starts = [s.start_char for s in self.sentences]

    @cached_property
    def quote_depth(self) -> list[int]:
        """Quotation depth of every clean character, scanned once per document for all users."""
        return quote_depth(self.clean.text)

    def raw_span(self, start_char: int, end_char: int) -> tuple[int, int]:
        """Raw offsets of a clean character span."""
        return self.clean.span_to_raw(start_char, end_char)

    def sentence_id(self, char: int) -> int:
        """Index of the sentence holding a clean character offset."""
        return max(bisect.bisect_right(self._sentence_starts, char) - 1, 0)

    def paragraph(self, char: int) -> int:
        return self.clean.paragraph_of(char)


def _trim(sent: Span) -> Span | None:
    tokens = [t for t in sent if not t.is_space]
    if not tokens:
        return None
    return sent.doc[tokens[0].i: tokens[-1].i + 1]


@dataclass
class DocumentResult:
    doc_id: str
    document: dict  # per-document figures
    sentences: list[dict]
    boilerplate: list[dict]
    cues: list[dict] = field(default_factory=list)
    attributions: list[dict] = field(default_factory=list)
    rejected_reason: str | None = None


def parse_document(doc_id: str, text: str, settings: Settings) -> ParsedDocument:
    clean = clean_text(text, load_rules(settings.boilerplate_rules), settings.disabled_rules)
    return ParsedDocument(doc_id, text, clean, parse(clean, settings))


def sentence_rows(parsed: ParsedDocument) -> list[dict]:
    # Quote depth over the whole clean text: a sentence in the middle of a multi-sentence quote
    # has no quotation marks of its own.
    depth = parsed.quote_depth
    rows = []
    for sid, sent in enumerate(parsed.sentences):
        start, end = parsed.raw_span(sent.start_char, sent.end_char)
        paragraph = parsed.paragraph(sent.start_char)
        letters = [depth[i] for i in range(sent.start_char, sent.end_char) if parsed.clean.text[i].isalnum()]
        in_quote = bool(letters) and sum(d > 0 for d in letters) > len(letters) / 2
        rows.append({"doc_id": parsed.doc_id, "sentence_id": sid, "paragraph": paragraph,
                     "is_headline": paragraph == 0, "start": start, "end": end, "in_quote": in_quote,
                     "text": parsed.raw[start:end], "n_words": count_words(sent)})
    return rows


def process_document(doc_id: str, text: str, settings: Settings) -> DocumentResult:
    """Clean, parse and analyse one document. Pure: the same inputs give the same rows."""
    parsed = parse_document(doc_id, text, settings)
    boilerplate = [{"doc_id": doc_id, **r} for r in parsed.clean.removed]
    if not parsed.sentences:
        rules = sorted({r["rule"] for r in parsed.clean.removed})
        return DocumentResult(doc_id, {}, [], boilerplate,
                              rejected_reason=f"only boilerplate (removed by {', '.join(rules) or 'no rule'})")
    sentences = sentence_rows(parsed)
    document = {"doc_id": doc_id, "n_chars_raw": len(text), "n_chars_clean": len(parsed.clean.text),
                "n_paragraphs": len(parsed.clean.paragraphs), "n_sentences": len(sentences),
                "n_words": sum(r["n_words"] for r in sentences), "n_boilerplate": len(boilerplate),
                "n_chars_removed": sum(r["end"] - r["start"] for r in boilerplate)}
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
        return {"documents": self.documents, "rejected": self.rejected, "sentences": self.sentences,
                "boilerplate": self.boilerplate, "cues": self.cues, "attributions": self.attributions}


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
    from .attribution import RULES as ATTRIBUTION_RULES
    from .hedging_lexicon import load_rules as load_hedge_rules

    boilerplate = {rule.name for rule in load_rules(settings.boilerplate_rules).rules}
    return boilerplate | set(load_hedge_rules()) | set(ATTRIBUTION_RULES)


def check_rule_names(settings: Settings) -> None:
    """A misspelt rule name would switch nothing off, silently: refuse it instead."""
    unknown = sorted(set(settings.disabled_rules) - known_rule_names(settings))
    if unknown:
        raise ValueError(f"unknown rule name(s) {unknown}; the rules are listed in analysis/data/"
                         "boilerplate_rules.yaml, hedge_rules.yaml and attribution_rules.yaml")


def analyze_corpus(corpus: Corpus, settings: Settings | None = None, progress: bool | None = None) -> Analysis:
    """Run the per-document pipeline over a corpus and assemble the tables."""
    settings = settings or Settings()
    check_rule_names(settings)
    if progress is None:
        progress = sys.stderr.isatty()
    docs = corpus.documents
    results: list[DocumentResult] = []
    rejected = corpus.rejected.to_dict("records")
    files = dict(zip(docs["doc_id"], docs["file"]))
    iterator = zip(docs["doc_id"], docs["text"])
    for doc_id, text in tqdm(iterator, total=len(docs), disable=not progress, desc="analysing", unit="doc"):
        result = process_document(doc_id, text, settings)
        if result.rejected_reason:
            rejected.append({"doc_id": doc_id, "file": files[doc_id], "stage": "clean",
                             "reason": result.rejected_reason})
        results.append(result)
    kept = [r for r in results if not r.rejected_reason]
    figures = pd.DataFrame([r.document for r in kept],
                           columns=["doc_id", "n_chars_raw", "n_chars_clean", "n_paragraphs", "n_sentences",
                                    "n_words", "n_boilerplate", "n_chars_removed"])
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
