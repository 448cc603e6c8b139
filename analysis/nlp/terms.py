"""The content terms of a sentence, for grouping the sentences that report the same claim.

A sentence's terms are what it says about the world once its frame is gone: the tokens inside
the frame's spans (the detectors' attribution sources and cues, and the hedge and booster cues,
in clean offsets) are left out, then the stop words, punctuation and spaces. What remains is stemmed
(Snowball, over the lemma in parse mode and the lower-cased word in fast mode), so that "buying",
"bought" and "buys" meet. Numbers are kept as written without separators ("1,000" -> "1000"),
and an all-capitals acronym is kept even when it is a stop word ("US", "IT"). (Named entities
were tried as extra terms and left out: they count a name twice and lowered precision.)

``TermColumns`` reads a Doc's token attributes once, as plain integers, and its ``claim_terms``
reads one sentence of it (no spaCy ``Token`` per token): the sentence's content terms, the terms
of its sources' names and
whether its content is negated. That flag tells a denial from the claim it denies: the content is
negated when every clause of it that has a verb holds a negation ("it never supplied arms"; not
"no one was hurt, but the plant closed"). In fast mode, with no parse, a clause is negated by a
negation word.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

import snowballstemmer
from spacy.attrs import DEP, IDX, IS_PUNCT, IS_SPACE, IS_STOP, LEMMA, LIKE_NUM, LOWER, ORTH, POS
from spacy.parts_of_speech import AUX, VERB
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

NEGATION_WORDS = frozenset({"not", "n't", "never", "no", "nobody", "nothing", "none", "neither", "nor", "without"})
# Tokens that end a clause when negation is judged clause by clause (a clause without a verb is not counted).
CLAUSE_BREAKS = frozenset({";", ":", "but", "while", "whereas", "although", "though", "however"})
_ACRONYM = re.compile(r"^[A-Z][A-Z&.]*[A-Z]\.?$")
_NUMBER_SEPARATORS = re.compile(r"(?<=\d)[,\s](?=\d{3}\b)")


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _stemmer().stemWord(word)


_TERMS: dict[tuple, str | None] = {}
_MAX_TERMS = 500_000  # distinct (word, lemma) pairs remembered; emptied when full


def token_term(token: Token) -> str | None:
    """The term of one token, or None for a stop word, punctuation or a space. A term depends only
    on the word, its lemma and three flags of the word, so it is worked out once per such key."""
    key = (token.orth, token.lemma, token.is_punct, token.like_num, token.is_stop)
    term = _TERMS.get(key, _TERMS)
    if term is _TERMS:
        if len(_TERMS) >= _MAX_TERMS:
            _TERMS.clear()
        term = _TERMS[key] = _term_of(token)
    return term


def _term_of(token: Token) -> str | None:
    text = token.text
    if token.is_punct or not any(ch.isalnum() for ch in text):
        return None
    if _ACRONYM.match(text) and len(text.replace(".", "")) >= 2:
        return text.replace(".", "").lower()
    if token.like_num and any(ch.isdigit() for ch in text):
        return _NUMBER_SEPARATORS.sub("", text)
    if token.is_stop or len(text) < 2:
        return None
    word = (token.lemma_ or text).lower()
    if token.lower_ in NEGATION_WORDS or word in NEGATION_WORDS:
        return None
    return stem(word)


_COLUMNS = [ORTH, LEMMA, IS_PUNCT, LIKE_NUM, IS_STOP, IS_SPACE, LOWER, POS, DEP, IDX]
# string ids as the columns hold them: a label such as "neg" is one of spaCy's symbols, not a hash
_NEGATIONS = frozenset(get_string_id(w) for w in NEGATION_WORDS)
_BREAKS = frozenset(get_string_id(w) for w in CLAUSE_BREAKS)
_NEG_DEP = get_string_id("neg")
_VERB_POS = frozenset({VERB, AUX})


class TermColumns:
    """A Doc's token attributes as lists of integers, and each token's term, read once."""

    def __init__(self, doc: Doc):
        columns = doc.to_array(_COLUMNS).T.tolist() if len(doc) else [[] for _ in _COLUMNS]
        orth, lemma, punct, like_num, stop, self.space, self.lower, self.pos, self.dep, self.idx = columns
        strings = doc.vocab.strings
        lengths: dict[int, int] = {}
        for o in orth:
            if o not in lengths:
                lengths[o] = len(strings[o])
        self.end = [i + lengths[o] for i, o in zip(self.idx, orth)]
        self.term: list[str | None] = []
        for i, key in enumerate(zip(orth, lemma, punct, like_num, stop)):
            term = _TERMS.get(key, _TERMS)
            self.term.append(token_term(doc[i]) if term is _TERMS else term)

    def claim_terms(self, sentence: Span, excluded, sources) -> tuple[list[str], list[str], bool]:
        """(content terms, source terms, content negated) of one sentence of this Doc, in reading
        order. A token that overlaps an ``excluded`` span (the frame; clean offsets) is not content;
        one inside a ``sources`` span gives a source term."""
        content: list[int] = []
        terms, named = [], []
        framed, sourced = self._overlapping(excluded, sentence), self._overlapping(sources, sentence)
        for i in range(sentence.start, sentence.end):
            term = self.term[i] if not self.space[i] else None
            if term and i in sourced:
                named.append(term)
            if i in framed or self.space[i]:
                continue
            content.append(i)
            if term:
                terms.append(term)
        return terms, named, self._negated(content)

    def _overlapping(self, spans: list[tuple[int, int]], sentence: Span) -> set[int]:
        """The sentence's token positions whose characters overlap any of the (clean) spans: a
        token [start, end) overlaps [s, e) when start < e and s < end (starts and ends ascend)."""
        found: set[int] = set()
        for s, e in spans or ():
            first = max(bisect.bisect_right(self.end, s), sentence.start)
            found.update(range(first, min(bisect.bisect_left(self.idx, e), sentence.end)))
        return found

    def _negated(self, content: list[int]) -> bool:
        """Whether every clause with a verb of the content tokens holds a negation."""
        clauses: list[list[int]] = [[]]
        for i in content:
            if self.lower[i] in _BREAKS:
                clauses.append([])
            else:
                clauses[-1].append(i)
        with_verb = [c for c in clauses if c and self._has_verb(c)]
        return bool(with_verb) and all(
            any(self.lower[i] in _NEGATIONS or self.dep[i] == _NEG_DEP for i in c) for c in with_verb
        )

    def _has_verb(self, clause: list[int]) -> bool:
        tagged = any(self.pos[i] for i in clause)
        return any(self.pos[i] in _VERB_POS for i in clause) if tagged else True
