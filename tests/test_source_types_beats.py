"""Source types outside the bundled story (issue 9 item 3): private persons are citizens, named
organisations are institutions, and a named person is a named official only with an office."""

from __future__ import annotations

import pytest

from analysis.detectors.attribution.detector import find_attributions
from analysis.nlp.document import parse_document
from analysis.settings import Settings

MODES = ("parse", "fast")


def attrs(text, mode="parse", disabled=()):
    settings = Settings(mode=mode, disabled_rules=tuple(disabled))
    return find_attributions(parse_document("t", text, settings), settings)


def by_cue(rows, cue, n=0):
    hits = [r for r in rows if r["cue_text"] == cue]
    assert len(hits) > n, f"no record {n} with cue {cue!r} in {[r['cue_text'] for r in rows]}"
    return hits[n]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("source", ["Residents", "One neighbour", "A group of parents", "Dozens of people"])
def test_rule_citizen_source_unnamed(mode, source):
    text = f"{source} said the tap water had turned brown overnight."
    row = by_cue(attrs(text, mode), "said")
    assert (row["source_type"], row["anonymous"]) == ("citizen", True)
    assert by_cue(attrs(text, mode, ["attr_citizen_source"]), "said")["source_type"] != "citizen"


@pytest.mark.parametrize("mode", MODES)
def test_rule_person_type_from_introduction_in_source(mode):
    text = "“We could smell it from the garden,” said Tom Ray, who lives near the depot."
    row = by_cue(attrs(text, mode), "said")
    assert (row["source_type"], row["anonymous"]) == ("citizen", False)
    off = by_cue(attrs(text, mode, ["attr_person_type_from_introduction"]), "said")
    assert off["source_type"] == "named_official"


def test_rule_person_type_from_introduction_apposition_and_surname():
    text = (
        "Jane Roe, a resident of Millbrook, said the smoke lasted all night.\n\n"
        "Roe added that her children had stayed indoors."
    )
    rows = attrs(text)
    assert [(r["source_type"], r["anonymous"]) for r in rows] == [("citizen", False)] * 2


@pytest.mark.parametrize("mode", MODES)
def test_named_person_with_an_office_stays_named_official(mode):
    text = "Mayor Dana Fitch said the depot would stay closed."
    assert by_cue(attrs(text, mode), "said")["source_type"] == "named_official"


@pytest.mark.parametrize("mode", MODES)
def test_named_person_without_office_is_not_named_official(mode):
    text = "Leo Marsh said the depot had been leaking for weeks.\n\nMarsh said the fence was broken."
    rows = [r for r in attrs(text, mode) if r["cue_text"] == "said"]
    assert len(rows) == 2 and all(r["source_type"] == "citizen" for r in rows)


def test_introduction_anywhere_in_the_article_gives_the_office():
    text = (
        "The inquiry was led by county health officer Ruth Anand, who took over in May.\n\n"
        "Anand said the samples were clean."
    )
    assert by_cue(attrs(text), "said")["source_type"] == "named_official"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", ["Brightwater Chemicals Inc.", "The Millbrook Water Authority", "Solent Industries"])
def test_rule_organisation_not_person(mode, name):
    text = f"{name} said the leak had been contained."
    row = by_cue(attrs(text, mode), "said")
    assert (row["source_type"], row["anonymous"]) == ("institution", False)


def test_rule_organisation_not_person_fast_mode_switch():
    text = "Brightwater Chemicals Inc. said the leak had been contained."
    assert by_cue(attrs(text, "fast", ["attr_organisation_not_person"]), "said")["source_type"] != "institution"


@pytest.mark.parametrize("mode", MODES)
def test_title_holder_of_a_body_is_a_person(mode):
    text = "The Harbour Commission chairwoman said the berths would reopen."
    row = by_cue(attrs(text, mode), "said")
    assert row["source_type"] == "named_official"
    assert by_cue(attrs(text, mode, ["attr_organisation_not_person"]), "said")["source_type"] == "institution"
