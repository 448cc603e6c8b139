"""Word class: a cue word used as a noun ("military might", "the suspects", "the estimate") or
an adjective before a noun, and a cue adjective used as a verb ("the US alleged that")."""

from __future__ import annotations

from analysis.detectors.hedging.rules.context import (
    BE_FORMS,
    DETERMINERS,
    INVERSE_RULES,
    RULES,
    Candidate,
    Context,
    is_single,
    words,
)

# Words before "might" or "potential" that make it a noun ("military might", "its potential").
MIGHT_NOUN_CONTEXT = words("military economic naval nuclear industrial financial full all its his her their our")
MIGHT_NOUN_CONTEXT |= words("the with of air great")
NOUN_PRECEDERS = DETERMINERS | words(
    "two three four five several many both police main prime key chief other of for murder terror terrorism"
)
NOUN_PRECEDERS |= words("alleged possible potential latest initial official western conservative rough best first")
NOUN_PRECEDERS |= words("new current independent 's own")
NOUN_FOLLOWERS = words("was were is are has have had who in fled arrested remain remains of for on put puts vary")
NOUN_FOLLOWERS |= words("varies range")


def _looks_like_noun(cand: Candidate, ctx: Context) -> bool:
    i = cand.start
    if ctx.use_tags:
        return ctx.doc[i].pos_ in {"NOUN", "PROPN"}
    prev, nxt = ctx.prev(i, 1), ctx.norm(i + 1)
    if prev and (prev[0] in NOUN_PRECEDERS or prev[0][:1].isdigit()):
        return True
    return nxt in NOUN_FOLLOWERS and not (prev and prev[0] in {"i", "we", "they", "you", "he", "she", "police"})


@RULES.register("might_noun")
def might_noun(cand: Candidate, ctx: Context) -> None:
    if not is_single(cand, ctx, {"might"}):
        return
    i = cand.start
    if ctx.use_tags:
        if ctx.doc[i].tag_ != "MD":
            cand.dropped_by = "might_noun"
        return
    prev, nxt = ctx.prev(i, 1), ctx.norm(i + 1)
    if (prev and (prev[0] in MIGHT_NOUN_CONTEXT or prev[0] == "'s")) or nxt in {"of", "and", ",", ".", ";", ""}:
        cand.dropped_by = "might_noun"


@INVERSE_RULES.register("attributive_likely")
def is_attributive_likely(cand: Candidate, ctx: Context) -> bool:
    """ "the likely target": "likely" before the noun it modifies."""
    i = cand.end - 1
    if ctx.norms[i] != "likely":
        return False
    if ctx.use_tags:
        token = ctx.doc[i]
        return token.dep_ == "amod" or (
            token.pos_ == "ADJ" and token.head.i > i and token.head.pos_ in {"NOUN", "PROPN"}
        )
    nxt = ctx.norm(i + 1)
    prev = ctx.prev(cand.start, 1)
    return bool(prev) and prev[0] in DETERMINERS and nxt.isalpha() and nxt not in {"to", "that", "than", "be"}


@RULES.register("attributive_likely")
def attributive_likely(cand: Candidate, ctx: Context) -> None:
    # Labels the reading when the rule is on; switched off, the detector drops it (INVERSE_RULES).
    if is_attributive_likely(cand, ctx):
        cand.rule = "attributive_likely"


@RULES.register("think_tank")
def think_tank(cand: Candidate, ctx: Context) -> None:
    if not is_single(cand, ctx, {"think"}):
        return
    nxt = ctx.after(cand.end, 2)
    if nxt and (nxt[0] in {"tank", "tanks"} or (nxt[0] == "-" and len(nxt) > 1 and nxt[1] in {"tank", "tanks"})):
        cand.dropped_by = "think_tank"


@RULES.register("suspect_noun")
def suspect_noun(cand: Candidate, ctx: Context) -> None:
    if is_single(cand, ctx, {"suspect", "suspects"}) and _looks_like_noun(cand, ctx):
        cand.dropped_by = "suspect_noun"


@RULES.register("verb_as_noun")
def verb_as_noun(cand: Candidate, ctx: Context) -> None:
    nouns = {"estimate", "estimates", "thought", "thinking", "view", "views"}
    if is_single(cand, ctx, nouns) and _looks_like_noun(cand, ctx):
        cand.dropped_by = "verb_as_noun"


@RULES.register("potential_noun")
def potential_noun(cand: Candidate, ctx: Context) -> None:
    if not is_single(cand, ctx, {"potential"}):
        return
    i = cand.start
    if ctx.use_tags:
        if ctx.doc[i].tag_ != "JJ":
            cand.dropped_by = "potential_noun"
        return
    prev, nxt = ctx.prev(i, 1), ctx.norm(i + 1)
    if (
        (prev and prev[0] in MIGHT_NOUN_CONTEXT - {"the", "with", "all"})
        or not nxt[:1].isalpha()
        or nxt in {"of", "for", "to", "and", "or", "is", "was", "are", "were", "has", "remains", "in"}
    ):
        cand.dropped_by = "potential_noun"


@RULES.register("evidential_verb")
def evidential_verb(cand: Candidate, ctx: Context) -> None:
    if not is_single(cand, ctx, {"alleged"}):
        return
    i = cand.start
    if ctx.use_tags:
        token = ctx.doc[i]
        if token.tag_ == "VBD" or any(c.dep_ == "nsubj" for c in token.children):
            cand.dropped_by = "evidential_verb"
        return
    prev, nxt = ctx.prev(i, 1), ctx.norm(i + 1)
    if prev and (prev[0] in DETERMINERS or prev[0] in BE_FORMS or prev[0] in {"been", "'s"}):
        return
    if nxt in {"that", "in", "on", "last", "this", "he", "she", "it", "they", "the", ","}:
        cand.dropped_by = "evidential_verb"
