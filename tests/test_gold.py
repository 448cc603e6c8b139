"""Gold files: the bundled set is consistent, and a broken file is refused with a clear message."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.evaluation.gold import BUNDLED_GOLD, GoldError, load_gold

ROOT = Path(__file__).resolve().parents[1]


def test_bundled_gold_matches_the_raw_files(raw_texts):
    gold = load_gold(raw_texts=raw_texts)
    assert set(gold) == set(raw_texts)
    assert sum(len(r["cues"]) for r in gold.values()) == 28
    assert sum(len(r["attributions"]) for r in gold.values()) == 86


def test_anchor_annotations_resolve_to_the_bundled_gold(tmp_path):
    out = tmp_path / "resolved.jsonl"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "resolve_gold.py"),
            str(ROOT / "data" / "gold" / "seeds.anchors.jsonl"),
            str(ROOT / "data" / "corpus"),
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == BUNDLED_GOLD.read_bytes()


def _write(tmp_path, records) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "record,message",
    [
        ({"doc_id": "a", "cues": [{"start": 0, "end": 3, "text": "The", "category": "hedgy"}]}, "category 'hedgy'"),
        (
            {"doc_id": "a", "cues": [{"start": 0, "end": 3, "text": "Thx", "category": "epistemic"}]},
            "does not match the raw file",
        ),
        (
            {
                "doc_id": "a",
                "attributions": [
                    {
                        "cue": {"start": 0, "end": 3},
                        "source": {"start": 0, "end": 3},
                        "source_type": "person",
                        "stance": "neutral",
                        "mode": "direct",
                    }
                ],
            },
            "source_type 'person'",
        ),
        ({"cues": []}, "no doc_id"),
    ],
)
def test_bad_gold_names_file_line_and_problem(tmp_path, record, message):
    path = _write(tmp_path, [record])
    with pytest.raises(GoldError, match=message) as info:
        load_gold(path, raw_texts={"a": "The US said so."})
    assert "gold.jsonl line 1" in str(info.value)


def test_duplicate_and_malformed_lines(tmp_path):
    with pytest.raises(GoldError, match="line 2: doc_id 'a' appears twice"):
        load_gold(_write(tmp_path, [{"doc_id": "a"}, {"doc_id": "a"}]))
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "a"}\n{not json\n', encoding="utf-8")
    with pytest.raises(GoldError, match="bad.jsonl line 2: not JSON"):
        load_gold(bad)
    with pytest.raises(GoldError, match="no such gold file"):
        load_gold(tmp_path / "missing.jsonl")


def test_the_anchor_resolver_knows_the_same_labels_as_the_gold_loader(tmp_path):
    """A citizen source (ANNOTATION.md section 2) resolves and loads; a made-up type is refused by both."""
    raw_dir = tmp_path / "raw"
    raw_dir.mkdir()
    (raw_dir / "a.txt").write_text("A resident said the water smelled.", "utf-8")
    record = {
        "doc_id": "a",
        "cues": [],
        "attributions": [
            {
                "anchor": "A resident said the water smelled.",
                "cue": "said",
                "source": "A resident",
                "content": ["the water smelled"],
                "resolved": None,
                "mode": "indirect",
                "source_type": "citizen",
                "anonymous": True,
                "stance": "neutral",
            }
        ],
    }
    for source_type, succeeds in (("citizen", True), ("resident", False)):
        record["attributions"][0]["source_type"] = source_type
        anchors, out = tmp_path / "anchors.jsonl", tmp_path / "gold.jsonl"
        anchors.write_text(json.dumps(record) + "\n", "utf-8")
        command = [sys.executable, str(ROOT / "tools" / "resolve_gold.py"), str(anchors), str(raw_dir), str(out)]
        run = subprocess.run(command, capture_output=True, text=True)
        assert (run.returncode == 0) == succeeds, run.stderr
        if succeeds:
            assert load_gold(out)["a"]["attributions"][0]["source_type"] == "citizen"
