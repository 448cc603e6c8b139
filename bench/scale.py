"""Scale benchmark (issue 13): every ratio in one run, each timing a whole process, start-up included.

``python bench/scale.py --out bench/results.json`` (``make bench``) writes its figures under the
``scale`` key of the results file. The corpora are recombined from the bundled articles' sentences
(``corpora``): ``--docs`` articles (default 2,000) and ``--scale`` times as many (default 10).
``--docs 40`` gives a quick run. Each process's peak memory is its own (measured by a small parent
process that has only that child). The targets are the issue's; ``meets`` says which are met.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.pipeline.stream import PARTITION_DOCUMENTS  # noqa: E402
from analysis.resources import bundled_story_file  # noqa: E402
from bench.corpora import write_recombined  # noqa: E402

# name: (definition, target, "min" or "max")
TARGETS = {
    "parse_speed_over_nlp_pipe": ("nlp.pipe at its best batch size / parse-mode analyze (speed share)", 0.9, "min"),
    # Per unit of scale: 1 is linear; the 10.5 for ten times the articles is 1.05.
    "fast_time_scaling": ("fast analyze on --scale x the articles / on --docs / --scale", 1.05, "max"),
    "parse_time_scaling": ("parse analyze on --scale x the articles / on --docs / --scale", 1.05, "max"),
    "jobs2_speedup": ("parse analyze --jobs 1 / --jobs 2", 1.7, "min"),
    "dask2_speedup": ("parse analyze --engine dask: LocalCluster of 1 worker / of 2", 1.6, "min"),
    "warm_cache_speedup": ("parse analyze with a cold parse cache / a warm one (detectors rerun)", 20.0, "min"),
    "fast_peak_memory_scaling": ("peak RSS of fast analyze on --scale x the articles / on --docs", 1.2, "max"),
    "stream_peak_memory_scaling": (
        "peak RSS of fast analyze --stream on --scale x the articles / on --docs",
        1.2,
        "max",
    ),
    "stream_time_scaling": ("fast analyze --stream on --scale x the articles / on --docs / --scale", 1.05, "max"),
    "fast_over_blank_spacy": ("fast analyze / blank spaCy tokenizer + sentencizer over the same texts", 3.0, "max"),
    "fast_speed_over_regex": ("one regex pass of the hedge lexicon / fast analyze (speed share)", 1 / 3, "min"),
    "report_over_empty_notebooks": ("report with a warm cache / papermill running as many empty notebooks", 2.0, "max"),
}
_CHILD = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
mb = rss / (2**20 if sys.platform == "darwin" else 1024)
print(json.dumps({"seconds": seconds, "peak_rss_mb": mb, "code": code}))
"""


def _clean_texts(corpus: str) -> list[str]:
    from analysis.corpus.cleaning import clean_text, load_rules
    from analysis.corpus.loading import load_corpus

    rules = load_rules(None)
    return [clean_text(t, rules).text for t in load_corpus(corpus).documents["text"]]


def child_blank_spacy(corpus: str) -> None:
    """A blank English tokenizer with the rule sentencizer over the clean texts."""
    import spacy

    texts = _clean_texts(corpus)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = max([nlp.max_length] + [len(t) + 1 for t in texts])
    sum(len(doc) for doc in nlp.pipe(texts))


def child_nlp_pipe(corpus: str, batch: str) -> None:
    """The parse-mode model's own nlp.pipe over the clean texts."""
    import spacy

    from analysis.settings import Settings

    texts = _clean_texts(corpus)
    nlp = spacy.load(Settings().model)
    sum(len(doc) for doc in nlp.pipe(texts, batch_size=int(batch)))


def lexicon_regex():
    """One compiled regular expression for every hedge-lexicon pattern (forms of each token,
    optional tokens optional), case-insensitive."""
    from analysis.detectors.hedging.lexicon import load_lexicon

    def token(t) -> str:
        forms = "|".join(sorted((re.escape(f) for f in t.forms), key=len, reverse=True))
        return f"(?:(?:{forms})\\s+)?" if t.optional else f"(?:{forms})\\s+"

    patterns = ["".join(token(t) for t in entry.tokens) for entry in load_lexicon().entries]
    return re.compile(r"\b(?:" + "|".join(p.removesuffix("\\s+") for p in patterns) + r")\b", re.IGNORECASE)


def child_regex(corpus: str) -> None:
    """Load the raw texts and make one pass of the lexicon regex over them."""
    from analysis.corpus.loading import load_corpus

    rx = lexicon_regex()
    sum(1 for text in load_corpus(corpus).documents["text"] for _ in rx.finditer(text))


def child_empty_notebooks(count: str) -> None:
    """papermill running ``count`` notebooks with one empty cell each."""
    import nbformat
    import papermill

    folder = Path(tempfile.mkdtemp())
    empty = folder / "empty.ipynb"
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("pass")]
    nbformat.write(notebook, empty)
    for n in range(int(count)):
        papermill.execute_notebook(str(empty), str(folder / f"out{n}.ipynb"), kernel_name="python3", progress_bar=False)


def whole_process(args: list[str], env: dict | None = None) -> dict:
    """Seconds and peak memory of one process (``args``), start-up included."""
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, *args], capture_output=True, text=True, check=True, env=env, cwd=ROOT
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["code"] != 0:
        raise RuntimeError(f"{' '.join(args)} exited with {result['code']}")
    return result


def analyze(corpus: Path, out: Path, *options: str, env=None) -> dict:
    command = [sys.executable, "-m", "analysis", "analyze", "--corpus", str(corpus), "--out", str(out)]
    return whole_process(command + list(options), env)


def script(function: str, *args, env=None) -> dict:
    """A whole process running one of this module's ``child_*`` functions."""
    source = f"import sys; from bench.scale import {function}; {function}(*sys.argv[1:])"
    return whole_process([sys.executable, "-c", source, *map(str, args)], env)


def _measure(small: Path, large: Path, n_docs: int, tmp: Path, env: dict, progress) -> dict:
    """Every timing (whole processes); the names say what ran."""
    t: dict[str, dict] = {}
    nc, j1 = ("--no-cache",), ("--jobs", "1")

    def run(name, fn, *args, **kw):
        progress(f"{name} ...")
        t[name] = fn(*args, env=env, **kw)

    run("fast_small", analyze, small, tmp / "o", "--mode", "fast", *nc, *j1)
    run("fast_large", analyze, large, tmp / "o", "--mode", "fast", *nc, *j1)
    # Partitions of a quarter of the smaller corpus at most, so that both corpora are several
    # partitions: the ratio then asks whether memory grows with the corpus, not how full one
    # partition is (the default of 500 is one partly filled partition at --docs 400).
    partition = str(stream_partition(n_docs))
    stream = ("--stream", "--partition-documents", partition, "--story", str(bundled_story_file()))
    stream += ("--mode", "fast", *nc, *j1)
    run("fast_stream_small", analyze, small, tmp / "s", *stream)
    run("fast_stream_large", analyze, large, tmp / "s", *stream)
    run("blank_spacy_small", script, "child_blank_spacy", small)
    run("regex_small", script, "child_regex", small)
    run("parse_small", analyze, small, tmp / "o", *nc, *j1)
    for batch in (16, 64, 256):
        run(f"nlp_pipe_{batch}_small", script, "child_nlp_pipe", small, batch)
    run("parse_large", analyze, large, tmp / "o", *nc, "--jobs", "1")
    run("parse_jobs2_small", analyze, small, tmp / "o", *nc, "--jobs", "2")
    for workers in (1, 2):
        run(f"parse_dask{workers}_small", analyze, small, tmp / "o", *nc, "--engine", "dask", "--jobs", str(workers))
    cache_dir = ("--cache-dir", str(tmp / "cache"))
    cache = (*cache_dir, *j1)
    run("parse_cold_small", analyze, small, tmp / "o", *cache)
    run("parse_warm_small", analyze, small, tmp / "o", *cache)
    reports = tmp / "reports"
    # every core (no --jobs): the notebooks render side by side
    report = [sys.executable, "-m", "analysis", "report", "--corpus", str(small), "--out", str(reports), *cache_dir]
    progress("report (warm cache) ...")
    t["report_warm_small"] = whole_process(report, env)
    n_reports = sum(1 for p in (reports / "runs").glob("*/*/notebook.ipynb"))
    run("empty_notebooks", script, "child_empty_notebooks", n_reports)
    t["empty_notebooks"]["notebooks"] = n_reports
    return t


def stream_partition(n_docs: int) -> int:
    """The --partition-documents of the streamed runs: the default, or a quarter of ``n_docs``."""
    return max(1, min(PARTITION_DOCUMENTS, n_docs // 4))


def ratios(t: dict, scale: int) -> dict:
    secs = {name: run["seconds"] for name, run in t.items()}
    best_pipe = min(v for k, v in secs.items() if k.startswith("nlp_pipe_"))
    return {
        "parse_speed_over_nlp_pipe": best_pipe / secs["parse_small"],
        "fast_time_scaling": secs["fast_large"] / secs["fast_small"] / scale,
        "parse_time_scaling": secs["parse_large"] / secs["parse_small"] / scale,
        "jobs2_speedup": secs["parse_small"] / secs["parse_jobs2_small"],
        "dask2_speedup": secs["parse_dask1_small"] / secs["parse_dask2_small"],
        "warm_cache_speedup": secs["parse_cold_small"] / secs["parse_warm_small"],
        "fast_peak_memory_scaling": t["fast_large"]["peak_rss_mb"] / t["fast_small"]["peak_rss_mb"],
        "stream_peak_memory_scaling": t["fast_stream_large"]["peak_rss_mb"] / t["fast_stream_small"]["peak_rss_mb"],
        "stream_time_scaling": secs["fast_stream_large"] / secs["fast_stream_small"] / scale,
        "fast_over_blank_spacy": secs["fast_small"] / secs["blank_spacy_small"],
        "fast_speed_over_regex": secs["regex_small"] / secs["fast_small"],
        "report_over_empty_notebooks": secs["report_warm_small"] / secs["empty_notebooks"],
    }


def meets(name: str, value: float) -> bool:
    _, target, kind = TARGETS[name]
    return value >= target if kind == "min" else value <= target


def run(n_docs: int, scale: int, progress=print) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        env["XDG_CACHE_HOME"] = str(tmp / "user-cache")  # no run reads an earlier run's parses
        words = {size: write_recombined(tmp / f"c{size}", size) for size in (n_docs, n_docs * scale)}
        timings = _measure(tmp / f"c{n_docs}", tmp / f"c{n_docs * scale}", n_docs, tmp, env, progress)
    found = ratios(timings, scale)
    round4 = lambda v: float(f"{v:.4g}") if isinstance(v, float) else v  # noqa: E731
    return {
        "corpora": {"documents": [n_docs, n_docs * scale], "words": list(words.values()), "built_from": "recombined"},
        "stream_partition_documents": stream_partition(n_docs),
        "ratios": {k: round4(v) for k, v in found.items()},
        "targets": {k: {"definition": d, "target": round4(v), "kind": kind} for k, (d, v, kind) in TARGETS.items()},
        "meets": {k: meets(k, v) for k, v in found.items()},
        "processes": {k: {f: round4(v) for f, v in run.items() if f != "code"} for k, run in timings.items()},
        "cpu_count": os.cpu_count(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--docs", type=int, default=2000, help="articles in the smaller corpus (default 2,000)")
    parser.add_argument("--scale", type=int, default=10, help="the larger corpus is this many times as large")
    args = parser.parse_args(argv)
    if args.docs < 1 or args.scale < 1:
        parser.error("--docs and --scale must be at least 1")
    found = run(args.docs, args.scale, progress=lambda m: print(m, file=sys.stderr, flush=True))
    results = json.loads(args.out.read_text("utf-8")) if args.out.exists() else {}
    results["scale"] = found
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, sort_keys=True, indent=2) + "\n", encoding="utf-8")
    for name, value in found["ratios"].items():
        _, target, kind = TARGETS[name]
        print(
            f"{name:<30}{value:>9.3f}  target {'>=' if kind == 'min' else '<='} {target:.3g}  "
            f"{'met' if found['meets'][name] else 'NOT met'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
