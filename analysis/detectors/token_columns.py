"""A Doc's token columns, read once per document: the detectors' scans over every token of every
sentence (title case, the tokens that can begin a cue) read plain lists and the Doc's attribute
arrays instead of building a spaCy ``Token`` object per token and pass."""

from __future__ import annotations

import bisect

from spacy.attrs import LEMMA, LOWER, ORTH

from analysis.detectors.headlines import is_title_case


class TokenColumns:
    """The words of a Doc, and the positions of tokens by lower-cased lemma or word."""

    def __init__(self, doc):
        self.doc = doc
        strings = doc.vocab.strings
        self.words = [strings[h] for h in doc.to_array(ORTH).tolist()]  # each token's text

    def title_case(self, span, skip_spaces: bool = False) -> bool:
        """``is_title_case`` of a span's words (without its whitespace tokens when ``skip_spaces``)."""
        words = self.words[span.start : span.end]
        return is_title_case([w for w in words if not w.isspace()] if skip_spaces else words)

    def lemma_indexes(self, lemmas: frozenset) -> list[int]:
        """Positions, in order, of the tokens whose lower-cased lemma is in ``lemmas``."""
        return self._indexes(LEMMA, lemmas)

    def word_indexes(self, words: frozenset) -> list[int]:
        """Positions, in order, of the tokens whose lower-cased text is in ``words``."""
        return self._indexes(LOWER, words)

    def _indexes(self, attr, values: frozenset) -> list[int]:
        column = self.doc.to_array(attr).tolist()
        strings = self.doc.vocab.strings
        wanted = {h for h in set(column) if strings[h].lower() in values}
        return [i for i, h in enumerate(column) if h in wanted]

    @staticmethod
    def within(indexes: list[int], span) -> list[int]:
        """The ``indexes`` (sorted) that fall inside the span's tokens."""
        return indexes[bisect.bisect_left(indexes, span.start) : bisect.bisect_left(indexes, span.end)]
