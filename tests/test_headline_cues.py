"""Title-case headlines (issue 9): capitals there mark no names, so hedge cues and reporting verbs
are read as in lower case, in both modes. Invented headlines."""

from __future__ import annotations

import pytest
from hedging_helpers import cues_of

from analysis.detectors.attribution.detector import find_attributions
from analysis.detectors.headlines import is_title_case
from analysis.nlp.document import parse_document
from analysis.settings import Settings

MODES = ("parse", "fast")
FURNITURE = "Menu\n\nLocal News\n\n"  # the headline is not the first paragraph
BODY = "\n\nThe article body says nothing more.\n"


def hedges(headline, mode):
    return [(c["text"], c["category"]) for c in cues_of(FURNITURE + headline + BODY, mode)]


def test_title_case_test():
    assert is_title_case(["Ferry", "Operator", "May", "Have", "Ignored", "Storm", "Warning"])
    assert is_title_case(["Mill", "Likely", "Caused", "the", "Fish", "Deaths,", "Study", "Says"])
    assert not is_title_case(["The", "ferry", "operator", "may", "have", "ignored", "a", "storm", "warning."])
    assert not is_title_case(["Dr", "Ruiz"])  # too short to tell


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "headline, cue",
    [
        ("Ferry Operator May Have Ignored Storm Warning", ("May", "epistemic")),
        ("Study Hints Tea May Lower Gout Risk", ("May", "epistemic")),
        ("Bakery Fire Likely Started In Oven, Crews Say", ("Likely", "epistemic")),
        ("Rangers Suspect Arson In Forest Blaze", ("Suspect", "doxastic")),
        ("Insurers Estimate Flood Losses At $40 Million", ("Estimate", "doxastic")),
        ("Grain Silo Was Clearly Unsafe, Auditors Say", ("Clearly", "booster")),
    ],
)
def test_hedge_cues_in_title_case_headlines(mode, headline, cue):
    assert cue in hedges(headline, mode)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "headline",
    ["Theresa May Opens New Library Wing", "Council Vote Set For May 5", "Naval Might On Show At Harbour Parade"],
)
def test_names_months_and_nouns_stay_no_cue(mode, headline):
    assert hedges(headline, mode) == []


@pytest.mark.parametrize("mode", MODES)
def test_reporting_verb_in_a_title_case_headline(mode):
    settings = Settings(mode=mode)
    text = FURNITURE + "Geologists Believe Quake Could Strike Valley" + BODY
    rows = find_attributions(parse_document("t", text, settings), settings)
    rec = [r for r in rows if r["cue_text"] == "Believe"]
    assert rec and rec[0]["source_text"] == "Geologists" and rec[0]["stance"] == "assessment"


@pytest.mark.parametrize("mode", MODES)
def test_finance_reports_in_a_headline_are_no_reporting_noun(mode):
    settings = Settings(mode=mode)
    text = FURNITURE + "Finance Reports Show Council Overspent On Roads" + BODY
    rows = find_attributions(parse_document("t", text, settings), settings)
    assert not [r for r in rows if r["cue_text"] == "Reports"]
