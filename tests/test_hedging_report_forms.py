"""The reporting verbs of the reported-speech rules come from the one reporting-verb list (the
bundled file or the user's ``Settings.reporting_verbs``), inflected, plus the rule file's
``backshift_verbs``."""

from __future__ import annotations

import pytest
from hedging_helpers import cues_of

from analysis.detectors.hedging.detector import _rule_plan
from analysis.detectors.hedging.lexicon import backshift_verbs, load_lexicon, load_rules
from analysis.detectors.hedging.rules import INVERSE_RULES, RULES, load_report_forms
from analysis.resources import DATA_DIR

MODES = ["parse", "fast"]


@pytest.fixture(scope="module")
def opine_verbs(tmp_path_factory):
    """The bundled reporting-verb list with one verb more: "opine"."""
    bundled = (DATA_DIR / "reporting_verbs.csv").read_text("utf-8")
    path = tmp_path_factory.mktemp("verbs") / "reporting_verbs.csv"
    path.write_text(bundled.rstrip("\n") + "\nopine,assessment,verb,content,test file,\n", encoding="utf-8")
    return str(path)


def _would(cues) -> dict | None:
    return {c["text"]: c for c in cues}.get("would")


def test_forms_are_the_list_verbs_inflected():
    forms = load_report_forms()
    assert {"say", "said", "says", "saying", "told", "wrote", "denied"} <= forms.forms
    assert {"says", "say", "tells", "denies"} <= forms.present
    assert "said" not in forms.present and "saying" not in forms.present
    assert {"pointed", "emerged"} <= forms.forms  # the verb of each phrase ("point out", "emerge from")
    assert "accorded" not in forms.forms  # "according to" is not a phrase verb
    assert "statements" not in forms.forms  # nouns of the list are not verbs


def test_rule_file_backshift_verbs_are_inflected_too():
    assert "specify" in backshift_verbs()
    forms = load_report_forms()
    assert {"specified", "hoped", "hopes", "knew", "wondered"} <= forms.forms
    assert {"knows", "know", "hopes"} <= forms.present


def test_a_user_verb_the_dictionary_lacks_gets_regular_forms(tmp_path):
    path = tmp_path / "verbs.csv"
    path.write_text("lemma,stance,kind,requires,source\nblorf,neutral,verb,any,test\n", encoding="utf-8")
    forms = load_report_forms(str(path))
    assert {"blorf", "blorfs", "blorfed", "blorfing"} <= forms.forms
    assert "say" not in forms.forms  # the user's list replaces the bundled one


@pytest.mark.parametrize("mode", MODES)
def test_user_reporting_verb_reaches_the_backshift_rule(mode, opine_verbs):
    text = "The minister opined that the sanctions would fail."
    assert _would(cues_of(text, mode)) is not None, "with the bundled list, 'opined' reports nothing"
    assert _would(cues_of(text, mode, reporting_verbs=opine_verbs)) is None
    said = "The minister said that the sanctions would fail."
    assert _would(cues_of(said, mode)) is None


@pytest.mark.parametrize("mode", MODES)
def test_user_reporting_verb_in_the_present_keeps_would(mode, opine_verbs):
    cue = _would(cues_of("The minister opines that the sanctions would fail.", mode, reporting_verbs=opine_verbs))
    assert cue is not None and cue["rule"] == "would_after_present_report"


@pytest.mark.parametrize("mode", MODES)
def test_backshift_verb_outside_the_reporting_list(mode):
    text = "The ministry would not specify whether the convoy would return."
    cues = cues_of(text, mode)
    assert [c["text"] for c in cues] == ["would not specify whether"], cues
    assert _would(cues_of(text, mode, disabled_rules=("backshifted_would",))) is not None


def test_rules_run_in_the_order_of_the_rule_file():
    plan = _rule_plan(())
    assert [name for name, _ in plan.enabled] == list(load_rules())
    assert [rule for _, rule in plan.enabled] == [RULES.functions[name] for name in load_rules()]
    assert plan.inverse_off == ()


def test_a_switched_off_rule_that_adds_a_reading_drops_it():
    plan = _rule_plan(("attributive_likely", "may_month"))
    assert "attributive_likely" not in [name for name, _ in plan.enabled]
    assert [name for name, _ in plan.inverse_off] == ["attributive_likely"]
    assert set(INVERSE_RULES.names()) <= set(RULES.names())


def test_user_lexicon_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_text("\ufeff# version: 3\npattern,category\nprobably,epistemic\n", encoding="utf-8")
    lexicon = load_lexicon(str(path))
    assert lexicon.version == "3" and [e.pattern for e in lexicon.entries] == ["probably"]
