"""The attribution detector's data: rule names registered once, the source-cue file read through
``analysis.datafiles`` (errors name the file and line), and the story's names kept in that file."""

from __future__ import annotations

import re

import pytest
import yaml
from test_attribution import attrs, by_cue

from analysis.datafiles import DataFileError, read_data_file
from analysis.detectors.attribution import rules
from analysis.detectors.attribution.detector import RULES
from analysis.detectors.attribution.fast_phrases import person_name
from analysis.detectors.attribution.lexicon import LexiconError, load_source_cues
from analysis.resources import DATA_DIR, bundled_story_file

BUNDLED_CUES = (DATA_DIR / "source_cues.yaml").read_text(encoding="utf-8")
BUNDLED_STORY = str(bundled_story_file())
BUNDLED_TEXT = bundled_story_file().read_text(encoding="utf-8")


def _cue_file(tmp_path, text: str) -> str:
    path = tmp_path / "cues.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _with_list(name: str, words: str) -> str:
    """The bundled cue file with the words of one list replaced (the list's words are on one line)."""
    pattern = rf"(\n  {name}:\n    source: [^\n]*\n    words: )\[[^\]]*\]"
    text, n = re.subn(pattern, lambda m: m.group(1) + words, BUNDLED_CUES)
    assert n == 1, name
    return text


# --- rule names --------------------------------------------------------------------------------


def test_every_documented_rule_is_registered_and_described():
    documented = [rule["name"] for rule in read_data_file(None, "attribution_rules.yaml").yaml()["rules"]]
    assert sorted(rules.RULES.names()) == sorted(documented)
    assert list(RULES) == list(rules.RULES.names())
    assert RULES["attr_colon_lead_in"] == rules.RULES.documented[rules.COLON_LEAD_IN]["description"]


def test_a_misspelt_rule_name_fails_at_declaration():
    with pytest.raises(KeyError, match="attr_colon_lead"):
        rules.RULES.declare("attr_colon_lead")


def test_rule_constants_switch_their_rule_off():
    text = "CNN reported, citing US officials, that the talks had failed."
    assert by_cue(attrs(text), "citing")["source_text"] == "US officials"
    off = by_cue(attrs(text, disabled=[rules.CITING_SOURCE]), "citing")
    assert off["source_text"] != "US officials"


# --- the source-cue loader ----------------------------------------------------------------------


def test_a_missing_list_names_the_file(tmp_path):
    text = _with_list("generic_media", "[media]").replace("  generic_media:", "  generic_media_typo:")
    with pytest.raises(DataFileError, match=r"cues\.yaml: missing list\(s\) \['generic_media'\]"):
        load_source_cues(_cue_file(tmp_path, text))


def test_a_list_without_source_names_its_line(tmp_path):
    text = BUNDLED_CUES.replace('    source: "ANNOTATION.md s2 expert', '    origin: "ANNOTATION.md s2 expert')
    line = text.splitlines().index("  expert:") + 1
    with pytest.raises(LexiconError) as err:
        load_source_cues(_cue_file(tmp_path, text))
    assert err.value.line == line and "'expert' needs a 'source'" in str(err.value)
    assert isinstance(err.value, DataFileError)


def test_a_bad_anonymity_pattern_and_bad_yaml_name_their_lines(tmp_path):
    text = BUNDLED_CUES.replace("- 'familiar with'", "- 'familiar (with'")
    with pytest.raises(DataFileError, match="bad anonymity pattern") as err:
        load_source_cues(_cue_file(tmp_path, text))
    assert err.value.line == text.splitlines().index("  anonymity_markers:") + 1
    with pytest.raises(DataFileError, match="not valid YAML") as err:
        load_source_cues(_cue_file(tmp_path, BUNDLED_CUES.replace("lists:\n", "lists: [\n", 1)))
    assert err.value.line is not None


def test_words_must_be_a_list_and_generic_media_must_be_media(tmp_path):
    with pytest.raises(DataFileError, match="'words' must be a list"):
        load_source_cues(_cue_file(tmp_path, _with_list("expert", "analyst")))
    with pytest.raises(DataFileError, match=r"\['gazette'\] are not in list 'media'"):
        load_source_cues(_cue_file(tmp_path, _with_list("generic_media", "[media, gazette]")))


def test_the_bundled_generic_media_list_is_the_media_list_without_outlets():
    cues = load_source_cues()
    assert "the press" not in cues["generic_media"] and "press" in cues["generic_media"]
    assert "Reuters" not in cues["generic_media"] and "Reuters" in cues["media"]
    assert yaml.safe_load(BUNDLED_CUES)["lists"]["generic_media"]["source"]


# --- the story's names are data -------------------------------------------------------------------


def test_generic_media_words_come_from_the_cue_file(tmp_path):
    text = "Reuters reported that the talks had failed."
    assert by_cue(attrs(text), "reported")["anonymous"] is False
    generic = yaml.safe_load(BUNDLED_CUES)["lists"]["generic_media"]["words"]
    custom = _cue_file(tmp_path, _with_list("generic_media", f"[{', '.join(generic)}, Reuters]"))
    record = by_cue(attrs(text, source_cues=custom), "reported")
    assert (record["source_type"], record["anonymous"]) == ("other_media", True)


def _story_file(tmp_path, text: str) -> str:
    path = tmp_path / "story.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_place_names_of_bare_reports_come_from_the_story_file(tmp_path):
    text = "US reports that the shells arrived."
    assert by_cue(attrs(text), "reports")["source_type"] == "vague"
    story = _story_file(tmp_path, "title: T\nsides: [{name: North Korea, role: accused}]\n")
    assert by_cue(attrs(text, story=story), "reports")["source_type"] == "institution"


def test_person_names_on_the_accused_side_come_from_the_story_file(tmp_path):
    cues = load_source_cues(story=BUNDLED_STORY)
    assert person_name("Kim Jong-un", cues) == "Kim Jong-un"
    assert person_name("Dmitry Peskov", cues) is None  # 'Peskov' is an accused-side word, not a listed person
    story = BUNDLED_TEXT.replace("person_names: [Kim, Putin]", "person_names: [Kim, Putin, Peskov]")
    custom = load_source_cues(story=_story_file(tmp_path, story))
    assert person_name("Dmitry Peskov", custom) == "Dmitry Peskov"


@pytest.mark.parametrize(
    "cues, message",
    [
        ("lists:\n  accused: {source: x, words: [Acme]}\n", r"the sides of a story go in a story file"),
        ("lists:\n  expertz: {source: x, words: [a]}\n", r"unknown list\(s\) \['expertz'\]"),
    ],
)
def test_sides_and_unknown_lists_in_a_cue_file_are_refused(tmp_path, cues, message):
    text = BUNDLED_CUES.replace("lists:\n", cues, 1)
    with pytest.raises(DataFileError, match=message):
        load_source_cues(_cue_file(tmp_path, text))


def test_a_story_file_with_an_unknown_source_cue_list_is_refused(tmp_path):
    story = _story_file(tmp_path, "title: T\nsides: [{name: A, role: accused}]\nsource_cues:\n  expertz: [x]\n")
    with pytest.raises(DataFileError, match=r"story\.yaml: source_cues: unknown list\(s\) \['expertz'\]"):
        load_source_cues(story=story)
