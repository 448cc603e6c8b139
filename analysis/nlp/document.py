"""A cleaned and parsed document, and its sentence rows.

``ParsedDocument`` is what every detector reads: the raw text, the clean text with its map back
to raw offsets, the spaCy ``Doc``, the trimmed sentences and the quotation depth of every clean
character (from the one quotation scanner, ``analysis.nlp.quotes``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from spacy.attrs import IS_SPACE, ORTH
from spacy.tokens import Doc, Span

from analysis.corpus.cleaning import CleanText, clean_text, load_rules
from analysis.nlp.cache import ParseCache
from analysis.nlp.parsing import PIPE_BATCH, cached_parse_vocab, model_version, parse_many
from analysis.nlp.quotes import quote_depth
from analysis.settings import Settings

_ALNUM = re.compile(r"[^\W_]")  # what str.isalnum() accepts: \w without the underscore


def word_flags(doc: Doc) -> list[bool]:
    """Per token of ``doc``, whether it is a word: a token with at least one letter or digit
    (punctuation and spaces do not count), each distinct text tested once."""
    strings, seen = doc.vocab.strings, {}
    return [seen[o] if o in seen else seen.setdefault(o, bool(_ALNUM.search(strings[o]))) for o in _column(doc, ORTH)]


def _column(doc: Doc, attr) -> list[int]:
    return doc.to_array(attr).tolist() if len(doc) else []


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
            self.sentences = _trimmed_sentences(self.doc)
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


def _trimmed_sentences(doc: Doc) -> list[Span]:
    """The Doc's sentences without their leading and trailing whitespace tokens (none left empty)."""
    space = _column(doc, IS_SPACE)
    trimmed = []
    for sent in doc.sents:
        start, end = sent.start, sent.end
        while start < end and space[start]:
            start += 1
        while end > start and space[end - 1]:
            end -= 1
        if start < end:
            trimmed.append(doc[start:end])
    return trimmed


def parse_document(doc_id: str, text: str, settings: Settings) -> ParsedDocument:
    return parse_documents([(doc_id, text)], settings)[0]


def parse_documents(
    items: list[tuple[str, str]], settings: Settings, cache: ParseCache | None = None, batch_size: int = PIPE_BATCH
) -> list[ParsedDocument]:
    """Clean and parse (doc_id, raw text) pairs, in order: parses found in ``cache`` are read
    (parse mode only), the others parsed together (``parse_many``) and stored."""
    rules = load_rules(settings.boilerplate_rules)
    cleans = [clean_text(text, rules, settings.disabled_rules) for _, text in items]
    docs: list[Doc | None] = [None] * len(items)
    keys: list[str] = []
    if cache is not None and settings.mode == "parse":
        model_id = model_version(settings)
        keys = [cache.key(clean.text, settings, model_id) for clean in cleans]
        vocab = cached_parse_vocab(settings.model)
        docs = [cache.get(key, vocab) for key in keys]
    missing = [i for i, doc in enumerate(docs) if doc is None]
    for i, doc in zip(missing, parse_many([cleans[i] for i in missing], settings, batch_size)):
        docs[i] = doc
        if keys:
            cache.put(keys[i], doc)
    return [ParsedDocument(doc_id, text, clean, doc) for (doc_id, text), clean, doc in zip(items, cleans, docs)]


def _mostly_quoted(text: str, depth: list[int], start: int, end: int) -> bool:
    """Whether most letters and digits of text[start:end] are inside quotation marks."""
    if max(depth[start:end], default=0) == 0:  # most sentences quote nothing: no letter to count
        return False
    letters = [depth[m.start()] for m in _ALNUM.finditer(text, start, end)]
    return bool(letters) and sum(d > 0 for d in letters) > len(letters) / 2


def sentence_rows(parsed: ParsedDocument) -> list[dict]:
    # Quote depth over the whole clean text: a sentence in the middle of a multi-sentence quote
    # has no quotation marks of its own.
    depth = parsed.quote_depth
    words = word_flags(parsed.doc)
    rows = []
    for sid, sent in enumerate(parsed.sentences):
        start, end = parsed.raw_span(sent.start_char, sent.end_char)
        paragraph = parsed.paragraph(sent.start_char)
        in_quote = _mostly_quoted(parsed.clean.text, depth, sent.start_char, sent.end_char)
        rows.append(
            {
                "doc_id": parsed.doc_id,
                "sentence_id": sid,
                "paragraph": paragraph,
                "is_headline": paragraph == 0,
                "start": start,
                "end": end,
                "in_quote": in_quote,
                "text": parsed.raw[start:end],
                "n_words": sum(words[sent.start : sent.end]),
            }
        )
    return rows
