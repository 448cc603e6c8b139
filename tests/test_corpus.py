"""The corpus loader: formats, metadata, dates, and every kind of bad input."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from factories import write_folder_corpus

from analysis.corpus.loading import CorpusError, CorpusWarning, load_corpus, parse_date
from analysis.pipeline.run import analyze_corpus
from analysis.settings import Settings

FAST = Settings(mode="fast")
ARTICLE = "Officials said the shipments had arrived.\n\nThe ministry reportedly received about 300 containers."


def write_meta(folder, rows, header=("file", "outlet")):
    lines = [",".join(header)] + [",".join(r) for r in rows]
    (folder / "metadata.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def accounted(corpus_or_analysis) -> set[str]:
    return set(corpus_or_analysis.documents["file"]) | set(corpus_or_analysis.rejected["file"])


def test_bundled_corpus_has_metadata_and_provenance(bundled_corpus):
    docs = bundled_corpus.documents
    assert len(docs) == 5 and bundled_corpus.rejected.empty
    for col in [
        "doc_id",
        "file",
        "outlet",
        "syndicated_from",
        "story_date",
        "captured_date",
        "language",
        "translated_from",
        "provenance_note",
        "phase",
        "text",
    ]:
        assert col in docs.columns, col
    assert docs["story_date"].notna().all()
    # The page date of the Mauritian site is the capture date, not the story date.
    row = docs.set_index("doc_id").loc["004_66c966626ed0da45"]
    assert str(row["captured_date"].date()) == "2024-04-26" and str(row["story_date"].date()) == "2022-09-07"


def test_bundled_files_are_byte_for_byte_the_shared_originals(bundled_corpus):
    from analysis.corpus.loading import BUNDLED_CORPUS

    shared = BUNDLED_CORPUS.parents[2] / "shared" / "corpus" / "raw"
    if not shared.is_dir():
        pytest.skip("shared corpus not beside the checkout")
    for f in sorted(shared.glob("*.txt")):
        assert (BUNDLED_CORPUS / f.name).read_bytes() == f.read_bytes(), f.name


def test_corpus_hash_changes_with_text(tmp_path):
    write_meta(tmp_path, [("a.txt", "X")])
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    first = load_corpus(tmp_path).hash
    (tmp_path / "a.txt").write_text(ARTICLE + " More.", encoding="utf-8")
    assert load_corpus(tmp_path).hash != first


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2022-09-06 (from the URL)", "2022-09-06"),
        ("6 September 2022", "2022-09-06"),
        ("Sep 7, 2022", "2022-09-07"),
        ("2022/11/03", "2022-11-03"),
        ("unknown", None),
        ("", None),
        ("early November", None),
        ("not a date at all", None),
    ],
)
def test_parse_date_reads_free_text(value, expected):
    stamp = parse_date(value)
    assert (None if stamp is None else str(stamp.date())) == expected


def test_unparseable_date_is_missing_with_a_warning_naming_the_document(tmp_path):
    write_meta(tmp_path, [("a.txt", "X", "sometime in autumn")], header=("file", "outlet", "date"))
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    with pytest.warns(CorpusWarning, match=r"a: date 'sometime in autumn'"):
        corpus = load_corpus(tmp_path)
    assert pd.isna(corpus.documents.loc[0, "date"]) and corpus.documents.loc[0, "phase"] == "unknown"
    assert corpus.documents.loc[0, "date_text"] == "sometime in autumn"


def test_folder_keyed_by_doc_id_keeps_extra_columns(tmp_path):
    write_meta(tmp_path, [("a", "X", "Title A")], header=("doc_id", "outlet", "title"))
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    docs = load_corpus(tmp_path).documents
    assert list(docs["doc_id"]) == ["a"] and list(docs["title"]) == ["Title A"]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_single_table_file(tmp_path, suffix):
    table = pd.DataFrame({"text": [ARTICLE, ARTICLE + " Again."], "outlet": ["X", "Y"], "url": ["u1", "u2"]})
    path = tmp_path / f"corpus{suffix}"
    if suffix == ".csv":
        table.to_csv(path, index=False)
    elif suffix == ".jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in table.to_dict("records")), encoding="utf-8")
    else:
        table.to_parquet(path)
    docs = load_corpus(path).documents
    assert list(docs["doc_id"]) == ["corpus-00001", "corpus-00002"]
    assert list(docs["url"]) == ["u1", "u2"] and list(docs["file"]) == [f"{path.name} row 1", f"{path.name} row 2"]


def test_missing_required_columns_name_the_file(tmp_path):
    path = tmp_path / "corpus.csv"
    pd.DataFrame({"body": ["x"], "outlet": ["X"]}).to_csv(path, index=False)
    with pytest.raises(CorpusError, match=r"corpus.csv: missing required column\(s\) \['text'\]"):
        load_corpus(path)
    write_meta(tmp_path, [("a.txt", "X")], header=("file", "source"))
    with pytest.raises(CorpusError, match=r"metadata.csv: missing required column\(s\) \['outlet'\]"):
        load_corpus(tmp_path)


def test_folder_without_metadata_is_a_clear_error(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(CorpusError, match="no metadata.csv"):
        load_corpus(tmp_path)


def test_unsupported_path_is_a_clear_error(tmp_path):
    (tmp_path / "corpus.xlsx").write_bytes(b"PK")
    with pytest.raises(CorpusError, match="corpus.xlsx"):
        load_corpus(tmp_path / "corpus.xlsx")
    with pytest.raises(CorpusError, match="no such file"):
        load_corpus(tmp_path / "missing")


def test_bad_inputs_are_rejected_with_reasons_and_nothing_is_lost(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes(
        "Le ministère a déclaré que les livraisons étaient arrivées à Pyongyang. "
        "Selon les responsables, les négociations ont échoué.".encode("cp1252")
    )
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "empty.txt").write_text("   \n\n", encoding="utf-8")
    (tmp_path / "boiler.txt").write_text("Advertisement\n\nLeave a Comment\n\nSource link\n", encoding="utf-8")
    (tmp_path / "orphan.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "nooutlet.txt").write_text(ARTICLE, encoding="utf-8")
    unreadable = tmp_path / "unreadable.txt"
    unreadable.mkdir()  # a folder with a .txt name cannot be read as a file
    rows = [
        ("good.txt", "X"),
        ("latin1.txt", "X"),
        ("binary.txt", "Y"),
        ("empty.txt", "Y"),
        ("boiler.txt", "Y"),
        ("missing.txt", "Y"),
        ("good.txt", "Z"),
        ("nooutlet.txt", ""),
        ("", "Y"),
    ]
    write_meta(tmp_path, rows)
    corpus = load_corpus(tmp_path)
    reasons = dict(zip(corpus.rejected["file"], corpus.rejected["reason"]))
    assert "binary" in reasons["binary.txt"]
    assert reasons["empty.txt"] == "empty document"
    assert "does not exist" in reasons["missing.txt"]
    assert "duplicate doc_id 'good'" in reasons["good.txt"]
    assert "no row in metadata.csv" in reasons["orphan.txt"]
    assert reasons["nooutlet.txt"] == "missing outlet"
    assert reasons["metadata.csv line 10"] == "metadata row names no file"
    latin = corpus.documents.set_index("file").loc["latin1.txt"]
    assert latin["encoding"] != "utf-8" and "ministère" in latin["text"]
    assert any("latin1.txt: not UTF-8; decoded as" in m for m in corpus.messages)

    result = analyze_corpus(corpus, FAST, progress=False)
    assert "boiler.txt" in set(result.rejected.loc[result.rejected["stage"] == "clean", "file"])
    assert "only boilerplate" in result.rejected.set_index("file").loc["boiler.txt", "reason"]
    # Every input file and every metadata row is accounted for.
    files = {p.name for p in tmp_path.glob("*.txt") if p.is_file()} | {"missing.txt", "metadata.csv line 10"}
    assert files <= accounted(result)
    assert set(result.documents["file"]) == {"good.txt", "latin1.txt"}


def test_unreadable_named_file_is_rejected(tmp_path):
    (tmp_path / "locked.txt").mkdir()
    write_meta(tmp_path, [("locked.txt", "X")])
    corpus = load_corpus(tmp_path)
    assert corpus.rejected.loc[0, "file"] == "locked.txt"
    assert "does not exist" in corpus.rejected.loc[0, "reason"]


def test_oversized_file_is_rejected_not_loaded(tmp_path):
    (tmp_path / "big.txt").write_text(ARTICLE * 100, encoding="utf-8")
    write_meta(tmp_path, [("big.txt", "X")])
    corpus = load_corpus(tmp_path, max_bytes=1000)
    assert "over the 1,000-byte limit" in corpus.rejected.loc[0, "reason"]


def test_table_with_duplicate_ids_and_bad_text(tmp_path):
    path = tmp_path / "c.jsonl"
    rows = [
        {"doc_id": "a", "text": ARTICLE, "outlet": "X"},
        {"doc_id": "a", "text": ARTICLE, "outlet": "Y"},
        {"doc_id": "b", "text": None, "outlet": "Y"},
        {"doc_id": "c", "text": 5, "outlet": "Y"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    corpus = load_corpus(path)
    assert list(corpus.documents["doc_id"]) == ["a"]
    reasons = list(corpus.rejected["reason"])
    assert reasons[0].startswith("duplicate doc_id 'a'") and reasons[1] == "empty document"
    assert reasons[2] == "text is not a string (int)"


def test_unseen_folder_corpus_accounts_for_every_file(tmp_path):
    folder = write_folder_corpus(tmp_path / "unseen", n_docs=36)
    with pytest.warns(CorpusWarning):
        corpus = load_corpus(folder)
    assert len(corpus.documents) + len(corpus.rejected) == 36
    assert set(corpus.documents["title"].str.startswith("Port shipments"))
    dates = corpus.documents.set_index("file")["date"]
    assert str(dates["article_000.txt"].date()) == "2022-09-06"


def test_metadata_paths_that_leave_the_folder_are_rejected_and_never_read(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("SECRET outside text the loader must never read.", encoding="utf-8")
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    (corpus_dir / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus_dir / "sub").mkdir()
    (corpus_dir / "sub" / "inner.txt").write_text(ARTICLE + " Inner.", encoding="utf-8")
    (corpus_dir / "link_in.txt").symlink_to(corpus_dir / "sub" / "inner.txt")
    (corpus_dir / "link_out.txt").symlink_to(outside)
    rows = [
        ("good.txt", "X"),
        ("../secret.txt", "X"),
        (str(outside), "X"),
        ("link_out.txt", "X"),
        ("link_in.txt", "Y"),
    ]
    write_meta(corpus_dir, rows)
    corpus = load_corpus(corpus_dir)
    reasons = dict(zip(corpus.rejected["file"], corpus.rejected["reason"]))
    for name in ("../secret.txt", str(outside), "link_out.txt"):
        assert "outside the corpus folder" in reasons[name], name
    assert set(corpus.documents["file"]) == {"good.txt", "link_in.txt"}  # a symlink that stays inside is fine
    assert not corpus.documents["text"].str.contains("SECRET").any()
    assert "sub/inner.txt" not in reasons  # read once, through the link that names it


@pytest.mark.parametrize("name", ["b.TXT", "c.text", "d.png", "notes.md"])
def test_files_no_row_names_are_listed_whatever_their_extension(tmp_path, name):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / name).write_bytes(b"anything")
    (tmp_path / ".hidden").write_text("editor state", encoding="utf-8")
    write_meta(tmp_path, [("a.txt", "X")])
    corpus = load_corpus(tmp_path)
    assert list(corpus.rejected["file"]) == [name]
    assert "no row in metadata.csv" in corpus.rejected.loc[0, "reason"]


def test_one_stray_byte_keeps_utf8_and_says_so(tmp_path):
    text = "Officials in Zürich said the shipments had arrived. Genève agreed."
    data = text.encode("utf-8").replace(b"arrived", b"arr\xffived")
    (tmp_path / "a.txt").write_bytes(data)
    write_meta(tmp_path, [("a.txt", "X")])
    doc = load_corpus(tmp_path).documents.iloc[0]
    assert doc["encoding"] == "utf-8" and "Zürich" in doc["text"] and "Genève" in doc["text"]
    assert "arr\ufffdived" in doc["text"]
    assert doc["decoding"].startswith("1 invalid UTF-8 byte replaced with U+FFFD")


def test_legacy_file_is_decoded_and_the_decoding_column_says_so(tmp_path):
    (tmp_path / "a.txt").write_bytes("Le ministère a déclaré que tout était prêt.".encode("cp1252"))
    write_meta(tmp_path, [("a.txt", "X")])
    doc = load_corpus(tmp_path).documents.iloc[0]
    assert "ministère" in doc["text"] and doc["decoding"].startswith("not UTF-8; decoded as")


@pytest.mark.parametrize("dayfirst, expected", [(False, "2025-04-03"), (True, "2025-03-04")])
def test_ambiguous_day_month_is_read_by_the_stated_rule_and_flagged(tmp_path, dayfirst, expected):
    write_meta(
        tmp_path, [("a.txt", "X", "04/03/2025"), ("b.txt", "X", "25/03/2025")], header=("file", "outlet", "date")
    )
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE + " B.", encoding="utf-8")
    with pytest.warns(CorpusWarning, match="could be read either way"):
        docs = load_corpus(tmp_path, dayfirst=dayfirst).documents.set_index("file")
    assert str(docs.loc["a.txt", "date"].date()) == expected and docs.loc["a.txt", "date_ambiguous"]
    assert str(docs.loc["b.txt", "date"].date()) == "2025-03-25" and not docs.loc["b.txt", "date_ambiguous"]
