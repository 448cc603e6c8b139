"""Batched parsing, the parse cache and worker processes give the same tables as one document at a
time in one process (invented texts)."""

from __future__ import annotations

import sys
import threading

import pandas as pd
import pytest

from analysis.cli import main
from analysis.corpus.loading import REJECTED_COLUMNS, Corpus
from analysis.nlp.cache import ParseCache
from analysis.pipeline.engines import Execution, start_method
from analysis.pipeline.per_document import CacheSpec, process_batch, process_document
from analysis.pipeline.run import analyze_corpus
from analysis.settings import Settings

TEXTS = [
    "Harbour fees may rise next spring\n\nThe port authority said on Monday that fees could rise. "
    "Officials reportedly fear a shortfall.",
    "Ferry crews walk out\n\n“We will not sail,” a union spokesperson told reporters. The operator denied the claim.",
    "Rainfall doubles in the valley\n\nFarmers appear to welcome the change, according to a regional survey.",
    "A bridge reopens\n\nThe council clearly stated that the bridge is safe. Engineers suggested more checks.",
    "Only boilerplate here",
    "Markets steady\n\nTraders said prices might fall. Analysts possibly expect a rebound, sources said.",
]


def _corpus() -> Corpus:
    ids = [f"d{n}" for n in range(len(TEXTS))]
    docs = pd.DataFrame({"doc_id": ids, "file": [f"{i}.txt" for i in ids], "outlet": ["A", "B", "A", "B", "A", "B"]})
    docs["text"] = TEXTS
    return Corpus(docs, pd.DataFrame(columns=REJECTED_COLUMNS), "invented")


def _tables(analysis) -> dict:
    return {name: frame.to_csv() for name, frame in analysis.tables().items()}


@pytest.mark.parametrize("mode", ["parse", "fast"])
def test_a_batch_gives_the_rows_of_one_document_at_a_time(mode):
    settings = Settings(mode=mode)
    items = [(f"d{n}", t) for n, t in enumerate(TEXTS)]
    batched = process_batch(items, settings).results
    assert [(r.sentences, r.cues, r.attributions) for r in batched] == [
        (r.sentences, r.cues, r.attributions) for r in (process_document(i, t, settings) for i, t in items)
    ]


def test_a_second_run_parses_nothing_and_gives_the_same_tables(tmp_path):
    execution = Execution(cache=CacheSpec(str(tmp_path)), batch_documents=2)
    first = analyze_corpus(_corpus(), Settings(), progress=False, execution=execution)
    second = analyze_corpus(_corpus(), Settings(), progress=False, execution=execution)
    assert first.parse_stats["parsed"] == len(TEXTS) and first.parse_stats["cache_hits"] == 0
    assert second.parse_stats == {"cache_hits": len(TEXTS), "parsed": 0, "notes": []}
    assert _tables(second) == _tables(first) == _tables(analyze_corpus(_corpus(), Settings(), progress=False))


def test_a_warm_run_reads_its_parses_without_loading_the_model(tmp_path):
    from analysis.nlp.parsing import load_nlp

    execution = Execution(cache=CacheSpec(str(tmp_path)))
    cold = analyze_corpus(_corpus(), Settings(), progress=False, execution=execution)
    load_nlp.cache_clear()
    warm = analyze_corpus(_corpus(), Settings(), progress=False, execution=execution)
    assert warm.parse_stats["parsed"] == 0
    assert load_nlp.cache_info().currsize == 0  # the cached Docs were read into a blank vocabulary
    assert _tables(warm) == _tables(cold)


def test_an_edited_setting_reuses_the_parse_but_reruns_the_detectors(tmp_path):
    execution = Execution(cache=CacheSpec(str(tmp_path)))
    analyze_corpus(_corpus(), Settings(), progress=False, execution=execution)
    fewer = Settings(categories=("booster",))
    again = analyze_corpus(_corpus(), fewer, progress=False, execution=execution)
    assert again.parse_stats["parsed"] == 0
    assert set(again.cues["category"]) == {"booster"}
    assert _tables(again) == _tables(analyze_corpus(_corpus(), fewer, progress=False))


def test_a_corrupt_cache_file_is_noted_and_parsed_again(tmp_path):
    execution = Execution(cache=CacheSpec(str(tmp_path)))
    expected = _tables(analyze_corpus(_corpus(), Settings(), progress=False, execution=execution))
    damaged = sorted(ParseCache(tmp_path).files())[0]
    damaged.write_bytes(b"not a DocBin")
    again = analyze_corpus(_corpus(), Settings(), progress=False, execution=execution)
    assert again.parse_stats["parsed"] == 1 and again.parse_stats["cache_hits"] == len(TEXTS) - 1
    assert "unreadable" in again.parse_stats["notes"][0] and str(damaged) in again.parse_stats["notes"][0]
    assert _tables(again) == expected


def test_the_cache_is_pruned_to_its_size_and_cleared(tmp_path):
    analyze_corpus(_corpus(), Settings(), progress=False, execution=Execution(cache=CacheSpec(str(tmp_path))))
    cache = ParseCache(tmp_path, max_bytes=1)
    assert len(cache.files()) == len(TEXTS)
    assert cache.prune() == len(TEXTS) and not cache.files()
    analyze_corpus(_corpus(), Settings(), progress=False, execution=Execution(cache=CacheSpec(str(tmp_path))))
    (tmp_path / "keep.txt").write_text("not the cache's", encoding="utf-8")
    assert main(["cache", "clear", "--cache-dir", str(tmp_path)]) == 0
    assert not ParseCache(tmp_path).files() and (tmp_path / "keep.txt").exists()


def test_two_processes_give_the_tables_of_one(tmp_path):
    one = analyze_corpus(_corpus(), Settings(), progress=False)
    two = analyze_corpus(_corpus(), Settings(), progress=False, execution=Execution(jobs=2, batch_documents=2))
    assert _tables(two) == _tables(one)


def test_workers_are_forked_only_from_a_single_threaded_process_and_give_the_same_tables():
    one = analyze_corpus(_corpus(), Settings(), progress=False)
    assert start_method() == ("fork" if sys.platform == "linux" else "spawn")
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)  # as a Jupyter kernel's threads
    other.start()
    try:
        assert start_method() == "spawn"
        two = analyze_corpus(_corpus(), Settings(), progress=False, execution=Execution(jobs=2, batch_documents=2))
    finally:
        stop.set()
        other.join()
    assert _tables(two) == _tables(one)


def test_analyze_reports_the_cache_hits(tmp_path, capsys):
    args = ["analyze", "--out", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "cache"), "--jobs", "1"]
    assert main(args) == 0
    assert "parse cache: 0 hits, 5 parsed" in capsys.readouterr().err
    assert main(args) == 0
    assert "parse cache: 5 hits, 0 parsed" in capsys.readouterr().err


def test_the_dask_engine_on_a_local_cluster_of_two_workers_gives_the_same_tables(tmp_path):
    pytest.importorskip("distributed")
    one = analyze_corpus(_corpus(), Settings(), progress=False)
    execution = Execution(jobs=2, engine="dask", batch_documents=2, cache=CacheSpec(str(tmp_path)))
    on_dask = analyze_corpus(_corpus(), Settings(), progress=False, execution=execution)
    assert _tables(on_dask) == _tables(one)
    assert on_dask.parse_stats["parsed"] == len(TEXTS)
