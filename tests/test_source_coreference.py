"""Document-level coreference for sources (issue 9 item 4): definite descriptions and pronouns
take the body or person named earlier in the same article, and that referent's type."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_attribution import attrs as attrs_with_story
from test_attribution import by_cue

MODES = ("parse", "fast")
STORY = """title: "An invented harbour dispute"
sides:
  - name: Solent Freight
    role: accused
    aliases: [Solent]
  - name: Harbour residents
    role: accuser
    aliases: []
"""


def attrs(text, mode="parse", disabled=(), **extra):
    """The records of an invented text; no story file unless one is given."""
    return attrs_with_story(text, mode, disabled, **{"story": None, **extra})


@pytest.mark.parametrize("mode", MODES)
def test_rule_body_description_resolves_to_the_named_company(mode):
    text = (
        "Brightwater Chemicals Inc. runs the depot on the river.\n\n"
        "The company said the leak was small and had been stopped."
    )
    row = by_cue(attrs(text, mode), "said")
    assert row["resolved"] == "Brightwater Chemicals Inc."
    assert (row["source_type"], row["anonymous"]) == ("institution", False)
    assert by_cue(attrs(text, mode, ["attr_body_description"]), "said")["resolved"] is None


def test_rule_body_description_kind_must_agree():
    text = "The Millbrook Water Authority closed the beach.\n\nThe ministry said the water was safe."
    row = by_cue(attrs(text), "said")
    assert row["resolved"] is None and (row["source_type"], row["anonymous"]) == ("institution", False)


def test_rule_body_description_unnamed_stays_institution():
    row = by_cue(attrs("Later the authority said the water was safe to drink."), "said")
    assert (row["source_type"], row["anonymous"], row["resolved"]) == ("institution", False, None)


@pytest.mark.parametrize("mode", MODES)
def test_rule_body_description_takes_the_accused_side(mode, tmp_path: Path):
    story = tmp_path / "story.yaml"
    story.write_text(STORY, encoding="utf-8")
    text = "Solent Freight Ltd. owns the tanks.\n\nThe firm denied that any fuel had reached the harbour."
    row = by_cue(attrs(text, mode, story=str(story)), "denied")
    assert row["resolved"] == "Solent Freight Ltd." and row["source_type"] == "counterparty"


@pytest.mark.parametrize("mode", MODES)
def test_rule_text_antecedent_for_it(mode):
    text = "Harbour Energy Group has owned the pipeline since 2019.\n\nIt said the valve had been replaced."
    row = by_cue(attrs(text, mode), "said")
    assert row["resolved"] == "Harbour Energy Group" and row["source_type"] == "institution"
    assert by_cue(attrs(text, mode, ["attr_text_antecedent"]), "said")["resolved"] is None


def test_rule_text_antecedent_for_he_takes_the_persons_type(tmp_path: Path):
    story = tmp_path / "story.yaml"
    story.write_text(STORY, encoding="utf-8")
    text = (
        "The tanks belong to Solent Freight chief executive Omar Pike, who bought them last year.\n\n"
        "He said the tanks were checked every week."
    )
    row = by_cue(attrs(text, story=str(story)), "said")
    assert row["resolved"] == "Omar Pike"
    assert (row["source_type"], row["anonymous"]) == ("counterparty", False)
    off = by_cue(attrs(text, story=str(story), disabled=["attr_text_antecedent"]), "said")
    assert off["source_type"] == "anonymous_official"


@pytest.mark.parametrize("mode", MODES)
def test_rule_person_description_same_title(mode):
    text = "Environment minister Sara Lind said the spill was serious.\n\nThe minister added that fines would follow."
    row = by_cue(attrs(text, mode), "added")
    assert row["resolved"] == "Sara Lind" and (row["source_type"], row["anonymous"]) == ("named_official", False)


@pytest.mark.parametrize("mode", MODES)
def test_rule_person_description_the_official(mode):
    text = "Environment minister Sara Lind said the spill was serious.\n\nThe official said more tests were due."
    row = attrs(text, mode)[-1]
    assert row["resolved"] == "Sara Lind" and not row["anonymous"]
    assert attrs(text, mode, ["attr_person_description"])[-1]["resolved"] is None


def test_the_official_after_an_unnamed_official_stays_unnamed():
    text = (
        "Environment minister Sara Lind said the spill was serious.\n\n"
        "A senior official, who asked not to be named, said the pipes were old.\n\n"
        "The official said repairs would take a year."
    )
    row = attrs(text)[-1]
    assert row["resolved"] is None and row["source_type"] == "anonymous_official"


def test_the_official_does_not_refer_to_a_resident():
    text = "Jane Roe, a resident of Millbrook, said the smoke was thick.\n\nThe official said the air was safe."
    assert attrs(text)[-1]["resolved"] is None


def test_plural_sources_are_not_resolved_to_one_person():
    text = "Environment minister Sara Lind said the spill was serious.\n\nOfficials said the beach would reopen."
    row = attrs(text)[-1]
    assert row["resolved"] is None and row["source_type"] == "anonymous_official"


def test_a_residents_she_is_a_citizen():
    text = "One neighbour said the alarm rang twice.\n\nShe added that nobody came."
    row = by_cue(attrs(text), "added")
    assert row["source_type"] == "citizen"
