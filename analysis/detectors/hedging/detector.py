"""Hedge and booster cues (ANNOTATION.md section 1).

The lexicon (``data/hedge_lexicon.csv``) proposes candidate spans over spaCy tokens; the
context rules (the ``rules`` package, listed in ``data/hedge_rules.yaml`` and applied in that
order) drop or re-label them; overlapping candidates resolve to the longest, so multiword cues
come out as one span.

``find_cues(parsed, settings)`` gives the rows of the tidy ``cues`` table (raw offsets);
``detect(doc, ...)`` works on any spaCy Doc, and the ``hedge_cues`` pipeline component
(``nlp.add_pipe("hedge_cues")``, see ``component.py``) puts the cues in
``doc.spans["hedge_cues"]`` with the category as label.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from spacy.tokens import Doc, Span

from analysis.detectors.headlines import join_title_fragments
from analysis.detectors.hedging.lexicon import Lexicon, LexiconEntry, load_lexicon, load_rules, normalise
from analysis.detectors.hedging.rules import (
    CLAUSE_BREAKS,
    INVERSE_RULES,
    NEGATIONS,
    RULES,
    Candidate,
    Context,
    ReportForms,
    load_report_forms,
)
from analysis.detectors.token_columns import TokenColumns
from analysis.nlp.quotes import in_quote, quote_depth
from analysis.settings import Settings
from analysis.vocabulary import HEDGE_CATEGORIES

SPAN_KEY = "hedge_cues"
CUE_COLUMNS = ["doc_id", "sentence_id", "start", "end", "text", "lemma", "category", "rule", "in_quote", "negated"]


def hedge_categories(categories) -> list[str]:
    """The hedge categories among ``categories``: all but booster."""
    return [c for c in categories if c != "booster"]


@dataclass(frozen=True)
class Cue:
    """A cue over a Doc: token and character offsets into the Doc's text."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    lemma: str
    category: str
    rule: str
    in_quote: bool
    negated: bool


def _normalised_tokens(words: list[str]) -> list[str]:
    forms: dict[str, str] = {}
    norms = [forms[w] if w in forms else forms.setdefault(w, normalise(w)) for w in words]
    for i in range(len(norms) - 1):
        if norms[i + 1] == "n't":  # spaCy splits can't -> ca n't, won't -> wo n't
            norms[i] = {"ca": "can", "wo": "will", "sha": "shall"}.get(norms[i], norms[i])
    return norms


def _match_at(tokens, norms: list[str], i: int, stop: int) -> list[int]:
    """End indices (exclusive) of every way the pattern matches from token i."""
    ends: list[int] = []

    def walk(k: int, j: int) -> None:
        if k == len(tokens):
            ends.append(j)
            return
        tok = tokens[k]
        if tok.optional:
            walk(k + 1, j)
        if j < stop and norms[j] in tok.forms:
            walk(k + 1, j + 1)

    walk(0, i)
    return [e for e in ends if e > i]


def _negated(cand: Candidate, ctx: Context) -> bool:
    """A negation inside the cue or governing it. A booster's own negation ("no doubt",
    "without doubt") is part of the booster, not a negation of it."""
    if cand.category != "booster" and any(ctx.norms[i] in NEGATIONS for i in range(cand.start, cand.end)):
        return True
    for word in ctx.prev(cand.start, 3):
        if word in NEGATIONS:
            return True
        if word in CLAUSE_BREAKS or word in {".", "?", "!"}:
            break
    if ctx.use_tags:
        token = ctx.doc[cand.start]
        for node in (token, token.head):
            if any(c.dep_ == "neg" and c.i < cand.start for c in node.children):
                return True
    return False


def _resolve_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Longest candidate first; ties go to the earlier one. Kept candidates never overlap."""
    kept: list[Candidate] = []
    taken: set[int] = set()
    for cand in sorted(cands, key=lambda c: (-c.n_tokens, c.start, c.entry.row)):
        span = set(range(cand.start, cand.end))
        if span & taken:
            continue
        kept.append(cand)
        taken |= span
    return sorted(kept, key=lambda c: c.start)


@dataclass(frozen=True)
class RulePlan:
    """The rules to apply, in the rule file's order, and the switched-off rules that add a reading."""

    enabled: tuple[tuple[str, Callable[[Candidate, Context], None]], ...]
    inverse_off: tuple[tuple[str, Callable[[Candidate, Context], bool]], ...]


def _rule_plan(disabled_rules: tuple[str, ...]) -> RulePlan:
    on = [name for name, rule in load_rules().items() if rule.enabled and name not in disabled_rules]
    return RulePlan(
        tuple((name, RULES.functions[name]) for name in on),
        tuple((name, test) for name, test in INVERSE_RULES.functions.items() if name not in on),
    )


def _candidates(ctx: Context, index: dict[str, list[LexiconEntry]], starts: list[int]) -> list[Candidate]:
    """Every lexicon match in the sentence; of identical spans from different rows, the first row's.
    ``starts``: the Doc's token positions, in order, whose form begins a lexicon entry."""
    sent, cands = ctx.sentence, []
    for i in TokenColumns.within(starts, sent):
        for entry in index[ctx.norms[i]]:
            for end in _match_at(entry.tokens, ctx.norms, i, sent.end):
                cands.append(Candidate(i, end, entry, entry.category, entry.lemma))
    seen, unique = set(), []
    for cand in sorted(cands, key=lambda c: (c.start, c.end, c.entry.row)):
        if (cand.start, cand.end) not in seen:
            seen.add((cand.start, cand.end))
            unique.append(cand)
    return unique


def _apply_rules(cand: Candidate, ctx: Context, plan: RulePlan) -> None:
    """Run the enabled rules until one drops the candidate; a candidate none drops is dropped when
    it has the reading of a switched-off rule that adds one."""
    for _name, rule in plan.enabled:
        rule(cand, ctx)
        if cand.dropped_by:
            return
    for name, has_reading in plan.inverse_off:
        if has_reading(cand, ctx):
            cand.dropped_by = name


def _cue(cand: Candidate, ctx: Context) -> Cue:
    span = ctx.doc[cand.start : cand.end]
    negated = cand.negated or _negated(cand, ctx)
    return Cue(
        cand.start,
        cand.end,
        span.start_char,
        span.end_char,
        span.text,
        cand.lemma,
        cand.category,
        cand.rule,
        ctx.quote_test(span.start_char),
        negated,
    )


def detect(
    doc: Doc,
    lexicon: Lexicon | None = None,
    disabled_rules: tuple[str, ...] = (),
    categories: tuple[str, ...] = HEDGE_CATEGORIES,
    sentences: list[Span] | None = None,
    use_tags: bool | None = None,
    depth: list[int] | None = None,
    report_forms: ReportForms | None = None,
    text: str | None = None,
) -> list[Cue]:
    """Cues in a Doc. ``use_tags`` defaults to whether the Doc has tags and dependencies;
    ``depth`` is the quotation depth of the Doc's text (scanned here when not given);
    ``report_forms`` are the reporting verbs the reported-speech rules look for (default: those
    of the bundled reporting-verb list); ``text`` is the Doc's text when the caller holds it
    (``Doc.text`` is joined from the tokens on each access)."""
    lexicon = lexicon or load_lexicon(None)
    report_forms = report_forms or load_report_forms(None)
    if use_tags is None:
        use_tags = doc.has_annotation("TAG") and doc.has_annotation("DEP")
    if sentences is None:
        sentences = list(doc.sents) if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else [doc[:]]
    text = doc.text if text is None else text
    depth = quote_depth(text) if depth is None else depth
    quoted = partial(in_quote, depth)
    columns = TokenColumns(doc)
    plan, index, norms = _rule_plan(disabled_rules), lexicon.first_forms, _normalised_tokens(columns.words)
    starts = [i for i, form in enumerate(norms) if form in index]
    cues: list[Cue] = []
    for sent in join_title_fragments(sentences, text):
        title_case = columns.title_case(sent)
        ctx = Context(doc, sent, norms, use_tags and not title_case, quoted, report_forms, title_case)
        cands = _candidates(ctx, index, starts)
        for cand in cands:
            _apply_rules(cand, ctx, plan)
        live = [c for c in cands if not c.dropped_by]
        cues.extend(_cue(cand, ctx) for cand in _resolve_overlaps(live) if cand.category in categories)
    return cues


def find_cues(parsed, settings: Settings) -> list[dict]:
    """Rows of the ``cues`` table for one parsed document (raw offsets, raw text)."""
    lexicon = load_lexicon(settings.hedge_lexicon)
    cues = detect(
        parsed.doc,
        lexicon,
        settings.disabled_rules,
        settings.categories,
        sentences=parsed.sentences,
        use_tags=settings.mode == "parse",
        depth=parsed.quote_depth,
        report_forms=load_report_forms(settings.reporting_verbs),
        text=parsed.clean.text,
    )
    rows = []
    for cue in cues:
        start, end = parsed.raw_span(cue.start_char, cue.end_char)
        rows.append(
            {
                "doc_id": parsed.doc_id,
                "sentence_id": parsed.sentence_id(cue.start_char),
                "start": start,
                "end": end,
                "text": parsed.raw[start:end],
                "lemma": cue.lemma,
                "category": cue.category,
                "rule": cue.rule,
                "in_quote": cue.in_quote,
                "negated": cue.negated,
            }
        )
    return rows
