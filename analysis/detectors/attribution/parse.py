"""Parse-mode attribution extraction from the dependency tree: reporting verbs (subject,
clausal complement, agent, addressee), "according to" phrases, reporting nouns ("a statement
from X"), agentless passives ("is believed to") and colon lead-ins.

Modules: ``parse_phrases`` (noun phrases, subjects, ``ParseContext``), ``parse_content`` (what a
verb reports), ``parse_voices`` (source and content by voice), ``parse_nouns`` ('according to',
reporting nouns) and this one, which finds the cues and builds the verb records."""

from __future__ import annotations

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


def parse_mode_records(parsed, settings, lexicon, cues, depth) -> list[Record]:
    ctx = ParseContext(parsed.clean.text, lexicon, cues, settings, depth, PersonIndex(parsed.doc))
    records: list[Record] = []
    for sent in parsed.sentences:
        found = [rec for tok in sent if (rec := _verb_record(sent, tok, ctx)) is not None]
        found += according_to_records(sent, ctx)
        cue_tokens = {r.head_token.i for r in found if r.head_token is not None}
        nouns = noun_records(sent, cue_tokens, ctx)
        if settings.rule_enabled(NOUN_AS_SOURCE):
            sources = [r.source for r in found if r.source]
            nouns = [n for n in nouns if not any(s <= n.cue[0] < e for s, e in sources)]
        found += nouns
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
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) or (tok.dep_ == "acl" and agent is not None)
    if passive and agent is None:
        return agentless_record(tok, entry, ctx)
    if not has_content(tok, entry.requires, ctx.settings):
        return None
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
