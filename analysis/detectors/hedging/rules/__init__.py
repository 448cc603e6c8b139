"""Context rules for hedge and booster candidates (listed, with sources, in data/hedge_rules.yaml).

``RULES`` registers each rule once by name; the detector applies the enabled ones in the order
the rule file lists them. ``INVERSE_RULES`` holds the tests of the rules that add a reading:
switched off, a candidate with that reading is dropped. The modules group rules by what they
decide: ``modals``, ``numbers``, ``word_sense`` (noun or verb), ``phrases`` (set phrases),
``complements`` (what follows a verb), ``reported_speech`` (backshifted "would", with the
reporting verbs of ``report_forms``) and ``boosters``; ``context`` has the shared types.
"""

from analysis.detectors.hedging.rules import (  # noqa: F401  (importing a module registers its rules)
    boosters,
    complements,
    modals,
    numbers,
    phrases,
    reported_speech,
    word_sense,
)
from analysis.detectors.hedging.rules.context import (
    CLAUSE_BREAKS,
    INVERSE_RULES,
    NEGATIONS,
    RULES,
    Candidate,
    Context,
)
from analysis.detectors.hedging.rules.report_forms import ReportForms, load_report_forms

__all__ = [
    "CLAUSE_BREAKS",
    "INVERSE_RULES",
    "NEGATIONS",
    "RULES",
    "Candidate",
    "Context",
    "ReportForms",
    "load_report_forms",
]
