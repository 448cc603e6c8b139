"""Synthetic corpora for the benchmark: articles recombined from the bundled articles' sentences.

Each article is a headline (one sentence) and paragraphs of one to three sentences drawn at random
from every bundled article, up to about ``WORDS_PER_ARTICLE`` words, so a corpus has varied
documents rather than repeats of the same five. The draw is seeded: the same size gives the same
corpus. Outlets and dates come from the bundled metadata, spread over ``OUTLETS`` outlet names.
"""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

from analysis.corpus.loading import BUNDLED_CORPUS, METADATA_FILE

WORDS_PER_ARTICLE = 530
OUTLETS = 20
_SENTENCE = re.compile(r"(?<=[.!?”\"])\s+(?=[“\"A-Z])")


def sentence_pool() -> tuple[list[str], list[dict]]:
    """Every sentence of the bundled articles' paragraphs, and the bundled metadata rows."""
    with open(BUNDLED_CORPUS / METADATA_FILE, newline="", encoding="utf-8") as handle:
        meta = list(csv.DictReader(handle))
    sentences: list[str] = []
    for row in meta:
        text = (BUNDLED_CORPUS / row["file"]).read_text(encoding="utf-8")
        for paragraph in re.split(r"\n\s*\n", text):
            sentences += [s.strip() for s in _SENTENCE.split(paragraph.strip()) if len(s.split()) >= 3]
    return sentences, meta


def article(rng: random.Random, sentences: list[str]) -> str:
    paragraphs = [rng.choice(sentences)]
    words = 0
    while words < WORDS_PER_ARTICLE:
        paragraph = " ".join(rng.choice(sentences) for _ in range(rng.randint(1, 3)))
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    return "\n\n".join(paragraphs) + "\n"


def write_recombined(folder: Path, n_docs: int, seed: int = 13) -> int:
    """Write ``n_docs`` recombined articles and their metadata.csv into ``folder``; return the words."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    sentences, meta = sentence_pool()
    rows, words = [], 0
    for n in range(n_docs):
        text = article(rng, sentences)
        words += len(text.split())
        name = f"synth_{n:07d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        base = meta[n % len(meta)]
        rows.append({**base, "doc_id": f"synth_{n:07d}", "file": name, "outlet": f"Outlet {n % OUTLETS:02d}"})
    with open(folder / METADATA_FILE, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return words


if __name__ == "__main__":
    import sys

    print(write_recombined(Path(sys.argv[1]), int(sys.argv[2])))
