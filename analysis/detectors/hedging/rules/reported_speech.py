"""Reported speech: "would" backshifted under a past-tense reporting verb ("he said it would not
change the war") is not a cue; under a present-tense one ("she says it would take weeks") it is
the speaker's speculation and stays one. The reporting verbs are ``ctx.report_forms``."""

from __future__ import annotations

from analysis.detectors.hedging.rules.context import NEGATIONS, RULES, Candidate, Context, is_single, words

# Before a reporting verb: "did say", "was told", "to believe", "would think" are not present tense.
PAST_OR_NONFINITE_BEFORE = words("did had was were to would could might should will may must 'd")


def _reporting_before(ctx: Context, i: int) -> bool:
    """A reporting word earlier in the sentence than token i."""
    return any(ctx.norms[j] in ctx.report_forms.forms for j in range(ctx.sentence.start, i))


def _governing_report(token, ctx: Context):
    """The nearest reporting or belief verb that governs a "would" token (parse mode), or None."""
    governors = [a for a in token.head.ancestors if a.i != token.i] if token.dep_ == "aux" else list(token.ancestors)
    for gov in governors:
        if gov.lemma_.lower() in ctx.report_forms.lemmas or gov.text.lower() in ctx.report_forms.forms:
            return gov
    return None


def _present_tense_verb(token) -> bool:
    """ "says", "believe" (VBZ/VBP), or a base form with present do-support ("don't believe")."""
    if token.tag_ in {"VBZ", "VBP"}:
        return True
    if token.tag_ == "VB":
        return any(c.dep_ == "aux" and c.tag_ in {"VBZ", "VBP"} and c.lower_ in {"do", "does"} for c in token.children)
    return False


def _report_word(ctx: Context, j: int) -> bool:
    """A reporting word in word context; a capitalised one mid-sentence is a name ("United States"),
    except in a title-case headline ("Storm Would Hit Coast, Forecasters Said")."""
    capitalised = ctx.doc[j].text[:1].isupper() and not ctx.is_sentence_start(j) and not ctx.title_case
    return ctx.norms[j] in ctx.report_forms.forms and not capitalised


def _present_report_at(ctx: Context, j: int) -> bool:
    """Word context: token j is a present-tense reporting or belief verb ("says", "we don't believe")."""
    if ctx.norms[j] not in ctx.report_forms.present:
        return False
    before = [w for w in ctx.prev(j, 3) if w not in NEGATIONS][:1]
    return not before or before[0] not in PAST_OR_NONFINITE_BEFORE


@RULES.register("would_after_present_report")
def would_after_present_report(cand: Candidate, ctx: Context) -> None:
    if not is_single(cand, ctx, {"would", "'d"}):
        return
    i = cand.start
    gov = _governing_report(ctx.doc[i], ctx) if ctx.use_tags else None
    if gov is not None:
        present = _present_tense_verb(gov)
    else:
        before = [j for j in range(i - 1, ctx.sentence.start - 1, -1) if _report_word(ctx, j)]
        after = [j for j in range(i + 1, ctx.sentence.end) if _report_word(ctx, j)]
        nearest = before[:1] or after[:1]
        present = bool(nearest) and _present_report_at(ctx, nearest[0])
    if present:
        # Backshift follows a past-tense reporting verb only; under "says" or "we don't believe"
        # the "would" is the speaker's own speculation or condition.
        cand.rule = "would_after_present_report"


def _backshifted_parse(ctx: Context, i: int, in_quote: bool) -> bool:
    gov = _governing_report(ctx.doc[i], ctx)
    if gov is None:
        return _reporting_before(ctx, i)
    # A direct quote ("It would be a disaster," he said) keeps its speculation.
    return not (in_quote and gov.i > i and not ctx.quote_test(gov.idx))


def _backshifted_fast(ctx: Context, i: int, in_quote: bool) -> bool:
    if _reporting_before(ctx, i):
        return True
    later = [j for j in range(i + 1, ctx.sentence.end) if ctx.norms[j] in ctx.report_forms.forms]
    return bool(later) and not (in_quote and not ctx.quote_test(ctx.doc[later[0]].idx))


@RULES.register("backshifted_would")
def backshifted_would(cand: Candidate, ctx: Context) -> None:
    if not is_single(cand, ctx, {"would", "'d"}) or cand.rule == "would_after_present_report":
        return
    i = cand.start
    in_quote = ctx.quote_test(ctx.doc[i].idx)
    backshifted = _backshifted_parse if ctx.use_tags else _backshifted_fast
    if backshifted(ctx, i, in_quote):
        cand.dropped_by = "backshifted_would"
