"""Every context rule: the case it fixes, and that switching it off changes the result."""

from __future__ import annotations

import pytest
from hedging_helpers import cues_of

from analysis.detectors.hedging.lexicon import load_rules
from analysis.detectors.hedging.rules import RULES

# A lexicon built the way published lists are (Hyland 2005 lists "will", "rather", "show").
HYLAND_STYLE = (
    "pattern,lemma,category,source\nwill,will,epistemic,x\nrather,rather,epistemic,x\nshow|shows,show,booster,x\n"
)

# rule: (text, cue text the rule is about, category with the rule on (None = no cue), needs lexicon)
CASES = {
    "may_month": ("In May, officials met.", "May", None, False),
    "might_noun": ("Russia's military might is waning.", "might", None, False),
    "could_not_ability": ("Rescuers could not reach the village.", "could", None, False),
    "approximator_before_number": ("He spoke about the talks.", "about", None, False),
    "attributive_likely": ("The likely target is the port.", "likely", "epistemic", False),
    "supposed_to": ("The convoy was supposed to arrive on Monday.", "supposed", None, False),
    "rather_than": ("They chose trains rather than trucks.", "rather", None, True),
    "think_about": ("Leaders will think about the offer.", "think", None, False),
    "think_tank": ("A Washington think tank published the figures.", "think", None, False),
    "suspect_noun": ("Police arrested two suspects.", "suspects", None, False),
    "verb_as_noun": ("The estimate was published on Monday.", "estimate", None, False),
    "backshifted_would": ("Kirby said the shipments would not change the course of the war.", "would", None, False),
    "would_volition": ("The minister would like to visit Seoul.", "would", None, False),
    "will_not_a_cue": ("The talks will resume on Friday.", "will", None, True),
    "almost_certainly_epistemic": ("Russia almost certainly lost the drones.", "almost certainly", "epistemic", False),
    "confirmed_writer_voice": ("The Pentagon confirmed the deliveries.", "confirmed", None, False),
    "show_that_not_booster": ("Satellite images show that trucks were loaded.", "show", None, True),
    "negated_booster_is_hedge": ("It is not obvious that the shells arrived.", "not obvious", "epistemic", False),
    "make_it_appear": ("They tried to make it appear that the shells went to Egypt.", "appear that", None, False),
    "possible_not_epistemic": ("Aid will be sent as soon as possible.", "possible", None, False),
    "see_as": ("Reporters saw the trucks leave.", "saw", None, False),
    "evidential_verb": ("The US alleged that Pyongyang shipped shells.", "alleged", None, False),
    "as_expected": ("As expected, the vote passed.", "expected", None, False),
    "assess_evaluate": ("Inspectors will assess the damage.", "assess", None, False),
    "would_after_present_report": (
        "“We don't believe the drones would alter the outcome,” she said.",
        "would",
        "epistemic",
        False,
    ),
    "consider_belief": ("The cabinet considered the proposal on Monday.", "considered", None, False),
    "potential_noun": ("The country's military potential is limited.", "potential", None, False),
    "accused_agentless": ("The firm was accused of selling drones by the Treasury.", "was accused of", None, False),
    "sure_to_instruction": ("Be sure to lock the gate.", "sure to", None, False),
}
# What the same words give with the rule switched off, where that is not simply "a cue".
OFF_TEXT = {"almost_certainly_epistemic": "certainly", "negated_booster_is_hedge": "obvious"}


def test_every_rule_is_listed_implemented_and_tested():
    listed = set(load_rules())
    assert listed == set(RULES.names())
    assert listed == set(CASES)
    for rule in load_rules().values():
        assert rule.description and rule.source and rule.enabled


def _found(cues, text):
    return {c["text"]: c for c in cues}.get(text)


@pytest.fixture(scope="module")
def hyland_lexicon(tmp_path_factory):
    path = tmp_path_factory.mktemp("lex") / "hyland_style.csv"
    path.write_text(HYLAND_STYLE, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("mode", ["parse", "fast"])
@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fixes_its_case_and_can_be_switched_off(rule, mode, hyland_lexicon):
    text, cue_text, category_on, needs_lexicon = CASES[rule]
    extra = {"hedge_lexicon": hyland_lexicon} if needs_lexicon else {}
    on = cues_of(text, mode, **extra)
    off = cues_of(text, mode, disabled_rules=(rule,), **extra)
    found_on = _found(on, cue_text)
    if category_on is None:
        assert found_on is None, f"{rule}: {cue_text!r} should not be a cue in {text!r}: {on}"
        assert _found(off, cue_text) is not None, f"{rule} off: {cue_text!r} should be a cue: {off}"
    else:
        assert found_on is not None and found_on["category"] == category_on, on
        assert found_on["rule"] == rule
        off_cue = _found(off, OFF_TEXT.get(rule, cue_text))
        assert off_cue is None or off_cue["category"] != category_on, off


@pytest.mark.parametrize("mode", ["parse", "fast"])
@pytest.mark.parametrize(
    "text,cue_text,category",
    [
        ("Officials may announce the figures on Monday.", "may", "epistemic"),
        ("The sanctions might fail.", "might", "epistemic"),
        ("Officials could not rule out more deliveries.", "could not rule out", "epistemic"),
        ("The shipment was about 300 shells.", "about", "approximator"),
        ("Around 2,000 troops crossed.", "Around", "approximator"),
        ("Officials suspect Russia paid in oil.", "suspect", "doxastic"),
        ("Officials estimate that 1,000 shells were sent.", "estimate", "doxastic"),
        ("If the war continues, Russia would need more shells.", "would", "epistemic"),
        ("“It would be a disaster,” he said.", "would", "epistemic"),
        ("The confirmed deliveries arrived in August.", "confirmed", "booster"),
        ("“We can confirm the shipments,” the spokesman said.", "confirm", "booster"),
        ("Seoul sees the move as a sign of weakness.", "sees", "doxastic"),
        ("The alleged shipments began in August.", "alleged", "evidential"),
        ("We assess that Russia will run short.", "assess", "doxastic"),
        ("It is possible that aid was stolen.", "It is possible that", "epistemic"),
        # would_after_present_report: no backshift after a present-tense reporting verb
        ("The spokesman says the convoy would take weeks to arrive.", "would", "epistemic"),
        ("It would not change the war, officials say.", "would", "epistemic"),
        # consider_belief keeps the belief verb with a complement
        ("The agency said Seoul considered the reports to be a provocation.", "considered", "doxastic"),
        ("The ministry considered that the talks had failed.", "considered", "doxastic"),
        # accused_agentless keeps agentless passive accusations ("by sea" is not an agent)
        (
            "The firm, which has been accused of selling drones to Tehran, denied it.",
            "has been accused of",
            "evidential",
        ),
        ("The firm was accused of shipping parts by sea.", "was accused of", "evidential"),
        ("Calling it a potential sale, the spokesman said talks continue.", "potential", "epistemic"),
        ("The deal is sure to anger Seoul.", "sure to", "booster"),
        ("The vote is almost certain to pass.", "almost certain to", "epistemic"),
    ],
)
def test_rules_keep_the_cues_they_should(text, cue_text, category, mode):
    cue = _found(cues_of(text, mode), cue_text)
    assert cue is not None and cue["category"] == category, cues_of(text, mode)


@pytest.mark.parametrize("mode", ["parse", "fast"])
@pytest.mark.parametrize(
    "text,cue_text",
    [
        ("Officials didn't believe the convoy would arrive.", "would"),  # past tense: backshift
        ("Kirby added that the United States would send more aid.", "would"),  # "States" is not "states"
        ("The plan was considered by the cabinet.", "considered"),
        ("Officials will make sure to inform allies.", "sure to"),
        ("Analysts see potential for escalation.", "potential"),
    ],
)
def test_rules_drop_what_they_should(text, cue_text, mode):
    assert _found(cues_of(text, mode), cue_text) is None, cues_of(text, mode)
