"""Numbers: approximators ("about", "nearly", "more than") are cues only before a number."""

from __future__ import annotations

from analysis.detectors.hedging.rules.context import RULES, Candidate, Context, words

NUMBER_WORDS = words("dozen dozens hundred hundreds thousand thousands million millions billion billions half third")
NUMBER_WORDS |= words("quarter fifth score")
CURRENCY = words("$ £ € us$ ¥ usd eur gbp")


def is_number_at(ctx: Context, i: int) -> bool:
    """Token i starts a number: digits, a number word, "a dozen", "$5"."""
    text = ctx.norm(i)
    if not text:
        return False
    if text in CURRENCY:
        return is_number_at(ctx, i + 1)
    if text in ("a", "an"):
        return ctx.norm(i + 1) in NUMBER_WORDS
    token = ctx.doc[i]
    return token.like_num or text[0].isdigit() or text in NUMBER_WORDS


@RULES.register("approximator_before_number")
def approximator_before_number(cand: Candidate, ctx: Context) -> None:
    if cand.category != "approximator":
        return
    if is_number_at(ctx, cand.end):
        cand.rule = "approximator_before_number"
    else:
        cand.dropped_by = "approximator_before_number"
