"""The run's summary sentences: figures with their base, rankings only where an interval allows."""

from __future__ import annotations

import math

import pandas as pd

from analysis.reports.run_summary import corpus_rate, outlet_sentences, summary_html

NAN = math.nan


def outlet_row(outlet: str, docs: int, hedges: int, words: int, low=NAN, high=NAN, **extra) -> dict:
    row = {
        "outlet": outlet,
        "n_documents": docs,
        "n_words": words,
        "n_sentences": 40,
        "n_hedges": hedges,
        "n_boosters": 1,
        "hedges_per_1000": hedges / words * 1000,
        "hedges_per_1000_ci_low": low,
        "hedges_per_1000_ci_high": high,
        "hedged_sentence_share": 25.0,
        "n_attributions": 20,
        "share_named_official": 50.0,
        "share_expert": 10.0,
        "anonymous_share": 15.0,
        "direct_share": 0.0,
        "enough_documents": docs >= 3,
    }
    return {**row, **extra}


def test_corpus_rate_pools_counts_over_words():
    table = pd.DataFrame([outlet_row("A", 3, 10, 1000), outlet_row("B", 3, 30, 1000)])
    assert corpus_rate(table, "n_hedges") == 20.0


def test_an_interval_above_the_corpus_rate_says_above_and_one_around_it_says_close():
    table = pd.DataFrame(
        [
            outlet_row("Daily Gazette", 4, 40, 1000, low=31.0, high=48.0),
            outlet_row("Evening Post", 4, 10, 1000, low=5.0, high=30.0),
        ]
    )
    sentences = outlet_sentences(table)
    assert "above the corpus rate of 25.0" in " ".join(sentences["Daily Gazette"])
    assert "close to the corpus rate of 25.0" in " ".join(sentences["Evening Post"])
    assert "95% interval 31.0 to 48.0" in " ".join(sentences["Daily Gazette"])


def test_an_outlet_without_an_interval_is_never_ranked_and_says_why():
    table = pd.DataFrame([outlet_row("Lone Herald", 1, 40, 1000), outlet_row("Evening Post", 4, 10, 1000, 5, 30)])
    text = " ".join(outlet_sentences(table)["Lone Herald"])
    assert text.startswith("1 document, too few for an interval (3 are needed)")
    assert "corpus rate" not in text


def test_source_shares_read_as_counts_and_percent():
    text = " ".join(outlet_sentences(pd.DataFrame([outlet_row("A", 3, 5, 500)]))["A"])
    assert "It cites sources 20 times, most often named officials: 10 (50%)" in text
    assert "3 (15%) anonymous and none quoted word for word" in text


def test_the_accused_side_appears_only_when_sides_are_known():
    plain = pd.DataFrame([outlet_row("A", 3, 5, 500)])
    assert not any("accused" in s for s in outlet_sentences(plain)["A"])
    sided = pd.DataFrame([outlet_row("A", 3, 5, 500, n_accused=4, denial_share_accused=50.0)])
    assert "The accused side is cited 4 times, 2 (50%) of them as a denial." in outlet_sentences(sided)["A"]
    once = pd.DataFrame([outlet_row("A", 3, 5, 500, n_accused=1, denial_share_accused=100.0)])
    assert "The accused side is cited once, as a denial." in outlet_sentences(once)["A"]


def test_an_outlet_that_cites_nobody_says_so():
    table = pd.DataFrame([outlet_row("A", 3, 5, 500, n_attributions=0)])
    assert "It attributes no claim to a source." in outlet_sentences(table)["A"]


def test_the_html_escapes_outlet_names_and_says_when_there_is_nothing():
    table = pd.DataFrame([outlet_row("<b>Bold</b> Times", 3, 5, 500)])
    page = summary_html(table)
    assert "&lt;b&gt;Bold&lt;/b&gt; Times" in page and "<b>Bold" not in page
    assert "nothing to summarise" in summary_html(table.iloc[0:0])
