"""How certain each member of a shared claim sounds (its *certainty profile*), the drift of a claim
from outlet to outlet, and its course over the story's dates.

A member is, from the detectors' findings in its sentence:

- ``attributed`` when an attribution has its cue in the sentence or content covering it, with the
  ``source_type`` and verb ``stance`` of the first such attribution (``in_quote`` when the
  sentence is mostly inside quotation marks);
- ``hedged`` when it holds a hedge cue that weakens a claim (``hedge_categories``), ``boosted``
  when it holds a booster;
- ``writer_fact`` when none of attributed, quoted, hedged holds: the outlet states it in its own voice.

Whether a member denies is the grouping's own ``denied`` column (a denial is a claim of its own),
not repeated here. Its ``certainty`` is one rung of ``CERTAINTY_LADDER``: hedged, else attributed
or quoted, else boosted, else fact.
"""

from __future__ import annotations

import pandas as pd

from analysis.aggregation.sentence_findings import HEDGING_CATEGORIES, covered_sentences
from analysis.vocabulary import CERTAINTY_LADDER

PROFILE_COLUMNS = [
    "writer_fact",
    "attributed",
    "source_type",
    "stance",
    "hedged",
    "hedge_categories",
    "boosted",
    "in_quote",
    "certainty",
]
RANK = {level: k for k, level in enumerate(CERTAINTY_LADDER)}


def _first_attribution(attributions: pd.DataFrame) -> dict:
    """(doc_id, sentence_id) -> (source_type, stance) of the sentence's first attribution cue."""
    if not len(attributions):
        return {}
    ordered = attributions.sort_values(["doc_id", "sentence_id", "cue_start"], kind="mergesort")
    first = ordered.drop_duplicates(["doc_id", "sentence_id"])
    return {
        (d, s): (t, st)
        for d, s, t, st in zip(first["doc_id"], first["sentence_id"], first["source_type"], first["stance"])
    }


def _categories(cues: pd.DataFrame) -> dict:
    """(doc_id, sentence_id) -> the sorted cue categories of the sentence."""
    found: dict = {}
    for doc_id, sentence_id, category in zip(cues["doc_id"], cues["sentence_id"], cues["category"]):
        found.setdefault((doc_id, sentence_id), set()).add(category)
    return {key: sorted(values) for key, values in found.items()}


def certainty(hedged: bool, attributed: bool, in_quote: bool, boosted: bool) -> str:
    if hedged:
        return "hedged"
    if attributed or in_quote:
        return "attributed"
    return "boosted" if boosted else "fact"


def profile_members(
    claims: pd.DataFrame, sentences: pd.DataFrame, cues: pd.DataFrame, attributions: pd.DataFrame
) -> pd.DataFrame:
    """The claims table with each member's certainty profile (``PROFILE_COLUMNS``) added."""
    members = claims[["doc_id", "sentence_id"]]
    rows = sentences.merge(members.drop_duplicates(), on=["doc_id", "sentence_id"])
    covered = covered_sentences(rows, attributions) if len(attributions) else set()
    first = _first_attribution(attributions)
    categories = _categories(cues)
    quoted = dict(zip(zip(rows["doc_id"], rows["sentence_id"]), rows["in_quote"].astype(bool)))
    profile = []
    for key in zip(claims["doc_id"], claims["sentence_id"]):
        found = categories.get(key, [])
        hedges = [c for c in found if c in HEDGING_CATEGORIES]
        attributed = key in first or key in covered
        source_type, stance = first.get(key, (None, None))
        in_quote, boosted = quoted.get(key, False), "booster" in found
        profile.append(
            {
                "writer_fact": not (attributed or in_quote or hedges),
                "attributed": attributed,
                "source_type": source_type,
                "stance": stance,
                "hedged": bool(hedges),
                "hedge_categories": ", ".join(hedges),
                "boosted": boosted,
                "in_quote": in_quote,
                "certainty": certainty(bool(hedges), attributed, in_quote, boosted),
            }
        )
    return pd.concat([claims.reset_index(drop=True), pd.DataFrame(profile, columns=PROFILE_COLUMNS)], axis=1)


DRIFT_COLUMNS = ["claim_id", "claim_label", "outlet", "certainty", "n_members", "all_certainties"]
TIME_COLUMNS = ["claim_id", "claim_label", "story_date", "most_certain", "least_certain", "outlets", "n_members"]


def _by_rungs(frame: pd.DataFrame, key: str, describe) -> list[dict]:
    """One row per claim and ``key`` value (in sorted order; members with a missing one left out):
    its id, label and member count, with what ``describe(ladder, outlets)`` adds (``ladder``: the
    members' rungs, most certain first; ``outlets``: the members' outlets)."""
    members: dict[tuple, list[int]] = {}  # (claim_id, value) -> row positions, in row order
    for k, group_key in enumerate(zip(frame["claim_id"], frame[key])):
        if not any(pd.isna(v) for v in group_key):
            members.setdefault(group_key, []).append(k)
    labels, rungs, outlets = (frame[c].tolist() for c in ("claim_label", "certainty", "outlet"))
    rows = []
    for claim_id, value in sorted(members):
        at = members[(claim_id, value)]
        ladder = sorted({rungs[k] for k in at}, key=RANK.get)
        first = {"claim_id": claim_id, "claim_label": labels[at[0]], key: value}
        rows.append({**first, **describe(ladder, [outlets[k] for k in at]), "n_members": len(at)})
    return rows


def drift_table(profiled: pd.DataFrame) -> pd.DataFrame:
    """One row per claim and outlet: the most certain rung the outlet gives the claim, its members
    and the rungs of all of them; claims in id order (the most widely reported first)."""
    if profiled.empty:
        return pd.DataFrame(columns=DRIFT_COLUMNS)
    rows = _by_rungs(
        profiled, "outlet", lambda ladder, _: {"certainty": ladder[0], "all_certainties": ", ".join(ladder)}
    )
    return pd.DataFrame(rows)[DRIFT_COLUMNS]


def drift_matrix(drift: pd.DataFrame) -> pd.DataFrame:
    """The drift table as claim rows by outlet columns (empty where an outlet does not report the
    claim), with ``spread``: whether the outlets put the claim on different rungs."""
    if drift.empty:
        return pd.DataFrame()
    wide = drift.pivot(index=["claim_id", "claim_label"], columns="outlet", values="certainty").fillna("")
    wide["spread"] = [len({v for v in row if v}) > 1 for row in wide.to_numpy()]
    return wide.reset_index()


def certainty_over_time(profiled: pd.DataFrame) -> pd.DataFrame:
    """One row per claim and story date: the most and least certain rungs that date's members give
    it, and the outlets; dates in order (members with no story date are left out)."""
    dates = pd.to_datetime(profiled["story_date"], errors="coerce") if len(profiled) else None
    if dates is None or dates.isna().all():
        return pd.DataFrame(columns=TIME_COLUMNS)
    dated = profiled.assign(story_date=dates.dt.strftime("%Y-%m-%d"))[dates.notna()]

    def describe(ladder, outlets) -> dict:
        return {
            "most_certain": ladder[0],
            "least_certain": ladder[-1],
            "outlets": ", ".join(sorted(set(outlets), key=str)),
        }

    return pd.DataFrame(_by_rungs(dated, "story_date", describe))[TIME_COLUMNS]
