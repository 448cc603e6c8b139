"""Reporting verbs and word-order rules found on stories of other beats (issue 9), on invented
sentences, in both modes where the rule applies to both."""

from __future__ import annotations

import pytest
from test_attribution import attrs as attrs_with_story
from test_attribution import by_cue

from analysis.detectors.attribution.lexicon import load_reporting_lexicon

MODES = ("parse", "fast")


def attrs(text, mode, disabled=()):
    """The records of an invented text, with no story file."""
    return attrs_with_story(text, mode, disabled, story=None)


def cues(text, mode):
    return [r["cue_text"] for r in attrs(text, mode)]


def one(text, mode, cue):
    return by_cue(attrs(text, mode), cue)


def test_new_verbs_have_guide_stances_and_sources():
    lex = load_reporting_lexicon()
    assert lex.verbs["tweet"].stance == "neutral" and lex.verbs["ask"].stance == "neutral"
    assert lex.verbs["argue"].stance == "distancing" and lex.verbs["note"].stance == "endorsing"
    assert lex.verbs["determine"].stance == "endorsing" and lex.phrases["stand by"].stance == "distancing"
    assert all("issue 9" in lex.verbs[v].source for v in ("tweet", "ask", "argue", "rule", "recount"))


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "sentence, cue, source, stance",
    [
        ("The harbour master tweeted that the ferry would sail at noon.", "tweeted", "The harbour master", "neutral"),
        ("“The dam will hold,” the engineer tweeted.", "tweeted", "the engineer", "neutral"),
        ("The growers argued that the levy would ruin small orchards.", "argued", "The growers", "distancing"),
        ("The coroner noted that the wounds were old.", "noted", "The coroner", "endorsing"),
        ("The surveyor responded that the boundary had never moved.", "responded", "The surveyor", "neutral"),
        ("Inspectors determined that the valve had failed.", "determined", "Inspectors", "endorsing"),
        ("The board emphasised that no jobs would go.", "emphasised", "The board", "neutral"),
    ],
)
def test_reporting_verbs_of_other_beats(mode, sentence, cue, source, stance):
    rec = one(sentence, mode, cue)
    assert rec["source_text"] == source and rec["stance"] == stance and rec["content_text"]


@pytest.mark.parametrize("mode", MODES)
def test_verbs_without_content_are_no_record(mode):
    assert "argued" not in cues("The two neighbours argued with each other for an hour.", mode)
    assert "responded" not in cues("Nobody responded when the reporter rang the bell.", mode)
    assert "determined" not in cues("The villagers were determined to rebuild the bridge.", mode)
    # an open question is investigation, not a finding
    assert "determine" not in cues("The crew is working to determine how much fuel leaked.", mode)


@pytest.mark.parametrize("mode", MODES)
def test_asked_with_a_question_is_neutral_and_its_object_the_addressee(mode):
    rec = one("Reporters asked the warden whether the inmates had been moved.", mode, "asked")
    assert rec["source_text"] == "Reporters" and rec["stance"] == "neutral"
    assert rec["addressee_text"] == "the warden" and rec["content_text"] == "whether the inmates had been moved"
    assert one("The tenants asked how the rent had been set.", mode, "asked")["source_text"] == "The tenants"


@pytest.mark.parametrize("mode", MODES)
def test_asked_without_a_question_is_no_record(mode):
    assert "asked" not in cues("The ranger asked campers to leave the valley.", mode)


@pytest.mark.parametrize("mode", MODES)
def test_was_asked_has_no_source_and_the_asked_person_speaks_next(mode):
    text = "The keeper was asked whether the lighthouse would close and said no decision had been made."
    rows = attrs(text, mode)
    assert "asked" not in [r["cue_text"] for r in rows]
    said = one(text, mode, "said")
    assert said["source_text"] == "The keeper" and said["content_text"] == "no decision had been made"


def test_asked_participle_is_passive_the_main_subject_is_the_addressee():
    text = "Asked whether the mill would reopen, the owner said talks were continuing."
    rows = attrs(text, "parse")
    assert [r["cue_text"] for r in rows] == ["said"] and rows[0]["source_text"] == "the owner"


@pytest.mark.parametrize("mode", MODES)
def test_document_kind_nouns_are_not_reporting_nouns(mode):
    for text in (
        "The club's annual report was published on Friday.",
        "Local finance reports show the council spent more than planned.",
        "Weather reports warned of heavy rain on Sunday.",
    ):
        rows = attrs(text, mode)
        assert not [r for r in rows if r["cue_text"].lower().startswith("report")], text
    # the verb after the noun is still a cue, with the document as its source
    assert one("Local finance reports show the council spent more than planned.", mode, "show")["source_text"] == (
        "Local finance reports"
    )


@pytest.mark.parametrize("mode", MODES)
def test_a_reporting_noun_with_source_and_content_stays(mode):
    rec = one("The agency reports that the river has crested.", mode, "reports")
    assert rec["source_text"] == "The agency"


def test_fast_lower_case_speaker_phrases():
    assert one("At least 12 hikers were rescued, park officials said on Friday.", "fast", "said")["source_text"] == (
        "park officials"
    )
    rec = one("The tide is rising, says the harbour chief, but slowly.", "fast", "says")
    assert rec["source_text"] == "the harbour chief"
    assert one("But coach Mara Lindqvist urged fans to stay calm.", "fast", "urged")["source_text"] == (
        "coach Mara Lindqvist"
    )


def test_fast_coordinated_and_participle_cues_take_the_sentence_subject():
    rec = one("Ortiz and Bell inspected the tank and also revealed that it had leaked.", "fast", "revealed")
    assert rec["source_text"] == "Ortiz and Bell"
    rec = one("The mayor had the final word, telling reporters that the town would rebuild.", "fast", "telling")
    assert rec["source_text"] == "The mayor" and rec["addressee_text"] == "reporters"
    off = attrs(
        "Ortiz and Bell inspected the tank and also revealed that it had leaked.", "fast", ["attr_subject_inheritance"]
    )
    assert "revealed" not in [r["cue_text"] for r in off]


def test_fast_relative_who_takes_the_named_speaker():
    rows = attrs("“It is over,” said union leader Ana Ortiz, who noted that talks had failed.", "fast")
    noted = [r for r in rows if r["cue_text"] == "noted"]
    assert noted and noted[0]["source_text"] == "union leader Ana Ortiz"


def test_fast_hypothetical_modal_is_no_attribution():
    assert cues("So one might argue that the fare should fall.", "fast") == []
