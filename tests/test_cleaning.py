"""Boilerplate removal on the sample documents, the raw-offset map, and the rules as data."""

from __future__ import annotations

import pytest

from analysis.corpus.cleaning import RuleFileError, clean_text, load_rules
from analysis.datafiles import DataFileError
from analysis.evaluation.gold import load_gold

RULES = load_rules()

# What each sample document carries, by rule (see data/corpus/metadata.csv for the evidence).
EXPECTED_REMOVALS = {
    "000_7a130d44c833b76c": {"author_tag"},
    "001_8c6f306b990f33ba": {"title_suffix", "related_link", "video_player_prompt", "source_link"},
    "002_0ff85accba5b8a5e": {"title_suffix", "comment_form"},
    "003_bd2f4c37c13cce80": {
        "byline_bullet",
        "date_banner",
        "image_markup",
        "photo_credit",
        "photo_caption",
        "app_prompt",
        "aggregator_note",
        "tag_line",
        "prev_next_link",
    },
    "004_66c966626ed0da45": {
        "weather_banner",
        "date_banner",
        "app_prompt",
        "advertisement",
        "navigation",
        "comment_form",
    },
}


@pytest.mark.parametrize("doc_id", sorted(EXPECTED_REMOVALS))
def test_each_boilerplate_kind_is_removed(raw_texts, doc_id):
    clean = clean_text(raw_texts[doc_id], RULES)
    assert {r["rule"] for r in clean.removed} == EXPECTED_REMOVALS[doc_id]
    for removal in clean.removed:
        assert raw_texts[doc_id][removal["start"] : removal["end"]] == removal["text"]
        assert removal["text"].strip() not in clean.text or len(removal["text"].strip()) < 4


@pytest.mark.parametrize(
    "phrase",
    [
        "Source link",
        "Leave a Comment",
        "Advertisement",
        "spot_img",
        'type="image/webp"',
        "Photo Caption",
        "Getty Images",
        "PREV",
        "NEXT",
        "Tags:",
        "Download The App",
        "Read in French",
        "25.1 C",
        "Port Louis",
        "Friday, April 26, 2024",
        "4 hour(s) ago",
        "latest news",
        "accessible video player",
        "(mse)",
        "DayDayNews",
        "LEAVE A REPLY",
        "Please enter your",
        "Follow us on Google News",
        "Telegram or Viber",
    ],
)
def test_no_boilerplate_phrase_survives(raw_texts, phrase):
    for doc_id, raw in raw_texts.items():
        assert phrase not in clean_text(raw, RULES).text, (doc_id, phrase)


def test_no_annotated_article_text_is_lost(raw_texts):
    """Every gold span (cues, sources, contents) lies in text the cleaning keeps, at the same offsets."""
    gold = load_gold(raw_texts=raw_texts)
    for doc_id, record in gold.items():
        clean = clean_text(raw_texts[doc_id], RULES)
        kept = [(raw_start, raw_start + length) for _, raw_start, length in clean.segments]
        spans = [c for c in record["cues"]]
        for att in record["attributions"]:
            spans += [att["cue"], att["source"], *att["content"]]
        for span in spans:
            assert any(s <= span["start"] and span["end"] <= e for s, e in kept), (doc_id, span["text"])


def test_clean_offsets_map_back_to_raw(raw_texts):
    for raw in raw_texts.values():
        clean = clean_text(raw, RULES)
        for clean_start, raw_start, length in clean.segments:
            assert clean.text[clean_start : clean_start + length] == raw[raw_start : raw_start + length]
        word = clean.text.index("North Korea")
        start, end = clean.span_to_raw(word, word + len("North Korea"))
        assert raw[start:end] == "North Korea"


def test_inline_removal_keeps_the_rest_of_the_line(raw_texts):
    clean = clean_text(raw_texts["002_0ff85accba5b8a5e"], RULES)
    first = clean.text[: clean.paragraphs[0][1]]
    assert first == "Russia buying millions of rockets and shells from North Korea, US intelligence says"


def test_a_rule_can_be_switched_off(raw_texts):
    raw = raw_texts["004_66c966626ed0da45"]
    assert "Port Louis" in clean_text(raw, RULES, disabled=("weather_banner",)).text
    assert "Port Louis" not in clean_text(raw, RULES).text


def test_crlf_line_endings_keep_raw_offsets():
    raw = "Headline here\r\n\r\nAdvertisement\r\nOfficials said it was likely.\r\n"
    clean = clean_text(raw, RULES)
    assert clean.text == "Headline here\n\nOfficials said it was likely."
    i = clean.text.index("likely")
    s, e = clean.span_to_raw(i, i + 6)
    assert raw[s:e] == "likely"


def test_article_sentences_that_look_like_furniture_are_kept():
    raw = (
        "Next week the ministers meet again\n\nNext, officials said, the talks resume.\n\n"
        "• Russia has bought millions of shells\n\nMay 2022 was the month of the first reports."
    )
    clean = clean_text(raw, RULES)
    assert clean.removed == []


def test_user_rule_file(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("version: '1'\nrules:\n  - name: promo\n    kind: line\n    pattern: 'buy now.*'\n", "utf-8")
    rules = load_rules(str(path))
    assert rules.version == "1"
    clean = clean_text("Buy now and save!\n\nThe minister said so.", rules)
    assert clean.text == "The minister said so." and clean.removed[0]["rule"] == "promo"


@pytest.mark.parametrize(
    "body,message",
    [
        ("rules:\n  - name: x\n    kind: line\n", "line 2: rule 'x' lacks \\['pattern'\\]"),
        ("version: 1\nrules:\n  - name: x\n    kind: para\n    pattern: a\n", "line 3: rule 'x' has kind 'para'"),
        ("rules:\n  - name: x\n    kind: line\n    pattern: '('\n", "line 2: rule 'x' has a bad pattern"),
        ("version: 1\n", "no 'rules' list"),
        ("rules:\n  - name: x\n   kind: [\n", "line \\d+: not valid YAML"),
        ("rules:\n  - just a string\n", "line 2: a rule must be a mapping"),
    ],
)
def test_bad_rule_file_names_file_line_and_problem(tmp_path, body, message):
    path = tmp_path / "bad.yaml"
    path.write_text(body, "utf-8")
    with pytest.raises(DataFileError, match=message) as info:  # RuleFileError is one
        load_rules(str(path))
    assert str(info.value).startswith(str(path))


def test_data_file_errors_share_one_class(tmp_path):
    assert issubclass(RuleFileError, DataFileError)
    with pytest.raises(DataFileError, match="no such file"):
        load_rules(str(tmp_path / "missing.yaml"))


@pytest.mark.parametrize("rule", [r.name for r in RULES.rules])
def test_every_rule_fires_on_the_samples_and_can_be_switched_off(raw_texts, rule):
    """Each rule removes something in a sample document; switched off, that text stays."""
    fired = [
        (doc_id, r)
        for doc_id, raw in sorted(raw_texts.items())
        for r in clean_text(raw, RULES).removed
        if r["rule"] == rule
    ]
    assert fired, f"rule {rule} removes nothing in the sample corpus"
    doc_id, removal = fired[0]
    kept = clean_text(raw_texts[doc_id], RULES, disabled=(rule,))
    assert rule not in {r["rule"] for r in kept.removed}
    assert removal["text"].strip(" .") in kept.text


def test_raw_spans_map_back_to_the_clean_text():
    raw = "Headline here\n\nAdvertisement\n\nThe plant  leaked chlorine.\n\nLeave a Comment\n\nOfficials said so.\n"
    clean = clean_text(raw, RULES)
    for word in ("leaked", "chlorine", "Officials", "Headline"):
        start = clean.text.index(word)
        raw_span = clean.span_to_raw(start, start + len(word))
        assert raw[raw_span[0] : raw_span[1]] == word
        assert clean.span_to_clean(*raw_span) == (start, start + len(word))
    removed = raw.index("Advertisement")
    assert clean.text[clean.to_clean(removed) :].startswith("The plant")  # removed text maps to what follows
