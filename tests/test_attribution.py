"""Attribution extraction: spec rules on invented news sentences (each context rule on and off)."""

from __future__ import annotations

import pytest

from analysis.detectors.attribution.detector import RULES, find_attributions
from analysis.detectors.attribution.lexicon import load_reporting_lexicon, load_source_cues
from analysis.nlp.document import parse_document
from analysis.nlp.quotes import quote_depth
from analysis.resources import bundled_story_file
from analysis.settings import Settings

BUNDLED_STORY = str(bundled_story_file())  # the invented sentences below are about the bundled story


def attrs(text, mode="parse", disabled=(), **extra):
    extra.setdefault("story", BUNDLED_STORY)
    settings = Settings(mode=mode, disabled_rules=tuple(disabled), **extra)
    return find_attributions(parse_document("t", text, settings), settings)


def by_cue(rows, cue):
    hits = [r for r in rows if r["cue_text"] == cue]
    assert hits, f"no record with cue {cue!r} in {[r['cue_text'] for r in rows]}"
    return hits[0]


# --- the lexicons are data with sources -------------------------------------------------------


def test_lexicons_have_sources_and_known_classes():
    lex = load_reporting_lexicon()
    assert lex.verbs["say"].stance == "neutral" and lex.verbs["deny"].stance == "denial"
    assert lex.verbs["claim"].stance == "distancing" and lex.nouns["denial"].stance == "denial"
    assert all(e.source for e in [*lex.verbs.values(), *lex.nouns.values(), *lex.phrases.values()])
    cues = load_source_cues(story=BUNDLED_STORY)
    assert cues["accused"].search("the KCNA news agency") and not cues["accused"].search("the US")
    assert "US" in cues["accuser"] and not cues["accuser"].search("told us")  # all-caps entries are case-sensitive
    assert not load_source_cues()["accused"].words  # no story, no sides


def test_every_rule_is_documented():
    assert all(name.startswith("attr_") and text for name, text in RULES.items())


# --- core fields ---------------------------------------------------------------------------------


def test_basic_record_has_raw_offsets_cue_source_content():
    text = "Advertisement\n\nNational Security Council spokesman John Kirby said North Korea was shipping shells."
    r = by_cue(attrs(text), "said")
    assert text[r["cue_start"] : r["cue_end"]] == "said"
    assert (
        r["source_text"]
        == "National Security Council spokesman John Kirby"
        == text[r["source_start"] : r["source_end"]]
    )
    assert r["source_type"] == "named_official" and r["anonymous"] is False and r["stance"] == "neutral"
    assert r["content_text"] == "North Korea was shipping shells" and r["mode"] == "indirect"
    assert r["entity"] == "John Kirby" and r["side"] == "accuser"


@pytest.mark.parametrize(
    "sentence, cue, source_type, anonymous, stance",
    [
        ("A senior administration official said the deal was done.", "said", "anonymous_official", True, "neutral"),
        ("The Kremlin denied that it had bought any shells.", "denied", "counterparty", False, "denial"),
        ("KCNA said the reports were lies.", "said", "counterparty", False, "neutral"),
        (
            "According to the New York Times, the shells arrived in August.",
            "According to",
            "other_media",
            False,
            "neutral",
        ),
        ("US media have reported that the trains crossed the border.", "reported", "other_media", True, "neutral"),
        ("Experts believe that the shells are decades old.", "believe", "vague", True, "assessment"),
        ("Satellite images show that trucks were loaded at night.", "show", "document", False, "endorsing"),
        (
            "Jenny Town, an analyst at the Stimson Center, said the rockets were old.",
            "said",
            "expert",
            False,
            "neutral",
        ),
        ("The Pentagon confirmed that the drones had arrived.", "confirmed", "institution", False, "endorsing"),
        ("Moscow insisted that the trade was legal.", "insisted", "counterparty", False, "distancing"),
        ("Seoul urged Pyongyang to stop the shipments.", "urged", "institution", False, "directive"),
        ("The ministry admitted that some shells had been lost.", "admitted", "institution", False, "concession"),
    ],
)
def test_source_type_anonymity_and_stance(sentence, cue, source_type, anonymous, stance):
    r = by_cue(attrs(sentence), cue)
    assert (r["source_type"], r["anonymous"], r["stance"]) == (source_type, anonymous, stance)


def test_anonymity_marker_and_negation():
    r = by_cue(attrs("A US official, who spoke on condition of anonymity, said the deal was done."), "said")
    assert r["source_text"].startswith("A US official, who spoke") and r["anonymous"]
    assert "condition of anonymity" in r["anonymity_marker"]
    r = by_cue(attrs("The White House did not confirm that the shells had arrived."), "confirm")
    assert r["negated"] is True


def test_modes_direct_indirect_mixed():
    rows = attrs(
        "“We will keep watching,” Kirby said.\n\nKirby said the goods “would not change the war”.\n\n"
        "Kirby said the goods would not change the war."
    )
    assert [r["mode"] for r in rows] == ["direct", "mixed", "indirect"]


def test_record_nested_in_quote_is_judged_on_its_own_content():
    rows = attrs("“In September, the DPRK publicly denied that it intends to supply munitions,” Kirby told CNN.")
    denied = by_cue(rows, "denied")
    assert denied["mode"] == "indirect" and denied["source_type"] == "counterparty" and denied["in_quote"]
    assert by_cue(rows, "told")["mode"] == "direct"


def test_each_reporting_verb_is_its_own_record():
    rows = attrs("Kirby said the supplies were small, noting that sanctions were working.")
    assert [r["cue_text"] for r in rows] == ["said", "noting"]


def test_bare_reporting_noun_is_not_an_attribution():
    assert attrs("The claims could not be verified.") == []


def test_attribution_ids_are_in_text_order():
    rows = attrs("Kirby said the deal was done. Moscow denied it. North Korea said nothing had been sold.")
    assert [r["attribution_id"] for r in rows] == [0, 1, 2]
    assert [r["cue_start"] for r in rows] == sorted(r["cue_start"] for r in rows)


# --- context rules: what each one fixes ------------------------------------------------------------


def test_rule_subject_inheritance():
    text = "Kirby said the talks failed, noting that sanctions were working."
    assert by_cue(attrs(text), "noting")["source_text"] == "Kirby"
    assert "noting" not in [r["cue_text"] for r in attrs(text, disabled=["attr_subject_inheritance"])]


def test_rule_requires_content():
    text = "Russia is struggling to maintain its stocks of drones."
    assert attrs(text) == []
    assert attrs(text, disabled=["attr_requires_content"])


def test_rule_first_person_in_quote():
    text = "“We assess that the shipments are small,” the official said."
    assert [r["cue_text"] for r in attrs(text)] == ["said"]
    assert "assess" in [r["cue_text"] for r in attrs(text, disabled=["attr_first_person_in_quote"])]


def test_rule_agentless():
    text = "The shells are said to be of poor quality."
    r = by_cue(attrs(text), "are said to")
    assert r["source_text"] == "are said to" and r["source_type"] == "vague" and r["anonymous"]
    assert attrs(text, disabled=["attr_agentless"]) == []


def test_rule_addressee():
    text = "A US official told Reuters that the deal was done."
    r = by_cue(attrs(text), "told")
    assert r["addressee_text"] == "Reuters" and r["source_type"] == "anonymous_official"
    assert r["content_text"] == "the deal was done"
    assert by_cue(attrs(text, disabled=["attr_addressee"]), "told")["addressee_text"] is None


def test_rule_channel_noun():
    text = "Kirby said in a White House statement that the shipments were continuing."
    assert [r["cue_text"] for r in attrs(text)] == ["said"]
    assert "statement" in [r["cue_text"] for r in attrs(text, disabled=["attr_channel_noun"])]


def test_rule_noun_as_source():
    text = "The Pentagon's report revealed that drones were shipped."
    assert [r["cue_text"] for r in attrs(text)] == ["revealed"]
    assert len(attrs(text, disabled=["attr_noun_as_source"])) == 2


def test_reporting_noun_with_source_from_phrase():
    rows = attrs(
        "The agency published a statement from an unnamed official of the Ministry of Defence: "
        "“We have never exported weapons.”"
    )
    statement = by_cue(rows, "statement")
    assert statement["source_text"].startswith("an unnamed official") and statement["anonymous"]
    assert statement["mode"] == "direct"


def test_rule_colon_lead_in():
    text = "“We have never exported weapons”: North Korea"
    r = by_cue(attrs(text), ":")
    assert (r["cue_kind"], r["source_text"], r["source_type"], r["mode"]) == (
        "colon",
        "North Korea",
        "counterparty",
        "direct",
    )
    assert attrs(text, disabled=["attr_colon_lead_in"]) == []


def test_rule_evidence_subject_document():
    text = "The purchases show that Moscow is running short of shells."
    assert by_cue(attrs(text), "show")["source_type"] == "document"
    assert by_cue(attrs(text, disabled=["attr_evidence_subject_document"]), "show")["source_type"] != "document"


def test_rule_place_reports_vague():
    text = "The statement came amid US reports that Moscow had asked for shells."
    r = by_cue(attrs(text), "reports")
    assert r["source_text"] == "US" and r["source_type"] == "vague" and r["anonymous"]
    assert by_cue(attrs(text, disabled=["attr_place_reports_vague"]), "reports")["source_type"] != "vague"


def test_rule_pronoun_resolution_and_entity_clustering():
    text = (
        "National Security Council spokesman John Kirby said the shipments were small.\n\n"
        "He added that they would not change the war.\n\nMr Kirby said the deliveries continued."
    )
    rows = attrs(text)
    he = by_cue(rows, "added")
    assert he["resolved"] == "John Kirby" and he["source_type"] == "named_official"
    assert {r["entity"] for r in rows} == {"John Kirby"}
    assert by_cue(attrs(text, disabled=["attr_pronoun_resolution"]), "added")["resolved"] is None


def test_rule_plural_and_thing_pronouns():
    rows = attrs(
        "US officials said Russia was buying shells. According to them, the deals were signed in July.\n\n"
        "The White House accused Pyongyang of lying. It said the shells were old."
    )
    assert by_cue(rows, "According to")["resolved"] == "US officials"
    assert rows[-1]["resolved"] == "The White House" and rows[-1]["source_type"] == "institution"


def test_rule_named_elsewhere():
    text = (
        "A White House spokesman said the shipments were covert.\n\n"
        "Later, White House spokesman John Kirby said the deliveries continued."
    )
    first = attrs(text)[0]
    assert first["resolved"] == "John Kirby" and first["source_type"] == "named_official" and not first["anonymous"]
    assert attrs(text, disabled=["attr_named_elsewhere"])[0]["resolved"] is None


def test_generic_officials_are_not_named_elsewhere():
    rows = attrs(
        "One of the American officials said the deal was done.\n\n"
        "National Security Council spokesman John Kirby later added that talks continued."
    )
    assert rows[0]["source_type"] == "anonymous_official" and rows[0]["resolved"] is None


def test_rule_follow_on_quote():
    text = "“We will keep watching,” Kirby said.\n\n“The deliveries are small and will not change the war.”"
    assert len(by_cue(attrs(text), "said")["content_spans"]) == 2
    assert len(by_cue(attrs(text, disabled=["attr_follow_on_quote"]), "said")["content_spans"]) == 1


def test_rule_nested_parent_and_citing_source():
    text = "CNN reported, citing US officials, that North Korea was shipping shells to Russia."
    rows = attrs(text)
    cnn, officials = by_cue(rows, "reported"), by_cue(rows, "citing")
    assert (cnn["source_text"], cnn["source_type"]) == ("CNN", "other_media")
    assert (officials["source_text"], officials["source_type"]) == ("US officials", "anonymous_official")
    assert officials["parent_id"] == cnn["attribution_id"]
    assert by_cue(attrs(text, disabled=["attr_nested_parent"]), "citing")["parent_id"] is None
    assert by_cue(attrs(text, disabled=["attr_citing_source"]), "citing")["source_text"] == "CNN"


def test_citing_a_reason_keeps_the_speaker():
    r = by_cue(attrs("Kirby insisted the goods would not change the war, citing Western efforts."), "citing")
    assert r["source_text"] == "Kirby"


# --- sides are configurable data ----------------------------------------------------------------------


def test_sides_come_from_the_story_file(tmp_path):
    text = "Beijing denied that it had sent drones."
    assert by_cue(attrs(text), "denied")["side"] != "accused"
    custom = tmp_path / "china_story.yaml"
    custom.write_text(
        "title: Drones\nsides:\n  - {name: China, role: accused, aliases: [Beijing]}\n"
        "  - {name: Taiwan, role: accuser, aliases: [Taipei]}\n",
        encoding="utf-8",
    )
    r = by_cue(attrs(text, story=str(custom)), "denied")
    assert (r["side"], r["side_name"], r["source_type"]) == ("accused", "China", "counterparty")


@pytest.mark.parametrize("mode", ["parse", "fast"])
def test_without_a_story_no_source_is_put_on_a_side(mode):
    rows = attrs("A US official said that Pyongyang had sent shells. North Korea denied it.", mode, story=None)
    assert rows and {r["side"] for r in rows} == {"other"} and {r["side_name"] for r in rows} == {None}


def test_the_side_named_first_in_the_source_decides():
    rows = attrs("Officials in Seoul and Washington said the talks had ended.", "parse")
    assert by_cue(rows, "said")["side_name"] == "US allies"


# --- fast mode: a lexical fallback, not nothing ----------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, cue, source",
    [
        ("Kirby said the deal was done.", "said", "Kirby"),
        ("“It is over,” said John Kirby.", "said", "John Kirby"),
        ("According to Reuters, the talks failed.", "According to", "Reuters"),
        ("The shells are said to be old.", "are said to", "are said to"),
        ("A US official told reporters that the trains had left.", "told", "A US official"),
    ],
)
def test_fast_mode_patterns(sentence, cue, source):
    r = by_cue(attrs(sentence, mode="fast"), cue)
    assert r["source_text"] == source


def test_fast_mode_classifies_sources():
    rows = attrs("North Korea denied that it had sold shells. A US official said the trains had left.", mode="fast")
    assert [(r["source_type"], r["stance"], r["side"]) for r in rows] == [
        ("counterparty", "denial", "accused"),
        ("anonymous_official", "neutral", "accuser"),
    ]


def test_quote_depth_ignores_apostrophes():
    text = "Moscow’s reply: “It’s ‘fake’ news.”"
    depth = quote_depth(text)
    assert depth[text.index("Moscow")] == 0 and depth[text.index("It’s")] == 1 and depth[text.index("fake")] == 2


# --- rules found on text outside the development set ---------------------------------------------


def test_press_secretary_is_a_named_official_not_media():
    text = '"We are concerned," press secretary Karine Jean-Pierre told reporters.'
    record = by_cue(attrs(text), "told")
    assert (record["source_type"], record["anonymous"]) == ("named_official", False)
    off = by_cue(attrs(text, disabled=["attr_person_not_generic_media"]), "told")
    assert off["source_type"] == "other_media"
    tapper = by_cue(attrs("CNN's Jake Tapper reported that the talks had failed."), "reported")
    assert tapper["source_type"] == "other_media"  # a named outlet still makes it media


def test_experts_at_a_named_think_tank_are_experts():
    text = "Experts at the Institute for the Study of War assess that Russia is short of shells."
    assert by_cue(attrs(text), "assess")["source_type"] == "expert"
    assert by_cue(attrs(text, disabled=["attr_expert_with_institution"]), "assess")["source_type"] == "vague"
    bare = by_cue(attrs("Experts believe that Russia is short of shells."), "believe")
    assert (bare["source_type"], bare["anonymous"]) == ("vague", True)
