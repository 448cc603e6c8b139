"""Parse-mode attribution extraction from the dependency tree: reporting verbs (subject,
clausal complement, agent, addressee), "according to" phrases, reporting nouns ("a statement
from X"), agentless passives ("is believed to") and colon lead-ins.

Modules: ``parse_phrases`` (noun phrases, subjects, ``ParseContext``), ``parse_content`` (what a
verb reports), ``parse_voices`` (source and content by voice), ``parse_nouns`` ('according to',
reporting nouns) and this one, which finds the cues and builds the verb records."""

from __future__ import annotations

from analysis.detectors.attribution.fast import sentence_records, verb_forms
from analysis.detectors.attribution.parse_content import has_content, verb_content
from analysis.detectors.attribution.parse_nouns import according_to_records, noun_records
from analysis.detectors.attribution.parse_phrases import (
    ParseContext,
    PersonIndex,
    appositive_person,
    head_of,
    person_in,
    source_span,
)
from analysis.detectors.attribution.parse_voices import VerbReading, agentless_record, read_verb
from analysis.detectors.attribution.quotes import colon_records
from analysis.detectors.attribution.records import Record, span_of
from analysis.detectors.attribution.rules import (
    COLON_LEAD_IN,
    NOUN_AS_SOURCE,
    REQUIRES_CONTENT,
    TITLE_NAME_APPOSITION,
)
from analysis.detectors.attribution.sources import looks_like_source
from analysis.detectors.headlines import join_title_fragments
from analysis.detectors.reporting_verbs import QUESTION_WORDS
from analysis.detectors.token_columns import TokenColumns


def parse_mode_records(parsed, settings, lexicon, cues, depth) -> list[Record]:
    doc, tokens = parsed.doc, TokenColumns(parsed.doc)
    ctx = ParseContext(parsed.clean.text, lexicon, cues, settings, depth, PersonIndex(doc), tokens)
    forms = verb_forms(lexicon)
    records: list[Record] = []
    verbs = tokens.lemma_indexes(ctx.verb_starts)  # verb_entry finds nothing for other tokens
    for sent in join_title_fragments(parsed.sentences, parsed.clean.text):
        found = [rec for i in tokens.within(verbs, sent) if (rec := _verb_record(sent, doc[i], ctx)) is not None]
        found += according_to_records(sent, ctx)
        cue_tokens = {r.head_token.i for r in found if r.head_token is not None}
        nouns = noun_records(sent, cue_tokens, ctx)
        if settings.rule_enabled(NOUN_AS_SOURCE):
            sources = [r.source for r in found if r.source]
            nouns = [n for n in nouns if not any(s <= n.cue[0] < e for s, e in sources)]
        found += nouns
        if tokens.title_case(sent, skip_spaces=True):
            # a title-case headline: the tagger reads capitals as names ("Officials Believe Storm Could
            # Hit"), so word order adds the cues the tree missed
            taken = [r.cue for r in found]
            more = sentence_records(sent, True, forms, ctx.text, settings, lexicon, cues, depth)
            found += [r for r in more if not any(s < r.cue[1] and r.cue[0] < e for s, e in taken)]
        if not found and settings.rule_enabled(COLON_LEAD_IN):
            found = colon_records(sent.text, sent.start_char, ctx.text, lambda s: looks_like_source(s, cues))
        records += found
    return records


def verb_entry(tok, lexicon):
    """(entry, cue tokens) for a reporting verb or verb+particle phrase."""
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ in ("prt", "prep") and child.i == tok.i + 1:
            phrase = f"{lemma} {child.lower_}"
            if phrase in lexicon.phrases and lexicon.phrases[phrase].kind == "phrase":
                return lexicon.phrases[phrase], [tok, child]
    if lemma in lexicon.verbs and lexicon.verbs[lemma].kind == "verb":
        return lexicon.verbs[lemma], [tok]
    return None, None


def _verb_record(sent, tok, ctx: ParseContext) -> Record | None:
    """The record of a reporting verb, None when the token is not one or reports nothing."""
    if not (tok.tag_.startswith("VB") or tok.pos_ in ("VERB", "AUX")):
        return None
    entry, cue_toks = verb_entry(tok, ctx.lexicon)
    if entry is None or not _reports(tok, entry, ctx):
        return None
    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
    passive = (
        any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
        or (tok.dep_ == "acl" and agent is not None)
        or _passive_participle(tok)
    )
    if passive and agent is None:
        return agentless_record(tok, entry, ctx)
    if not has_content(tok, entry.requires, ctx.settings):
        return None
    if entry.stance == "endorsing" and entry.requires == "content" and _investigates(tok):
        return None  # "working to determine how much leaked": an open question, nothing found yet
    reading = read_verb(tok, entry, cue_toks, agent, passive, ctx)
    if reading is None:
        return None
    src = span_of(reading.src_toks)
    if src is None:
        return None
    cue = (cue_toks[0].idx, cue_toks[-1].idx + len(cue_toks[-1].text))
    exclude = [cue, *reading.exclude, src]
    # nested cues with their own subjects stay inside content; other advcl (citing, noting) do not
    exclude += [
        span_of(list(c.subtree)) for c in tok.children if c.dep_ == "advcl" and c not in reading.content_children
    ]
    content = verb_content(sent, tok, reading, src, exclude, ctx)
    return _build_verb_record(tok, entry, cue, src, reading, content, ctx)


def _investigates(tok) -> bool:
    """A find-class verb whose clauses are all indirect questions ('determine how much', 'find out
    whether'): investigation is out of scope (ANNOTATION.md s1), so it reports no finding."""
    clauses = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp", "advcl") and c.i > tok.i]
    return bool(clauses) and all(c.left_edge.lower_ in QUESTION_WORDS for c in clauses)


def _passive_participle(tok) -> bool:
    """'Asked whether the plant would close, the manager said ...': a bare past participle clause is
    passive; the main clause's subject is the one asked (the addressee, ANNOTATION.md s2), not a source."""
    if not (tok.tag_ == "VBN" and tok.dep_ == "advcl" and tok.i < tok.head.i):
        return False
    return not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in tok.children)


def _reports(tok, entry, ctx: ParseContext) -> bool:
    """Not an adjective ('the alleged shipments', 'weapons reported missing'), and a media verb
    only with a media agent ('a statement carried by KCNA'; not 'trucks carried the shells')."""
    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
    if tok.dep_ == "amod" or (tok.dep_ == "acl" and tok.tag_ == "VBN" and agent is None):
        return False
    if entry.requires != "media_agent" or not ctx.settings.rule_enabled(REQUIRES_CONTENT):
        return True
    agent_obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    agent_text = " ".join(t.text for t in agent_obj.subtree) if agent_obj is not None else ""
    return bool(ctx.cues["media"].search(agent_text) or ctx.cues["state_media"].search(agent_text))


def _build_verb_record(tok, entry, cue, src, reading: VerbReading, content, ctx: ParseContext) -> Record:
    src_toks = reading.src_toks
    head = head_of(src_toks)  # src_toks is not empty: its span is not None
    person = person_in(src_toks, ctx.persons)
    named_title = None
    if person is None and ctx.settings.rule_enabled(TITLE_NAME_APPOSITION):
        named_title = appositive_person(src_toks, ctx.persons)
    rec = Record(
        cue,
        entry.lemma,
        "verb",
        entry,
        "verb",
        source=source_span(ctx.text, src, keep_apposition=named_title is not None),
        content=content,
        addressee=reading.addressee,
        negated=any(c.dep_ == "neg" for c in tok.children),
        source_head=head.lemma_.lower(),
        source_plural=head.tag_ in ("NNS", "NNPS"),
        source_person=person or named_title,
        head_token=tok,
    )
    if tok.tag_ == "VBG" and tok.dep_ in ("advcl", "pcomp", "xcomp", "conj") and tok.head is not tok:
        rec.parent_token = tok.head
    return rec
