"""Attribution patterns found on held-out articles (outside the development set), each shown on
invented sentences, with the effect of switching its rule off."""

from __future__ import annotations

from test_attribution import attrs, by_cue


def cues_of(rows):
    return [r["cue_text"] for r in rows]


# --- lexicon rows -----------------------------------------------------------------------------------


def test_called_x_y_is_neutral_reporting_only_with_a_complement():
    rows = attrs("Pyongyang denied the story, calling the reports “fabrications.”")
    calling = by_cue(rows, "calling")
    assert (calling["source_text"], calling["stance"], calling["source_type"]) == (
        "Pyongyang",
        "neutral",
        "counterparty",
    )
    assert attrs("The minister called the embassy twice.") == []
    assert "called" in cues_of(attrs("The minister called the embassy twice.", disabled=["attr_requires_content"]))


def test_considered_x_to_be_y_is_an_assessment():
    r = by_cue(attrs("Moscow considered the claims to be part of a smear campaign, the ministry said."), "considered")
    assert (r["source_text"], r["stance"]) == ("Moscow", "assessment")
    assert attrs("The council is considering new sanctions.") == []


def test_clarified_stressed_and_crediting_are_neutral_cues():
    assert (
        by_cue(attrs("The minister later clarified that no decision had been taken."), "clarified")["stance"]
        == "neutral"
    )
    assert by_cue(attrs("The envoy stressed that the border stayed shut."), "stressed")["stance"] == "neutral"
    r = by_cue(attrs("The envoy praised the deal, crediting “the patience of both sides.”"), "crediting")
    assert (r["source_text"], r["stance"]) == ("The envoy", "neutral")


def test_carried_by_a_medium_is_a_record_but_carried_goods_are_not():
    r = by_cue(
        attrs("The statement, which was carried by the state news agency KCNA, said the reports were false."), "carried"
    )
    assert (r["source_text"], r["source_type"], r["content_text"]) == (
        "the state news agency KCNA",
        "counterparty",
        "The statement",
    )
    assert attrs("Trucks carried the crates across the border.") == []
    assert attrs("Trucks carried the crates across the border.", mode="fast") == []


def test_indicates_with_a_noun_phrase_content():
    r = by_cue(attrs("The survey indicates a sharp fall in exports."), "indicates")
    assert (r["source_type"], r["stance"], r["content_text"]) == ("document", "assessment", "a sharp fall in exports")


def test_possessive_conclusion_is_a_reporting_noun():
    text = "Trade minister Tom Berg said the ban was working. “It is working,” was his conclusion."
    r = by_cue(attrs(text), "conclusion")
    assert (r["source_text"], r["resolved"], r["source_type"], r["anonymous"]) == (
        "his",
        "Tom Berg",
        "named_official",
        False,
    )


def test_n_korea_abbreviation_is_the_accused_side():
    assert by_cue(attrs("N. Korea says it sent no weapons abroad."), "says")["source_type"] == "counterparty"


# --- context rules ----------------------------------------------------------------------------------


def test_rule_inherit_across_clause():
    text = (
        "The envoy would not reveal how the fuel was being moved or which harbours are thought to be involved, "
        "saying only, “We know the routes.”"
    )
    assert by_cue(attrs(text), "saying")["source_text"] == "The envoy"
    assert by_cue(attrs(text, disabled=["attr_inherit_across_clause"]), "saying")["source_text"] == "which harbours"


def test_rule_modified_noun_source():
    text = "Officials said the agency had information indicating that Pyongyang was moving rockets by rail."
    r = by_cue(attrs(text), "indicating")
    assert (r["source_text"], r["source_type"], r["stance"]) == ("information", "document", "assessment")
    assert "indicating" not in cues_of(attrs(text, disabled=["attr_modified_noun_source"]))
    relative = "The ministry has data that shows the convoys left in March, a spokesman said."
    assert by_cue(attrs(relative), "shows")["source_text"] == "data"
    assert by_cue(attrs(relative, disabled=["attr_modified_noun_source"]), "shows")["source_text"] == "that"


def test_rule_date_not_source():
    text = "Wednesday's statement comes after the envoy claimed that the trains carried rockets."
    assert cues_of(attrs(text)) == ["claimed"]
    assert "statement" in cues_of(attrs(text, disabled=["attr_date_not_source"]))


def test_rule_withheld_not_attribution():
    text = "The envoy would not disclose how the goods were moved."
    assert attrs(text) == [] and attrs(text, mode="fast") == []
    assert cues_of(attrs(text, disabled=["attr_withheld_not_attribution"])) == ["disclose"]
    assert cues_of(attrs(text, mode="fast", disabled=["attr_withheld_not_attribution"])) == ["disclose"]
    refused = "The country was one of five states that refused to condemn the annexation."
    assert attrs(refused) == []
    assert cues_of(attrs(refused, disabled=["attr_withheld_not_attribution"])) == ["condemn"]
    # a negated verb with a that-clause still attributes it
    assert cues_of(attrs("Moscow has not denied that the trains left.")) == ["denied"]


def test_rule_quoted_as_saying_gives_two_records():
    text = "“We sent nothing,” KCNA quoted a deputy minister as saying."
    rows = attrs(text)
    assert by_cue(rows, "quoted")["source_text"] == "KCNA"
    assert by_cue(rows, "saying")["source_text"] == "a deputy minister"
    assert by_cue(attrs(text, disabled=["attr_quoted_as_saying"]), "saying")["source_text"] == "KCNA"


def test_rule_title_name_apposition():
    text = "A spokesman for the defence council, Maria Jensen, said that no deliveries had been made."
    r = by_cue(attrs(text), "said")
    assert (r["source_text"], r["source_type"]) == (
        "A spokesman for the defence council, Maria Jensen",
        "named_official",
    )
    off = by_cue(attrs(text, disabled=["attr_title_name_apposition"]), "said")
    assert (off["source_text"], off["source_type"]) == ("A spokesman for the defence council", "institution")


def test_rule_agentless_accusation():
    text = "The island, which has been accused of smuggling fuel to the rebels, is under sanctions."
    r = by_cue(attrs(text), "has been accused")
    assert (r["source_text"], r["source_type"], r["anonymous"], r["stance"]) == (
        "has been accused",
        "vague",
        True,
        "accusation",
    )
    assert attrs(text, disabled=["attr_agentless_accusation"]) == []


def test_rule_media_named_elsewhere():
    text = "Reuters reported that the talks had stalled. The envoy left early, according to the news agency."
    r = by_cue(attrs(text), "according to")
    assert (r["source_type"], r["anonymous"], r["resolved"]) == ("other_media", False, "Reuters")
    assert by_cue(attrs(text, disabled=["attr_media_named_elsewhere"]), "according to")["anonymous"] is True


def test_rule_document_issuer():
    text = "A statement issued by an unnamed defence official said the reports were invented."
    r = by_cue(attrs(text), "said")
    assert (r["source_type"], r["anonymous"]) == ("anonymous_official", True)
    off = by_cue(attrs(text, disabled=["attr_document_issuer"]), "said")
    assert (off["source_type"], off["anonymous"]) == ("document", False)


# --- fast mode --------------------------------------------------------------------------------------


def test_fast_mode_post_posed_content_verb_and_coordinated_verb():
    assert (
        by_cue(attrs("Nothing was sent abroad, the official stated.", mode="fast"), "stated")["source_text"]
        == "the official"
    )
    text = "Moscow denied the allegations and demanded that Washington provide proof."
    assert by_cue(attrs(text, mode="fast"), "demanded")["source_text"] == "Moscow"
    assert "demanded" not in cues_of(attrs(text, mode="fast", disabled=["attr_subject_inheritance"]))
    # an 'according to' phrase is not the subject of a later coordinated verb
    assert cues_of(
        attrs("According to Reuters, the ministry recognised the vote and vowed to deepen ties.", mode="fast")
    ) == ["According to"]


def test_fast_mode_finds_a_name_after_a_title():
    r = by_cue(attrs("Press secretary General Pat Ryder said the shells were old.", mode="fast"), "said")
    assert (r["source_type"], r["anonymous"]) == ("named_official", False)
