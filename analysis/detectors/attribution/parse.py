"""Parse-mode attribution extraction from the dependency tree: reporting verbs (subject,
clausal complement, agent, addressee), "according to" phrases, reporting nouns ("a statement
from X"), agentless passives ("is believed to") and colon lead-ins."""

from __future__ import annotations

import bisect
import re

from analysis.detectors.attribution.quotes import colon_records, quote_spans
from analysis.detectors.attribution.records import Record, span_of, subtract_spans, trim_span
from analysis.detectors.attribution.sources import FIRST_PERSON, looks_like_source
from analysis.settings import Settings

CONTENT_DEPS = {"ccomp", "xcomp", "parataxis"}
OBJECT_DEPS = {"dobj", "attr", "oprd"}
INHERIT_DEPS = {"conj", "xcomp", "advcl", "pcomp", "prep", "pobj"}


_SPACED_DASH = re.compile(r"\s[–—]\s")


def _source_span(text: str, span, keep_apposition: bool = False) -> tuple[int, int] | None:
    """Trim a source span: drop a dateline before a spaced dash ('Moscow/Washington, DC – the US') and an
    apposition that is another proper name rather than a description ('the BBC, North Korea, ...'),
    unless ``keep_apposition`` (the name of a described person: 'a spokesman for X, John Kirby')."""
    span = trim_span(text, span)
    if span is None:
        return None
    s, e = span
    dashes = list(_SPACED_DASH.finditer(text[s:e]))
    if dashes:
        s = s + dashes[-1].end()
    m = (
        None
        if keep_apposition
        else re.search(r",\s+(?=[A-Z])(?!(?:The|A|An|Head|Chief|Director|Spokesman|Professor|Dr)\b)", text[s:e])
    )
    if m and not re.match(r",\s+(?:who|which)", text[s + m.start() : e]):
        after = text[s + m.end() : e]
        first = after.split()[0] if after.split() else ""
        # "Mason Clark, head of ...": keep descriptions; cut a second proper name
        if first[:1].isupper():
            e = s + m.start()
    return trim_span(text, (s, e))


def _subject(tok, settings: Settings, depth: int = 0, reporting=frozenset(), participle=None):
    """The subject token of a verb, inherited from governing verbs for participles and infinitives.
    A participle hanging on reported content ('insisted the goods would not ..., citing X') takes the
    reporting verb's subject, not the content's."""
    if participle is None:  # only a participle cue ('..., citing X') climbs out of reported content;
        participle = tok.tag_ == "VBG"  # 'said it was to show that' keeps 'it'
    if (
        depth
        and participle
        and tok.dep_ == "ccomp"
        and tok.head.lemma_.lower() in reporting
        and settings.rule_enabled("attr_subject_inheritance")
    ):
        return _subject(tok.head, settings, depth + 1, reporting, participle)
    if depth and participle and tok.dep_ == "conj" and settings.rule_enabled("attr_inherit_across_clause"):
        # "would not disclose how ... or which countries are believed ..., saying only": the participle
        # hangs on the second of two coordinated content clauses; the speaker is the reporting verb's subject
        first = tok
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if first.dep_ == "ccomp" and first.head.lemma_.lower() in reporting:
            return _subject(first.head, settings, depth + 1, reporting, participle)
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return child
    if depth >= 4 or not settings.rule_enabled("attr_subject_inheritance"):
        return None
    deps = INHERIT_DEPS | ({"ccomp"} if depth else set())
    if tok.dep_ in deps and tok.head is not tok:
        if tok.dep_ in ("prep", "pobj") and depth == 0:
            return None
        return _subject(tok.head, settings, depth + 1, reporting, participle)
    return None


def _np_tokens(head):
    """Tokens of a noun phrase: its contiguous subtree."""
    return list(head.doc[head.left_edge.i : head.right_edge.i + 1])


def _clip(tokens, cue_tok):
    """Keep the side of the cue token a noun phrase is on (bad parses can straddle it)."""
    if not tokens or not any(t.i == cue_tok.i for t in tokens):
        return tokens
    before = [t for t in tokens if t.i < cue_tok.i]
    return before or [t for t in tokens if t.i > cue_tok.i]


class PersonIndex:
    """The PERSON entities of a Doc by token position, built once per document (``doc.ents``
    rebuilds every entity of the Doc on each access)."""

    def __init__(self, doc):
        self.spans = [(ent.start, ent.end, ent.text) for ent in doc.ents if ent.label_ == "PERSON"]
        self.starts = [start for start, _, _ in self.spans]

    def at(self, i: int) -> str | None:
        """Text of the PERSON entity holding token i (entities never overlap)."""
        n = bisect.bisect_right(self.starts, i) - 1
        if n >= 0 and i < self.spans[n][1]:
            return self.spans[n][2]
        return None


def _person_in(tokens, persons: PersonIndex) -> str | None:
    """The PERSON name heading a source ('spokesman John Kirby'), not one inside a modifier
    ('the Biden administration')."""
    if not tokens:
        return None
    name = persons.at(_head_of(tokens).i)
    return re.sub(r"[’']s$", "", name) if name is not None else None


RELATIVE_PRONOUNS = {"that", "which", "who", "whom"}
REFUSAL_VERBS = {"refuse", "decline", "fail"}
_WEEKDAYS_MONTHS = re.compile(
    r"(?i)^(?:mon|tues|wednes|thurs|fri|satur|sun)day|^(?:yester|to)day$|^(?:january|february|"
    r"march|april|june|july|august|september|october|november|december)$"
)


def _antecedent_tokens(tok):
    """The noun phrase a relative clause or participle modifies, without that clause: 'information'
    in 'information that indicates ...' / 'information indicating ...'."""
    head = tok.head
    inner = {t.i for t in tok.subtree}
    tokens = [t for t in _np_tokens(head) if t.i not in inner]
    tokens = [t for t in tokens if t.i <= max(head.i, tok.left_edge.i - 1)]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    return tokens


def _is_date(tok) -> bool:
    """'Tuesday's statement', 'last week's report': a time, not a source."""
    return tok.ent_type_ in ("DATE", "TIME") or bool(_WEEKDAYS_MONTHS.match(tok.text))


def _appositive_person(src_toks, persons: PersonIndex) -> str | None:
    """'A spokesman for the National Security Council, John Kirby': the person named in apposition
    to an unnamed title."""
    if not src_toks:
        return None
    head = _head_of(src_toks)
    ids = {t.i for t in src_toks}
    for child in head.children:
        if child.dep_ == "appos" and child.i in ids:
            name = persons.at(child.i)
            if name is not None:
                return re.sub(r"[’']s$", "", name)
    return None


def _withheld(tok, children, negated: bool) -> bool:
    """A negated or refused reporting verb without a that-clause ('would not disclose how ...',
    'refused to condemn the invasion') reports nothing: a disclaimer at most, not an attribution."""
    refused = tok.dep_ == "xcomp" and tok.head.lemma_.lower() in REFUSAL_VERBS
    if not (negated or refused):
        return False
    return not any(
        c.dep_ in ("ccomp", "advcl") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
        for c in children
    )


def _has_content(tok, requires: str, settings: Settings) -> bool:
    if requires in ("any", "source") or not settings.rule_enabled("attr_requires_content"):
        return True
    deps = {c.dep_ for c in tok.children}
    if requires == "complement":  # "called the reports rumours", "considered X to be Y"
        return "oprd" in deps or any(
            c.dep_ == "ccomp" and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for c in tok.children
        )
    if requires == "quote_as":  # "quoted an official as saying"
        return any(c.dep_ == "prep" and c.lower_ == "as" for c in tok.children)
    if requires == "media_agent":  # checked with the source words in _verb_records
        return True
    if requires == "see_as":
        return any(c.dep_ == "prep" and c.lower_ == "as" for c in tok.children) or any(
            c.dep_ == "dobj" and any(g.dep_ == "prep" and g.lower_ == "as" for g in c.children) for c in tok.children
        )
    if deps & CONTENT_DEPS:
        return True
    if any(
        c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children) for c in tok.children
    ):
        return True
    if requires == "content_or_object" and deps & OBJECT_DEPS:
        return True
    # "indicates that ..." with a garbled parse; a colon followed by a quote
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return bool(nxt is not None and (nxt.lower_ == "that" or nxt.text == ":") and tok.i + 2 < len(tok.doc))


def _verb_entry(tok, lexicon):
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


def _content_from_children(tok, children, text, exclude) -> list[tuple[int, int]]:
    if not children:
        return []
    lo = min(c.left_edge.idx for c in children)
    hi = max(c.right_edge.idx + len(c.right_edge.text) for c in children)
    pieces = subtract_spans((lo, hi), exclude)
    out = []
    for p in pieces:
        t = trim_span(text, p, strip_that=True)
        if t:
            out.append(t)
    return out


def _verb_records(sent, lexicon, cues, settings, depth, text, persons: PersonIndex) -> list[Record]:
    records = []
    for tok in sent:
        if not (tok.tag_.startswith("VB") or tok.pos_ in ("VERB", "AUX")):
            continue
        entry, cue_toks = _verb_entry(tok, lexicon)
        if entry is None:
            continue
        if tok.dep_ == "amod" or (
            tok.dep_ == "acl" and tok.tag_ == "VBN" and not any(c.dep_ == "agent" for c in tok.children)
        ):
            continue  # "the alleged shipments", "weapons reported missing"
        children = list(tok.children)
        agent = next((c for c in children if c.dep_ == "agent"), None)
        if entry.requires == "media_agent" and settings.rule_enabled("attr_requires_content"):
            # "a statement carried by KCNA"; not "trucks carried the shells"
            agent_obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            agent_text = " ".join(t.text for t in agent_obj.subtree) if agent_obj is not None else ""
            if not (cues["media"].search(agent_text) or cues["state_media"].search(agent_text)):
                continue
        modified = settings.rule_enabled("attr_modified_noun_source")
        noun_source = None
        if modified and tok.dep_ == "acl" and tok.tag_ == "VBG" and entry.lemma in cues["evidence_verbs"]:
            noun_source = _antecedent_tokens(tok)  # "information indicating that ...": the noun is the source
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in children) or (tok.dep_ == "acl" and agent is not None)
        cue = (cue_toks[0].idx, cue_toks[-1].idx + len(cue_toks[-1].text))
        negated = any(c.dep_ == "neg" for c in children)
        if passive and agent is None:
            rec = _agentless(tok, entry, cues, settings, text)
            if rec:
                records.append(rec)
            continue
        if not _has_content(tok, entry.requires, settings):
            continue
        exclude = [cue]
        addressee = None
        fixed_content = None
        if passive and agent is not None:
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            src_toks = _np_tokens(pobj)
            subj = next((c for c in children if c.dep_ == "nsubjpass"), None)
            content_children = [subj] if subj is not None else []
            exclude.append(span_of(_np_tokens(agent)))
            if modified and tok.dep_ == "relcl" and subj is not None and subj.lower_ in RELATIVE_PRONOUNS:
                # "the statement, which was carried by KCNA": the content is the modified noun
                antecedent = _antecedent_tokens(tok)
                if antecedent:
                    fixed_content = [span_of(antecedent)]
            if tok.dep_ == "acl":  # "the deliveries revealed by the report": content is the modified noun
                head = tok.head
                exclude.append(span_of(list(tok.subtree)))
                exclude.append(span_of(list(head.doc[tok.i : head.right_edge.i + 1])))
                content_children = [head]
        elif entry.lemma == "emerge from":
            pobj = next((c for c in cue_toks[1].children if c.dep_ == "pobj"), None)
            subj = next((c for c in children if c.dep_ == "nsubj"), None)
            if pobj is None:
                continue
            src_toks = _np_tokens(pobj)
            content_children = [subj] if subj is not None else []
        else:
            subj = _subject(tok, settings, 0, frozenset(lexicon.verbs))
            quoting = (
                tok.dep_ == "pcomp"
                and tok.head.lower_ == "as"
                and tok.head.head.lemma_.lower() == "quote"
                and settings.rule_enabled("attr_quoted_as_saying")
            )
            quoted_obj = next((c for c in tok.head.head.children if c.dep_ == "dobj"), None) if quoting else None
            if noun_source:
                subj = noun_source[-1]
                src_toks = noun_source
            elif quoted_obj is not None:  # "KCNA quoted an official as saying": the official speaks
                subj = quoted_obj
                src_toks = _np_tokens(quoted_obj)
            elif subj is None:
                continue
            elif (
                modified
                and subj.lower_ in RELATIVE_PRONOUNS
                and subj.tag_ in ("WDT", "WP")
                and tok.dep_ == "relcl"
                and subj.head.i == tok.i
            ):
                src_toks = _antecedent_tokens(tok) or [subj]  # "information that indicates", "Ryder, who said"
            else:
                src_toks = _clip(_np_tokens(subj), tok)
            if (
                settings.rule_enabled("attr_first_person_in_quote")
                and subj.lower_ in FIRST_PERSON
                and depth[tok.idx] > 0
                and tok.tag_ in ("VBP", "VB", "VBZ")
            ):
                continue  # "we assess", "we don't think": the speaker's own stance, a hedge cue only
            content_deps = set(CONTENT_DEPS) | OBJECT_DEPS | {"dative"}
            if entry.lemma in ("accuse", "blame", "charge", "condemn", "warn", "urge", "cite", "see"):
                content_deps |= {"prep"}
            if entry.lemma == "tell" and settings.rule_enabled("attr_addressee"):
                addr = next((c for c in children if c.dep_ in ("dobj", "dative", "iobj")), None)
                if addr is not None and addr.i > tok.i:
                    addressee = span_of(_np_tokens(addr))
                    exclude.append(addressee)
            if entry.lemma in ("say", "comment") and settings.rule_enabled("attr_addressee"):
                prep = next((c for c in children if c.dep_ in ("prep", "dative") and c.lower_ == "to"), None)
                if prep is not None:
                    addressee = span_of(_np_tokens(prep))
                    exclude.append(addressee)
            content_children = [
                c
                for c in children
                if c.dep_ in content_deps
                and (addressee is None or not (addressee[0] <= c.idx < addressee[1]))
                and not (
                    c.dep_ == "prep"
                    and c.lower_ in ("in", "on", "at", "during", "after", "before", "to", "with", "despite")
                )
                and c.i != subj.i
            ]
            content_children += [
                c
                for c in children
                if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
            ]
            if entry.lemma == "tell" and addressee is not None:
                content_children = [c for c in content_children if c.dep_ not in ("dobj", "dative")]
            if entry.requires == "quote_as":  # the quoted person is the nested record's source, not content
                content_children = [c for c in content_children if c.dep_ not in ("dobj", "prep")]
            if settings.rule_enabled("attr_withheld_not_attribution") and _withheld(tok, children, negated):
                continue
            # "said in a daily update that ...": the that-clause hangs on the channel noun
            for prep in (c for c in children if c.dep_ == "prep"):
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    content_children += [
                        g
                        for g in pobj.children
                        if g.dep_ in ("acl", "ccomp")
                        and any(m.dep_ == "mark" and m.lower_ == "that" for m in g.children)
                    ]
        if entry.lemma == "cite" and settings.rule_enabled("attr_citing_source"):
            obj = next((c for c in children if c.dep_ == "dobj"), None)
            if obj is not None and _can_speak(obj, cues):
                # "CNN reported, citing US officials, that ...": the officials are the source
                src_toks = _np_tokens(obj)
                clause = [t for c in obj.children if c.dep_ in ("acl", "ccomp", "relcl") for t in [c]]
                src_toks = [t for t in src_toks if not any(c.left_edge.i <= t.i <= c.right_edge.i for c in clause)]
                content_children = clause + [c for c in children if c.dep_ in ("ccomp",)]
                if tok.head is not tok:
                    content_children += [c for c in tok.head.children if c.dep_ == "ccomp"]
        src = span_of(src_toks)
        if src is None:
            continue
        exclude.append(src)
        # nested cues with their own subjects stay inside content; other advcl (citing, noting) do not
        for c in children:
            if c.dep_ == "advcl" and c not in content_children:
                exclude.append(span_of(list(c.subtree)))
        content = _content_from_children(tok, content_children, text, exclude)
        if fixed_content:
            content = [c for c in (trim_span(text, f) for f in fixed_content) if c]
        if not content:
            content = _adjacent_quote(sent, tok, depth, text, exclude)
        content = _quote_only_content(content, tok, src_toks, depth, text)
        if not content:  # a garbled parse: the rest of the sentence after a following "that"
            that = next(
                (t for t in sent if t.i > tok.i and t.lower_ == "that" and not (src[0] <= t.idx < src[1])), None
            )
            if that is not None:
                content = [c for c in [trim_span(text, (that.idx + len(that.text), sent.end_char))] if c]
        if not content:  # headline "...: US Reports"
            content = _colon_content(sent, tok, text, depth)
        head = _head_of(src_toks)  # src_toks is not empty: its span is not None
        person = _person_in(src_toks, persons)
        named_title = None
        if person is None and settings.rule_enabled("attr_title_name_apposition"):
            named_title = _appositive_person(src_toks, persons)
        rec = Record(
            cue,
            entry.lemma,
            "verb",
            entry,
            "verb",
            source=_source_span(text, src, keep_apposition=named_title is not None),
            content=content,
            addressee=addressee,
            negated=negated,
            source_head=head.lemma_.lower(),
            source_plural=head.tag_ in ("NNS", "NNPS"),
            source_person=person or named_title,
            head_token=tok,
        )
        if tok.tag_ == "VBG" and tok.dep_ in ("advcl", "pcomp", "xcomp", "conj") and tok.head is not tok:
            rec.parent_token = tok.head
        records.append(rec)
    return records


def _can_speak(tok, cues) -> bool:
    """An object of 'citing' that is a source (officials, media, a report), not a reason."""
    head = tok.lemma_.lower()
    phrase = " ".join(t.text for t in tok.subtree)
    return (
        tok.ent_type_ in ("PERSON", "ORG")
        or head in cues["official_nouns"]
        or head in cues["person_titles"]
        or cues["media"].search(tok.text)
        or head in ("report", "statement", "intelligence", "assessment", "document", "finding", "findings", "data")
        or (cues["institution_words"].search(tok.text) and tok.pos_ == "PROPN")
        or (head in cues["expert"] and len(phrase) < 60)
    )


def _quote_only_content(content, tok, src_toks, depth, text):
    """'“...”, where the fighting is, Mr Kirby said': before a post-posed cue, only the quotation is content;
    'published a statement from X: “...”': after a colon lead-in, only the quotation is."""
    if not content:
        return content
    s0 = content[0][0]
    cue_depth = depth[tok.idx]
    if src_toks and src_toks[0].idx > s0 and depth[s0] > cue_depth and content[-1][1] <= tok.idx:
        quoted = [q for c in content for q in quote_spans(text, depth, c[0], c[1])]
        if quoted:
            return quoted
    out = []
    for s, e in content:
        m = re.search(r":\s*[“\"]", text[s:e])
        if m and cue_depth == 0:
            t = trim_span(text, (s + m.start() + 1, e))
            if t:
                out.append(t)
                continue
        out.append((s, e))
    return out


QUANTIFIERS = {"one", "some", "many", "several", "two", "three", "most", "none", "each", "all", "any"}


def _head_of(tokens):
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in ids or t.head is t:
            if t.lower_ in QUANTIFIERS:  # "one of the American officials"
                of = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
                if pobj is not None:
                    return pobj
            return t
    return tokens[-1]


def _adjacent_quote(sent, tok, depth, text, exclude) -> list[tuple[int, int]]:
    """For '“...,” he said' parses without a ccomp: the quotations of the sentence outside the source."""
    spans = quote_spans(text, depth, sent.start_char, sent.end_char)
    out = []
    for s, e in spans:
        if depth[tok.idx] and depth[tok.idx] >= depth[s]:
            continue
        if any(hs <= s and e <= he for hs, he in exclude if hs is not None):
            continue
        out.append((s, e))
    return out


def _agentless(tok, entry, cues, settings, text) -> Record | None:
    """'are said to', 'is believed to', 'it is thought that'."""
    if not settings.rule_enabled("attr_agentless") or entry.lemma not in cues["agentless_verbs"]:
        return None
    children = list(tok.children)
    xcomp = next(
        (c for c in children if c.dep_ == "xcomp" and any(g.lower_ == "to" and g.dep_ == "aux" for g in c.children)),
        None,
    )
    subj = next((c for c in children if c.dep_ == "nsubjpass"), None)
    ccomp = next((c for c in children if c.dep_ == "ccomp"), None)
    aux = [c for c in children if c.dep_ == "auxpass" and c.i < tok.i]
    of_prep = next((c for c in children if c.dep_ == "prep" and c.lower_ == "of" and c.i > tok.i), None)
    of_clause = (
        next((c for c in of_prep.children if c.dep_ in ("pcomp", "pobj")), None) if of_prep is not None else None
    )
    if xcomp is not None:
        to = next(g for g in xcomp.children if g.lower_ == "to" and g.dep_ == "aux")
        start_tok = aux[0] if aux else tok
        cue = (start_tok.idx, to.idx + len(to.text))
        content = []
        if subj is not None:
            content.append(span_of(_np_tokens(subj)))
        xs = span_of(list(xcomp.subtree))
        if xs:
            content += subtract_spans(xs, [(to.idx, to.idx + 2)])
    elif of_clause is not None and entry.stance == "accusation" and settings.rule_enabled("attr_agentless_accusation"):
        # "which has been accused of providing missiles": an accusation with no accuser named
        auxes = [c for c in children if c.dep_ in ("aux", "auxpass") and c.i < tok.i]
        start_tok = auxes[0] if auxes else tok
        cue = (start_tok.idx, tok.idx + len(tok.text))
        content = [span_of(list(of_clause.subtree))]
        if subj is not None and subj.lower_ not in RELATIVE_PRONOUNS:
            content.insert(0, span_of(_np_tokens(subj)))
    elif ccomp is not None and subj is not None and subj.lower_ == "it":
        start_tok = subj
        cue = (start_tok.idx, tok.idx + len(tok.text))
        content = [span_of(list(ccomp.subtree))]
    else:
        return None
    content = [t for t in (trim_span(text, c, strip_that=True) for c in content if c) if t]
    return Record(
        cue,
        entry.lemma,
        "agentless",
        entry,
        "attr_agentless",
        source=cue,
        content=content,
        negated=any(c.dep_ == "neg" for c in children),
        agentless=True,
        head_token=tok,
    )


def _according_to(sent, lexicon, text, persons: PersonIndex) -> list[Record]:
    entry = lexicon.phrases.get("according to")
    out = []
    if entry is None:
        return out
    for tok in sent:
        if tok.lower_ != "according" or tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].lower_ != "to":
            continue
        to = tok.doc[tok.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        src_toks = _np_tokens(pobj)
        cue = (tok.idx, to.idx + len(to.text))
        pp = span_of(list(tok.subtree)) or cue
        pp = (min(pp[0], cue[0]), max(pp[1], span_of(src_toks)[1]))
        head = tok.head if tok.head is not tok else tok
        # the clause the phrase modifies: its governing verb's subtree minus the phrase
        clause = span_of(list(head.subtree)) if head is not tok else span_of(list(sent))
        content = [t for t in (trim_span(text, p, strip_that=True) for p in subtract_spans(clause, [pp])) if t]
        head_src = _head_of(src_toks)
        out.append(
            Record(
                cue,
                "according to",
                "according_to",
                entry,
                "according_to",
                source=_source_span(text, span_of(src_toks)),
                content=content,
                source_head=head_src.lemma_.lower(),
                source_plural=head_src.tag_ in ("NNS", "NNPS"),
                source_person=_person_in(src_toks, persons),
                head_token=to,
                parent_token=head,
            )
        )
    return out


def _noun_records(sent, lexicon, cue_tokens, settings, text, depth, persons: PersonIndex) -> list[Record]:
    out = []
    for tok in sent:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in lexicon.nouns:
            continue
        entry = lexicon.nouns[tok.lemma_.lower()]
        # "said in a statement": a channel, not a record
        if (
            settings.rule_enabled("attr_channel_noun")
            and tok.dep_ == "pobj"
            and tok.head.dep_ == "prep"
            and tok.head.head.i in cue_tokens
        ):
            continue
        src_toks = None
        for child in tok.children:
            if child.dep_ == "poss":
                if _is_date(child) and settings.rule_enabled("attr_date_not_source"):
                    continue  # "Tuesday's statement comes after ...": a date, not a speaker
                src_toks = _np_tokens(child)
                src_toks = [t for t in src_toks if t.dep_ != "case"]
            elif child.dep_ in ("prep",) and child.lower_ in ("from", "by", "of") and child.i > tok.i:
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None and (child.lower_ != "of" or pobj.ent_type_ in ("ORG", "GPE", "PERSON", "NORP")):
                    src_toks = _np_tokens(pobj)
            elif (
                child.dep_ in ("compound", "amod")
                and child.i < tok.i
                and (child.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or child.tag_ == "NNP")
            ):
                src_toks = [t for t in tok.doc[child.left_edge.i : child.right_edge.i + 1]]
            if src_toks:
                break
        if not src_toks and tok.dep_ == "dobj":  # "published a statement from an unnamed official"
            prep = next(
                (
                    c
                    for c in tok.head.children
                    if c.dep_ == "prep" and c.lower_ in ("from", "by") and c.i == tok.right_edge.i + 1
                ),
                None,
            )
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
            if pobj is not None:
                src_toks = _np_tokens(pobj)
        if not src_toks:
            continue  # a bare reporting noun is not an attribution
        cue = (tok.idx, tok.idx + len(tok.text))
        content = []
        for child in tok.children:
            if child.dep_ in ("acl", "ccomp", "relcl") and any(
                g.lower_ == "that" and g.dep_ == "mark" for g in child.children
            ):
                content.append(trim_span(text, span_of(list(child.subtree)), strip_that=True))
        if not content:
            content = _colon_content(sent, tok, text, depth)
        head = _head_of(src_toks)
        out.append(
            Record(
                cue,
                tok.lemma_.lower(),
                "noun",
                entry,
                "noun",
                source=_source_span(text, span_of(src_toks)),
                content=[c for c in content if c],
                source_head=head.lemma_.lower(),
                source_plural=head.tag_ in ("NNS", "NNPS"),
                source_person=_person_in(src_toks, persons),
                head_token=tok,
            )
        )
    return out


def _colon_content(sent, tok, text, depth) -> list[tuple[int, int]]:
    """Content across a colon: what follows the colon when the noun precedes it, else what precedes it."""
    colon = next((t for t in sent if t.text == ":"), None)
    if colon is None:
        return []
    span = (colon.idx + 1, sent.end_char) if colon.i > tok.i else (sent.start_char, colon.idx)
    t = trim_span(text, span)
    return [t] if t else []


def parse_mode_records(parsed, settings, lexicon, cues, depth) -> list[Record]:
    text = parsed.clean.text
    records: list[Record] = []
    persons = PersonIndex(parsed.doc)
    for sent in parsed.sentences:
        found = _verb_records(sent, lexicon, cues, settings, depth, text, persons)
        found += _according_to(sent, lexicon, text, persons)
        cue_tokens = {r.head_token.i for r in found if r.head_token is not None}
        nouns = _noun_records(sent, lexicon, cue_tokens, settings, text, depth, persons)
        if settings.rule_enabled("attr_noun_as_source"):
            sources = [r.source for r in found if r.source]
            nouns = [n for n in nouns if not any(s <= n.cue[0] < e for s, e in sources)]
        found += nouns
        if not found and settings.rule_enabled("attr_colon_lead_in"):
            found = colon_records(sent.text, sent.start_char, text, lambda s: looks_like_source(s, cues))
        records += found
    return records
