#!/usr/bin/env python3
"""Turn hand-annotated claim groups written with text anchors into character offsets.

Input: a JSONL file, one claim group per line:
  {"claim_id": "chauvin-force-unreasonable", "description": "Chauvin's use of force was unreasonable",
   "members": [{"doc_id": "000_8585b4672f24cba3", "text": "<the whole sentence, as in the raw file>"}]}

Each member's text must occur exactly once in its raw file (add "nth": k to pick the k-th
occurrence, 0-based). The raw file is decoded as the corpus loader decodes it
(analysis.corpus.textio: UTF-8 kept as is, no newline translation), so offsets match the pipeline.
Output: the same groups with members {"doc_id", "start", "end", "text"}, sorted by document and
offset. Checked: claim ids unique, members from >= 2 documents, no sentence in two groups.

usage: resolve_claims_gold.py ANCHORS.jsonl RAW_DIR OUT.jsonl          (write OUT)
       resolve_claims_gold.py --check ANCHORS.jsonl RAW_DIR OUT.jsonl  (OUT must equal the
       resolution, and raw[start:end] == text for every member of OUT)
"""

import json
import sys
from pathlib import Path

from analysis.corpus.textio import decode_with_note

sys.path.insert(0, str(Path(__file__).resolve().parent))
from resolve_gold import AnnotationError, find_anchor  # noqa: E402 (the one anchor finder of the gold tools)


def read_raw(raw_dir: Path, doc_id: str, cache: dict) -> str:
    if doc_id not in cache:
        path = raw_dir / f"{doc_id}.txt"
        if not path.is_file():
            raise AnnotationError(f"no raw file {path}")
        cache[doc_id] = decode_with_note(path.read_bytes())[0]
    return cache[doc_id]


def resolve_group(rec: dict, raw_dir: Path, cache: dict, where: str) -> dict:
    members = []
    for i, m in enumerate(rec["members"]):
        text = m["text"]
        if not text or text != text.strip():
            raise AnnotationError(f"{where} member {i}: empty text or surrounding whitespace: {text[:60]!r}")
        start = find_anchor(read_raw(raw_dir, m["doc_id"], cache), text, m.get("nth"), f"{where} member {i}")
        members.append({"doc_id": m["doc_id"], "start": start, "end": start + len(text), "text": text})
    members.sort(key=lambda m: (m["doc_id"], m["start"]))
    if len({m["doc_id"] for m in members}) < 2:
        raise AnnotationError(f"{where}: {rec['claim_id']!r} has members from fewer than 2 documents")
    return {"claim_id": rec["claim_id"], "description": rec["description"], "members": members}


def check_disjoint(groups: list[tuple[int, dict]], src: Path) -> list[str]:
    """A sentence belongs to one group at most: no two members anywhere may overlap."""
    spans = sorted((m["doc_id"], m["start"], m["end"], n) for n, g in groups for m in g["members"])
    errors = []
    for (d1, _s1, e1, n1), (d2, s2, _e2, n2) in zip(spans, spans[1:]):
        if d1 == d2 and s2 < e1:
            errors.append(f"{src}: line {n2}: member at {d2}:{s2} overlaps a member of line {n1}")
    return errors


def resolve_file(src: Path, raw_dir: Path) -> tuple[list[dict], list[str]]:
    errors, groups, ids, cache = [], [], set(), {}
    for n, line in enumerate(src.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{src}: line {n}"
        try:
            rec = json.loads(line)
            if rec["claim_id"] in ids:
                raise AnnotationError(f"{where}: duplicate claim_id {rec['claim_id']!r}")
            ids.add(rec["claim_id"])
            groups.append((n, resolve_group(rec, raw_dir, cache, where)))
        except (AnnotationError, KeyError, TypeError, json.JSONDecodeError) as exc:
            errors.append(str(exc) if isinstance(exc, AnnotationError) else f"{where}: {exc!r}")
    errors += check_disjoint(groups, src)
    return [g for _, g in groups], errors


def dumps(groups: list[dict]) -> str:
    return "".join(json.dumps(g, ensure_ascii=False) + "\n" for g in groups)


def check_offsets(dst: Path, raw_dir: Path) -> list[str]:
    errors, cache = [], {}
    for n, line in enumerate(dst.read_text(encoding="utf-8").splitlines(), 1):
        for i, m in enumerate(json.loads(line)["members"]):
            if read_raw(raw_dir, m["doc_id"], cache)[m["start"] : m["end"]] != m["text"]:
                errors.append(f"{dst}: line {n} member {i}: raw[{m['start']}:{m['end']}] != text")
    return errors


def main(argv: list[str]) -> int:
    check = "--check" in argv
    args = [a for a in argv[1:] if a != "--check"]
    if len(args) != 3:
        print(__doc__)
        return 2
    src, raw_dir, dst = Path(args[0]), Path(args[1]), Path(args[2])
    groups, errors = resolve_file(src, raw_dir)
    if check and not errors:
        if not dst.is_file() or dst.read_text(encoding="utf-8") != dumps(groups):
            errors.append(f"{dst}: differs from the resolution of {src}; rerun without --check")
        else:
            errors += check_offsets(dst, raw_dir)
    for e in errors:
        print(e, file=sys.stderr)
    if errors:
        return 1
    if not check:
        dst.write_text(dumps(groups), encoding="utf-8")
    n_m = sum(len(g["members"]) for g in groups)
    print(f"{len(groups)} claim groups, {n_m} members {'match' if check else '->'} {dst}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
