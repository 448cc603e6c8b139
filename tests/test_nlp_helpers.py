"""Small nlp helpers that run on every token or character: word counts, quoted sentences, claim
terms and the detectors' token columns give what their definitions say (invented text)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from analysis.detectors.attribution.parse import verb_entry
from analysis.detectors.attribution.parse_phrases import ParseContext, PersonIndex
from analysis.detectors.headlines import is_title_case
from analysis.detectors.reporting_verbs import load_reporting_lexicon
from analysis.detectors.token_columns import TokenColumns
from analysis.nlp.document import _mostly_quoted, _trimmed_sentences, word_flags
from analysis.nlp.quotes import quote_depth
from analysis.nlp.terms import TermColumns, _term_of, token_term
from analysis.settings import Settings


def test_a_word_has_a_letter_or_digit_in_any_script():
    doc = spacy.blank("en")("Café ² prices rose 5 % — “yes” _ !")
    assert [t.text for t, word in zip(doc, word_flags(doc)) if word] == ["Café", "²", "prices", "rose", "5", "yes"]


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


def test_token_columns_find_tokens_by_lemma_and_word_and_read_title_case():
    vocab = spacy.blank("en").vocab
    words = ["Officials", "Say", "Storm", "Could", "Hit", "\n", "According", "to", "him", ",", "they", "said", "."]
    lemmas = ["official", "say", "storm", "could", "hit", "\n", "accord", "to", "he", ",", "they", "say", "."]
    doc = Doc(vocab, words=words, lemmas=lemmas)
    columns = TokenColumns(doc)
    assert columns.words == words
    assert columns.lemma_indexes(frozenset(["say"])) == [1, 11]  # lower-cased lemma: "Say" too
    assert columns.word_indexes(frozenset(["according"])) == [6]
    assert TokenColumns.within([1, 11], doc[2:12]) == [11]
    assert columns.title_case(doc[0:5]) and not columns.title_case(doc[6:13])
    # a trailing whitespace token hides the full stop unless whitespace is skipped
    assert columns.title_case(doc[0:6]) == is_title_case(words[0:6])
    assert columns.title_case(doc[0:6], skip_spaces=True) == is_title_case(words[0:5])


def test_only_tokens_that_can_begin_a_reporting_cue_are_read_as_verbs():
    # The parse-mode detector reads verb records only at the positions TokenColumns gives: every
    # token for which the lexicon has a verb or verb+particle entry must be among them.
    nlp = spacy.load(Settings().model)
    doc = nlp("Officials pointed out that the plant closed. She told reporters it rained, he added. Nobody knows.")
    lexicon = load_reporting_lexicon(None)
    ctx = ParseContext(doc.text, lexicon, None, Settings(), [0] * len(doc.text), PersonIndex(doc), TokenColumns(doc))
    found = [t.i for t in doc if verb_entry(t, lexicon)[0] is not None]
    assert found == [1, 9, 15]  # pointed (out), told, added
    assert set(found) <= set(ctx.tokens.lemma_indexes(ctx.verb_starts))


def test_term_columns_read_each_token_as_the_token_itself_reads():
    vocab = spacy.blank("en").vocab
    words = ["US", "officials", "said", "the", "ship", "was", "n't", "seized", ";", "it", "sailed", "on", " "]
    pos = ["PROPN", "NOUN", "VERB", "DET", "NOUN", "AUX", "PART", "VERB", "PUNCT", "PRON", "VERB", "ADP", "SPACE"]
    deps = ["compound", "nsubj", "ROOT", "det", "nsubjpass", "auxpass", "neg", "ccomp", "punct", "nsubj", "conj", "prt"]
    doc = Doc(vocab, words=words, spaces=[True] * 11 + [False, False], pos=pos, deps=deps + ["dep"], heads=[0] * 13)
    columns = TermColumns(doc)
    assert columns.term == [token_term(t) for t in doc]
    assert columns.end == [t.idx + len(t) for t in doc]
    frame = [(doc[1].idx, doc[2].idx + 4)]  # "officials said"
    # the second clause has a verb and no negation: the content is not negated as a whole
    assert columns.claim_terms(doc[0:13], frame, [frame[0]]) == (
        ["us", "ship", "seiz", "sail"],
        ["offici", "said"],
        False,
    )
    # the first clause alone is negated ("was n't seized"); "officials said" is frame, not content
    terms, _, negated = columns.claim_terms(doc[0:8], frame, [frame[0]])
    assert terms == ["us", "ship", "seiz"] and negated
    # a span overlaps the tokens it shares a character with, and no token it only touches
    assert columns._overlapping([(1, 2), (2, 3), (doc[1].idx + 2, doc[1].idx + 3)], doc[0:13]) == {0, 1}
    assert columns._overlapping([(0, 100)], doc[2:5]) == {2, 3, 4}
    # a negation known only by its dependency label
    doc = Doc(
        vocab, words=["It", "was", "nae", "seized"], pos=["PRON", "AUX", "PART", "VERB"], deps=["a", "b", "neg", "c"]
    )
    assert TermColumns(doc).claim_terms(doc[0:4], [], [])[2]


def test_sentences_lose_their_edge_whitespace_and_a_whitespace_only_sentence_is_dropped():
    vocab = spacy.blank("en").vocab
    words = ["\n", "Ships", "sail", ".", "\n\n", "\n", "Crews", "wait", "\n"]
    starts = [True, False, False, False, True, False, True, False, False]
    doc = Doc(vocab, words=words, spaces=[False] * 9, sent_starts=starts)
    assert [(s.start, s.end) for s in _trimmed_sentences(doc)] == [(1, 4), (6, 8)]
    assert word_flags(doc) == [False, True, True, False, False, False, True, True, False]
