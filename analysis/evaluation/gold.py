"""Gold annotations in the format of ANNOTATION.md section 3 (offsets into raw files)."""

from __future__ import annotations

import json
from pathlib import Path

from analysis.datafiles import DataFileError
from analysis.resources import sample_dir
from analysis.vocabulary import ATTRIBUTION_MODES as MODES
from analysis.vocabulary import HEDGE_CATEGORIES, SOURCE_TYPES, STANCES

BUNDLED_GOLD = sample_dir() / "gold" / "seeds.jsonl"


class GoldError(DataFileError):
    """A gold file that cannot be used; the message names the file, the line and the problem."""


def jsonl_records(path: Path):
    """(line number, object) of every non-blank line of a JSONL gold file; a line that is not
    JSON is a ``GoldError`` naming the file and the line."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(path.name, f"not JSON ({exc.msg})", n) from exc


def load_gold(path: str | Path | None = None, raw_texts: dict[str, str] | None = None) -> dict[str, dict]:
    """Read a gold JSONL file into {doc_id: record}.

    With ``raw_texts`` ({doc_id: raw text}), every span's ``text`` is checked against the raw
    text at its offsets, so a gold file made for other versions of the files is refused.
    """
    path = BUNDLED_GOLD if path is None else Path(path)
    if not path.is_file():
        raise GoldError(str(path), "no such gold file")
    gold: dict[str, dict] = {}
    for n, record in jsonl_records(path):
        doc_id = record.get("doc_id")
        problem = "no doc_id" if not doc_id else f"doc_id {doc_id!r} appears twice" if doc_id in gold else None
        record.setdefault("cues", [])
        record.setdefault("attributions", [])
        problem = problem or _problem(record, (raw_texts or {}).get(doc_id))
        if problem:
            raise GoldError(path.name, problem, n)
        gold[doc_id] = record
    return gold


def _span_problem(span: dict, raw: str | None, what: str) -> str | None:
    if not isinstance(span, dict) or not {"start", "end"} <= set(span):
        return f"{what}: span needs start and end, got {span!r}"
    if raw is not None and "text" in span and raw[span["start"] : span["end"]] != span["text"]:
        return (
            f"{what}: text {span['text']!r} does not match the raw file at "
            f"{span['start']}-{span['end']} ({raw[span['start'] : span['end']]!r})"
        )
    return None


def _problem(record: dict, raw: str | None) -> str | None:
    """What is wrong with one gold record (None: nothing)."""
    for i, cue in enumerate(record["cues"]):
        if cue.get("category") not in HEDGE_CATEGORIES:
            return f"cue {i}: category {cue.get('category')!r} not one of {list(HEDGE_CATEGORIES)}"
        if problem := _span_problem(cue, raw, f"cue {i}"):
            return problem
    for i, att in enumerate(record["attributions"]):
        for name, allowed in (("source_type", SOURCE_TYPES), ("stance", STANCES), ("mode", MODES)):
            if att.get(name) not in allowed:
                return f"attribution {i}: {name} {att.get(name)!r} not one of {list(allowed)}"
        spans = [("cue", att.get("cue")), ("source", att.get("source"))]
        spans += [("content", span) for span in att.get("content") or []]
        for part, span in spans:
            if problem := _span_problem(span, raw, f"attribution {i} {part}"):
                return problem
    return None
