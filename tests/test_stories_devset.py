"""The second development set (data/stories/): every story file, corpus and gold file is usable."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from analysis.corpus.loading import load_corpus
from analysis.evaluation.gold import load_gold
from analysis.story import load_story

STORIES = Path(__file__).resolve().parents[1] / "data" / "stories"
FOLDERS = sorted(p for p in STORIES.iterdir() if p.is_dir()) if STORIES.is_dir() else []


def test_six_stories_of_four_articles_from_distinct_outlets():
    assert len(FOLDERS) >= 6
    outlets = set()
    for folder in FOLDERS:
        docs = load_corpus(folder / "corpus").documents
        assert len(docs) >= 4 and docs["outlet"].nunique() == len(docs), folder.name
        outlets |= set(docs["outlet"])
    assert len(outlets) >= 12


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_each_story_has_a_story_file_and_gold_that_loads_against_its_raw_files(folder):
    story = load_story(folder / "story.yaml")
    assert story.title and {side.role for side in story.sides} & {"accused", "accuser"}
    corpus = load_corpus(folder / "corpus")
    assert corpus.rejected.empty
    raw = dict(zip(corpus.documents["doc_id"], corpus.documents["text"]))
    gold = load_gold(folder / "gold.jsonl", raw_texts=raw)
    assert set(gold) == set(raw)
    for path in (folder / "corpus").glob("*.txt"):  # names carry the content hash: files are unchanged
        assert path.stem.split("_", 1)[1] == hashlib.sha256(path.read_bytes()).hexdigest()[:16]
