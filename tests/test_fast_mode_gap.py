"""Fast mode (word forms and word order, no model) on the shapes the second development set showed
it missed or misread (issue 9 item 7). Every sentence is invented."""

from __future__ import annotations

import pytest

from tests.test_attribution import attrs, by_cue


def cues(text):
    return [r["cue_text"] for r in attrs(text, "fast")]


# --- forms and phrases ------------------------------------------------------------------------


def test_inflections_come_from_the_dictionary():
    # "admit" doubles its t: admitted, admitting
    assert "admitted" in cues("The builder admitted that the beams were too thin.")


def test_verb_and_particle_phrases_are_read():
    assert (
        by_cue(attrs("The council stood by its decision on the bridge.", "fast"), "stood by")["stance"] == "distancing"
    )
    row = by_cue(attrs("Parents have been calling for longer school hours.", "fast"), "calling for")
    assert row["source_text"].startswith("Parents")
    row = by_cue(
        attrs("Chemists at the Lunar Research Institute (LRI) have cast doubt on the finding.", "fast"), "cast doubt on"
    )
    assert "(LRI)" in row["source_text"] and row["stance"] == "denial"


def test_a_phrase_after_an_article_is_a_noun():
    assert cues("“This is a loud wake-up call for the whole league,” the coach said.") == ["said"]


def test_progressive_reporting_verbs_are_active():
    assert (
        by_cue(attrs("Residents are warning that the levee is weak.", "fast"), "warning")["source_text"] == "Residents"
    )


# --- nouns and modifiers that look like bare verbs ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ohio state announced new limits on fishing.",
        "Ohio's state geologist Mary Fields said the quake was small.",
        "Boats are banned on lakes in Ohio state and the nearby counties.",
        "The levee held, state water engineers say.",
    ],
)
def test_state_as_a_noun_or_modifier_is_no_cue(text):
    assert "state" not in cues(text)


def test_state_as_a_verb_is_still_a_cue():
    assert "state" in cues("Engineers state that the dam is safe.")


# --- objects that leave no room for content ------------------------------------------------------


@pytest.mark.parametrize(
    "text, cue",
    [
        ("The floodwater found its way into the town hall.", "found"),
        ("As he concluded his speech, the crowd left.", "concluded"),
        ("Hikers who find themselves lost should stay put.", "find"),
        ("The pair described what they found at the mine.", "found"),
    ],
)
def test_noun_phrase_or_gap_objects_are_no_content(text, cue):
    assert cue not in cues(text)


def test_a_clause_after_a_possessive_or_a_gap_is_content():
    assert "believed" in cues("The firm believed its valves would hold.")
    text = "The fish died of a fungus, which scientists believe may have come from a farm."
    assert by_cue(attrs(text, "fast"), "believe")["source_text"] == "scientists"


def test_a_person_showing_a_thing_is_no_cue_but_evidence_is():
    assert "showed" not in cues("She showed the committee photographs of the damage.")
    assert "showed" in cues("The survey showed that rents rose.")


def test_accusation_verb_before_its_preposition_is_a_participle():
    assert "accused" not in cues("The driver accused of speeding appeared in court on Monday.")
    assert "accused" in cues("Neighbours accused the driver of speeding.")


def test_infinitive_of_a_cue_is_its_content():
    assert "show" not in cues("A clip purported to show the robot walking unaided.")


# --- content in other places ---------------------------------------------------------------------


def test_quotation_before_the_cue_is_content_of_a_content_verb():
    assert "wrote" in cues("“We are not leaving,” Roe wrote in a letter to the board.")


def test_that_clause_after_a_short_prepositional_phrase():
    assert "stressed" in cues("The coach stressed to players that practice matters.")
    assert "expected" not in cues("The mayor was expected to show that the budget balanced.")


def test_was_after_an_object_relative_opens_the_content():
    row = by_cue(attrs("The pump is the part that the maker has said was faulty.", "fast"), "said")
    assert row["source_text"] == "the maker"


# --- subjects the plain word order misses ---------------------------------------------------------


@pytest.mark.parametrize(
    "text, cue, source",
    [
        ("The union, in a letter sent Monday, said the deal was unfair.", "said", "The union"),
        ("Jane Roe, 41, has told reporters she saw the flood.", "told", "Jane Roe"),
        (
            "The Harbour Trust (HT), in figures released Friday, said the port was busy.",
            "said",
            "The Harbour Trust (HT)",
        ),
    ],
)
def test_subject_before_an_aside(text, cue, source):
    assert by_cue(attrs(text, "fast"), cue)["source_text"].startswith(source)


def test_an_appositive_name_does_not_hide_the_subject():
    row = by_cue(attrs("“It was chaos,” the harbour master, Ann Lee, told the inquiry.", "fast"), "told")
    assert row["source_text"].startswith("the harbour master")


def test_opening_participle_shares_the_main_clause_speaker():
    row = by_cue(attrs("Citing new census data, the mayor said the city had grown.", "fast"), "Citing")
    assert row["source_text"] == "the mayor"
    assert cues("Citing safety concerns, the company recalled the heaters.") == []


@pytest.mark.parametrize(
    "text, cue",
    [
        ("Tap water is safe to drink again, city engineers say.", "say"),
        ("Bridge failed because of rusted bolts, inquiry finds", "finds"),
    ],
)
def test_short_subject_of_a_closing_cue(text, cue):
    assert cue in cues(text)


# --- reporting nouns with a source and content ----------------------------------------------------


def test_reporting_noun_with_source_and_that_clause():
    text = "The board rejected the claims of the Dutch company that its product was safe."
    row = by_cue(attrs(text, "fast"), "claims")
    assert row["source_text"] == "the Dutch company" and row["stance"] == "distancing"
    row = by_cue(attrs("Brazil's denial that it had cut the forest angered donors.", "fast"), "denial")
    assert row["source_text"] == "Brazil"


@pytest.mark.parametrize(
    "text",
    [
        "The claims of the theory that were tested last year failed.",
        "Critics repeated the claims of the old theory.",
        "The claims that the lake is poisoned spread quickly.",
    ],
)
def test_reporting_noun_without_source_or_content_is_no_record(text):
    assert "claims" not in cues(text)
