"""The article view (analysis.reports.highlight): every sentence, every finding marked with its
details and raw offsets, bare assertions, a legend, escaping, and subsets of sentences."""

from __future__ import annotations

import re
import types

import pandas as pd
import pytest

from analysis.aggregation import claims
from analysis.corpus.loading import load_corpus
from analysis.pipeline.run import analyze_corpus
from analysis.reports import highlight
from analysis.reports.marks import bare_assertions, is_question
from analysis.resources import bundled_story_file
from analysis.settings import Settings

TEXTS = [
    "The harbour was closed on Monday.",  # 0 bare
    "The mayor said the harbour was closed.",  # 1 attribution cue in it
    "The closure may last a week.",  # 2 hedge
    "\u201cWe closed it,\u201d the harbour master told us.",  # 3 in quotes
    "Will the harbour reopen?",  # 4 a question
    "Nearly 40 boats waited outside.",  # 5 an approximator only: still bare
    "The port is clearly closed.",  # 6 a booster only: still bare
    "The ships had left <b>early</b>.",  # 7 the content of the cue in 8
    "That is what the pilots reported.",  # 8 attribution cue
]


def _sentences(texts=TEXTS, doc_id="d1", base=100):
    rows, start = [], base
    for i, text in enumerate(texts):
        rows.append(
            {
                "doc_id": doc_id,
                "sentence_id": i,
                "paragraph": i // 3,
                "is_headline": i == 0,
                "start": start,
                "end": start + len(text),
                "in_quote": i == 3,
                "text": text,
            }
        )
        start += len(text) + 1
    return pd.DataFrame(rows)


def _at(sentences, sid, word):
    row = sentences[sentences["sentence_id"] == sid].iloc[0]
    start = int(row["start"]) + row["text"].index(word)
    return start, start + len(word)


def _cue(sentences, sid, word, category):
    start, end = _at(sentences, sid, word)
    return {
        "doc_id": "d1",
        "sentence_id": sid,
        "start": start,
        "end": end,
        "text": word,
        "category": category,
        "rule": "lexicon",
        "in_quote": False,
        "negated": False,
    }


def _attribution(sentences, sid, cue, source, content_sid, stance="neutral"):
    cs, ce = _at(sentences, sid, cue)
    ss, se = _at(sentences, sid, source)
    target = sentences[sentences["sentence_id"] == content_sid].iloc[0]
    content = (
        [[int(target["start"]), int(target["end"]) - 1]] if content_sid != sid else [[ce + 1, int(target["end"]) - 1]]
    )
    return {
        "doc_id": "d1",
        "sentence_id": sid,
        "cue_start": cs,
        "cue_end": ce,
        "cue_text": cue,
        "cue_kind": "verb",
        "source_start": ss,
        "source_end": se,
        "source_text": source,
        "source_type": "anonymous_official",
        "anonymous": True,
        "stance": stance,
        "mode": "indirect",
        "content_spans": content,
        "side": "accuser",
        "side_name": "Harbour <Board>",
        "in_quote": False,
        "rule": "verb",
        "negated": False,
    }


@pytest.fixture
def invented():
    sentences = _sentences()
    cues = pd.DataFrame(
        [
            _cue(sentences, 2, "may", "epistemic"),
            _cue(sentences, 5, "Nearly", "approximator"),
            _cue(sentences, 6, "clearly", "booster"),
        ]
    )
    attributions = pd.DataFrame(
        [
            _attribution(sentences, 1, "said", "The mayor", 1, stance="accusation"),
            _attribution(sentences, 8, "reported", "the pilots", 7),
        ]
    )
    documents = pd.DataFrame(
        [{"doc_id": "d1", "outlet": "Harbour <Gazette>", "file": "d1.txt", "story_date": pd.Timestamp("2023-04-05")}]
    )
    return types.SimpleNamespace(documents=documents, sentences=sentences, cues=cues, attributions=attributions)


def _blocks(page: str) -> list[str]:
    return re.findall(r"<div class='nh-s[^']*'.*?</div>", page, flags=re.S)


def test_bare_assertions_follow_the_definition(invented):
    flags = bare_assertions(invented.sentences, invented.cues, invented.attributions)
    assert [i for i, bare in enumerate(flags) if bare] == [0, 5, 6]
    assert is_question("Was it a drill?\u201d") and not is_question("It was a drill.")


def test_every_sentence_in_order_with_marks_and_footnotes(invented):
    page = highlight.sentences_html(invented, key_claims=claims.unattributed_assertions(invented))
    blocks = _blocks(page)
    assert len(blocks) == len(TEXTS) and page.count("<div class='nh-article'>") == 1
    assert [int(re.search(r"s(\d+) \u00b7", b).group(1)) for b in blocks] == list(range(len(TEXTS)))
    assert "class='nh-legend'" in page and "Showing" not in page
    assert "2023-04-05" in page and "document d1" in page and "The harbour was closed on Monday.</h4>" in page
    # each kind of mark: its class, its lettered reference and its footnote with raw offsets
    hedge = _at(invented.sentences, 2, "may")
    assert "class='nh-hedge'" in blocks[2] and ">H" in blocks[2] and f"chars {hedge[0]}\u2013{hedge[1]}" in blocks[2]
    assert "class='nh-booster'" in blocks[6] and "category: booster" not in blocks[2]
    cue = _at(invented.sentences, 1, "said")
    assert "<span class='nh-cue' title='attribution cue of A" in blocks[1] and f"{cue[0]}\u2013{cue[1]}" in blocks[1]
    assert "class='nh-source'" in blocks[1] and "source type: anonymous official" in blocks[1]
    assert "stance: accusation" in blocks[1] and "mode: indirect" in blocks[1] and "rule: verb" in blocks[1]
    assert "\u27e8" in blocks[1] and "\u27e9" in blocks[1]


def test_bare_assertions_and_quotes_are_marked_with_words_not_colour_only(invented):
    blocks = _blocks(highlight.sentences_html(invented))
    for i in (0, 5, 6):
        assert "nh-bare" in blocks[i].split(">")[0] and "bare assertion</span>" in blocks[i]
    for i in (1, 2, 3, 4, 7, 8):
        assert "nh-bare" not in blocks[i].split(">")[0]
    assert "in quotes</span>" in blocks[3]


def test_key_claims_stated_as_fact_are_marked_more_strongly(invented):
    key = pd.DataFrame([{"doc_id": "d1", "sentence_id": 0, "claim": "harbour_closed", "unattributed": True}])
    blocks = _blocks(highlight.sentences_html(invented, key_claims=key))
    assert "nh-keyfact" in blocks[0].split(">")[0] and "key claim stated as fact: harbour_closed" in blocks[0]
    assert "nh-keyfact" not in blocks[5].split(">")[0]


def test_content_across_sentences_is_bracketed_at_its_true_ends(invented):
    blocks = _blocks(highlight.sentences_html(invented))
    # the content (sentence 7) opens and closes there; its cue and footnote sit in sentence 8 and 7
    assert blocks[7].count("\u27e8") == 1 and blocks[7].count("\u27e9") == 1
    number = re.search(r"<sup class='nh-ref'>C(\d+)</sup>", blocks[7]).group(1)
    assert f"<b>A{number}</b>" in blocks[7] and f"<b>A{number}</b>" not in blocks[8]
    assert f">A{number}</sup>" in blocks[8] and f">S{number}</sup>" in blocks[8]


def test_all_data_text_is_escaped_and_there_is_no_script(invented):
    page = highlight.sentences_html(invented)
    assert "<b>early</b>" not in page and "&lt;b&gt;early&lt;/b&gt;" in page
    assert "Harbour &lt;Board&gt;" in page and "<Board>" not in page and "<Gazette>" not in page
    assert "<script" not in page.lower() and not re.search(r"\son\w+\s*=", page)


def test_subsets_keep_the_numbering_and_say_what_is_left_out(invented):
    full = highlight.sentences_html(invented)
    part = highlight.sentences_html(invented, [("d1", 6), ("d1", 2)], legend=False)
    assert len(_blocks(part)) == 2 and "class='nh-legend'" not in part
    assert "Showing 2 of 9 sentences" in part and "2 sentences not shown (s0\u2013s1)" in part
    assert "2 sentences not shown (s7\u2013s8)" in part
    for ref in re.findall(r"<sup class='nh-ref'>(\w+)</sup>", part):
        assert f">{ref}</sup>" in full
    frame = invented.sentences[invented.sentences["text"].str.contains("harbour")]
    assert len(_blocks(highlight.sentences_html(invented, frame))) == len(frame)
    assert "1 chosen sentence not in the analysis" in highlight.sentences_html(invented, [("zz", 0), ("d1", 0)])


def test_views_sharing_their_tables_give_the_pages_of_views_made_alone(invented):
    key_claims = claims.unattributed_assertions(invented)
    picks = [[("d1", 6), ("d1", 2)], None, [("d1", 3)], [("d1", 2), ("d1", 3), ("d1", 4)]]
    alone = [highlight.sentences_html(invented, p, key_claims=key_claims, legend=False) for p in picks]
    tables = highlight.view_tables(invented, key_claims)
    shared = [highlight.sentences_html(invented, p, legend=False, tables=tables) for p in picks]
    assert shared == alone
    assert set(tables.marks) == set(invented.sentences["doc_id"])  # each document's marks once


def test_a_limit_is_said_on_the_page(invented):
    page = highlight.outlet_highlights_html(
        invented.documents, invented.sentences, invented.cues, invented.attributions, "Harbour <Gazette>", limit=3
    )
    assert len(_blocks(page)) == 3 and "Showing 3 of 9 sentences" in page and "6 sentences not shown" in page
    assert "Harbour &lt;Gazette&gt;" in page
    empty = highlight.outlet_highlights_html(
        invented.documents, invented.sentences, invented.cues, invented.attributions, "X"
    )
    assert "No documents from this outlet." in empty


@pytest.fixture(scope="module", params=["fast", "parse"])
def analysed(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("article") / "corpus.csv"
    text = (
        "Ships <i>seen</i> near the port\n\nPyongyang ships artillery shells to Moscow by rail. Officials said "
        "the cargo was probably weapons. It is clearly a breach.\n\nWas anyone told? \u201cNo,\u201d the captain said."
    )
    pd.DataFrame([{"doc_id": "a", "outlet": "Invented Daily", "text": text}]).to_csv(path, index=False)
    settings = Settings(mode=request.param, story=str(bundled_story_file()))
    return analyze_corpus(load_corpus(path), settings, progress=False)


def test_analysed_documents_show_every_sentence_and_every_finding(analysed):
    page = highlight.sentences_html(analysed)
    assert len(_blocks(page)) == len(analysed.sentences)
    notes = re.findall(r"<li><b>([HBA])\d+</b>", page)
    hedges = analysed.cues["category"].ne("booster").sum()
    assert notes.count("A") == len(analysed.attributions) and notes.count("H") == hedges
    assert "&lt;i&gt;seen&lt;/i&gt;" in page and "<i>seen" not in page
    key = claims.unattributed_assertions(analysed)
    facts = key[key["unattributed"].astype(bool)]
    assert len(facts) == 1  # the second sentence states the key claim in the writer's voice
    bare = bare_assertions(analysed.sentences, analysed.cues, analysed.attributions)
    flagged = set(zip(analysed.sentences["doc_id"][bare], analysed.sentences["sentence_id"][bare]))
    assert set(zip(facts["doc_id"], facts["sentence_id"])) <= flagged
    assert page.count("key claim stated as fact:") == len(facts)


def test_a_document_without_findings_shows_its_sentences_as_bare_assertions(invented):
    plain = types.SimpleNamespace(
        documents=invented.documents, sentences=invented.sentences, cues=pd.DataFrame(), attributions=pd.DataFrame()
    )
    blocks = _blocks(highlight.sentences_html(plain, key_claims=pd.DataFrame()))
    assert len(blocks) == len(TEXTS) and "<sup" not in "".join(blocks)
    bare = [i for i, block in enumerate(blocks) if "nh-bare" in block.split(">")[0]]
    assert bare == [i for i in range(len(TEXTS)) if i not in (3, 4)]  # not the quote, not the question
