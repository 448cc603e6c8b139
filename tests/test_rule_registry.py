"""Rule names are registered once, in code, and match the rule files that document them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from analysis.detectors.attribution.rules import RULES as ATTRIBUTION_RULES
from analysis.detectors.hedging.rules import INVERSE_RULES
from analysis.detectors.hedging.rules import RULES as HEDGE_RULES
from analysis.detectors.registry import RuleRegistry
from analysis.resources import DATA_DIR

PACKAGE = Path(__file__).resolve().parents[1] / "analysis"


def documented(rule_file: str) -> list[str]:
    return [rule["name"] for rule in yaml.safe_load((DATA_DIR / rule_file).read_text("utf-8"))["rules"]]


def test_hedge_rules_registered_are_the_documented_ones():
    registered = set(HEDGE_RULES.names()) | set(INVERSE_RULES.names())
    assert registered == set(documented("hedge_rules.yaml"))
    assert set(HEDGE_RULES.functions) | set(INVERSE_RULES.functions) == registered  # each has its function


def test_attribution_rules_registered_are_the_documented_ones():
    assert sorted(ATTRIBUTION_RULES.names()) == sorted(documented("attribution_rules.yaml"))


def test_no_rule_name_is_written_as_a_string_where_it_is_checked():
    """``rule_enabled`` takes a registered constant, never a literal that nothing checks."""
    literal = re.compile(r"rule_enabled\(\s*[\"']")
    offenders = [
        f"{path.relative_to(PACKAGE)}:{n}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if literal.search(line)
    ]
    assert offenders == []


def test_an_undocumented_or_repeated_name_fails_at_registration():
    registry = RuleRegistry("hedging", "hedge_rules.yaml")
    with pytest.raises(KeyError, match="not documented in hedge_rules.yaml"):
        registry.declare("may_mnth")
    registry.declare("may_month")
    with pytest.raises(KeyError, match="registered twice"):
        registry.register("may_month")(lambda cand, ctx: None)
