"""Set phrases that contain a cue word without hedging: "supposed to", "rather than",
"think about", "make it appear", "as soon as possible", "as expected"."""

from __future__ import annotations

from analysis.detectors.hedging.rules.context import (
    MAKE_FORMS,
    RULES,
    Candidate,
    Context,
    cand_forms,
    head_form,
    is_single,
    words,
)

THINK_FORMS = words("think thinks thought thinking")
BELIEVE_FORMS = words("believe believes believed believing")
APPEAR_FORMS = words("appear appears appeared look looks looked seem seems seemed")
# "as/if possible", "everything possible": the most that can be done, not a possibility.
BEFORE_NON_EPISTEMIC_POSSIBLE = words("as if whenever wherever everything anything all where")


@RULES.register("supposed_to")
def supposed_to(cand: Candidate, ctx: Context) -> None:
    if is_single(cand, ctx, {"supposed"}) and ctx.norm(cand.end) == "to":
        cand.dropped_by = "supposed_to"


@RULES.register("rather_than")
def rather_than(cand: Candidate, ctx: Context) -> None:
    if "rather" not in cand_forms(cand, ctx):
        return
    i = cand.start + cand_forms(cand, ctx).index("rather")
    if ctx.norm(i + 1) == "than" or ctx.prev(i, 1) == ["would"] or ctx.prev(i, 1) == ["'d"]:
        cand.dropped_by = "rather_than"


@RULES.register("think_about")
def think_about(cand: Candidate, ctx: Context) -> None:
    head = head_form(cand, ctx)
    nxt = ctx.norm(cand.end)
    thinking = head in THINK_FORMS and nxt in {"about", "of", "through", "back", "twice", "ahead"}
    if thinking or (head in BELIEVE_FORMS and nxt == "in"):
        cand.dropped_by = "think_about"


@RULES.register("make_it_appear")
def make_it_appear(cand: Candidate, ctx: Context) -> None:
    if cand_forms(cand, ctx)[0] not in APPEAR_FORMS:
        return
    if any(w in MAKE_FORMS for w in ctx.prev(cand.start, 3)):
        cand.dropped_by = "make_it_appear"


@RULES.register("possible_not_epistemic")
def possible_not_epistemic(cand: Candidate, ctx: Context) -> None:
    if not is_single(cand, ctx, {"possible"}):
        return
    prev = ctx.prev(cand.start, 4)
    free_relative = bool(prev) and prev[0] in BEFORE_NON_EPISTEMIC_POSSIBLE
    if free_relative or any(w in MAKE_FORMS for w in prev):
        cand.dropped_by = "possible_not_epistemic"


@RULES.register("as_expected")
def as_expected(cand: Candidate, ctx: Context) -> None:
    if (
        is_single(cand, ctx, {"expected"})
        and ctx.prev(cand.start, 1) == ["as"]
        and ctx.norm(cand.end) in {",", ".", ""}
    ):
        cand.dropped_by = "as_expected"
