"""The ``hedge_cues`` spaCy pipeline component: ``nlp.add_pipe("hedge_cues")``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from analysis.detectors.hedging.detector import SPAN_KEY, detect
from analysis.detectors.hedging.lexicon import load_lexicon
from analysis.vocabulary import HEDGE_CATEGORIES

for _name in ("hedge_rule", "hedge_lemma", "hedge_in_quote", "hedge_negated"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


class HedgeCueComponent:
    """Sets ``doc.spans[span_key]``: one span per cue, labelled with its category.

    Each span also carries ``span._.hedge_lemma``, ``hedge_rule``, ``hedge_in_quote`` and
    ``hedge_negated``. Uses tags and dependencies when earlier components set them.
    """

    def __init__(
        self,
        nlp: Language,
        name: str,
        lexicon: str | None,
        categories: list[str],
        disabled_rules: list[str],
        span_key: str,
    ):
        unknown = set(categories) - set(HEDGE_CATEGORIES)
        if unknown:
            raise ValueError(f"{name}: unknown categories {sorted(unknown)}; known: {list(HEDGE_CATEGORIES)}")
        self.name = name
        self.lexicon = load_lexicon(lexicon)
        self.categories = tuple(categories)
        self.disabled_rules = tuple(disabled_rules)
        self.span_key = span_key

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for cue in detect(doc, self.lexicon, self.disabled_rules, self.categories):
            span = Span(doc, cue.start, cue.end, label=cue.category)
            span._.hedge_lemma = cue.lemma
            span._.hedge_rule = cue.rule
            span._.hedge_in_quote = cue.in_quote
            span._.hedge_negated = cue.negated
            spans.append(span)
        doc.spans[self.span_key] = spans
        return doc


@Language.factory(
    "hedge_cues",
    default_config={"lexicon": None, "categories": list(HEDGE_CATEGORIES), "disabled_rules": [], "span_key": SPAN_KEY},
)
def make_hedge_cues(
    nlp: Language, name: str, lexicon: str | None, categories: list[str], disabled_rules: list[str], span_key: str
) -> HedgeCueComponent:
    return HedgeCueComponent(nlp, name, lexicon, categories, disabled_rules, span_key)
