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


def test_the_recombined_corpus_loads_whole_and_varies(tmp_path):
    from bench.corpora import write_recombined

    words = write_recombined(tmp_path, 12)
    loaded = load_corpus(tmp_path)
    texts = list(loaded.documents["text"])
    assert loaded.rejected.empty and len(set(texts)) == 12 and words > 12 * 400
    assert write_recombined(tmp_path / "again", 12) == words  # seeded: the same corpus again


def test_scale_ratios_and_targets():
    from bench import scale

    names = ["fast_small", "fast_large", "blank_spacy_small", "regex_small", "parse_small", "parse_large"]
    names += ["nlp_pipe_16_small", "nlp_pipe_64_small", "parse_jobs2_small", "parse_dask1_small"]
    names += ["parse_dask2_small", "parse_cold_small", "parse_warm_small", "report_warm_small", "empty_notebooks"]
    names += ["fast_stream_small", "fast_stream_large"]
    timings = {name: {"seconds": 10.0, "peak_rss_mb": 100.0} for name in names}
    timings["nlp_pipe_64_small"]["seconds"] = 9.0
    timings["parse_jobs2_small"]["seconds"] = 5.0
    ratios = scale.ratios(timings, 10)
    assert set(ratios) == set(scale.TARGETS)
    assert ratios["parse_speed_over_nlp_pipe"] == pytest.approx(0.9) and scale.meets("parse_speed_over_nlp_pipe", 0.9)
    assert ratios["jobs2_speedup"] == 2.0 and scale.meets("jobs2_speedup", 2.0)
    assert not scale.meets("fast_over_blank_spacy", 3.5) and scale.meets("fast_time_scaling", 1.0)
    assert ratios["fast_time_scaling"] == pytest.approx(0.1)  # the same time for ten times the articles


def test_streamed_runs_cut_both_corpora_into_several_partitions():
    from bench import scale

    assert scale.stream_partition(2000) == 500  # the default, 4 and 40 partitions at full size
    assert scale.stream_partition(400) == 100 and scale.stream_partition(2) == 1
