"""The ``hedge_cues`` spaCy pipeline component: ``nlp.add_pipe("hedge_cues")``.

Config: ``lexicon`` and ``reporting_verbs`` (user files, null = bundled), ``categories``,
``disabled_rules``, ``span_key``. User files are saved with the pipeline (``nlp.to_disk``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from analysis.detectors.hedging.detector import SPAN_KEY, detect
from analysis.detectors.hedging.lexicon import load_lexicon
from analysis.detectors.hedging.rules import load_report_forms
from analysis.detectors.user_files import SavesUserFiles, UserFile
from analysis.vocabulary import HEDGE_CATEGORIES

SPAN_EXTENSIONS = ("hedge_rule", "hedge_lemma", "hedge_in_quote", "hedge_negated")
for _name in SPAN_EXTENSIONS:
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


class HedgeCueComponent(SavesUserFiles):
    """Sets ``doc.spans[span_key]``: one span per cue, labelled with its category.

    Each span also carries ``span._.hedge_lemma``, ``hedge_rule``, ``hedge_in_quote`` and
    ``hedge_negated``. Uses tags and dependencies when earlier components set them.
    The user files (the lexicon, and the reporting verbs the reported-speech rules look for) are
    read when the component runs, from the copy ``from_disk`` restored if there is one.
    """

    def __init__(
        self,
        nlp: Language,
        name: str,
        lexicon: str | None,
        reporting_verbs: str | None,
        categories: list[str],
        disabled_rules: list[str],
        span_key: str,
    ):
        unknown = set(categories) - set(HEDGE_CATEGORIES)
        if unknown:
            raise ValueError(f"{name}: unknown categories {sorted(unknown)}; known: {list(HEDGE_CATEGORIES)}")
        self.name = name
        self.lexicon_file = UserFile(lexicon, "hedge_lexicon.csv")
        self.reporting_verbs_file = UserFile(reporting_verbs, "reporting_verbs.csv")
        self.user_files = (self.lexicon_file, self.reporting_verbs_file)
        self.categories = tuple(categories)
        self.disabled_rules = tuple(disabled_rules)
        self.span_key = span_key

    def __call__(self, doc: Doc) -> Doc:
        lexicon = load_lexicon(self.lexicon_file.path(self.name))  # the loaders cache what they read
        report_forms = load_report_forms(self.reporting_verbs_file.path(self.name))
        spans = []
        for cue in detect(doc, lexicon, self.disabled_rules, self.categories, report_forms=report_forms):
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
    default_config={
        "lexicon": None,
        "reporting_verbs": None,
        "categories": list(HEDGE_CATEGORIES),
        "disabled_rules": [],
        "span_key": SPAN_KEY,
    },
    assigns=["doc.spans", *(f"span._.{name}" for name in SPAN_EXTENSIONS)],
)
def make_hedge_cues(
    nlp: Language,
    name: str,
    lexicon: str | None,
    reporting_verbs: str | None,
    categories: list[str],
    disabled_rules: list[str],
    span_key: str,
) -> HedgeCueComponent:
    return HedgeCueComponent(nlp, name, lexicon, reporting_verbs, categories, disabled_rules, span_key)
