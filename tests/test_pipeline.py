"""The per-document pipeline, the tables and the analyze command."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest
from factories import write_folder_corpus

from analysis.aggregation.summary import CORPUS_TABLES
from analysis.cli import main
from analysis.pipeline.run import process_document
from analysis.settings import Settings


def test_sentences_carry_raw_offsets_paragraphs_and_headline(bundled_analysis, raw_texts):
    sentences = bundled_analysis.sentences
    for row in sentences.itertuples():
        assert raw_texts[row.doc_id][row.start : row.end] == row.text
    first = sentences[sentences["sentence_id"] == 0].set_index("doc_id")["text"]
    assert first["004_66c966626ed0da45"] == "North Korea Supplying Russians With Weapons For Ukraine War: US Reports"
    assert first["002_0ff85accba5b8a5e"].endswith("US intelligence says")  # title suffix removed
    headlines = sentences[sentences["is_headline"]]
    assert set(headlines["paragraph"]) == {0}
    assert (headlines.groupby("doc_id").size() >= 1).all()


def test_sentences_never_cross_paragraphs():
    raw = "North Korea denies it\n\nOfficials said the shells were shipped. They gave no figure."
    result = process_document("d", raw, Settings())
    assert [r["text"] for r in result.sentences] == [
        "North Korea denies it",
        "Officials said the shells were shipped.",
        "They gave no figure.",
    ]
    assert [r["paragraph"] for r in result.sentences] == [0, 1, 1]


@pytest.mark.parametrize("mode", ["parse", "fast"])
def test_same_input_same_rows(mode, raw_texts):
    text = raw_texts["003_bd2f4c37c13cce80"]
    first = process_document("x", text, Settings(mode=mode))
    second = process_document("x", text, Settings(mode=mode))
    assert first.sentences == second.sentences and first.cues == second.cues
    assert first.attributions == second.attributions


def test_words_per_document_add_up(bundled_analysis):
    per_doc = bundled_analysis.sentences.groupby("doc_id")["n_words"].sum()
    docs = bundled_analysis.documents.set_index("doc_id")
    assert (docs["n_words"] == per_doc).all()
    assert (docs["n_sentences"] == bundled_analysis.sentences.groupby("doc_id").size()).all()


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_analyze_writes_every_table_and_repeats_byte_for_byte(tmp_path, capsys):
    assert main(["analyze", "--out", str(tmp_path / "a")]) == 0
    assert main(["analyze", "--out", str(tmp_path / "b")]) == 0
    names = {p.stem for p in (tmp_path / "a").iterdir()}
    assert names == set(CORPUS_TABLES) and {"document_figures", "claims", "side_evidence"} <= names
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    summary = pd.read_csv(tmp_path / "a" / "outlet_summary.csv")
    assert len(summary) == 5 and {"hedges_per_1000", "anonymous_share"} <= set(summary.columns)
    assert "5 documents analysed, 0 rejected" in capsys.readouterr().out


def test_analyze_unseen_folder_accounts_for_every_file(tmp_path, capsys):
    folder = write_folder_corpus(tmp_path / "unseen", n_docs=40)
    (folder / "stray.txt").write_text("A file nobody listed.", encoding="utf-8")
    (folder / "article_005.txt").write_bytes(b"\x00\x01binary")
    out = tmp_path / "tables"
    assert main(["analyze", "--corpus", str(folder), "--out", str(out), "--mode", "fast"]) == 0
    documents = pd.read_csv(out / "documents.csv")
    rejected = pd.read_csv(out / "rejected.csv")
    listed = {p.name for p in folder.glob("*.txt")}
    assert set(documents["file"]) | set(rejected["file"]) == listed
    assert set(rejected["file"]) == {"stray.txt", "article_005.txt"}
    assert documents["outlet"].nunique() == 8
    assert "date_text" in documents.columns
    err = capsys.readouterr().err
    assert "early November" in err  # the unparseable free-text date is reported, naming the document


def test_analyze_reports_bad_corpus_with_exit_code_2(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("text", encoding="utf-8")
    assert main(["analyze", "--corpus", str(tmp_path), "--out", str(tmp_path / "o")]) == 2
    assert "no metadata.csv" in capsys.readouterr().err


def test_a_sentence_inside_a_multi_sentence_quote_is_quoted_not_an_assertion():
    """The middle sentence has no quotation marks of its own; the document's quotes decide."""
    from analysis.aggregation.attribution import unattributed_assertions
    from analysis.corpus.loading import Corpus
    from analysis.pipeline.run import analyze_corpus

    text = (
        "Officials met on Tuesday.\n\n“The shells are not ours. North Korea sold artillery shells to Russia. "
        "We have proof,” the minister said on Tuesday."
    )
    docs = pd.DataFrame({"doc_id": ["q"], "file": ["q.txt"], "outlet": ["X"], "text": [text]})
    corpus = Corpus(docs, pd.DataFrame(columns=["doc_id", "file", "stage", "reason"]), "test")
    for mode in ("parse", "fast"):
        result = analyze_corpus(corpus, Settings(mode=mode), progress=False)
        quoted = result.sentences.set_index("text")["in_quote"]
        assert not quoted["Officials met on Tuesday."]
        assert quoted["North Korea sold artillery shells to Russia."]
        claims = unattributed_assertions(result)
        assert not claims["unattributed"].any(), mode


def test_a_misspelt_rule_name_is_refused(tmp_path, capsys):
    assert main(["analyze", "--out", str(tmp_path), "--disable-rule", "attr_agentles"]) == 2
    assert "unknown rule name(s) ['attr_agentles']" in capsys.readouterr().err
    assert (
        main(
            [
                "analyze",
                "--out",
                str(tmp_path),
                "--mode",
                "fast",
                "--disable-rule",
                "attr_agentless",
                "--disable-rule",
                "may_month",
                "--disable-rule",
                "weather_banner",
            ]
        )
        == 0
    )
