"""Gold annotations in the format of ANNOTATION.md section 3 (offsets into raw files)."""

from __future__ import annotations

import json
from pathlib import Path

from analysis.resources import sample_dir
from analysis.vocabulary import ATTRIBUTION_MODES as MODES
from analysis.vocabulary import HEDGE_CATEGORIES, SOURCE_TYPES, STANCES

BUNDLED_GOLD = sample_dir() / "gold" / "seeds.jsonl"


class GoldError(ValueError):
    pass


def load_gold(path: str | Path | None = None, raw_texts: dict[str, str] | None = None) -> dict[str, dict]:
    """Read a gold JSONL file into {doc_id: record}.

    With ``raw_texts`` ({doc_id: raw text}), every span's ``text`` is checked against the raw
    text at its offsets, so a gold file made for other versions of the files is refused.
    """
    path = BUNDLED_GOLD if path is None else Path(path)
    if not path.is_file():
        raise GoldError(f"{path}: no such gold file")
    gold: dict[str, dict] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path.name} line {n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{where}: not JSON ({exc.msg})") from exc
        doc_id = record.get("doc_id")
        if not doc_id:
            raise GoldError(f"{where}: no doc_id")
        if doc_id in gold:
            raise GoldError(f"{where}: doc_id {doc_id!r} appears twice")
        record.setdefault("cues", [])
        record.setdefault("attributions", [])
        _validate(record, where, (raw_texts or {}).get(doc_id))
        gold[doc_id] = record
    return gold


def _check_span(span: dict, raw: str | None, where: str) -> None:
    if not isinstance(span, dict) or not {"start", "end"} <= set(span):
        raise GoldError(f"{where}: span needs start and end, got {span!r}")
    if raw is not None and "text" in span and raw[span["start"] : span["end"]] != span["text"]:
        raise GoldError(
            f"{where}: text {span['text']!r} does not match the raw file at "
            f"{span['start']}-{span['end']} ({raw[span['start'] : span['end']]!r})"
        )


def _validate(record: dict, where: str, raw: str | None) -> None:
    for i, cue in enumerate(record["cues"]):
        here = f"{where} cue {i}"
        if cue.get("category") not in HEDGE_CATEGORIES:
            raise GoldError(f"{here}: category {cue.get('category')!r} not one of {list(HEDGE_CATEGORIES)}")
        _check_span(cue, raw, here)
    for i, att in enumerate(record["attributions"]):
        here = f"{where} attribution {i}"
        for name, allowed in (("source_type", SOURCE_TYPES), ("stance", STANCES), ("mode", MODES)):
            if att.get(name) not in allowed:
                raise GoldError(f"{here}: {name} {att.get(name)!r} not one of {list(allowed)}")
        _check_span(att.get("cue"), raw, here + " cue")
        _check_span(att.get("source"), raw, here + " source")
        for span in att.get("content") or []:
            _check_span(span, raw, here + " content")
