"""The one map from column names to the labels a reader sees, with units.

Tidy tables and CSVs keep their snake_case names; only what a page shows is relabelled, with
``label`` (a column) or ``relabel`` (a frame). Names not in the map fall back to a tidy version of
the name; ``has_label`` tells the two apart (a test checks every column a report shows is mapped).
"""

from __future__ import annotations

import pandas as pd

from analysis.vocabulary import ATTRIBUTION_MODES, DISPUTE_SIDES, HEDGE_ONLY_CATEGORIES, SOURCE_TYPES, STANCES

# Reader's names of the source types, quotation modes and sides (also used for the rows of tidy tables).
SOURCE_TYPE_NAMES = {
    "named_official": "Named officials",
    "anonymous_official": "Anonymous officials",
    "institution": "Institutions",
    "counterparty": "Counterparty",
    "other_media": "Other media",
    "expert": "Experts",
    "document": "Documents",
    "vague": "Vague sources",
    "citizen": "Citizens",
}
MODE_NAMES = {"direct": "Direct quotes", "indirect": "Indirect speech", "mixed": "Mixed quotes"}
SIDE_NAMES = {"accused": "accused side", "accuser": "accusing side"}

_BASE = {
    # identifiers and plain counts
    "outlet": "Outlet",
    "doc_id": "Document",
    "title": "Title",
    "story_date": "Date",
    "phase": "Story phase",
    "total": "Total",
    "documents": "Documents",
    "n_documents": "Documents",
    "words": "Words",
    "n_words": "Words",
    "median_words": "Median words per document",
    "sentences": "Sentences",
    "n_sentences": "Sentences",
    "n_paragraphs": "Paragraphs",
    "paragraph": "Paragraph",
    "hedges": "Hedges",
    "n_hedges": "Hedges",
    "boosters": "Boosters",
    "n_boosters": "Boosters",
    "n_booster": "Boosters",
    "attributions": "Attributions",
    "n_attributions": "Attributions",
    "n_quoted_hedges": "Hedges in quotes",
    "n_writer_hedges": "Writer's hedges",
    "n_hedged_sentences": "Hedged sentences",
    "n": "n",
    "n_denials": "Denials",
    # cleaning and rejected inputs
    "n_chars_raw": "Characters before cleaning",
    "n_chars_clean": "Characters after cleaning",
    "n_chars_removed": "Characters removed",
    "share_removed": "Removed (% of characters)",
    "rule": "Rule",
    "removals": "Removals",
    "chars_removed": "Characters removed",
    "example": "Example",
    "file": "File",
    "stage": "Stage",
    "reason": "Reason",
    # hedging rates
    "hedges_per_1000": "Hedges per 1,000 words",
    "boosters_per_1000": "Boosters per 1,000 words",
    "writer_hedges_per_1000": "Writer's hedges per 1,000 words",
    "quoted_hedges_per_1000": "Quoted hedges per 1,000 words",
    "hedged_sentence_share": "Hedged sentences (% of sentences)",
    "quoted_hedge_share": "Hedges in quotes (% of hedges)",
    "booster_to_hedge_ratio": "Boosters per hedge",
    "hedges_per_1000_words": "Hedges per 1,000 words",
    "boosters_per_1000_words": "Boosters per 1,000 words",
    "attributions_per_1000_words": "Attributions per 1,000 words",
    "value": "Value",
    "ci_low": "95% interval, low",
    "ci_high": "95% interval, high",
    "interval": "95% interval",
    "note": "Note",
    "enough_documents": "Enough documents to compare",
    "per_1000": "Per 1,000 words",
    "voice": "Voice",
    "category": "Category",
    # comparisons
    "outlet_a": "Outlet A",
    "outlet_b": "Outlet B",
    "metric": "Measure",
    "n_a": "Documents (A)",
    "n_b": "Documents (B)",
    "rate_a": "Rate (A)",
    "rate_b": "Rate (B)",
    "difference": "Difference (A - B)",
    "p_value": "p-value",
    "p_adjusted": "p-value, adjusted for many pairs (Benjamini-Hochberg)",
    "min_attainable_p": "Smallest attainable p-value",
    "n_arrangements": "Possible arrangements",
    "exact": "Exact test",
    # attribution
    "anonymous_share": "Anonymous sources (% of attributions)",
    "docs_with_denial_share": "Documents with the accused side's denial (%)",
    "mean_first_denial_paragraph": "First denial: mean paragraph (0 = first)",
    "n_claim_sentences": "Key-claim sentences",
    "n_unattributed": "Unattributed key-claim sentences",
    "unattributed_share": "Unattributed key claims (% of key-claim sentences)",
    "unattributed_in_headline": "Unattributed key claim in a headline",
    "sides": "Sides",
    "source_type": "Source type",
    "share": "Share (%)",
    "side": "Side",
    "side_name": "Side (name)",
    "stance": "Reporting-verb stance",
    "mode": "Quotation mode",
    "cited_media": "Media cited",
    "has_denial": "Carries a denial",
    "first_denial_paragraph": "First denial: paragraph",
    "first_denial_position": "First denial: position (0 = top, 1 = end)",
    "first_denial_text": "First denial",
    "documents_with_denial": "Documents with the denial",
    "percent": "Share of documents (%)",
    "label": "Documents with the denial",
    "attribution_id": "Attribution",
    # shared claims (aggregation/claim_groups, claim_profile)
    "claim_id": "Claim",
    "claim_label": "Claim (its most central sentence)",
    "claims_basis": "Claims checked",
    "n_outlets": "Outlets",
    "n_members": "Sentences",
    "n_outlets_fact": "Outlets stating it as fact",
    "certainty": "Most certain version",
    "all_certainties": "All its versions",
    "is_denial": "A denial",
    "spread": "Outlets differ",
    "most_certain": "Most certain that day",
    "least_certain": "Least certain that day",
    "outlets": "Outlets",
    "writer_fact": "Fact in the writer's voice",
    "hedge_categories": "Hedge categories",
    "boosted": "Boosted",
    "denied": "Denied",
    "sentence_id": "Sentence",
    "cue_text": "Reporting cue",
    "cue_lemma": "Cue lemma",
    "cue_kind": "Cue kind",
    "source_text": "Source",
    "resolved": "Source (resolved)",
    "entity": "Entity",
    "anonymous": "Anonymous",
    "anonymity_marker": "Anonymity marker",
    "negated": "Negated",
    "content_text": "Content",
    "addressee_text": "Addressee",
    "in_quote": "In a quote",
    "is_headline": "Headline",
    "text": "Text",
    "claim": "Claim",
    "attributed": "Attributed",
    "hedged": "Hedged",
    "unattributed": "Unattributed",
    # evaluation
    "outcome": "Outcome",
    "gold_category": "Gold category",
    "sentence": "Sentence",
    "lemma": "Lemma",
    "predicted": "Predicted",
    "tp": "Correct (tp)",
    "fp": "False positives (fp)",
    "fn": "Missed (fn)",
    "precision": "Precision",
    "recall": "Recall",
    "f1": "F1",
    "status": "Status",
    "gold_cue": "Gold cue",
    "pred_cue": "Predicted cue",
    "gold_source": "Gold source",
    "pred_source": "Predicted source",
    "field": "Field",
    "gold": "Gold",
    "anonymous_share_abs_error_pp": "Anonymous share error (percentage points)",
    "hedged_sentence_share_abs_error_pp": "Hedged-sentence share error (percentage points)",
    "measure": "Measure",
    "detector_mode": "Detector mode",
    "fast": "Fast (rules only)",
    "parse": "Parse (spaCy model)",
    "score": "Score",
    "n_predicted": "Predicted",
    "n_correct": "Correct",
    "start": "Start (character)",
    "end": "End (character)",
    "cue_start": "Cue start (character)",
    "source_overlap": "Source spans overlap",
    "gold_source_type": "Gold source type",
    "pred_source_type": "Predicted source type",
    "gold_stance": "Gold stance",
    "pred_stance": "Predicted stance",
    "gold_mode": "Gold quotation mode",
    "pred_mode": "Predicted quotation mode",
    "gold_anonymous": "Gold: anonymous",
    "pred_anonymous": "Predicted: anonymous",
    # the accuracy tables of the evaluation pages (evaluation_page.COLUMNS names them already)
    "articles": "Articles",
    "n articles": "Articles (n)",
    "detection precision": "Detection precision",
    "detection recall": "Detection recall",
    "detection F1": "Detection F1",
    "source type accuracy": "Source type accuracy",
    "cue precision": "Cue precision",
    "cue recall": "Cue recall",
    "cue F1": "Cue F1",
    "hedged-sentence F1": "Hedged-sentence F1",
}


def _generated() -> dict[str, str]:
    """Labels that follow from the vocabularies: per-type shares, side shares, category rates."""
    out: dict[str, str] = {}
    for st, name in SOURCE_TYPE_NAMES.items():
        out[f"share_{st}"] = f"{name} (% of attributions)"
        out[f"n_source_{st}"] = f"{name} (attributions)"
    for mode, name in MODE_NAMES.items():
        out[f"{mode}_share"] = f"{name} (% of attributions)"
        out[f"n_{mode}"] = f"{name} (attributions)"
    for side, name in SIDE_NAMES.items():
        out[f"n_{side}"] = f"Attributions to the {name}"
        for stance in ("distancing", "denial"):
            out[f"{stance}_share_{side}"] = f"{stance.capitalize()} verbs, {name} (% of its attributions)"
    for cat in HEDGE_ONLY_CATEGORIES:
        out[f"{cat}_per_1000"] = f"{cat.capitalize()} hedges per 1,000 words"
        out[f"n_{cat}"] = f"{cat.capitalize()} hedges"
    out.update({st: name.removesuffix("s") if st != "counterparty" else name for st, name in SOURCE_TYPE_NAMES.items()})
    out.update({stance: stance.capitalize() for stance in STANCES})
    out.update({mode: name.removesuffix("s") for mode, name in MODE_NAMES.items()})
    out.update({side: name.capitalize() for side, name in SIDE_NAMES.items()})
    assert set(SOURCE_TYPE_NAMES) == set(SOURCE_TYPES) and set(MODE_NAMES) == set(ATTRIBUTION_MODES)
    assert set(SIDE_NAMES) == set(DISPUTE_SIDES)
    return out


LABELS: dict[str, str] = {**_generated(), **_BASE}


def has_label(column) -> bool:
    """Whether ``column`` (or the metric it is the interval of) is in the map."""
    name = str(column)
    for suffix in ("_ci_low", "_ci_high"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name in LABELS


def label(column) -> str:
    """The reader's label of a column, with its unit; a tidy version of an unknown name."""
    name = str(column)
    for suffix, what in (("_ci_low", "low"), ("_ci_high", "high")):
        if name.endswith(suffix) and name[: -len(suffix)] in LABELS:
            return f"{LABELS[name[: -len(suffix)]]}: 95% interval, {what}"
    if name in LABELS:
        return LABELS[name]
    tidy = name.replace("_", " ").strip()
    return tidy[:1].upper() + tidy[1:]


def relabel(frame: pd.DataFrame, keep=()) -> pd.DataFrame:
    """A copy of ``frame`` with the reader's labels as column names; columns in ``keep`` (names
    that are data values, such as story phases) are left as they are."""
    return frame.rename(columns={c: c if c in keep else label(c) for c in frame.columns})
