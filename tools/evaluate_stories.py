#!/usr/bin/env python3
"""Score the detectors on the development set of other stories (``data/stories/<story>/``).

Each story folder holds ``corpus/`` (raw articles and metadata.csv), ``story.yaml`` and
``gold.jsonl``. Every story is scored in both modes with its own story file; the pooled figures
add up the counts over all stories. The result is written as JSON (sorted keys), which the
evaluation reports show as the figures measured on stories the detectors were not written for.

usage: evaluate_stories.py [--stories DIR] [--out FILE] [--modes parse,fast] [--no-story]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def story_folders(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if (p / "gold.jsonl").is_file() and (p / "corpus").is_dir())


def score_story(folder: Path, mode: str, with_story: bool) -> dict:
    from analysis.evaluation.run import evaluate
    from analysis.settings import Settings

    story = str(folder / "story.yaml") if with_story and (folder / "story.yaml").is_file() else None
    settings = Settings(mode=mode, story=story) if story else Settings(mode=mode)
    return evaluate(folder / "corpus", folder / "gold.jsonl", settings)


def pooled(per_story: dict[str, dict]) -> dict:
    """Detection P/R/F1 from the summed counts; accuracies weighted by matched records."""
    tp = fp = fn = 0
    weighted = {"source_type_accuracy": 0.0, "stance_accuracy": 0.0, "mode_accuracy": 0.0}
    cue = {"tp": 0, "fp": 0, "fn": 0}
    for scores in per_story.values():
        det = scores["attributions"]["detection"]
        tp, fp, fn = tp + det["tp"], fp + det["fp"], fn + det["fn"]
        for key in weighted:
            weighted[key] += (scores["attributions"].get(key) or 0.0) * det["tp"]
        for key in cue:
            cue[key] += scores["hedges"]["cue"][key]
    out = {"attributions": _prf(tp, fp, fn), "hedge_cues": _prf(cue["tp"], cue["fp"], cue["fn"])}
    out["attributions"].update({k: round(v / tp, 4) if tp else None for k, v in weighted.items()})
    return out


def _prf(tp: int, fp: int, fn: int) -> dict:
    """The evaluation's own P/R/F1 (``prf``), rounded, 0.0 where undefined."""
    from analysis.evaluation.hedging import prf

    scores = prf(tp, tp + fp, tp + fn)
    return {"tp": tp, "fp": fp, "fn": fn, **{k: round(scores[k] or 0.0, 4) for k in ("precision", "recall", "f1")}}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", default=str(ROOT / "data" / "stories"))
    parser.add_argument("--out", default=None, help="JSON file to write (default: print only)")
    parser.add_argument("--modes", default="parse,fast")
    parser.add_argument("--no-story", action="store_true", help="score without the story files")
    args = parser.parse_args(argv)
    folders = story_folders(Path(args.stories))
    result = {"stories": [f.name for f in folders], "modes": {}}
    for mode in args.modes.split(","):
        per_story = {f.name: score_story(f, mode, not args.no_story) for f in folders}
        result["modes"][mode] = {"pooled": pooled(per_story), "per_story": per_story}
        figures = result["modes"][mode]["pooled"]["attributions"]
        print(f"{mode}: attribution F1 {figures['f1']}, source type {figures['source_type_accuracy']}", file=sys.stderr)
    text = json.dumps(result, indent=1, sort_keys=True) + "\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
