"""The story's key claims (``data/key_claims.yaml`` or a user file) and the sentences that state
one in the outlet's own voice: no attribution, no quotation marks, no hedge."""

from __future__ import annotations

import math
import re
from functools import lru_cache

import pandas as pd

from analysis.datafiles import file_stamp, read_data_file
from analysis.detectors.attribution.detector import COLUMNS
from analysis.vocabulary import HEDGE_ONLY_CATEGORIES

SENTENCE_COLUMNS = ["doc_id", "outlet", "sentence_id", "paragraph", "is_headline", "start", "end", "text"]
ASSERTION_COLUMNS = SENTENCE_COLUMNS + ["claim", "attributed", "in_quote", "hedged", "unattributed"]
# Cue categories that make a claim sentence hedged (approximators and boosters do not).
HEDGING_CATEGORIES = set(HEDGE_ONLY_CATEGORIES) - {"approximator"}


def load_key_claims(path: str | None = None) -> dict:
    """Key-claim patterns (``data/key_claims.yaml`` or a user file), compiled; an edited file is read again."""
    return _load_key_claims(path, file_stamp(path))


@lru_cache(maxsize=8)
def _load_key_claims(path: str | None, stamp) -> dict:
    data = read_data_file(path, "key_claims.yaml")
    content = data.yaml() or {}
    lines = data.item_lines("claims")
    claims = []
    for n, claim in enumerate(content.get("claims") or []):
        line = lines[n] if n < len(lines) else None
        if not isinstance(claim, dict) or not claim.get("name") or not isinstance(claim.get("all_of"), dict):
            raise data.error("each claim needs a name and an all_of mapping", line)
        try:
            groups = {k: re.compile(v, re.IGNORECASE) for k, v in claim["all_of"].items()}
        except re.error as exc:
            raise data.error(f"claim {claim['name']!r} has a bad pattern: {exc}", line) from exc
        claims.append((claim["name"], groups))
    if not claims:
        raise data.error("no claims")
    denial = re.compile(content.get("denial_content") or r"\bnever\b", re.IGNORECASE)
    return {"claims": claims, "denial": denial, "version": str(content.get("version", "unversioned"))}


def key_claims_path(analysis, path=None) -> str | None:
    """The key-claims file: ``path`` if given, else the one named in the analysis settings (None = bundled)."""
    if path is not None:
        return str(path)
    settings = getattr(analysis, "settings", None)
    return settings.key_claims if settings is not None else None


def claim_of(text: str, claims) -> str | None:
    for name, groups in claims:
        if all(rx.search(text) for rx in groups.values()):
            return name
    return None


def _covered_spans(attributions: pd.DataFrame) -> dict[str, list]:
    covered: dict[str, list] = {}
    for doc_id, spans in zip(attributions["doc_id"], attributions["content_spans"]):
        covered.setdefault(doc_id, []).extend(list(map(tuple, spans)) if spans is not None else [])
    return covered


def _hedged_sentences(cues) -> set:
    if cues is None or not len(cues):
        return set()
    if "category" in cues.columns:
        cues = cues[cues["category"].isin(HEDGING_CATEGORIES)]
    return set(zip(cues["doc_id"], cues["sentence_id"]))


def unattributed_assertions(analysis, claims_path=None) -> pd.DataFrame:
    """Sentences in the outlet's own voice stating a key claim as fact: the sentence matches a claim
    pattern, no attribution has its cue in the sentence or content covering it, most of it is not
    inside quotation marks (the sentences table's ``in_quote``), and it holds no hedge cue. One row per
    key-claim sentence with the flag ``unattributed``, so shares are easy to take."""
    claims = load_key_claims(key_claims_path(analysis, claims_path))["claims"]
    sentences = analysis.sentences.merge(analysis.documents[["doc_id", "outlet"]], on="doc_id", how="left")
    att = analysis.attributions if len(analysis.attributions) else pd.DataFrame(columns=COLUMNS)
    hedged = _hedged_sentences(analysis.cues)
    cue_sentences = set(zip(att["doc_id"], att["sentence_id"]))
    covered = _covered_spans(att)
    rows = []
    for row in sentences.itertuples(index=False):
        claim = claim_of(row.text, claims)
        if claim is None:
            continue
        key = (row.doc_id, row.sentence_id)
        attributed = key in cue_sentences or any(s < row.end and e > row.start for s, e in covered.get(row.doc_id, []))
        in_quote = bool(row.in_quote)  # mostly inside quotation marks, judged on the whole document
        rows.append(
            {
                **{c: getattr(row, c) for c in SENTENCE_COLUMNS},
                "claim": claim,
                "attributed": attributed,
                "in_quote": in_quote,
                "hedged": key in hedged,
                "unattributed": not (attributed or in_quote or key in hedged),
            }
        )
    return pd.DataFrame(rows, columns=ASSERTION_COLUMNS)


def unattributed_share(assertions: pd.DataFrame, outlets) -> pd.DataFrame:
    """Per outlet (all of ``outlets``, sorted): key-claim sentences, how many are unattributed
    assertions, and the share; ``assertions`` is the table of ``unattributed_assertions``."""
    rows = []
    for outlet in sorted(set(outlets), key=str):
        t = assertions[assertions["outlet"] == outlet]
        n, k = len(t), int(t["unattributed"].sum())
        rows.append(
            {
                "outlet": outlet,
                "n_claim_sentences": n,
                "n_unattributed": k,
                "unattributed_share": 100 * k / n if n else math.nan,
                "unattributed_in_headline": bool(t[t["unattributed"]]["is_headline"].any()) if n else False,
            }
        )
    return pd.DataFrame(rows)
