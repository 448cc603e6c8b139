"""The label map: every column a report shows has a reader's label with its unit; tidy names stay
in the tables and CSVs."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.aggregation import attribution, hedging
from analysis.reports import display, outlet_themes
from analysis.reports.labels import LABELS, has_label, label, relabel
from analysis.vocabulary import SOURCE_TYPES


def test_labels_carry_units():
    assert label("hedges_per_1000") == "Hedges per 1,000 words"
    assert label("share_anonymous_official") == "Anonymous officials (% of attributions)"
    assert label("hedged_sentence_share") == "Hedged sentences (% of sentences)"
    assert label("hedges_per_1000_ci_low") == "Hedges per 1,000 words: 95% interval, low"


def test_unknown_names_fall_back_to_a_tidy_name_and_are_told_apart():
    assert label("made_up_column") == "Made up column"
    assert not has_label("made_up_column")
    assert has_label("hedges_per_1000_ci_high") and has_label("outlet")


def test_relabel_copies_and_keeps_data_valued_columns():
    frame = pd.DataFrame({"outlet": ["A"], "2022-09 first phase": [1], "n_documents": [1]})
    shown = relabel(frame, keep=["2022-09 first phase"])
    assert list(shown.columns) == ["Outlet", "2022-09 first phase", "Documents"]
    assert list(frame.columns) == ["outlet", "2022-09 first phase", "n_documents"]  # the tidy frame is untouched


@pytest.mark.parametrize(
    "columns",
    [
        list(hedging.RATIO_METRICS),
        list(attribution.SHARE_METRICS) + list(attribution.SIDE_METRICS) + list(attribution.CLAIM_METRICS),
        [c for cols in outlet_themes.THEMES.values() for c in cols],
    ],
)
def test_every_summary_metric_has_an_explicit_label(columns):
    missing = [c for c in columns if not has_label(c)]
    assert not missing


def test_source_types_and_shares_are_labelled_as_readers_say_them():
    for st in SOURCE_TYPES:
        assert has_label(st) and has_label(f"share_{st}")
    assert label("vague") == "Vague source"
    assert all("_" not in text for text in LABELS.values())


def test_a_fallback_header_is_marked_on_the_page():
    html = display.show(pd.DataFrame({"outlet": ["A"], "made_up_column": [1]})).html
    assert re.search(r'<th class="nh-unlabelled"[^>]*>Made up column</th>', html)
    assert re.search(r"<th style='[^']*'>Outlet</th>", html)
