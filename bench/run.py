"""Throughput benchmark: ``python -m analysis.bench --out bench/results.json`` (``make bench``).

A corpus of ``--docs`` documents is built by repeating the bundled articles. In one run it times
loading, cleaning, cleaning + segmenting (fast and parse mode), the full per-document pipeline
(fast and parse) and spaCy's own ``nlp.pipe`` over the same clean texts, then one document of
about 5 MB (``--long-bytes``) and one ``--scale`` times as long (default 4: 20 MB; ``--scale 10``
gives 50 MB, the loader's size limit) in fast mode, each in a fresh process (seconds and peak
memory); their time ratio over the scale is 1 when analysis is linear in document length.

Machines are noisy, so the headline numbers are ratios of times measured in the same run (see
``RATIOS``); absolute words per second go in the file too, with machine facts but no timestamps.
Every stage divides the same word count (the pipeline's ``n_words`` over the corpus). A stage
quicker than MIN_STAGE_SECONDS is repeated and its fastest run kept (``runs`` in the file).
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

import spacy

from analysis.corpus.cleaning import clean_text, load_rules
from analysis.corpus.loading import BUNDLED_CORPUS, METADATA_FILE, load_corpus
from analysis.nlp.document import parse_document
from analysis.nlp.parsing import model_version
from analysis.pipeline.run import process_document
from analysis.settings import Settings

RATIOS = {
    "parse_pipeline_over_spacy": "time of the full parse-mode pipeline / spaCy's nlp.pipe with the model",
    "fast_pipeline_over_spacy": "time of the full fast-mode pipeline / spaCy's nlp.pipe with a blank English "
    "pipeline and the rule sentencizer",
    "parse_segment_over_spacy": "time of cleaning + parsing in parse mode / spaCy's nlp.pipe with the model",
    "fast_speedup_over_parse": "time of the full parse-mode pipeline / the full fast-mode pipeline",
    "detector_overhead_fast": "time of the full fast-mode pipeline / cleaning + segmenting only",
    "detector_overhead_parse": "time of the full parse-mode pipeline / cleaning + parsing only",
    "long_document_throughput_fast": "words/s on the long document (5 MB) / words/s over the corpus, fast mode "
    "(1 = linear in document length)",
    "long_document_scaling_fast": "time of a document --scale times as long as the long document / time of the "
    "long document / --scale, fast mode, each once in a fresh process (1 = linear in document length)",
}
LONG_DOCUMENT_BYTES = 5_000_000
LONG_DOCUMENT_SCALE = 4  # --scale 10 times 50 MB, the size limit, against 5 MB
MIN_STAGE_SECONDS = 2.0
STAGE_ORDER = ["load", "clean"] + [
    f"{kind}_{mode}" for mode in ("fast", "parse") for kind in ("segment", "pipeline", "spacy")
]
SEPARATOR = "\n\n"


def _round(value: float) -> float:
    return float(f"{value:.4g}")


def bundled_texts() -> list[tuple[dict, str]]:
    """(metadata row as written in metadata.csv, text) of every bundled article, in doc_id order."""
    corpus = load_corpus()
    with open(BUNDLED_CORPUS / METADATA_FILE, newline="", encoding="utf-8") as handle:
        meta = {row["doc_id"]: row for row in csv.DictReader(handle)}
    return [(meta[doc_id], text) for doc_id, text in zip(corpus.documents["doc_id"], corpus.documents["text"])]


def write_corpus(folder: Path, n_docs: int) -> list[str]:
    """Write n_docs .txt files (the bundled articles, cycled) and a metadata.csv; return the texts."""
    articles = bundled_texts()
    rows, texts = [], []
    for n in range(n_docs):
        meta, text = articles[n % len(articles)]
        name = f"bench_{n:05d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        rows.append({**meta, "doc_id": f"bench_{n:05d}", "file": name})
        texts.append(text)
    with open(folder / "metadata.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return texts


def long_document(target_bytes: int = LONG_DOCUMENT_BYTES) -> str:
    """The bundled articles joined with blank lines, repeated to at least ``target_bytes`` (UTF-8)."""
    one = SEPARATOR.join(text for _, text in bundled_texts())
    copies = -(-target_bytes // len((one + SEPARATOR).encode("utf-8")))
    return SEPARATOR.join([one] * copies)


def _timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def _best_of(fn, budget: float = MIN_STAGE_SECONDS, max_runs: int = 20) -> tuple[float, int, object]:
    """(fastest time, runs, result): a quick stage is repeated until ``budget`` seconds are spent,
    and its fastest run kept, so sub-second stages are not one noisy sample; a slow stage runs once."""
    best, spent, runs = float("inf"), 0.0, 0
    while runs < max_runs and (runs == 0 or spent < budget):
        seconds, result = _timed(fn)
        best, spent, runs = min(best, seconds), spent + seconds, runs + 1
    return best, runs, result


def _proc_status_mb(field: str) -> float | None:
    """A memory figure of this process from /proc/self/status (Linux), in MiB."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return None


def _peak_rss_mb() -> float:
    """Peak resident memory of this process. VmHWM where there is one: ru_maxrss of a child process
    on Linux includes the parent's peak from before the exec."""
    peak = _proc_status_mb("VmHWM")
    if peak is not None:
        return peak
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB elsewhere
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20


def _reset_peak_rss() -> None:
    """Start the peak over from the current resident memory (Linux; elsewhere a no-op)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
            handle.write("5")
    except OSError:
        pass


def _long_document_run(settings: Settings, target_bytes: int) -> dict:
    """Runs in a fresh process so that its peak memory is the long document's alone."""
    text = long_document(target_bytes)
    process_document("warm-up", text[:20_000], settings)
    _reset_peak_rss()
    before = _proc_status_mb("VmRSS") or _peak_rss_mb()
    seconds, result = _timed(lambda: process_document("long", text, settings))
    return {
        "bytes": len(text.encode("utf-8")),
        "chars": len(text),
        "words": result.document["n_words"],
        "seconds": seconds,
        "peak_rss_mb": _peak_rss_mb(),
        "rss_before_mb": before,
        "sentences": len(result.sentences),
        "cues": len(result.cues),
        "attributions": len(result.attributions),
    }


def _corpus_stages(n_docs: int, model: str, min_stage_seconds: float, progress) -> dict:
    """Time every stage over a corpus of ``n_docs`` cycled articles: seconds, runs, words, texts."""
    fast, parse = Settings(mode="fast", model=model), Settings(mode="parse", model=model)
    seconds: dict[str, float] = {}
    runs: dict[str, int] = {}

    def measure(stage: str, fn):
        seconds[stage], runs[stage], result = _best_of(fn, min_stage_seconds)
        return result

    with tempfile.TemporaryDirectory() as tmp:
        texts = write_corpus(Path(tmp), n_docs)
        load_corpus(Path(tmp))  # warm the file cache and imports
        corpus = measure("load", lambda: load_corpus(Path(tmp)))
    assert len(corpus.documents) == n_docs, corpus.rejected
    ids = [f"bench_{n:05d}" for n in range(n_docs)]
    rules = load_rules(None)

    progress("cleaning ...")
    clean_texts = [c.text for c in measure("clean", lambda: [clean_text(t, rules) for t in texts])]

    stock = spacy.load(model)
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    for nlp in (stock, blank):
        nlp.max_length = max(nlp.max_length, max(map(len, clean_texts)) + 1)
    for settings in (fast, parse):  # load the pipelines and lexicons before timing
        process_document("warm-up", texts[0], settings)
    list(stock.pipe(clean_texts[:2]))

    for name, settings in (("fast", fast), ("parse", parse)):
        progress(f"{name} mode: segmenting ...")
        measure(
            f"segment_{name}", lambda settings=settings: [parse_document(i, t, settings) for i, t in zip(ids, texts)]
        )
        progress(f"{name} mode: full pipeline ...")
        results = measure(
            f"pipeline_{name}", lambda settings=settings: [process_document(i, t, settings) for i, t in zip(ids, texts)]
        )
        if name == "fast":
            words = sum(r.document["n_words"] for r in results if not r.rejected_reason)
    progress("spaCy reference ...")
    measure("spacy_fast", lambda: list(blank.pipe(clean_texts)))
    measure("spacy_parse", lambda: list(stock.pipe(clean_texts)))
    return {"seconds": seconds, "runs": runs, "words": words, "texts": texts, "clean_texts": clean_texts}


def _long_documents(settings: Settings, long_bytes: int, scale: int, progress) -> tuple[dict, dict]:
    """The long document and one ``scale`` times as long, each in a fresh process (fast mode)."""
    sizes = (long_bytes, scale * long_bytes)
    found = []
    for size in sizes:
        progress(f"one document of {size:,} bytes, fast mode, in a fresh process ...")
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            found.append(pool.apply(_long_document_run, (settings, size)))
    return found[0], found[1]


def _ratios(seconds: dict, wps: dict, long: dict, scaled: dict, scale: int) -> dict:
    return {
        "parse_pipeline_over_spacy": seconds["pipeline_parse"] / seconds["spacy_parse"],
        "fast_pipeline_over_spacy": seconds["pipeline_fast"] / seconds["spacy_fast"],
        "parse_segment_over_spacy": seconds["segment_parse"] / seconds["spacy_parse"],
        "fast_speedup_over_parse": seconds["pipeline_parse"] / seconds["pipeline_fast"],
        "detector_overhead_fast": seconds["pipeline_fast"] / seconds["segment_fast"],
        "detector_overhead_parse": seconds["pipeline_parse"] / seconds["segment_parse"],
        "long_document_throughput_fast": long["words"] / long["seconds"] / wps["pipeline_fast"],
        "long_document_scaling_fast": scaled["seconds"] / long["seconds"] / scale,
    }


def _machine(settings: Settings) -> dict:
    return {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": sys.platform,
        "machine": platform.machine(),
        "spacy": spacy.__version__,
        "model": model_version(settings),
    }


def _rounded(figures: dict) -> dict:
    return {k: _round(v) if isinstance(v, float) else v for k, v in figures.items()}


def run(
    n_docs: int,
    model: str,
    long_bytes: int = LONG_DOCUMENT_BYTES,
    min_stage_seconds: float = MIN_STAGE_SECONDS,
    progress=print,
    scale: int = LONG_DOCUMENT_SCALE,
) -> dict:
    corpus = _corpus_stages(n_docs, model, min_stage_seconds, progress)
    seconds, words = corpus["seconds"], corpus["words"]
    long, scaled = _long_documents(Settings(mode="fast", model=model), long_bytes, scale, progress)
    wps = {stage: words / secs for stage, secs in seconds.items()}
    return {
        "ratios": {k: _round(v) for k, v in _ratios(seconds, wps, long, scaled, scale).items()},
        "ratio_definitions": RATIOS,
        "words_per_second": {k: _round(v) for k, v in wps.items()},
        "seconds": {k: _round(v) for k, v in seconds.items()},
        "runs": corpus["runs"],
        "corpus": {
            "documents": n_docs,
            "words": words,
            "chars": sum(map(len, corpus["texts"])),
            "clean_chars": sum(map(len, corpus["clean_texts"])),
            "built_from": "bundled articles, cycled",
        },
        "long_document": {
            **_rounded(long),
            "mode": "fast",
            "words_per_second": _round(long["words"] / long["seconds"]),
        },
        "long_document_scaled": {**_rounded(scaled), "mode": "fast", "scale": scale},
        "machine": _machine(Settings(mode="parse", model=model)),
    }


def format_table(results: dict) -> str:
    wps, secs = results["words_per_second"], results["seconds"]
    lines = [f"{'stage':<16}{'seconds':>10}{'words/s':>12}"]
    lines += [f"{stage:<16}{secs[stage]:>10.2f}{wps[stage]:>12,.0f}" for stage in STAGE_ORDER]
    long, scaled = results["long_document"], results["long_document_scaled"]
    for label, doc in (("long doc, fast", long), (f"x{scaled['scale']}, fast", scaled)):
        speed = doc["words"] / doc["seconds"]
        lines.append(f"{label:<16}{doc['seconds']:>10.2f}{speed:>12,.0f}   peak RSS {doc['peak_rss_mb']:.0f} MB")
    lines.append("")
    lines += [f"{name:<32}{value:>8.2f}" for name, value in results["ratios"].items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("bench/results.json"), help="JSON results file")
    parser.add_argument("--docs", type=int, default=200, help="documents in the repeated corpus (default 200)")
    parser.add_argument("--model", default=Settings().model, help="spaCy model for parse mode")
    parser.add_argument("--long-bytes", type=int, default=LONG_DOCUMENT_BYTES, help="long document (default 5 MB)")
    parser.add_argument(
        "--scale",
        type=int,
        default=LONG_DOCUMENT_SCALE,
        help="also time a document this many times as long as --long-bytes (default 4; 10 with the default "
        "--long-bytes times the 50 MB size limit, about 2 minutes and 3 GB)",
    )
    parser.add_argument(
        "--min-stage-seconds",
        type=float,
        default=MIN_STAGE_SECONDS,
        help="repeat a quicker stage until this many seconds are spent; keep its fastest run",
    )
    args = parser.parse_args(argv)
    if args.docs < 1 or args.long_bytes < 1 or args.scale < 1:
        parser.error("--docs, --long-bytes and --scale must be at least 1")
    results = run(
        args.docs,
        args.model,
        args.long_bytes,
        args.min_stage_seconds,
        progress=lambda msg: print(msg, file=sys.stderr, flush=True),
        scale=args.scale,
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, sort_keys=True, indent=2) + "\n", encoding="utf-8")
    print(format_table(results))
    print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
