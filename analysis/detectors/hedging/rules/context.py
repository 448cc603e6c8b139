"""What every hedge context rule works with: the candidate, its context, shared word lists.

A rule is a function ``rule(candidate, context)`` registered once by name in ``RULES``, which
checks the name against ``data/hedge_rules.yaml``. It may drop the candidate (set
``candidate.dropped_by``) or re-label it (category, span, lemma, ``candidate.rule``). Rules use
tags and dependencies when the Doc has them (parse mode) and word context otherwise (fast mode).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from analysis.detectors.hedging.lexicon import MACROS, LexiconEntry
from analysis.detectors.hedging.rules.report_forms import ReportForms
from analysis.detectors.registry import RuleRegistry

RULES = RuleRegistry("hedging", "hedge_rules.yaml")
# Rules that add a reading rather than remove one register here too, with the test that finds the
# reading: switched off, the detector drops the candidates that test finds.
INVERSE_RULES = RuleRegistry("hedging", "hedge_rules.yaml")


def words(text: str) -> frozenset[str]:
    """A word list written as one space-separated string."""
    return frozenset(text.split())


NEGATIONS = words("not n't never no without hardly neither nor")
BE_FORMS = frozenset(MACROS["BE"])
DETERMINERS = words("a an the this that these those his her its their our my your some any no every each another whose")
MAKE_FORMS = words("make makes made making")
CLAUSE_BREAKS = words(', ; : — – ( ) but and or that which who because although while if whether " “ ”')


@dataclass
class Candidate:
    """A lexicon match (token indices into the Doc, end exclusive) on its way to becoming a cue."""

    start: int
    end: int
    entry: LexiconEntry
    category: str
    lemma: str
    rule: str = "lexicon"
    dropped_by: str | None = None
    negated: bool = False

    @property
    def n_tokens(self) -> int:
        return self.end - self.start


@dataclass
class Context:
    """What rules may look at: the Doc, the sentence, normalised token texts, quote regions and
    the reporting verbs in use. In a title-case headline ``use_tags`` is off: the tagger reads
    "Company May Have Known" as names, so rules read word context there as in fast mode."""

    doc: Doc
    sentence: Span
    norms: list[str]
    use_tags: bool
    quote_test: Callable[[int], bool]
    report_forms: ReportForms
    title_case: bool = False  # a title-case headline: capitals mark no names, tags are unreliable

    def norm(self, i: int) -> str:
        """Normalised text of token i, or '' outside the sentence."""
        if self.sentence.start <= i < self.sentence.end:
            return self.norms[i]
        return ""

    def prev(self, i: int, n: int = 1) -> list[str]:
        """The n tokens before token i within the sentence, nearest first."""
        return [self.norms[j] for j in range(i - 1, max(self.sentence.start, i - n) - 1, -1)]

    def after(self, i: int, n: int = 1) -> list[str]:
        """The n tokens from token i on within the sentence."""
        return [self.norms[j] for j in range(i, min(self.sentence.end, i + n))]

    def is_sentence_start(self, i: int) -> bool:
        j = self.sentence.start
        while j < i and not any(ch.isalnum() for ch in self.doc[j].text):
            j += 1  # opening quotes and bullets
        return i == j


def cand_forms(cand: Candidate, ctx: Context) -> list[str]:
    """The normalised words of a candidate."""
    return [ctx.norms[i] for i in range(cand.start, cand.end)]


def head_form(cand: Candidate, ctx: Context) -> str:
    """The word of a one-word candidate, '' for a multiword one."""
    return ctx.norms[cand.start] if cand.n_tokens == 1 else ""


def is_single(cand: Candidate, ctx: Context, forms: frozenset[str] | set[str]) -> bool:
    """A one-word candidate that is one of ``forms``."""
    return cand.n_tokens == 1 and ctx.norms[cand.start] in forms
