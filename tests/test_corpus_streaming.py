"""The streaming corpus reader: the same documents, rejections, messages and hash as load_corpus,
a batch at a time, with only one batch's texts read."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from factories import write_folder_corpus
from pandas.testing import assert_frame_equal

from analysis.corpus import streaming
from analysis.corpus.loading import CorpusError, CorpusWarning, load_corpus
from analysis.corpus.streaming import stream_corpus

# Warnings about dates: test_date_warnings_come_from_stream_corpus.
pytestmark = pytest.mark.filterwarnings("ignore::analysis.corpus.dates.CorpusWarning")
ARTICLE = "Officials said the shipments had arrived.\n\nThe ministry reportedly received about 300 containers."


def write_meta(folder, rows, header=("file", "outlet")):
    lines = [",".join(header)] + [",".join(r) for r in rows]
    (folder / "metadata.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def assert_streams_as_loaded(path, sizes=(1, 2, 1000), **kwargs):
    """stream_corpus(path) gives load_corpus(path)'s documents (in batches of each size), rejected
    inputs, messages, source and hash."""
    corpus = load_corpus(path, **kwargs)
    stream = stream_corpus(path, **kwargs)
    for size in sizes:
        batches = list(stream.batches(size))
        assert all(len(b) <= size for b in batches)
        assert len(batches) == max(1, -(-len(corpus.documents) // size))
        assert_frame_equal(pd.concat(batches, ignore_index=True), corpus.documents, check_dtype=True)
    assert_frame_equal(stream.rejected, corpus.rejected, check_dtype=True)
    assert stream.messages == corpus.messages
    assert stream.source == corpus.source
    assert stream.hash == corpus.hash
    assert stream.n_documents == len(corpus.documents)
    return corpus


def test_bundled_corpus(bundled_corpus):
    stream = stream_corpus()
    assert stream.source == "bundled sample corpus"
    for size in (1, 2, 100):
        batches = list(stream.batches(size))
        assert [len(b) for b in batches][:1] == [min(size, len(bundled_corpus))]
        assert_frame_equal(pd.concat(batches, ignore_index=True), bundled_corpus.documents, check_dtype=True)
    assert_frame_equal(stream.rejected, bundled_corpus.rejected, check_dtype=True)
    assert stream.messages == bundled_corpus.messages and stream.hash == bundled_corpus.hash


def _messy_folder(tmp_path):
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    (tmp_path / "secret.txt").write_text("SECRET outside text.", encoding="utf-8")
    (corpus_dir / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus_dir / "other.txt").write_text(ARTICLE + " Other.", encoding="utf-8")
    (corpus_dir / "latin1.txt").write_bytes("Le ministère a déclaré que tout était prêt.".encode("cp1252"))
    (corpus_dir / "stray.txt").write_bytes("Zürich said it arrived. Genève agreed.".encode().replace(b"it", b"\xffit"))
    (corpus_dir / "empty.txt").write_text("  \n\n", encoding="utf-8")
    (corpus_dir / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    (corpus_dir / "notes.md").write_text("no row names this file", encoding="utf-8")
    rows = [
        ("good.txt", "X", "04/03/2025", "u1"),
        ("latin1.txt", "X", "2022-09-06", "u2"),
        ("stray.txt", "Y", "sometime in autumn", "u3"),
        ("empty.txt", "Y", "", ""),
        ("binary.txt", "Y", "", ""),
        ("good.txt", "Z", "", ""),  # duplicate doc_id
        ("../secret.txt", "X", "", ""),
        ("missing.txt", "X", "", ""),
        ("", "Y", "", ""),
        ("other.txt", "", "", ""),  # missing outlet
    ]
    write_meta(corpus_dir, rows, header=("file", "outlet", "date", "source url"))
    return corpus_dir


@pytest.mark.parametrize("dayfirst", [False, True])
def test_folder_with_rejected_files_and_ambiguous_dates(tmp_path, dayfirst):
    corpus = assert_streams_as_loaded(_messy_folder(tmp_path), sizes=(1, 2, 3, 1000), dayfirst=dayfirst)
    reasons = dict(zip(corpus.rejected["file"], corpus.rejected["reason"]))
    assert {"empty.txt", "binary.txt", "good.txt", "../secret.txt", "missing.txt", "notes.md", "other.txt"} <= set(
        reasons
    )
    assert "outside the corpus folder" in reasons["../secret.txt"]
    assert any("latin1.txt: not UTF-8; decoded as" in m for m in corpus.messages)
    assert any("could be read either way" in m for m in corpus.messages)
    assert list(corpus.documents["file"]) == ["good.txt", "latin1.txt", "stray.txt"]


def test_generated_folder_corpus(tmp_path):
    folder = write_folder_corpus(tmp_path / "unseen", n_docs=36)
    assert_streams_as_loaded(folder, sizes=(1, 5, 36, 100))
    assert_streams_as_loaded(folder, sizes=(7,), max_bytes=1000, dayfirst=True)


TABLE_ROWS = [
    {"doc_id": "a", "text": ARTICLE, "outlet": "X", "views": 5, "date": "2022-09-06"},
    {"doc_id": "a", "text": ARTICLE + " Again.", "outlet": "Y", "views": None, "date": ""},  # duplicate doc_id
    {"doc_id": "b", "text": None, "outlet": "Y", "views": 7, "date": "04/03/2025"},
    {"doc_id": "c", "text": 5, "outlet": "Y", "views": 8, "date": ""},  # not a string (JSONL only)
    {"doc_id": "", "text": ARTICLE + " No outlet.", "outlet": "", "views": 9, "date": ""},
    {"doc_id": "", "text": "   ", "outlet": "Z", "views": 10, "date": ""},
    {"doc_id": "", "text": ARTICLE + " Ünïcode ✓.", "outlet": "Z", "views": 11, "date": "04/03/2025"},
    {"doc_id": "g", "text": ARTICLE * 30, "outlet": "Z", "views": 12, "date": "Sep 7 2022"},
    {"doc_id": "h", "text": ARTICLE + " H.", "outlet": None, "views": 13, "date": "not a date"},
    {"doc_id": "i", "text": ARTICLE + " I.", "outlet": "Z", "views": 14, "date": "2023-01-05"},
]


def write_table(path, rows=TABLE_ROWS):
    if path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in rows) + "\n  \n", encoding="utf-8")
        return path
    # CSV and Parquet columns cannot mix strings and numbers: a text that is not a string is missing there
    table = pd.DataFrame(
        [{k: None if k == "text" and not isinstance(v, str) else v for k, v in r.items()} for r in rows]
    )
    if path.suffix == ".csv":
        table.to_csv(path, index=False)
    else:
        table.to_parquet(path, row_group_size=3)
    return path


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
@pytest.mark.parametrize("max_bytes", [50 * 1024 * 1024, 500])
def test_table_files(tmp_path, monkeypatch, suffix, max_bytes):
    monkeypatch.setattr(streaming, "METADATA_ROWS", 4)  # the first pass reads the table in several chunks
    path = write_table(tmp_path / f"corpus{suffix}")
    corpus = assert_streams_as_loaded(path, sizes=(1, 2, 3, 1000), max_bytes=max_bytes)
    reasons = list(corpus.rejected["reason"])
    assert "missing outlet" in reasons and any(r.startswith("duplicate doc_id 'a'") for r in reasons)
    if suffix == ".jsonl":
        assert "text is not a string (int)" in reasons
        assert list(corpus.documents["views"])[0] == "5.0"  # an int column with a null is float, both ways


def test_table_rows_with_different_keys_and_types(tmp_path):
    rows = [
        {"text": ARTICLE, "outlet": "X", "a": 1, "flag": True, "nested": {"k": [1, None]}},
        {"text": ARTICLE + " 2", "outlet": "X", "b": 0.1, "flag": None},
        {"outlet": "Y", "a": None},
        {"text": ["a", "list"], "outlet": "Y"},
        {"text": ARTICLE + " 3", "outlet": 7, "doc_id": 0},
    ]
    assert_streams_as_loaded(write_table(tmp_path / "c.jsonl", rows))


def test_corpus_without_documents_gives_one_empty_batch(tmp_path):
    (tmp_path / "a.txt").write_text("   ", encoding="utf-8")
    write_meta(tmp_path, [("a.txt", "X")])
    assert_streams_as_loaded(tmp_path)
    header_only = tmp_path / "empty.csv"
    header_only.write_text("text,outlet\n", encoding="utf-8")
    assert_streams_as_loaded(header_only)


def test_texts_are_read_a_batch_at_a_time(tmp_path, monkeypatch):
    folder = write_folder_corpus(tmp_path / "c", n_docs=7)
    stream = stream_corpus(folder)
    reads = []
    real = streaming.read_document
    monkeypatch.setattr(streaming, "read_document", lambda path, limit: reads.append(path.name) or real(path, limit))
    batches = stream.batches(3)
    assert reads == []
    first = next(batches)
    assert len(first) == 3 and reads == list(first["file"])
    next(batches)
    assert len(reads) == 6
    assert len(next(batches)) == 1 and len(reads) == 7


def test_a_file_changed_after_the_first_pass_is_an_error(tmp_path):
    folder = write_folder_corpus(tmp_path / "c", n_docs=5)
    stream = stream_corpus(folder)
    batches = stream.batches(2)
    next(batches)  # the files of later batches are not read yet
    (folder / "article_004.txt").write_text(ARTICLE, encoding="utf-8")
    next(batches)
    with pytest.raises(CorpusError, match="article_004.txt changed while being read"):
        next(batches)
    (folder / "article_000.txt").unlink()
    with pytest.raises(CorpusError, match="article_000.txt: changed while being read"):
        list(stream.batches(10))


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_a_table_changed_after_the_first_pass_is_an_error(tmp_path, suffix):
    path = write_table(tmp_path / f"corpus{suffix}")
    stream = stream_corpus(path)
    write_table(
        path, [{**r, "text": r["text"] + " Edited." if isinstance(r["text"], str) else None} for r in TABLE_ROWS]
    )
    with pytest.raises(CorpusError, match=r"corpus\.\w+ row 1 changed while being read"):
        next(stream.batches(2))


def test_corpus_errors_are_raised_by_stream_corpus_itself(tmp_path):
    with pytest.raises(CorpusError, match="no such file"):
        stream_corpus(tmp_path / "missing")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(CorpusError, match="no metadata.csv"):
        stream_corpus(tmp_path)
    write_meta(tmp_path, [("a.txt", "X")], header=("file", "source"))
    with pytest.raises(CorpusError, match=r"metadata.csv: missing required column\(s\) \['outlet'\]"):
        stream_corpus(tmp_path)
    (tmp_path / "corpus.xlsx").write_bytes(b"PK")
    with pytest.raises(CorpusError, match="corpus.xlsx"):
        stream_corpus(tmp_path / "corpus.xlsx")


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_table_errors_match_load_corpus(tmp_path, suffix):
    path = write_table(tmp_path / f"corpus{suffix}", [{"body": ARTICLE, "outlet": "X"}])
    with pytest.raises(CorpusError) as loaded:
        load_corpus(path)
    with pytest.raises(CorpusError) as streamed:
        stream_corpus(path)
    assert str(streamed.value) == str(loaded.value)
    assert "missing required column(s) ['text']" in str(streamed.value)
    path.write_bytes(b"\xff\xfe not a table \x00")
    with pytest.raises(CorpusError, match=f"cannot be read as {suffix[1:].upper()}"):
        load_corpus(path)
    with pytest.raises(CorpusError, match=f"cannot be read as {suffix[1:].upper()}"):
        stream_corpus(path)


def test_date_warnings_come_from_stream_corpus(tmp_path):
    write_meta(tmp_path, [("a.txt", "X", "04/03/2025")], header=("file", "outlet", "date"))
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    with pytest.warns(CorpusWarning, match="could be read either way"):
        stream = stream_corpus(tmp_path)
    assert stream.messages == ["a: date '04/03/2025' could be read either way; read month first as 2025-04-03"]


def test_batch_size_must_be_positive(tmp_path):
    with pytest.raises(ValueError, match="at least 1"):
        stream_corpus().batches(0)


def test_the_first_pass_keeps_no_texts(tmp_path, monkeypatch):
    path = write_table(tmp_path / "corpus.jsonl")
    read = []
    real = pd.read_json
    monkeypatch.setattr(
        streaming.pd, "read_json", lambda source, **kw: read.append(source.getvalue()) or real(source, **kw)
    )
    stream = stream_corpus(path)
    assert len(read) == 1 and "Officials said" not in read[0] and '"views"' in read[0]
    assert stream.n_documents == 4
