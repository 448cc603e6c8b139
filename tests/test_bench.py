"""The benchmark runs end to end on a tiny corpus and writes a tidy, timestamp-free JSON file.

Only the plumbing is tested here; the figures themselves come from ``make bench``.
"""

from __future__ import annotations

import json
import re

import pytest

from analysis.corpus.loading import load_corpus
from analysis.pipeline.run import process_document
from analysis.settings import Settings
from bench import run as bench

STAGES = {
    "load",
    "clean",
    "segment_fast",
    "segment_parse",
    "pipeline_fast",
    "pipeline_parse",
    "spacy_fast",
    "spacy_parse",
}


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory, bundled_corpus):
    out = tmp_path_factory.mktemp("bench") / "sub" / "results.json"
    assert bench.main(["--docs", "7", "--long-bytes", "40000", "--min-stage-seconds", "0", "--out", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def test_results_are_sorted_json_without_timestamps(bench_run):
    results = json.loads(bench_run)
    assert bench_run == json.dumps(results, sort_keys=True, indent=2) + "\n"
    assert not re.search(r"\d{4}-\d\d-\d\d|\d\d:\d\d:\d\d", bench_run)
    assert not any(re.search(r"time|date", key) for key in _keys(results))
    assert set(results["seconds"]) == set(results["words_per_second"]) == STAGES
    assert results["runs"] == {stage: 1 for stage in STAGES}
    assert results["machine"]["cpu_count"] >= 1 and results["machine"]["spacy"]


def test_words_are_the_pipeline_words_of_the_cycled_articles(bench_run, bundled_corpus):
    results = json.loads(bench_run)
    texts = list(bundled_corpus.documents["text"])
    expected = sum(
        process_document(str(n), texts[n % len(texts)], Settings(mode="fast")).document["n_words"] for n in range(7)
    )
    assert results["corpus"]["documents"] == 7 and results["corpus"]["words"] == expected
    for stage in STAGES:
        rate = expected / results["seconds"][stage]
        assert results["words_per_second"][stage] == pytest.approx(rate, rel=1e-3)


def test_ratios_come_from_the_same_run(bench_run):
    results = json.loads(bench_run)
    secs, ratios = results["seconds"], results["ratios"]
    assert set(ratios) == set(bench.RATIOS) == set(results["ratio_definitions"])
    assert ratios["parse_pipeline_over_spacy"] == pytest.approx(secs["pipeline_parse"] / secs["spacy_parse"], rel=1e-3)
    assert ratios["fast_speedup_over_parse"] == pytest.approx(secs["pipeline_parse"] / secs["pipeline_fast"], rel=1e-3)
    assert ratios["detector_overhead_fast"] == pytest.approx(secs["pipeline_fast"] / secs["segment_fast"], rel=1e-3)
    long = results["long_document"]
    assert long["bytes"] >= 40_000 and long["words"] > 0 and long["peak_rss_mb"] >= long["rss_before_mb"] > 0


def test_the_long_document_repeats_the_articles(bundled_corpus):
    one = "\n\n".join(bundled_corpus.documents["text"])
    text = bench.long_document(100_000)
    copies = text.count(one)
    assert len(text.encode("utf-8")) >= 100_000 > len(bench.SEPARATOR.join([one] * (copies - 1)).encode("utf-8"))
    assert text == bench.SEPARATOR.join([one] * copies)


def test_the_written_corpus_loads_whole(tmp_path, bundled_corpus):
    texts = bench.write_corpus(tmp_path, 12)
    loaded = load_corpus(tmp_path)
    assert loaded.rejected.empty and list(loaded.documents["text"]) == texts
    bundled = list(bundled_corpus.documents["text"])
    assert texts == [bundled[n % len(bundled)] for n in range(12)]
    assert list(loaded.documents["outlet"][:5]) == list(bundled_corpus.documents["outlet"])


def _keys(value):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from _keys(inner)
