"""Verbs whose reading depends on what follows them: "consider" with a complement, "see X as",
"assess that" against "assess the damage", "accused of X" with or without an agent."""

from __future__ import annotations

from analysis.detectors.hedging.rules.context import (
    DETERMINERS,
    RULES,
    Candidate,
    Context,
    cand_forms,
    is_single,
    words,
)

# After "by": means of transport and time, not an agent ("accused of shipping parts by sea").
AGENT_NOT_A_SOURCE = words("sea air land rail road truck trucks ship ships train trains plane far way then now force")
AGENT_NOT_A_SOURCE |= words("night day")
# A belief "consider" in word context: "considered X to be / to pose".
CONSIDER_TO = words("be have pose represent constitute")
PHRASE_ENDS = words(", ; : — – ( ) . which who but while although")


def _consider_has_complement_parse(cand: Candidate, ctx: Context) -> bool | None:
    """True: a belief complement; False: deliberation ("considered the proposal"); None: an agent
    ("was considered by the cabinet"), never the belief verb."""
    children = list(ctx.doc[cand.start].children)
    if any(c.dep_ == "agent" for c in children):
        return None
    passive = any(c.dep_ == "auxpass" for c in children)
    complement = {"ccomp", "xcomp", "oprd"} | ({"attr", "acomp"} if passive else set())
    return any(c.dep_ in complement for c in children) or ctx.norm(cand.start + 1) in {"that", "as"}


def _consider_has_complement_fast(cand: Candidate, ctx: Context) -> bool:
    i = cand.start
    if ctx.norm(i + 1) in {"that", "as"}:
        return True
    for j in range(i + 1, min(ctx.sentence.end - 1, i + 10)):
        word = ctx.norms[j]
        if word in {",", ";", ":", "—", "–", "(", ".", "by", "whether", "how", "if"}:
            return False
        if word == "to" and ctx.norms[j + 1] in CONSIDER_TO:
            return True
    return False


@RULES.register("consider_belief")
def consider_belief(cand: Candidate, ctx: Context) -> None:
    if not is_single(cand, ctx, {"consider", "considers", "considered"}):
        return
    has_complement = _consider_has_complement_parse if ctx.use_tags else _consider_has_complement_fast
    if has_complement(cand, ctx):
        cand.rule = "consider_belief"
    else:
        cand.dropped_by = "consider_belief"


@RULES.register("see_as")
def see_as(cand: Candidate, ctx: Context) -> None:
    if not is_single(cand, ctx, {"see", "sees", "saw", "seen", "view", "views", "viewed"}):
        return
    for j in range(cand.end, min(ctx.sentence.end, cand.end + 25)):
        word = ctx.norms[j]
        if word in {";", ":", "“", '"'}:
            break
        if (
            word == "as"
            and ctx.norm(j + 1) not in {"well", "soon", "much", "many", "long", "if", "though"}
            and ctx.norm(j - 1) not in {"such", "well", "so", "just"}
        ):
            cand.rule = "see_as"
            return
    cand.dropped_by = "see_as"


@RULES.register("assess_evaluate")
def assess_evaluate(cand: Candidate, ctx: Context) -> None:
    if not is_single(cand, ctx, {"assess", "assesses", "assessed", "assessing"}):
        return
    if ctx.use_tags:
        children = list(ctx.doc[cand.start].children)
        has_object = any(c.dep_ == "dobj" for c in children)
        if has_object and not any(c.dep_ in {"ccomp", "xcomp"} for c in children):
            cand.dropped_by = "assess_evaluate"
        return
    if ctx.norm(cand.end) in DETERMINERS - {"that"} or ctx.norm(cand.end) in {"whether", "how"}:
        cand.dropped_by = "assess_evaluate"


@RULES.register("accused_agentless")
def accused_agentless(cand: Candidate, ctx: Context) -> None:
    if cand.category != "evidential" or "accused" not in cand_forms(cand, ctx):
        return
    if ctx.use_tags and any(c.dep_ == "agent" for c in ctx.doc[cand.start : cand.end].root.children):
        cand.dropped_by = "accused_agentless"
        return
    for j in range(cand.end, ctx.sentence.end):
        word = ctx.norms[j]
        if word in PHRASE_ENDS:
            break
        nxt = ctx.norm(j + 1)
        if word == "by" and nxt and not nxt.endswith("ing") and nxt not in AGENT_NOT_A_SOURCE:
            cand.dropped_by = "accused_agentless"  # "was accused of X by Seoul": an attribution with a source
            return
