"""The content terms of a sentence, for grouping the sentences that report the same claim.

A sentence's terms are what it says about the world once its frame is gone: the tokens inside
the frame's spans (the detectors' attribution sources and cues, and the hedge and booster cues,
in clean offsets) are left out, then the stop words, punctuation and spaces. What remains is stemmed
(Snowball, over the lemma in parse mode and the lower-cased word in fast mode), so that "buying",
"bought" and "buys" meet. Numbers are kept as written without separators ("1,000" -> "1000"),
and an all-capitals acronym is kept even when it is a stop word ("US", "IT"). (Named entities
were tried as extra terms and left out: they count a name twice and lowered precision.)

``claim_terms`` reads a sentence once: its content terms, the terms of its sources' names and
whether its content is negated. That flag tells a denial from the claim it denies: the content is
negated when every clause of it that has a verb holds a negation ("it never supplied arms"; not
"no one was hurt, but the plant closed"). In fast mode, with no parse, a clause is negated by a
negation word.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer
from spacy.tokens import Span, Token

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


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


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


def claim_terms(
    sentence: Span, excluded: list[tuple[int, int]], sources: list[tuple[int, int]]
) -> tuple[list[str], list[str], bool]:
    """(content terms, source terms, content negated) of ``sentence``, in reading order. A token
    that overlaps an ``excluded`` span (the frame; clean offsets) is not content; one inside a
    ``sources`` span gives a source term."""
    content: list[Token] = []
    terms, named = [], []
    for token in sentence:
        where = (token.idx, token.idx + len(token))
        framed = bool(excluded) and _inside(*where, excluded)
        term = token_term(token) if not token.is_space else None
        if term and sources and _inside(*where, sources):
            named.append(term)
        if framed or token.is_space:
            continue
        content.append(token)
        if term:
            terms.append(term)
    return terms, named, _negated(content)


def _clauses(tokens: list[Token]) -> list[list[Token]]:
    clauses: list[list[Token]] = [[]]
    for token in tokens:
        if token.lower_ in CLAUSE_BREAKS:
            clauses.append([])
        else:
            clauses[-1].append(token)
    return [c for c in clauses if c]


def _has_verb(clause: list[Token]) -> bool:
    tagged = any(t.pos_ for t in clause)
    return any(t.pos_ in {"VERB", "AUX"} for t in clause) if tagged else True


def _negated(content: list[Token]) -> bool:
    """Whether every clause with a verb of the content tokens holds a negation."""
    clauses = [c for c in _clauses(content) if _has_verb(c)]
    return bool(clauses) and all(any(t.lower_ in NEGATION_WORDS or t.dep_ == "neg" for t in c) for c in clauses)
