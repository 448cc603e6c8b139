"""Rule names registered once, checked against the rule file that documents them.

Each detector keeps a ``RuleRegistry`` over its YAML rule file (``hedge_rules.yaml``,
``attribution_rules.yaml``). A rule is registered in code once, by decorating its function
(``@RULES.register("may_month")``) or by declaring its name (``NAME = RULES.declare("attr_x")``);
either fails at import when the YAML does not document the name, so a misspelt rule can never be
checked against nothing. ``tests/test_rule_registry.py`` checks the other way: every documented
rule is registered.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

from analysis.datafiles import read_data_file


class RuleRegistry:
    def __init__(self, detector: str, rule_file: str):
        self.detector = detector
        self.rule_file = rule_file
        self.functions: dict[str, Callable] = {}
        self._declared: list[str] = []

    @cached_property
    def documented(self) -> dict[str, dict]:
        """Rule name -> its entry in the bundled rule file (description, source, ...)."""
        data = read_data_file(None, self.rule_file)
        entries = (data.yaml() or {}).get("rules") or []
        found = {}
        for entry in entries:
            if not isinstance(entry, dict) or not entry.get("name"):
                raise data.error(f"a rule without a name: {entry!r}")
            found[entry["name"]] = entry
        return found

    def declare(self, name: str) -> str:
        """Register a rule name (a rule checked inline with ``settings.rule_enabled(NAME)``)."""
        if name not in self.documented:
            raise KeyError(f"{self.detector} rule {name!r} is not documented in {self.rule_file}")
        if name in self._declared:
            raise KeyError(f"{self.detector} rule {name!r} is registered twice")
        self._declared.append(name)
        return name

    def register(self, name: str) -> Callable[[Callable], Callable]:
        """Decorator: register ``name`` and the function that applies the rule."""

        def decorate(function: Callable) -> Callable:
            self.declare(name)
            self.functions[name] = function
            return function

        return decorate

    def names(self) -> tuple[str, ...]:
        """Every registered name, in registration order."""
        return tuple(self._declared)
