"""Parse-mode records without a reporting verb: 'according to X' and reporting nouns with a
source ('a statement from X', 'the Kremlin's denial', 'a Pentagon report')."""

from __future__ import annotations

from analysis.detectors.attribution.parse_content import colon_content, is_that_clause
from analysis.detectors.attribution.parse_phrases import (
    ParseContext,
    head_of,
    is_date,
    np_tokens,
    person_in,
    source_span,
)
from analysis.detectors.attribution.records import Record, span_of, subtract_spans, trim_span
from analysis.detectors.attribution.rules import CHANNEL_NOUN, DATE_NOT_SOURCE

NAMED_ENTITY_TYPES = ("ORG", "GPE", "PERSON", "NORP")


def according_to_records(sent, ctx: ParseContext) -> list[Record]:
    entry = ctx.lexicon.phrases.get("according to")
    out = []
    if entry is None:
        return out
    text = ctx.text
    for tok in (sent.doc[i] for i in ctx.tokens.within(ctx.according, sent)):
        if tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].lower_ != "to":
            continue
        to = tok.doc[tok.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        src_toks = np_tokens(pobj)
        cue = (tok.idx, to.idx + len(to.text))
        pp = span_of(list(tok.subtree)) or cue
        pp = (min(pp[0], cue[0]), max(pp[1], span_of(src_toks)[1]))
        head = tok.head if tok.head is not tok else tok
        # the clause the phrase modifies: its governing verb's subtree minus the phrase
        clause = span_of(list(head.subtree)) if head is not tok else span_of(list(sent))
        content = [t for t in (trim_span(text, p, strip_that=True) for p in subtract_spans(clause, [pp])) if t]
        out.append(
            _record(
                cue, "according to", "according_to", entry, src_toks, content, ctx, head_token=to, parent_token=head
            )
        )
    return out


def noun_records(sent, cue_tokens: set[int], ctx: ParseContext) -> list[Record]:
    """Reporting nouns with an expressed source; not a noun that is the channel of a verb cue
    (``cue_tokens``: 'said in a statement')."""
    out = []
    title_case = ctx.tokens.title_case(sent)
    for tok in (sent.doc[i] for i in ctx.tokens.within(ctx.nouns, sent)):
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if (
            ctx.settings.rule_enabled(CHANNEL_NOUN)
            and tok.dep_ == "pobj"
            and tok.head.dep_ == "prep"
            and tok.head.head.i in cue_tokens
        ):
            continue
        src_toks = _noun_source(tok, ctx, title_case)
        if not src_toks:
            continue  # a bare reporting noun is not an attribution
        cue = (tok.idx, tok.idx + len(tok.text))
        content = [
            trim_span(ctx.text, span_of(list(child.subtree)), strip_that=True)
            for child in tok.children
            if child.dep_ in ("acl", "ccomp", "relcl") and is_that_clause(child)
        ]
        if not content:
            content = colon_content(sent, tok, ctx.text)
        entry = ctx.lexicon.nouns[tok.lemma_.lower()]
        content = [c for c in content if c]
        if not content and _document_kind(tok, src_toks, ctx):
            continue  # "the council's annual report was published": a document, nothing reported
        out.append(_record(cue, tok.lemma_.lower(), "noun", entry, src_toks, content, ctx, head_token=tok))
    return out


def _document_kind(tok, src_toks, ctx: ParseContext) -> bool:
    """'annual report', 'finance reports': a document noun with a modifier that is not its source names
    a kind of document; a reporting noun is an attribution only with a source and content (s2)."""
    if tok.lemma_.lower() not in ctx.cues["document_heads"]:
        return False
    ids = {t.i for t in src_toks}
    return any(
        c.dep_ in ("compound", "amod", "nmod")
        and c.i < tok.i
        and c.i not in ids
        and c.ent_type_ not in NAMED_ENTITY_TYPES
        for c in tok.children
    )


def _noun_source(tok, ctx: ParseContext, title_case: bool = False):
    """The source tokens of a reporting noun: a possessive, 'from/by/of X', a name before it, or
    'from X' after the verb it is the object of ('published a statement from an official')."""
    for child in tok.children:
        src_toks = None
        if child.dep_ == "poss":
            if is_date(child) and ctx.settings.rule_enabled(DATE_NOT_SOURCE):
                continue  # "Tuesday's statement comes after ...": a date, not a speaker
            src_toks = [t for t in np_tokens(child) if t.dep_ != "case"]
        elif child.dep_ == "prep" and child.lower_ in ("from", "by", "of") and child.i > tok.i:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None and (child.lower_ != "of" or pobj.ent_type_ in NAMED_ENTITY_TYPES):
                src_toks = np_tokens(pobj)
        elif (
            child.dep_ in ("compound", "amod")
            and child.i < tok.i
            # a capital in a title-case headline ("Finance Reports") marks no name
            and (child.ent_type_ in NAMED_ENTITY_TYPES or (child.tag_ == "NNP" and not title_case))
        ):
            src_toks = list(tok.doc[child.left_edge.i : child.right_edge.i + 1])
        if src_toks:
            return src_toks
    if tok.dep_ != "dobj":
        return None
    prep = next(
        (
            c
            for c in tok.head.children
            if c.dep_ == "prep" and c.lower_ in ("from", "by") and c.i == tok.right_edge.i + 1
        ),
        None,
    )
    pobj = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
    return np_tokens(pobj) if pobj is not None else None


def _record(cue, lemma, kind, entry, src_toks, content, ctx: ParseContext, **tokens) -> Record:
    head = head_of(src_toks)
    return Record(
        cue,
        lemma,
        kind,
        entry,
        kind,
        source=source_span(ctx.text, span_of(src_toks)),
        content=content,
        source_head=head.lemma_.lower(),
        source_plural=head.tag_ in ("NNS", "NNPS"),
        source_person=person_in(src_toks, ctx.persons),
        **tokens,
    )
