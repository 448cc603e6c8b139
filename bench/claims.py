"""Claim grouping at scale (issue 11): the grouping step alone, in one process, on synthetic
sentence tables of ``--docs`` and ``--scale`` times as many documents.

Each document has ``SENTENCES`` sentences of ``TERMS`` terms drawn from a Zipf-like vocabulary (so
common terms are very common, as in news), and every tenth document repeats, reworded, a claim from
a pool shared across the corpus, so the blocking has real groups to find. The ratio written under
the ``claims`` key of the results file is the time per document on the larger table over the
smaller (1 is linear), with each run's peak memory above its input tables (its own process).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.aggregation.claim_groups import group_claims  # noqa: E402

SENTENCES = 25
TERMS = 12
VOCABULARY = 60_000
CLAIM_POOL = 500
TARGET = 1.05  # time per document, larger over smaller


def synthetic_tables(n_docs: int, seed: int = 11) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    rng = random.Random(seed)
    weights = [1 / (k + 1) for k in range(VOCABULARY)]
    claims = [[f"c{k}t{j}" for j in range(6)] for k in range(CLAIM_POOL)]
    rows, docs = [], []
    for d in range(n_docs):
        doc_id = f"d{d:07d}"
        docs.append({"doc_id": doc_id, "outlet": f"Outlet {d % 50:02d}", "story_date": "2024-01-01"})
        draws = rng.choices(range(VOCABULARY), weights=weights, k=SENTENCES * TERMS)
        for s in range(SENTENCES):
            terms = [f"w{w}" for w in draws[s * TERMS : (s + 1) * TERMS]]
            if s == 0 and d % 10 == 0:
                terms = rng.sample(rng.choice(claims), 4) + terms[:6]
            rows.append(
                {
                    "doc_id": doc_id,
                    "sentence_id": s,
                    "start": 0,
                    "end": 1,
                    "text": "",
                    "claim_terms": " ".join(terms),
                    "content_negated": False,
                }
            )
    empty = pd.DataFrame(columns=["doc_id", "sentence_id", "stance"])
    return pd.DataFrame(rows), pd.DataFrame(docs), empty


def child(n_docs: int) -> None:
    """Print one measure as JSON: the grouping's time, and the process's peak memory above the
    tables it was given."""
    sentences, documents, attributions = synthetic_tables(n_docs)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    claims = group_claims(sentences, documents, attributions)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    found = {"documents": n_docs, "sentences": len(sentences), "seconds": round(seconds, 3)}
    found |= {"peak_mb_above_input": round(after - before, 1), "claims": int(claims["claim_id"].nunique())}
    print(json.dumps(found))


def measure(n_docs: int) -> dict:
    """One measure in a fresh process, so each peak is its own."""
    out = subprocess.run([sys.executable, __file__, "--child", str(n_docs)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child)
        return 0
    small, large = measure(args.docs), measure(args.docs * args.scale)
    ratio = (large["seconds"] / large["documents"]) / (small["seconds"] / small["documents"])
    found = {
        "small": small,
        "large": large,
        "time_per_document_scaling": round(ratio, 3),
        "target": TARGET,
        "meets": ratio <= TARGET,
    }
    results = json.loads(args.out.read_text("utf-8")) if args.out.exists() else {}
    results["claims"] = found
    args.out.write_text(json.dumps(results, sort_keys=True, indent=2) + "\n", encoding="utf-8")
    for name, run in (("smaller", small), ("larger", large)):
        print(
            f"claim grouping, {name}: {run['documents']:,} documents, {run['seconds']} s, "
            f"{run['peak_mb_above_input']} MB"
        )
    print(f"time per document, larger / smaller: {ratio:.3f} (target <= {TARGET})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
