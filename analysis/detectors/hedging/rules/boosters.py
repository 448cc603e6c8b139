"""Boosters: instructions ("make sure to"), attributions ("officials confirmed", "images show
that"), and boosters that become hedges ("almost certainly", "not obvious")."""

from __future__ import annotations

from analysis.detectors.hedging.rules.context import (
    BE_FORMS,
    CLAUSE_BREAKS,
    DETERMINERS,
    MAKE_FORMS,
    NEGATIONS,
    RULES,
    Candidate,
    Context,
    cand_forms,
    is_single,
    words,
)

SHOW_FORMS = words("show shows showed shown showing demonstrate demonstrates demonstrated demonstrating")
# Words between a subject and "confirmed" ("officials have also confirmed").
CONFIRM_SKIP = words("has have had also officially recently now later already publicly since can could did not")
CONFIRM_SKIP |= words("n't yet today will would independently previously finally separately subsequently then")
CONFIRM_SKIP |= words("first only")


@RULES.register("sure_to_instruction")
def sure_to_instruction(cand: Candidate, ctx: Context) -> None:
    forms = cand_forms(cand, ctx)
    if cand.category != "booster" or forms[:2] not in (["sure", "to"], ["certain", "to"]):
        return
    prev = ctx.prev(cand.start, 2)
    if prev and prev[0] in MAKE_FORMS:
        cand.dropped_by = "sure_to_instruction"
    elif prev and prev[0] == "be" and (len(prev) == 1 or prev[1] in {"please", ",", "and", "“", '"', "'"}):
        cand.dropped_by = "sure_to_instruction"  # imperative "Be sure to check"


@RULES.register("almost_certainly_epistemic")
def almost_certainly_epistemic(cand: Candidate, ctx: Context) -> None:
    if cand.category != "booster" or cand_forms(cand, ctx)[0] not in {"certainly", "certain"}:
        return
    prev = ctx.prev(cand.start, 1)
    if prev and prev[0] in {"almost", "nearly", "virtually", "near"}:
        cand.start -= 1
        cand.category, cand.lemma, cand.rule = "epistemic", f"{prev[0]} certainly", "almost_certainly_epistemic"


def _confirm_source_parse(cand: Candidate, ctx: Context) -> bool:
    """Parse mode: "confirmed" has an agent or a subject other than "we"/"I"."""
    token = ctx.doc[cand.start]
    if token.dep_ == "amod":
        return False
    node = token
    while node.dep_ in {"conj", "xcomp"} and node.head.i != node.i:
        if any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children):
            break
        node = node.head
    children = list(node.children)
    if any(c.dep_ == "agent" for c in children):
        return True
    subjects = [c for c in children if c.dep_ == "nsubj"]
    if subjects:
        return subjects[0].lower_ not in {"we", "i"}
    return False  # passive without agent, or adjectival: the writer's voice


def _confirm_source_fast(cand: Candidate, ctx: Context) -> bool:
    """Word context: "confirmed by", or a word before "confirmed" that can be its subject."""
    i = cand.start
    if ctx.norm(i + 1) == "by":
        return True
    j = i - 1
    while j >= ctx.sentence.start and ctx.norms[j] in CONFIRM_SKIP:
        j -= 1
    if j < ctx.sentence.start:
        return False
    before = ctx.norms[j]
    if before in {"we", "i"} or before in BE_FORMS or before in DETERMINERS or before in {"been", "get", "got"}:
        return False
    return not (not any(ch.isalnum() for ch in before) or before in {"and", "or", "of", "with", "as", "unconfirmed"})


@RULES.register("confirmed_writer_voice")
def confirmed_writer_voice(cand: Candidate, ctx: Context) -> None:
    if cand.category != "booster" or not is_single(cand, ctx, {"confirmed", "confirm", "confirms"}):
        return
    has_outside_source = _confirm_source_parse if ctx.use_tags else _confirm_source_fast
    if has_outside_source(cand, ctx):
        cand.dropped_by = "confirmed_writer_voice"
    else:
        cand.rule = "confirmed_writer_voice"


@RULES.register("show_that_not_booster")
def show_that_not_booster(cand: Candidate, ctx: Context) -> None:
    if cand.category == "booster" and any(f in SHOW_FORMS for f in cand_forms(cand, ctx)):
        cand.dropped_by = "show_that_not_booster"


@RULES.register("negated_booster_is_hedge")
def negated_booster_is_hedge(cand: Candidate, ctx: Context) -> None:
    if cand.category != "booster" or any(f in NEGATIONS for f in cand_forms(cand, ctx)):
        return
    for distance, word in enumerate(ctx.prev(cand.start, 2), start=1):
        if word in NEGATIONS:
            if distance == 1:
                cand.start -= 1
            cand.category, cand.lemma, cand.rule = "epistemic", f"not {cand.lemma}", "negated_booster_is_hedge"
            cand.negated = True
            return
        if word in CLAUSE_BREAKS:
            return
