"""Part 2 of the lesson: one claim as different outlets report it, side by side.

``claims`` is the claims table of ``analysis.aggregation.claim_groups.claims_table``: one row per
sentence stating a claim that two or more outlets share, with its certainty profile (``certainty``
one of boosted, fact, attributed, hedged; ``denied`` when it denies the claim; ``source_type`` and
``stance`` of its first attribution). ``choose_claim`` picks the claim whose versions differ most in
certainty (the contrast the lesson is about), then the one reported by the most outlets (counting up
to ``MAX_OUTLETS``), then by claim id; one sentence per outlet: a body sentence first, one not in
``avoid`` (the exercises' sentences), of readable length, with a certainty not yet shown, then the
earliest.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.reports.labels import SOURCE_TYPE_NAMES
from analysis.reports.lesson_passages import ENDINGS

MAX_OUTLETS = 4
MAX_WORDS = 50
# The columns of the claims table the lesson reads.
CLAIM_COLUMNS = [
    "claim_id",
    "doc_id",
    "sentence_id",
    "start",
    "outlet",
    "story_date",
    "text",
    "certainty",
    "denied",
    "source_type",
    "stance",
]
HOW_SURE = {
    "fact": "states it as fact, in the writer's own voice",
    "boosted": "sounds very sure: a booster makes it stronger",
    "attributed": "passes it on from a source, without a hedge of its own",
    "hedged": "sounds unsure: a hedge makes it weaker",
    "denied": "reports it as denied",
}


@dataclass(frozen=True)
class Version:
    outlet: str
    date: str
    doc_id: str
    sentence_id: int
    start: int  # raw offset of the sentence
    text: str
    certainty: str  # as in the claims table, or "denied"
    source_type: str
    stance: str


@dataclass(frozen=True)
class ClaimChoice:
    claim_id: str
    n_outlets: int  # outlets that report it (more than shown when above MAX_OUTLETS)
    versions: tuple[Version, ...]


def choose_claim(claims: pd.DataFrame | None, avoid: set = frozenset()) -> tuple[ClaimChoice | None, str]:
    """The claim to compare and, when there is none, why."""
    if claims is None or not len(claims):
        return None, "the corpus has no claim reported by two or more outlets (no claim groups were found)"
    rows = claims.assign(outlet=claims["outlet"].astype(str), claim_id=claims["claim_id"].astype(str))
    denied = rows["denied"].fillna(False).astype(bool)
    rows = rows.assign(
        words=rows["text"].astype(str).str.split().str.len(), certainty=rows["certainty"].where(~denied, "denied")
    )
    best = None
    for claim_id, group in rows.groupby("claim_id", sort=True):
        outlets = group["outlet"].nunique()
        if outlets < 2:
            continue
        key = (-group["certainty"].nunique(), -min(outlets, MAX_OUTLETS), claim_id)
        if best is None or key < best[0]:
            best = (key, claim_id, group)
    if best is None:
        return None, "no claim in the corpus is reported by two or more outlets"
    _, claim_id, group = best
    return ClaimChoice(claim_id, int(group["outlet"].nunique()), tuple(_versions(group, avoid))), ""


def _versions(group: pd.DataFrame, avoid: set) -> list[Version]:
    shown: list[Version] = []
    for outlet in sorted(group["outlet"].unique())[:MAX_OUTLETS]:
        rows = group[group["outlet"] == outlet]
        used = {v.certainty for v in shown}
        order = sorted(
            rows.itertuples(index=False),
            key=lambda r: (
                not str(r.text).rstrip().endswith(ENDINGS),  # headlines rarely end like a sentence
                (r.doc_id, int(r.sentence_id)) in avoid,
                int(r.words) > MAX_WORDS,
                str(r.certainty) in used,
                str(r.story_date),
                str(r.doc_id),
                int(r.sentence_id),
            ),
        )
        r = order[0]
        date = "" if pd.isna(r.story_date) else str(r.story_date)[:10]
        shown.append(
            Version(
                outlet,
                date,
                str(r.doc_id),
                int(r.sentence_id),
                int(r.start),
                str(r.text),
                str(r.certainty),
                _text(r.source_type),
                _text(r.stance),
            )
        )
    return shown


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def who_says(version: Version, source_text: str) -> str:
    """The key's answer to "who says so?"."""
    kind = SOURCE_TYPE_NAMES.get(version.source_type, version.source_type.replace("_", " "))
    if source_text:
        return f"\u201c{source_text}\u201d" + (f" ({kind.lower()})" if kind else "")
    if version.certainty in ("attributed", "hedged", "denied") and kind:
        return f"a source of the kind \u201c{kind.lower()}\u201d"
    return "nobody is named: the writer says it"


def how_sure(version: Version) -> str:
    """The key's answer to "how sure does the writer sound?"."""
    return HOW_SURE.get(version.certainty, version.certainty)
