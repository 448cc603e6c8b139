"""Part (b) of the lesson: one claim as different outlets report it, side by side.

``claims`` is a table of claim groups, one row per sentence stating a claim, with the columns
``claim_id, doc_id, sentence_id, start, end, outlet, story_date, label, text, certainty,
source_type, verb_stance`` (certainty one of fact, boosted, attributed, hedged, denied).
``choose_claim`` picks the claim reported by the most outlets (at most ``MAX_OUTLETS``), then the
one whose versions differ most in certainty, then by claim id; one sentence per outlet, a body
sentence of readable length first, a certainty not yet shown next, then the earliest.
``key_claim_rows`` makes such a table from the story's key claims (``aggregation.claims``) for
corpora without claim groups.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.reports.labels import SOURCE_TYPE_NAMES
from analysis.reports.lesson_passages import ENDINGS

MAX_OUTLETS = 4
MAX_WORDS = 50
CLAIM_COLUMNS = [
    "claim_id",
    "doc_id",
    "sentence_id",
    "start",
    "end",
    "outlet",
    "story_date",
    "label",
    "text",
    "certainty",
    "source_type",
    "verb_stance",
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
    certainty: str
    source_type: str
    verb_stance: str


@dataclass(frozen=True)
class ClaimChoice:
    claim_id: str
    label: str
    versions: tuple[Version, ...]


def choose_claim(claims: pd.DataFrame | None) -> tuple[ClaimChoice | None, str]:
    """The claim to compare and, when there is none, why."""
    if claims is None or not len(claims):
        return None, "the corpus has no claim reported by two or more outlets (no claim groups were found)"
    rows = claims.assign(outlet=claims["outlet"].astype(str), claim_id=claims["claim_id"].astype(str))
    rows = rows.assign(words=rows["text"].astype(str).str.split().str.len())
    best = None
    for claim_id, group in rows.groupby("claim_id", sort=True):
        outlets = group["outlet"].nunique()
        if outlets < 2:
            continue
        key = (-min(outlets, MAX_OUTLETS), -group["certainty"].nunique(), claim_id)
        if best is None or key < best[0]:
            best = (key, claim_id, group)
    if best is None:
        return None, "no claim in the corpus is reported by two or more outlets"
    _, claim_id, group = best
    return ClaimChoice(claim_id, _label(group), tuple(_versions(group))), ""


def _label(group: pd.DataFrame) -> str:
    labels = [str(v) for v in group["label"] if isinstance(v, str) and v.strip()]
    return labels[0] if labels else str(group["claim_id"].iloc[0])


def _versions(group: pd.DataFrame) -> list[Version]:
    shown: list[Version] = []
    for outlet in sorted(group["outlet"].unique())[:MAX_OUTLETS]:
        rows = group[group["outlet"] == outlet]
        used = {v.certainty for v in shown}
        order = sorted(
            rows.itertuples(index=False),
            key=lambda r: (
                not str(r.text).rstrip().endswith(ENDINGS),  # headlines rarely end like a sentence
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
                _text(r.verb_stance),
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


def key_claim_rows(assertions: pd.DataFrame, documents: pd.DataFrame, attributions: pd.DataFrame) -> pd.DataFrame:
    """A claims table (CLAIM_COLUMNS) from ``aggregation.claims.unattributed_assertions``: hedged,
    attributed (or quoted), or stated as fact; the source type of the sentence's first attribution."""
    if not len(assertions):
        return pd.DataFrame(columns=CLAIM_COLUMNS)
    dates = dict(zip(documents["doc_id"], documents.get("story_date", pd.Series([None] * len(documents)))))
    first = {}
    for row in attributions.itertuples(index=False) if len(attributions) else ():
        first.setdefault((row.doc_id, int(row.sentence_id)), row)
    rows = []
    for r in assertions.itertuples(index=False):
        att = first.get((r.doc_id, int(r.sentence_id)))
        certainty = "hedged" if r.hedged else "attributed" if (r.attributed or r.in_quote) else "fact"
        rows.append(
            [r.claim, r.doc_id, int(r.sentence_id), int(r.start), int(r.end), r.outlet, dates.get(r.doc_id)]
            + [str(r.claim).replace("_", " "), r.text, certainty]
            + [getattr(att, "source_type", None), getattr(att, "stance", None)]
        )
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


def claims_of(analysis) -> pd.DataFrame:
    """The claims table of an analysis, from its story's key claims (none without a story)."""
    from analysis.aggregation.claims import unattributed_assertions

    return key_claim_rows(unattributed_assertions(analysis), analysis.documents, analysis.attributions)
