"""Where a parse-mode reporting verb's source and content are, by voice: active ('Kirby said
that ...', with inherited subjects, relative clauses, addressees and 'quoted X as saying'),
passive with an agent ('was reported by CNN') and agentless passive ('are said to', a vague
record of its own). A 'citing' verb whose object can speak takes that object as its source."""

from __future__ import annotations

from dataclasses import dataclass, field

from analysis.detectors.attribution.parse_content import CONTENT_DEPS, OBJECT_DEPS, is_that_clause
from analysis.detectors.attribution.parse_phrases import (
    RELATIVE_PRONOUNS,
    ParseContext,
    antecedent_tokens,
    clip,
    np_tokens,
    subject,
)
from analysis.detectors.attribution.records import Record, span_of, subtract_spans, trim_span
from analysis.detectors.attribution.rules import (
    ADDRESSEE,
    AGENTLESS,
    AGENTLESS_ACCUSATION,
    CITING_SOURCE,
    FIRST_PERSON_IN_QUOTE,
    MODIFIED_NOUN_SOURCE,
    QUOTED_AS_SAYING,
    WITHHELD_NOT_ATTRIBUTION,
)
from analysis.detectors.attribution.sources import FIRST_PERSON

REFUSAL_VERBS = {"refuse", "decline", "fail"}
OBJECT_LEMMAS = {"accuse", "blame", "charge", "condemn", "warn", "urge", "cite", "see"}  # content in a prep
TIME_PLACE_PREPS = {"in", "on", "at", "during", "after", "before", "to", "with", "despite"}
ADDRESSEE_OBJECT = {"tell", "ask", "remind"}  # the object is who was told or asked (ANNOTATION.md s2)
SPEAKING_NOUNS = {"report", "statement", "intelligence", "assessment", "document", "finding", "findings", "data"}


@dataclass
class VerbReading:
    """A reporting verb read from the tree: its source tokens, the children holding its content
    and the spans kept out of that content (agent, addressee, ...)."""

    src_toks: list
    content_children: list
    exclude: list = field(default_factory=list)
    addressee: tuple[int, int] | None = None
    fixed_content: list | None = None  # content decided by the voice, not the children


def read_verb(tok, entry, cue_toks, agent, passive: bool, ctx: ParseContext) -> VerbReading | None:
    """The reading of a verb with a source, None when it reports nothing."""
    if passive:
        reading = _passive_reading(tok, agent, ctx)
    elif entry.lemma == "emerge from":
        reading = _emerge_reading(tok, cue_toks)
    else:
        reading = _active_reading(tok, entry, ctx)
    if reading is not None and entry.lemma == "cite" and ctx.settings.rule_enabled(CITING_SOURCE):
        _take_cited_source(reading, tok, ctx.cues)
    return reading


def _passive_reading(tok, agent, ctx: ParseContext) -> VerbReading | None:
    """'was reported by CNN', 'the statement, which was carried by KCNA', 'deliveries revealed by the report'."""
    pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    reading = VerbReading(np_tokens(pobj), [subj] if subj is not None else [], [span_of(np_tokens(agent))])
    modified = ctx.settings.rule_enabled(MODIFIED_NOUN_SOURCE)
    if modified and tok.dep_ == "relcl" and subj is not None and subj.lower_ in RELATIVE_PRONOUNS:
        # "the statement, which was carried by KCNA": the content is the modified noun
        antecedent = antecedent_tokens(tok)
        if antecedent:
            reading.fixed_content = [span_of(antecedent)]
    if tok.dep_ == "acl":  # "the deliveries revealed by the report": content is the modified noun
        head = tok.head
        reading.exclude.append(span_of(list(tok.subtree)))
        reading.exclude.append(span_of(list(head.doc[tok.i : head.right_edge.i + 1])))
        reading.content_children = [head]
    return reading


def _emerge_reading(tok, cue_toks) -> VerbReading | None:
    """'the details emerged from the report': the object of 'from' is the source."""
    pobj = next((c for c in cue_toks[1].children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return VerbReading(np_tokens(pobj), [subj] if subj is not None else [])


def _active_reading(tok, entry, ctx: ParseContext) -> VerbReading | None:
    found = _active_source(tok, entry, ctx)
    if found is None:
        return None
    subj, src_toks = found
    if (
        ctx.settings.rule_enabled(FIRST_PERSON_IN_QUOTE)
        and subj.lower_ in FIRST_PERSON
        and ctx.depth[tok.idx] > 0
        and tok.tag_ in ("VBP", "VB", "VBZ")
    ):
        return None  # "we assess", "we don't think": the speaker's own stance, a hedge cue only
    children = list(tok.children)
    negated = any(c.dep_ == "neg" for c in children)
    if ctx.settings.rule_enabled(WITHHELD_NOT_ATTRIBUTION) and _withheld(tok, children, negated):
        return None
    addressee = _addressee(tok, entry, children, ctx)
    reading = VerbReading(src_toks, _active_content_children(tok, entry, subj, addressee), addressee=addressee)
    if addressee is not None:
        reading.exclude.append(addressee)
    return reading


def _active_source(tok, entry, ctx: ParseContext):
    """(subject token, source tokens) of an active verb, None when it has no subject."""
    settings = ctx.settings
    modified = settings.rule_enabled(MODIFIED_NOUN_SOURCE)
    if modified and tok.dep_ == "acl" and tok.tag_ == "VBG" and entry.lemma in ctx.cues["evidence_verbs"]:
        noun_source = antecedent_tokens(tok)  # "information indicating that ...": the noun is the source
        if noun_source:
            return noun_source[-1], noun_source
    quoting = (
        tok.dep_ == "pcomp"
        and tok.head.lower_ == "as"
        and tok.head.head.lemma_.lower() == "quote"
        and settings.rule_enabled(QUOTED_AS_SAYING)
    )
    quoted_obj = next((c for c in tok.head.head.children if c.dep_ == "dobj"), None) if quoting else None
    if quoted_obj is not None:  # "KCNA quoted an official as saying": the official speaks
        return quoted_obj, np_tokens(quoted_obj)
    subj = subject(tok, settings, 0, ctx.reporting)
    if subj is None:
        return None
    if (
        modified
        and subj.lower_ in RELATIVE_PRONOUNS
        and subj.tag_ in ("WDT", "WP")
        and tok.dep_ == "relcl"
        and subj.head.i == tok.i
    ):
        return subj, antecedent_tokens(tok) or [subj]  # "information that indicates", "Ryder, who said"
    return subj, clip(np_tokens(subj), tok)


def _addressee(tok, entry, children, ctx: ParseContext) -> tuple[int, int] | None:
    """Who was told: the object of 'told', the 'to' phrase of 'said to'."""
    if not ctx.settings.rule_enabled(ADDRESSEE):
        return None
    if entry.lemma in ADDRESSEE_OBJECT:
        addr = next((c for c in children if c.dep_ in ("dobj", "dative", "iobj")), None)
        if addr is not None and addr.i > tok.i:
            return span_of(np_tokens(addr))
    if entry.lemma in ("say", "comment"):
        prep = next((c for c in children if c.dep_ in ("prep", "dative") and c.lower_ == "to"), None)
        if prep is not None:
            return span_of(np_tokens(prep))
    return None


def _active_content_children(tok, entry, subj, addressee) -> list:
    """The children of an active verb that hold its content."""
    content_deps = CONTENT_DEPS | OBJECT_DEPS | {"dative"}
    if entry.lemma in OBJECT_LEMMAS:
        content_deps |= {"prep"}
    children = list(tok.children)
    content_children = [
        c
        for c in children
        if c.dep_ in content_deps
        and (addressee is None or not (addressee[0] <= c.idx < addressee[1]))
        and not (c.dep_ == "prep" and c.lower_ in TIME_PLACE_PREPS)
        and c.i != subj.i
    ]
    content_children += [c for c in children if c.dep_ == "advcl" and is_that_clause(c)]
    if entry.lemma in ADDRESSEE_OBJECT and addressee is not None:
        content_children = [c for c in content_children if c.dep_ not in ("dobj", "dative")]
    if entry.requires == "quote_as":  # the quoted person is the nested record's source, not content
        content_children = [c for c in content_children if c.dep_ not in ("dobj", "prep")]
    # "said in a daily update that ...": the that-clause hangs on the channel noun
    for prep in (c for c in children if c.dep_ == "prep"):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            content_children += [g for g in pobj.children if g.dep_ in ("acl", "ccomp") and is_that_clause(g)]
    return content_children


def _withheld(tok, children, negated: bool) -> bool:
    """A negated or refused reporting verb without a that-clause ('would not disclose how ...',
    'refused to condemn the invasion') reports nothing: a disclaimer at most, not an attribution."""
    refused = tok.dep_ == "xcomp" and tok.head.lemma_.lower() in REFUSAL_VERBS
    if not (negated or refused):
        return False
    return not any(c.dep_ in ("ccomp", "advcl") and is_that_clause(c) for c in children)


def _take_cited_source(reading: VerbReading, tok, cues) -> None:
    """'CNN reported, citing US officials, that ...': the officials are the source."""
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None or not _can_speak(obj, cues):
        return
    clause = [c for c in obj.children if c.dep_ in ("acl", "ccomp", "relcl")]
    reading.src_toks = [t for t in np_tokens(obj) if not any(c.left_edge.i <= t.i <= c.right_edge.i for c in clause)]
    reading.content_children = clause + [c for c in tok.children if c.dep_ == "ccomp"]
    if tok.head is not tok:
        reading.content_children += [c for c in tok.head.children if c.dep_ == "ccomp"]


def _can_speak(tok, cues) -> bool:
    """An object of 'citing' that is a source (officials, media, a report), not a reason."""
    head = tok.lemma_.lower()
    phrase = " ".join(t.text for t in tok.subtree)
    return (
        tok.ent_type_ in ("PERSON", "ORG")
        or head in cues["official_nouns"]
        or head in cues["person_titles"]
        or cues["media"].search(tok.text)
        or head in SPEAKING_NOUNS
        or (cues["institution_words"].search(tok.text) and tok.pos_ == "PROPN")
        or (head in cues["expert"] and len(phrase) < 60)
    )


def agentless_record(tok, entry, ctx: ParseContext) -> Record | None:
    """'are said to', 'is believed to', 'it is thought that', 'has been accused of'."""
    if not ctx.settings.rule_enabled(AGENTLESS) or entry.lemma not in ctx.cues["agentless_verbs"]:
        return None
    found = _agentless_cue_and_content(tok, entry, ctx)
    if found is None:
        return None
    cue, content = found
    content = [t for t in (trim_span(ctx.text, c, strip_that=True) for c in content if c) if t]
    return Record(
        cue,
        entry.lemma,
        "agentless",
        entry,
        AGENTLESS,
        source=cue,
        content=content,
        negated=any(c.dep_ == "neg" for c in tok.children),
        agentless=True,
        head_token=tok,
    )


def _agentless_cue_and_content(tok, entry, ctx: ParseContext):
    children = list(tok.children)
    xcomp = next(
        (c for c in children if c.dep_ == "xcomp" and any(g.lower_ == "to" and g.dep_ == "aux" for g in c.children)),
        None,
    )
    subj = next((c for c in children if c.dep_ == "nsubjpass"), None)
    ccomp = next((c for c in children if c.dep_ == "ccomp"), None)
    of_prep = next((c for c in children if c.dep_ == "prep" and c.lower_ == "of" and c.i > tok.i), None)
    of_clause = (
        next((c for c in of_prep.children if c.dep_ in ("pcomp", "pobj")), None) if of_prep is not None else None
    )
    if xcomp is not None:  # "the shells are said to be old"
        to = next(g for g in xcomp.children if g.lower_ == "to" and g.dep_ == "aux")
        aux = [c for c in children if c.dep_ == "auxpass" and c.i < tok.i]
        content = [span_of(np_tokens(subj))] if subj is not None else []
        xs = span_of(list(xcomp.subtree))
        if xs:
            content += subtract_spans(xs, [(to.idx, to.idx + 2)])
        return ((aux[0] if aux else tok).idx, to.idx + len(to.text)), content
    end = tok.idx + len(tok.text)
    if of_clause is not None and entry.stance == "accusation" and ctx.settings.rule_enabled(AGENTLESS_ACCUSATION):
        # "which has been accused of providing missiles": an accusation with no accuser named
        auxes = [c for c in children if c.dep_ in ("aux", "auxpass") and c.i < tok.i]
        content = [span_of(list(of_clause.subtree))]
        if subj is not None and subj.lower_ not in RELATIVE_PRONOUNS:
            content.insert(0, span_of(np_tokens(subj)))
        return ((auxes[0] if auxes else tok).idx, end), content
    if ccomp is not None and subj is not None and subj.lower_ == "it":  # "it is thought that"
        return (subj.idx, end), [span_of(list(ccomp.subtree))]
    return None
