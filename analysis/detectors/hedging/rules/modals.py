"""Modal verbs: "May" the month, past inability, wishes and the plain future are not hedges."""

from __future__ import annotations

from analysis.detectors.hedging.rules.context import RULES, Candidate, Context, is_single, words
from analysis.detectors.hedging.rules.numbers import is_number_at

# Words before "May" that make it the month or the name ("in May", "Theresa May").
MONTH_CONTEXT = words("in on since until till by from of last next early late mid mid- through during this between")
MONTH_CONTEXT |= words("before after theresa mrs ms mr prime minister and to")


@RULES.register("may_month")
def may_month(cand: Candidate, ctx: Context) -> None:
    if not is_single(cand, ctx, {"may"}):
        return
    i = cand.start
    token = ctx.doc[i]
    if token.text != "May":
        return  # lower-case "may" is always the modal
    prev, nxt = ctx.prev(i, 1), ctx.norm(i + 1)
    if (prev and prev[0] in MONTH_CONTEXT) or is_number_at(ctx, i + 1) or nxt in {",", ".", ";", "'s", ")"}:
        cand.dropped_by = "may_month"
        return
    if ctx.use_tags:
        if token.tag_ != "MD":
            cand.dropped_by = "may_month"
        return
    if ctx.is_sentence_start(i):
        return
    if not ctx.title_case:  # in a title-case headline a capital "May" can still be the modal
        cand.dropped_by = "may_month"  # mid-sentence capital "May" is the month or a name


@RULES.register("could_not_ability")
def could_not_ability(cand: Candidate, ctx: Context) -> None:
    if not is_single(cand, ctx, {"could"}):
        return
    after = ctx.after(cand.start + 1, 2)
    if after and after[0] in {"not", "n't", "never"} and (len(after) < 2 or after[1] != "have"):
        cand.dropped_by = "could_not_ability"


@RULES.register("would_volition")
def would_volition(cand: Candidate, ctx: Context) -> None:
    if is_single(cand, ctx, {"would", "'d"}) and ctx.norm(cand.end) in {
        "like",
        "love",
        "prefer",
        "rather",
        "want",
        "hate",
    }:
        cand.dropped_by = "would_volition"


@RULES.register("will_not_a_cue")
def will_not_a_cue(cand: Candidate, ctx: Context) -> None:
    if is_single(cand, ctx, {"will", "'ll", "wo", "shall"}):
        cand.dropped_by = "will_not_a_cue"
