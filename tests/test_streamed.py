"""analyze --stream: partitioned tables equal to analyze's, a bounded read-ahead, and the parts'
schemas unified so any Parquet reader takes the dataset."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.aggregation.streamed import stream_corpus_tables
from analysis.aggregation.summary import corpus_tables
from analysis.cli import main
from analysis.corpus.loading import load_corpus
from analysis.corpus.streaming import stream_corpus
from analysis.pipeline.engines import Execution
from analysis.pipeline.partitions import PartitionedTables
from analysis.pipeline.run import analyze_corpus
from analysis.pipeline.stream import analysed_partitions
from analysis.pipeline.tables import STREAMED_FOLDERS, stable_order, write_tables
from analysis.resources import bundled_story_file
from analysis.settings import Settings

WHOLE_TABLES = ("documents", "rejected", "document_figures", "outlet_summary", "sides")


@pytest.fixture(scope="module")
def story_settings():
    return Settings(story=str(bundled_story_file()))


@pytest.fixture(scope="module")
def analyze_output(tmp_path_factory, story_settings):
    """analyze's tables for the bundled corpus with its story file."""
    out = tmp_path_factory.mktemp("analyze") / "tables"
    analysis = analyze_corpus(load_corpus(), story_settings, progress=False)
    write_tables(corpus_tables(analysis), out)
    return out


@pytest.mark.parametrize("partition_documents", [1, 2, 50])
def test_streamed_tables_are_analyzes_tables(tmp_path, analyze_output, story_settings, partition_documents):
    out = tmp_path / "streamed"
    result = stream_corpus_tables(
        stream_corpus(), out, story_settings, partition_documents=partition_documents, progress=False
    )
    for name in STREAMED_FOLDERS:
        streamed = stable_order(pd.read_parquet(out / name))
        pd.testing.assert_frame_equal(streamed, pd.read_parquet(analyze_output / f"{name}.parquet"))
    for name in WHOLE_TABLES:
        pd.testing.assert_frame_equal(
            pd.read_parquet(out / f"{name}.parquet"), pd.read_parquet(analyze_output / f"{name}.parquet")
        )
        assert (out / f"{name}.csv").read_bytes() == (analyze_output / f"{name}.csv").read_bytes()
    assert result.corpus_hash == load_corpus().hash
    assert len(list((out / "sentences").glob("part-*.parquet"))) == math.ceil(5 / partition_documents)


def test_a_partitioned_table_reads_as_one_dataset(tmp_path, story_settings):
    stream_corpus_tables(stream_corpus(), tmp_path / "out", story_settings, partition_documents=2, progress=False)
    parts = sorted((tmp_path / "out" / "cues").glob("part-*.parquet"))
    whole = pd.read_parquet(tmp_path / "out" / "cues")  # pyarrow reads the folder as one dataset
    assert len(parts) == 3 and len(whole) == sum(len(pd.read_parquet(p)) for p in parts)


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_two_workers_write_the_bytes_of_one(tmp_path, story_settings, engine):
    if engine == "dask":
        pytest.importorskip("distributed")
    settings = story_settings.replace(mode="fast")
    for jobs in (1, 2):
        execution = Execution(jobs=jobs, engine=engine if jobs == 2 else "local", batch_documents=1)
        stream_corpus_tables(stream_corpus(), tmp_path / str(jobs), settings, execution, partition_documents=2)
    files = sorted(p.relative_to(tmp_path / "1") for p in (tmp_path / "1").rglob("*") if p.is_file())
    assert len(files) == 5 * 3 + 5 * 2  # 3 parts of 5 tables; 5 tables as Parquet and CSV
    assert all((tmp_path / "1" / f).read_bytes() == (tmp_path / "2" / f).read_bytes() for f in files)


def test_partitions_are_analysed_while_the_corpus_is_read(story_settings):
    """Partition k is handed on before the reader gets far past it: the read-ahead is the engine's
    window of batches, not the corpus."""
    stream = stream_corpus()
    read = []
    batches = stream.batches

    def counting(size):
        for frame in batches(size):
            read.append(len(frame))
            yield frame

    stream.batches = counting
    settings = story_settings.replace(mode="fast")
    execution = Execution(jobs=1, batch_documents=1)
    ahead = [
        len(read) - k for k, _ in enumerate(analysed_partitions(stream, settings, execution, partition_documents=1))
    ]
    assert len(ahead) == 5 and max(ahead) <= 3  # two batches peeked by the engine, one being read


def test_a_failed_stream_leaves_the_previous_tables(tmp_path, story_settings, monkeypatch):
    out = tmp_path / "out"
    stream_corpus_tables(stream_corpus(), out, story_settings.replace(mode="fast"), progress=False)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def failing(part, assertions):
        raise RuntimeError("disk gone")

    monkeypatch.setattr("analysis.aggregation.streamed.document_figures", failing)
    with pytest.raises(RuntimeError):
        stream_corpus_tables(stream_corpus(), out, story_settings.replace(mode="fast"), progress=False)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temporary folder left


def test_without_a_story_file_there_are_no_figures_by_side(tmp_path):
    result = stream_corpus_tables(stream_corpus(), tmp_path / "out", Settings(mode="fast"), progress=False)
    assert result.sides_status == "unknown" and result.sides.empty
    assert not [c for c in result.outlet_summary.columns if "accused" in c or "denial" in c]
    assert "unattributed_share" not in result.outlet_summary  # no key claims, no shared claims


def test_parts_get_one_schema(tmp_path):
    tables = PartitionedTables(tmp_path, ("t", "empty"))
    tables.write("t", pd.DataFrame({"doc_id": ["a"], "n": [1], "entity": [None], "terms": [[]]}))
    tables.write("t", pd.DataFrame({"doc_id": ["b"], "n": [float("nan")], "entity": ["Kirby"], "terms": [["x"]]}))
    tables.write("empty", pd.DataFrame({"doc_id": pd.Series([], dtype=object)}))
    tables.finish()
    whole = pd.read_parquet(tmp_path / "t")
    assert whole["entity"].isna().tolist() == [True, False] and whole["n"].dtype == float
    assert list(pd.read_parquet(tmp_path / "empty").columns) == ["doc_id"]


def test_analyze_stream_on_the_command_line(tmp_path, capsys):
    out = tmp_path / "tables"
    code = main(
        ["analyze", "--stream", "--mode", "fast", "--partition-documents", "2", "--jobs", "1", "--out", str(out)]
    )
    assert code == 0
    err = capsys.readouterr().err
    assert "no claims or claim_drift table" in err
    assert sorted(p.name for p in (out / "cues").iterdir()) == [
        "part-00000.parquet",
        "part-00001.parquet",
        "part-00002.parquet",
    ]
    assert (out / "outlet_summary.csv").is_file() and not (out / "claims.csv").exists()


def test_a_streamed_set_and_an_analyze_set_replace_each_other(tmp_path):
    out = tmp_path / "tables"
    base = ["analyze", "--mode", "fast", "--jobs", "1", "--no-cache", "--out", str(out)]
    assert main(base) == 0 and (out / "claims.csv").is_file()
    assert main([*base, "--stream"]) == 0 and (out / "cues").is_dir() and not (out / "claims.csv").exists()
    assert main(base) == 0 and (out / "cues.csv").is_file() and not (out / "cues").exists()
    (out / "notes.txt").write_text("mine")
    assert main([*base, "--stream"]) == 4  # a folder holding other files is not replaced


def test_a_corpus_of_rejected_inputs_gives_the_reasons_and_exit_code_3(tmp_path, capsys):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"text": "", "outlet": "A"}\n{"text": "Hello there.", "outlet": ""}\n', encoding="utf-8")
    out = tmp_path / "tables"
    assert main(["analyze", "--stream", "--corpus", str(corpus), "--jobs", "1", "--out", str(out)]) == 3
    assert "all 2 inputs were rejected" in capsys.readouterr().err
    assert pd.read_csv(out / "rejected.csv")["reason"].tolist() == ["empty document", "missing outlet"]
    assert {"doc_id", "outlet"} <= set(pd.read_parquet(out / "documents.parquet").columns)
    assert "doc_id" in pd.read_parquet(out / "cues").columns


def test_inputs_the_cleaning_stage_rejects_are_counted(tmp_path, capsys):
    corpus = tmp_path / "corpus.jsonl"
    lines = ['{"doc_id": "b", "outlet": "A", "text": "Leave a comment\\nAdvertisement\\n"}']
    lines += ['{"doc_id": "a", "outlet": "B", "text": "Advertisement\\n"}']
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "tables"
    assert main(["analyze", "--stream", "--corpus", str(corpus), "--jobs", "1", "--out", str(out)]) == 3
    assert "all 2 inputs were rejected" in capsys.readouterr().err
    assert set(pd.read_csv(out / "rejected.csv")["stage"]) == {"clean"}
    assert "outlet" in pd.read_parquet(out / "outlet_summary.parquet").columns  # the columns of analyze's


def test_a_folder_that_only_looks_like_parts_is_not_replaced(tmp_path):
    out = tmp_path / "tables"
    base = ["analyze", "--mode", "fast", "--jobs", "1", "--no-cache", "--out", str(out)]
    assert main([*base, "--stream"]) == 0
    backup = out / "my_backup"
    backup.mkdir()
    (backup / "part-00000.parquet").write_bytes((out / "cues" / "part-00000.parquet").read_bytes())
    assert main(base) == 4 and (backup / "part-00000.parquet").is_file()


def test_parquet_texts_are_read_a_row_group_at_a_time(tmp_path, story_settings):
    import pyarrow as pa
    import pyarrow.parquet as pq

    documents = load_corpus().documents[["doc_id", "outlet", "text"]]
    path = tmp_path / "corpus.parquet"
    pq.write_table(pa.Table.from_pandas(documents, preserve_index=False), path, row_group_size=2)
    assert pq.ParquetFile(path).num_row_groups == 3
    frames = list(stream_corpus(path).batches(1))
    assert [f["text"].iloc[0] for f in frames] == documents["text"].tolist()


def test_outlet_intervals_do_not_depend_on_the_order_of_the_input(tmp_path):
    from factories import write_folder_corpus

    from analysis.aggregation import attribution as am
    from analysis.aggregation.summary import outlet_summary

    corpus = load_corpus(write_folder_corpus(tmp_path / "corpus", n_docs=24))
    assert corpus.documents["outlet"].value_counts().min() >= 3  # intervals resample several documents
    settings = Settings(mode="fast", story=str(bundled_story_file()))
    forward = analyze_corpus(corpus, settings, progress=False)
    corpus.documents = corpus.documents.sample(frac=1, random_state=3).reset_index(drop=True)
    shuffled = analyze_corpus(corpus, settings, progress=False)
    assert forward.documents["doc_id"].tolist() != shuffled.documents["doc_id"].tolist()
    pd.testing.assert_frame_equal(outlet_summary(forward), outlet_summary(shuffled))
    pd.testing.assert_frame_equal(am.outlet_attribution_table(forward), am.outlet_attribution_table(shuffled))


def test_a_folder_named_like_a_streamed_table_holding_other_files_is_not_replaced(tmp_path):
    out = tmp_path / "tables"
    (out / "cues").mkdir(parents=True)
    (out / "cues" / "notes.txt").write_text("mine")
    base = ["analyze", "--mode", "fast", "--jobs", "1", "--no-cache", "--out", str(out)]
    assert main([*base, "--stream"]) == 4 and (out / "cues" / "notes.txt").is_file()
