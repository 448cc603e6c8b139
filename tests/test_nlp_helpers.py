"""Small nlp helpers that run on every token or character: word counts, quoted sentences and
claim terms give what their definitions say (invented text)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from analysis.nlp.document import _mostly_quoted, count_words
from analysis.nlp.quotes import quote_depth
from analysis.nlp.terms import _term_of, token_term


def test_a_word_has_a_letter_or_digit_in_any_script():
    doc = spacy.blank("en")("Café ² prices rose 5 % — “yes” _ !")
    assert [t.text for t in doc if count_words([t])] == ["Café", "²", "prices", "rose", "5", "yes"]


def test_a_sentence_is_quoted_when_most_of_its_letters_are():
    text = "“We will not sail tonight,” he said. The ferry left. He said “no” once."
    depth = quote_depth(text)
    first, second, third = (0, 36), (37, 52), (53, len(text))
    assert _mostly_quoted(text, depth, *first)
    assert not _mostly_quoted(text, depth, *second)  # no quotation mark at all
    assert not _mostly_quoted(text, depth, *third)  # two quoted letters of many


def test_a_words_term_follows_its_lemma_each_time_it_is_seen():
    vocab = spacy.blank("en").vocab
    words = ["saw", "saw", "the", "US", "1,000", "saw"]
    doc = Doc(vocab, words=words, lemmas=["see", "saw", "the", "US", "1,000", "see"])
    terms = [token_term(t) for t in doc]
    assert terms == [_term_of(t) for t in doc]  # remembered terms are the terms worked out afresh
    assert terms[0] == terms[5] != terms[1]  # the same word with another lemma gets its own term
    assert terms[2:5] == [None, "us", "1000"]
