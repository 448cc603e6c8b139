"""Attribution extraction (ANNOTATION.md section 2): who is cited, how, and with which stance.

``find_attributions(parsed, settings)`` returns one row per attribution cue with RAW offsets.
Parse mode reads the dependency tree (subject, clausal complement, agent, "according to" object);
fast mode, which has no tags, falls back to word forms and word-order patterns ("X said",
"said X", "according to X"). Source type, anonymity, side and entity clustering work on the
source text with the word lists of ``data/source_cues.yaml`` in both modes.

Context rules (names for ``Settings.disabled_rules``) are data: ``data/attribution_rules.yaml``.
"""
from __future__ import annotations

import bisect
import heapq
import re
from dataclasses import dataclass, field
from importlib import resources

import yaml

from .attribution_lexicon import (CueEntry, load_reporting_lexicon, load_source_cues, settings_path)
from .settings import Settings

def _load_rules() -> dict[str, str]:
    """Rule name -> description, from ``data/attribution_rules.yaml``."""
    data = yaml.safe_load(resources.files("analysis").joinpath("data/attribution_rules.yaml").read_text("utf-8"))
    return {rule["name"]: rule["description"] for rule in data["rules"]}


RULES = _load_rules()

COLUMNS = ["doc_id", "attribution_id", "sentence_id", "paragraph", "cue_start", "cue_end", "cue_text",
           "cue_lemma", "cue_kind", "negated", "source_start", "source_end", "source_text", "resolved",
           "entity", "source_type", "anonymous", "anonymity_marker", "stance", "mode", "content_spans",
           "content_text", "addressee_text", "addressee_start", "addressee_end", "parent_id", "side",
           "in_quote", "rule"]

OPEN_QUOTES = "“\"‘«"
CLOSE_QUOTES = "”\"’»"
PERSON_PRONOUNS = {"he", "she", "him", "her"}
PLURAL_PRONOUNS = {"they", "them"}
THING_PRONOUNS = {"it"}
DEMONSTRATIVES = {"this", "that", "these", "those"}
FIRST_PERSON = {"i", "we", "me", "us", "our", "my"}
CONTENT_DEPS = {"ccomp", "xcomp", "parataxis"}
OBJECT_DEPS = {"dobj", "attr", "oprd"}
INHERIT_DEPS = {"conj", "xcomp", "advcl", "pcomp", "prep", "pobj"}
_QUOTE_CHARS = set(OPEN_QUOTES + CLOSE_QUOTES)


# --------------------------------------------------------------------------- quotes

def quote_depth(text: str) -> list[int]:
    """Quotation depth of every character (0 = writer's voice). Quotes close at paragraph ends,
    so an unclosed multi-paragraph quote never leaks into the next paragraph. Apostrophes
    (’ between letters) and a ’ with no open ‘ are not quote marks."""
    depth = [0] * len(text)
    stack: list[str] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch == "\n" and i + 1 < n and text[i + 1] == "\n":
            stack.clear()
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if ch == "“" or ch == "«":
            stack.append(ch)
            depth[i] = len(stack)
        elif ch in "”»":
            depth[i] = len(stack)
            opener = "“" if ch == "”" else "«"
            if opener in stack:
                while stack and stack.pop() != opener:
                    pass
        elif ch == '"':
            if '"' in stack and (not nxt.isalnum() or prev.isalnum() or prev in ".,!?"):
                depth[i] = len(stack)
                while stack and stack.pop() != '"':
                    pass
            else:
                stack.append('"')
                depth[i] = len(stack)
        elif ch == "‘" and not prev.isalnum():
            stack.append("‘")
            depth[i] = len(stack)
        elif ch == "’" and "‘" in stack and not nxt.isalnum():
            depth[i] = len(stack)
            while stack and stack.pop() != "‘":
                pass
        else:
            depth[i] = len(stack)
        i += 1
    return depth


def content_mode(spans: list[tuple[int, int]], depth: list[int], text: str, cue_depth: int) -> str:
    """direct when every content word is quoted beyond the cue's own quote level, indirect when none is."""
    inside = outside = 0
    for s, e in spans:
        for i in range(s, e):
            ch = text[i]
            if not ch.isalnum():
                continue
            if depth[i] > cue_depth:
                inside += 1
            else:
                outside += 1
    if inside and not outside:
        return "direct"
    if inside and outside:
        return "mixed"
    return "indirect"


def quote_spans(text: str, depth: list[int], start: int, end: int) -> list[tuple[int, int]]:
    """Maximal spans of depth > 0 inside [start, end), without the quote marks."""
    spans, i = [], start
    while i < end:
        if depth[i] > 0:
            j = i
            while j < end and depth[j] > 0:
                j += 1
            s, e = i, j
            while s < e and (text[s] in _QUOTE_CHARS or text[s].isspace()):
                s += 1
            while e > s and (text[e - 1] in _QUOTE_CHARS or text[e - 1] in " ,."):
                e -= 1
            if e > s:
                spans.append((s, e))
            i = j
        else:
            i += 1
    return spans


# --------------------------------------------------------------------------- records

@dataclass
class Record:
    """One attribution in clean offsets, before classification."""

    cue: tuple[int, int]
    lemma: str
    kind: str
    entry: CueEntry | None
    rule: str
    source: tuple[int, int] | None = None
    content: list[tuple[int, int]] = field(default_factory=list)
    addressee: tuple[int, int] | None = None
    negated: bool = False
    agentless: bool = False
    source_head: str = ""  # head word of the source noun phrase
    source_plural: bool = False
    source_person: str | None = None  # a PERSON name found in the source
    head_token: object = None  # spaCy token of the cue (parse mode)
    parent_token: object = None  # governing cue token for nested records
    # filled later
    resolved: str | None = None
    source_type: str = ""
    anonymous: bool = False
    marker: str | None = None
    entity: str | None = None
    mode: str = "indirect"
    side: str = "other"
    parent: int | None = None
    stance: str = "neutral"

    @property
    def start(self) -> int:
        return self.cue[0]


def _span_of(tokens) -> tuple[int, int] | None:
    tokens = [t for t in tokens if not t.is_space]
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


_ABBREV_END = re.compile(r"(?:\b[A-Z]\.){2,}$")
_SPACED_DASH = re.compile(r"\s[–—]\s")


def _source_span(text: str, span) -> tuple[int, int] | None:
    """Trim a source span: drop a dateline before a spaced dash ('Moscow/Washington, DC – the US') and an
    apposition that is another proper name rather than a description ('the BBC, North Korea, ...')."""
    span = _trim_span(text, span)
    if span is None:
        return None
    s, e = span
    dashes = list(_SPACED_DASH.finditer(text[s:e]))
    if dashes:
        s = s + dashes[-1].end()
    m = re.search(r",\s+(?=[A-Z])(?!(?:The|A|An|Head|Chief|Director|Spokesman|Professor|Dr)\b)", text[s:e])
    if m and not re.match(r",\s+(?:who|which)", text[s + m.start():e]):
        after = text[s + m.end():e]
        first = after.split()[0] if after.split() else ""
        # "Mason Clark, head of ...": keep descriptions; cut a second proper name
        if first[:1].isupper():
            e = s + m.start()
    return _trim_span(text, (s, e))


def _trim_span(text: str, span, strip_that: bool = False) -> tuple[int, int] | None:
    if span is None:
        return None
    s, e = span
    junk = " \n,;:–—-" + "".join(_QUOTE_CHARS)
    changed = True
    while changed and s < e:
        changed = False
        while s < e and text[s] in junk:
            s += 1
            changed = True
        while e > s and text[e - 1] in junk + "." and not _ABBREV_END.search(text[s:e]):
            e -= 1
            changed = True
        if strip_that:
            for word in ("that ", "and that ", "but ", "and "):
                if text[s:s + len(word)].lower() == word:
                    s += len(word)
                    changed = True
    if e <= s:
        return None
    # keep a closing quote when its opener is inside the span (mixed content)
    if e < len(text) and text[e] in "”’\"" and any(text[i] in "“‘\"" for i in range(s, e)):
        opens = sum(text[i] in "“‘" for i in range(s, e))
        closes = sum(text[i] in "”" or (text[i] == "’" and (i + 1 >= len(text) or not text[i + 1].isalnum()))
                     for i in range(s, e))
        if opens > closes:
            e += 1
    if s > 0 and text[s - 1] in "“‘" and not any(text[i] in "”" for i in range(s, e)) and False:
        s -= 1
    return s, e


def _subtract(span, holes) -> list[tuple[int, int]]:
    """span minus the hole spans, as a list of pieces."""
    pieces = [span]
    for hs, he in holes:
        out = []
        for s, e in pieces:
            if he <= s or hs >= e:
                out.append((s, e))
                continue
            if hs > s:
                out.append((s, hs))
            if he < e:
                out.append((he, e))
        pieces = out
    return pieces


# --------------------------------------------------------------------------- parse mode

def _subject(tok, settings: Settings, depth: int = 0, reporting=frozenset()):
    """The subject token of a verb, inherited from governing verbs for participles and infinitives.
    A participle hanging on reported content ('insisted the goods would not ..., citing X') takes the
    reporting verb's subject, not the content's."""
    if (depth and tok.dep_ == "ccomp" and tok.head.lemma_.lower() in reporting
            and settings.rule_enabled("attr_subject_inheritance")):
        return _subject(tok.head, settings, depth + 1, reporting)
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return child, tok
    if depth >= 4 or not settings.rule_enabled("attr_subject_inheritance"):
        return None, None
    deps = INHERIT_DEPS | ({"ccomp"} if depth else set())
    if tok.dep_ in deps and tok.head is not tok:
        if tok.dep_ in ("prep", "pobj") and depth == 0:
            return None, None
        return _subject(tok.head, settings, depth + 1, reporting)
    return None, None


def _np_tokens(head):
    """Tokens of a noun phrase: its contiguous subtree."""
    return list(head.doc[head.left_edge.i: head.right_edge.i + 1])


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


def _person_in(tokens, persons: PersonIndex | None = None) -> str | None:
    """The PERSON name heading a source ('spokesman John Kirby'), not one inside a modifier
    ('the Biden administration')."""
    if not tokens:
        return None
    if persons is None:
        persons = PersonIndex(tokens[0].doc)
    name = persons.at(_head_of(tokens).i)
    return re.sub(r"[’']s$", "", name) if name is not None else None


def _has_content(tok, requires: str, settings: Settings) -> bool:
    if requires in ("any", "source") or not settings.rule_enabled("attr_requires_content"):
        return True
    deps = {c.dep_ for c in tok.children}
    if requires == "see_as":
        return any(c.dep_ == "prep" and c.lower_ == "as" for c in tok.children) or any(
            c.dep_ == "dobj" and any(g.dep_ == "prep" and g.lower_ == "as" for g in c.children) for c in tok.children)
    if deps & CONTENT_DEPS:
        return True
    if any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
           for c in tok.children):
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
    pieces = _subtract((lo, hi), exclude)
    out = []
    for p in pieces:
        t = _trim_span(text, p, strip_that=True)
        if t:
            out.append(t)
    return out


def _verb_records(sent, lexicon, cues, settings, depth, text, persons=None) -> list[Record]:
    records = []
    for tok in sent:
        if not (tok.tag_.startswith("VB") or tok.pos_ in ("VERB", "AUX")):
            continue
        entry, cue_toks = _verb_entry(tok, lexicon)
        if entry is None:
            continue
        if tok.dep_ == "amod" or (tok.dep_ == "acl" and tok.tag_ == "VBN"
                                  and not any(c.dep_ == "agent" for c in tok.children)):
            continue  # "the alleged shipments", "weapons reported missing"
        children = list(tok.children)
        agent = next((c for c in children if c.dep_ == "agent"), None)
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
        if passive and agent is not None:
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            src_toks = _np_tokens(pobj)
            subj = next((c for c in children if c.dep_ == "nsubjpass"), None)
            content_children = [subj] if subj is not None else []
            exclude.append(_span_of(_np_tokens(agent)))
            if tok.dep_ == "acl":  # "the deliveries revealed by the report": content is the modified noun
                head = tok.head
                content_children = []
                exclude.append(_span_of(list(tok.subtree)))
                exclude.append(_span_of(list(head.doc[tok.i:head.right_edge.i + 1])))
                content_children = [head]
        elif entry.lemma == "emerge from":
            pobj = next((c for c in cue_toks[1].children if c.dep_ == "pobj"), None)
            subj = next((c for c in children if c.dep_ == "nsubj"), None)
            if pobj is None:
                continue
            src_toks = _np_tokens(pobj)
            content_children = [subj] if subj is not None else []
        else:
            subj, governor = _subject(tok, settings, 0, frozenset(lexicon.verbs))
            if subj is None:
                continue
            src_toks = _clip(_np_tokens(subj), tok)
            if (settings.rule_enabled("attr_first_person_in_quote") and subj.lower_ in FIRST_PERSON
                    and depth[tok.idx] > 0 and tok.tag_ in ("VBP", "VB", "VBZ")):
                continue  # "we assess", "we don't think": the speaker's own stance, a hedge cue only
            if subj.lower_ in FIRST_PERSON and depth[tok.idx] > 0 and tok.tag_ in ("VBP", "VB", "VBZ"):
                pass
            content_deps = set(CONTENT_DEPS) | OBJECT_DEPS | {"dative"}
            if entry.lemma in ("accuse", "blame", "charge", "condemn", "warn", "urge", "cite", "see"):
                content_deps |= {"prep"}
            if entry.lemma == "tell" and settings.rule_enabled("attr_addressee"):
                addr = next((c for c in children if c.dep_ in ("dobj", "dative", "iobj")), None)
                if addr is not None and addr.i > tok.i:
                    addressee = _span_of(_np_tokens(addr))
                    exclude.append(addressee)
            if entry.lemma in ("say", "comment") and settings.rule_enabled("attr_addressee"):
                prep = next((c for c in children if c.dep_ in ("prep", "dative") and c.lower_ == "to"), None)
                if prep is not None:
                    addressee = _span_of(_np_tokens(prep))
                    exclude.append(addressee)
            content_children = [c for c in children if c.dep_ in content_deps
                                and (addressee is None or not (addressee[0] <= c.idx < addressee[1]))
                                and not (c.dep_ == "prep" and c.lower_ in ("in", "on", "at", "during", "after",
                                                                         "before", "to", "with", "despite"))
                                and c.i != subj.i]
            content_children += [c for c in children if c.dep_ == "advcl"
                                 and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
            if entry.lemma == "tell" and addressee is not None:
                content_children = [c for c in content_children if c.dep_ not in ("dobj", "dative")]
            # "said in a daily update that ...": the that-clause hangs on the channel noun
            for prep in (c for c in children if c.dep_ == "prep"):
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    content_children += [g for g in pobj.children if g.dep_ in ("acl", "ccomp") and any(
                        m.dep_ == "mark" and m.lower_ == "that" for m in g.children)]
        if entry.lemma == "cite" and settings.rule_enabled("attr_citing_source"):
            obj = next((c for c in children if c.dep_ == "dobj"), None)
            if obj is not None and _can_speak(obj, cues):
                # "CNN reported, citing US officials, that ...": the officials are the source
                src_toks = [t for t in obj.subtree if not (t.dep_ in ("ccomp", "acl", "relcl") and t.head is obj)]
                src_toks = _np_tokens(obj)
                clause = [t for c in obj.children if c.dep_ in ("acl", "ccomp", "relcl") for t in [c]]
                src_toks = [t for t in src_toks if not any(c.left_edge.i <= t.i <= c.right_edge.i for c in clause)]
                content_children = clause + [c for c in children if c.dep_ in ("ccomp",)]
                if tok.head is not tok:
                    content_children += [c for c in tok.head.children if c.dep_ == "ccomp"]
        src = _span_of(src_toks)
        if src is None:
            continue
        exclude.append(src)
        # nested cues with their own subjects stay inside content; other advcl (citing, noting) do not
        for c in children:
            if c.dep_ == "advcl" and c not in content_children:
                exclude.append(_span_of(list(c.subtree)))
        content = _content_from_children(tok, content_children, text, exclude)
        if not content:
            content = _adjacent_quote(sent, tok, depth, text, exclude)
        content = _quote_only_content(content, tok, src_toks, depth, text)
        if not content:  # a garbled parse: the rest of the sentence after a following "that"
            that = next((t for t in sent if t.i > tok.i and t.lower_ == "that"
                         and not (src[0] <= t.idx < src[1])), None)
            if that is not None:
                content = [c for c in [_trim_span(text, (that.idx + len(that.text), sent.end_char))] if c]
        if not content:  # headline "...: US Reports"
            content = _colon_content(sent, tok, text, depth)
        head = src_toks[-1] if not src_toks else _head_of(src_toks)
        rec = Record(cue, entry.lemma, "verb", entry, "verb", source=_source_span(text, src),
                     content=content, addressee=addressee, negated=negated,
                     source_head=head.lemma_.lower() if head is not None else "",
                     source_plural=bool(head is not None and head.tag_ in ("NNS", "NNPS")),
                     source_person=_person_in(src_toks, persons), head_token=tok)
        if tok.tag_ == "VBG" and tok.dep_ in ("advcl", "pcomp", "xcomp", "conj") and tok.head is not tok:
            rec.parent_token = tok.head
        records.append(rec)
    return records


def _can_speak(tok, cues) -> bool:
    """An object of 'citing' that is a source (officials, media, a report), not a reason."""
    head = tok.lemma_.lower()
    phrase = " ".join(t.text for t in tok.subtree)
    return (tok.ent_type_ in ("PERSON", "ORG") or head in cues["official_nouns"] or head in cues["person_titles"]
            or cues["media"].search(tok.text) or head in ("report", "statement", "intelligence", "assessment",
                                                          "document", "finding", "findings", "data")
            or (cues["institution_words"].search(tok.text) and tok.pos_ == "PROPN")
            or (head in cues["expert"] and len(phrase) < 60))


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
            t = _trim_span(text, (s + m.start() + 1, e))
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
    xcomp = next((c for c in children if c.dep_ == "xcomp" and any(g.lower_ == "to" and g.dep_ == "aux"
                                                                  for g in c.children)), None)
    subj = next((c for c in children if c.dep_ == "nsubjpass"), None)
    ccomp = next((c for c in children if c.dep_ == "ccomp"), None)
    aux = [c for c in children if c.dep_ == "auxpass" and c.i < tok.i]
    if xcomp is not None:
        to = next(g for g in xcomp.children if g.lower_ == "to" and g.dep_ == "aux")
        start_tok = aux[0] if aux else tok
        cue = (start_tok.idx, to.idx + len(to.text))
        content = []
        if subj is not None:
            content.append(_span_of(_np_tokens(subj)))
        xs = _span_of(list(xcomp.subtree))
        if xs:
            content += _subtract(xs, [(to.idx, to.idx + 2)])
    elif ccomp is not None and subj is not None and subj.lower_ == "it":
        start_tok = subj
        cue = (start_tok.idx, tok.idx + len(tok.text))
        content = [_span_of(list(ccomp.subtree))]
    else:
        return None
    content = [t for t in (_trim_span(text, c, strip_that=True) for c in content if c) if t]
    return Record(cue, entry.lemma, "agentless", entry, "attr_agentless", source=cue, content=content,
                  negated=any(c.dep_ == "neg" for c in children), agentless=True, head_token=tok)


def _according_to(sent, lexicon, text, persons=None) -> list[Record]:
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
        pp = _span_of(list(tok.subtree)) or cue
        pp = (min(pp[0], cue[0]), max(pp[1], _span_of(src_toks)[1]))
        head = tok.head if tok.head is not tok else tok
        # the clause the phrase modifies: its governing verb's subtree minus the phrase
        clause = _span_of(list(head.subtree)) if head is not tok else _span_of(list(sent))
        content = [t for t in (_trim_span(text, p, strip_that=True) for p in _subtract(clause, [pp])) if t]
        head_src = _head_of(src_toks)
        out.append(Record(cue, "according to", "according_to", entry, "according_to",
                          source=_source_span(text, _span_of(src_toks)), content=content,
                          source_head=head_src.lemma_.lower(), source_plural=head_src.tag_ in ("NNS", "NNPS"),
                          source_person=_person_in(src_toks, persons), head_token=to, parent_token=head))
    return out


def _noun_records(sent, lexicon, cue_tokens, settings, text, depth, persons=None) -> list[Record]:
    out = []
    for tok in sent:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in lexicon.nouns:
            continue
        entry = lexicon.nouns[tok.lemma_.lower()]
        # "said in a statement": a channel, not a record
        if (settings.rule_enabled("attr_channel_noun") and tok.dep_ == "pobj" and tok.head.dep_ == "prep"
                and tok.head.head.i in cue_tokens):
            continue
        src_toks = None
        for child in tok.children:
            if child.dep_ == "poss":
                src_toks = _np_tokens(child)
                src_toks = [t for t in src_toks if t.dep_ != "case"]
            elif child.dep_ in ("prep",) and child.lower_ in ("from", "by", "of") and child.i > tok.i:
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None and (child.lower_ != "of" or pobj.ent_type_ in ("ORG", "GPE", "PERSON", "NORP")):
                    src_toks = _np_tokens(pobj)
            elif child.dep_ in ("compound", "amod") and child.i < tok.i and (
                    child.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or child.tag_ == "NNP"):
                src_toks = [t for t in tok.doc[child.left_edge.i: child.right_edge.i + 1]]
            if src_toks:
                break
        if not src_toks and tok.dep_ == "dobj":  # "published a statement from an unnamed official"
            prep = next((c for c in tok.head.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
                         and c.i == tok.right_edge.i + 1), None)
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
            if pobj is not None:
                src_toks = _np_tokens(pobj)
        if not src_toks:
            continue  # a bare reporting noun is not an attribution
        cue = (tok.idx, tok.idx + len(tok.text))
        content = []
        for child in tok.children:
            if child.dep_ in ("acl", "ccomp", "relcl") and any(g.lower_ == "that" and g.dep_ == "mark"
                                                               for g in child.children):
                content.append(_trim_span(text, _span_of(list(child.subtree)), strip_that=True))
        if not content:
            content = _colon_content(sent, tok, text, depth)
        head = _head_of(src_toks)
        out.append(Record(cue, tok.lemma_.lower(), "noun", entry, "noun", source=_source_span(text, _span_of(src_toks)),
                          content=[c for c in content if c], source_head=head.lemma_.lower(),
                          source_plural=head.tag_ in ("NNS", "NNPS"), source_person=_person_in(src_toks, persons),
                          head_token=tok))
    return out


def _colon_content(sent, tok, text, depth) -> list[tuple[int, int]]:
    """Content across a colon: what follows the colon when the noun precedes it, else what precedes it."""
    colon = next((t for t in sent if t.text == ":"), None)
    if colon is None:
        return []
    if colon.i > tok.i:
        span = (colon.idx + 1, sent.end_char)
    else:
        span = (sent.start_char, colon.idx)
    t = _trim_span(text, span)
    return [t] if t else []


_COLON_SOURCE_THEN_QUOTE = re.compile(r"^(?P<src>[A-Z][^“\":–—]{1,60}?)\s*(?P<cue>[:–—])\s*[“\"](?P<q>.+?)[”\"]?\s*$")
_COLON_QUOTE_THEN_SOURCE = re.compile(r"^[“\"](?P<q>.+?)[”\"]\s*(?P<cue>[:–—])\s*(?P<src>[A-Z][^“\":–—,.]{1,60}?)(?:\s+[–—-]\s.*)?$")


def _colon_records(sent_text: str, offset: int, text: str, looks_like_source) -> list[Record]:
    for rx in (_COLON_QUOTE_THEN_SOURCE, _COLON_SOURCE_THEN_QUOTE):
        m = rx.match(sent_text)
        if not m:
            continue
        src_text = m.group("src").strip()
        if len(src_text.split()) > 7 or not looks_like_source(src_text):
            continue
        s = offset + m.start("src")
        src = (s, s + len(src_text))
        q = _trim_span(text, (offset + m.start("q"), offset + m.end("q")))
        cue = (offset + m.start("cue"), offset + m.end("cue"))
        kind = "colon" if m.group("cue") == ":" else "dash"
        return [Record(cue, m.group("cue"), kind, None, "attr_colon_lead_in", source=src,
                       content=[q] if q else [], source_head=src_text.split()[-1].lower())]
    return []


def _parse_mode(parsed, settings, lexicon, cues, depth) -> list[Record]:
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
            found = _colon_records(sent.text, sent.start_char, text, lambda s: _looks_like_source(s, cues))
        records += found
    return records


def _looks_like_source(src_text: str, cues) -> bool:
    return any(cues[name].search(src_text) for name in ("accused", "accuser", "media", "official_nouns",
                                                         "person_titles", "institution_words", "expert")) \
        or bool(re.fullmatch(r"(?:[A-Z][\w.’'-]+\s?){2,4}", src_text))


# --------------------------------------------------------------------------- fast mode

_IRREGULAR = {"say": ["said"], "tell": ["told"], "think": ["thought"], "find": ["found"], "see": ["saw", "seen"],
              "show": ["shown"], "write": ["wrote", "written"], "hold": ["held"], "make": ["made"]}


def _forms(lemma: str) -> set[str]:
    forms = {lemma}
    forms.update(_IRREGULAR.get(lemma, []))
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
        if re.search(r"[^aeiou][aeiou][bdgmnprt]$", lemma) and len(lemma) <= 4:
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


_FAST_BOUNDARY = {",", ";", ":", "“", "”", "\"", "(", ")", "that", "and", "but", "–", "—", "as", "because",
                  "when", "while", "after", "before", "which"}
_FAST_CUT = {"amid", "despite", "after", "before", "during", "with", "for", "since", "because", "although"}
_FAST_SKIP = {"went", "on", "to", "sought", "continued", "tried", "go", "goes", "has", "have", "had", "was", "were", "is", "are", "will", "would", "did", "does", "do", "not",
              "also", "later", "then", "previously", "recently", "publicly", "officially", "repeatedly",
              "has", "n’t", "n't", "never", "already", "earlier", "first", "again"}
_PRONOUN_SUBJECTS = {"he", "she", "it", "they", "we", "i"}


def _fast_mode(parsed, settings, lexicon, cues, depth) -> list[Record]:
    text = parsed.clean.text
    form_map: dict[str, CueEntry] = {}
    for lemma, entry in lexicon.verbs.items():
        for f in _forms(lemma):
            form_map.setdefault(f, entry)
    records: list[Record] = []
    for sent in parsed.sentences:
        toks = [t for t in sent if not t.is_space]
        found: list[Record] = []
        for k, tok in enumerate(toks):
            low = tok.lower_
            if low == "according" and k + 1 < len(toks) and toks[k + 1].lower_ == "to":
                rec = _fast_according(toks, k, lexicon, text)
                if rec:
                    found.append(rec)
                continue
            entry = form_map.get(low)
            if entry is None:
                continue
            headline = parsed.paragraph(tok.idx) == 0
            if tok.text[0].isupper() and k > 0 and not headline:
                continue  # "United States", a title-case name
            prev = toks[k - 1].lower_ if k else ""
            if prev in ("the", "a", "an", "his", "her", "its", "their", "our"):
                continue  # a noun ("the report", "a claim")
            agentless = _fast_agentless(toks, k, entry, cues, text)
            if agentless:
                found.append(agentless)
                continue
            if prev in ("is", "are", "was", "were", "been", "be") and low.endswith(("ed", "id", "ld", "wn")):
                if not (k + 1 < len(toks) and toks[k + 1].lower_ == "by"):
                    continue
            nxt = toks[k + 1].lower_ if k + 1 < len(toks) else ""
            if entry.requires in ("content", "see_as") and settings.rule_enabled("attr_requires_content"):
                if entry.requires == "see_as":
                    if not any(t.lower_ == "as" for t in toks[k + 1:k + 30]):
                        continue
                elif prev == "to" or nxt in ("to", "in", "on", "for", "with", "by", "it", "them", "him", ".", ","):
                    continue  # "struggling to maintain", "expect to", "believe in"
            if nxt in ("have", "has", "are", "were", "is", "was", "had") or (
                    nxt.endswith("ed") and k + 2 < len(toks) and toks[k + 2].lower_ == "by"):
                continue  # a plural noun subject, as in: reports accessed by the paper have ...
            if prev in ("is", "are", "was", "were", "been", "be") or (k >= 2 and toks[k - 2].lower_ in (
                    "is", "are", "was", "were") and (prev.endswith("ly") or prev == "first")):
                rec = _fast_passive(toks, k, entry, text) if nxt == "by" else None
            elif low.endswith("ing") and (prev == "," or prev in ("despite", "after", "before", "while")) and found:
                # "Kirby said, noting that ...": the participle takes the clause's speaker
                rec = _fast_verb(toks, k, entry, text, depth, cues, inherit=found[-1])
            else:
                rec = _fast_verb(toks, k, entry, text, depth, cues)
            if rec:
                found.append(rec)
        if not found and settings.rule_enabled("attr_colon_lead_in"):
            found = _colon_records(sent.text, sent.start_char, text, lambda s: _looks_like_source(s, cues))
        records += found
    return records


def _fast_passive(toks, k, entry, text) -> Record | None:
    """'was first reported by the New York Times'."""
    src, j = [], k + 2
    while j < len(toks) and toks[j].text not in (",", ".", ";", ":", "“", "”") and toks[j].lower_ not in (
            "that", "on", "in", "last", "as") and len(src) < 10:
        src.append(toks[j])
        j += 1
    if not src:
        return None
    left = _fast_left_np(toks, k)
    content = [t for t in [_trim_span(text, _span_of(left))] if t] if left else []
    return Record((toks[k].idx, toks[k].idx + len(toks[k].text)), entry.lemma, "verb", entry, "verb",
                  source=_span_of(src), content=content, source_head=src[-1].lower_,
                  source_plural=src[-1].lower_.endswith("s") and not src[-1].text[0].isupper())


def _fast_according(toks, k, lexicon, text) -> Record | None:
    j = k + 2
    src = []
    while j < len(toks) and toks[j].text not in (",", ".", ";", ":", "“", "”") and len(src) < 12:
        src.append(toks[j])
        j += 1
    if not src:
        return None
    cue = (toks[k].idx, toks[k + 1].idx + 2)
    sent_span = (toks[0].idx, toks[-1].idx + len(toks[-1].text))
    content = [t for t in (_trim_span(text, p, strip_that=True)
                           for p in _subtract(sent_span, [(cue[0], _span_of(src)[1])])) if t]
    return Record(cue, "according to", "according_to", lexicon.phrases["according to"], "according_to",
                  source=_span_of(src), content=content, source_head=src[-1].lower_,
                  source_plural=src[-1].lower_.endswith("s") and not src[-1].text[0].isupper())


def _fast_agentless(toks, k, entry, cues, text) -> Record | None:
    if entry.lemma not in cues["agentless_verbs"] or k == 0:
        return None
    prev = toks[k - 1].lower_
    nxt = toks[k + 1].lower_ if k + 1 < len(toks) else ""
    if prev in ("is", "are", "was", "were") and nxt == "to":
        cue = (toks[k - 1].idx, toks[k + 1].idx + 2)
        subj = _fast_left_np(toks, k - 1)
        content = [_span_of(subj)] if subj else []
        rest = _span_of(toks[k + 2:])
        if rest:
            content.append(rest)
        content = [t for t in (_trim_span(text, c) for c in content if c) if t]
        return Record(cue, entry.lemma, "agentless", entry, "attr_agentless", source=cue, content=content,
                      agentless=True)
    if prev in ("is", "was") and k >= 2 and toks[k - 2].lower_ == "it" and nxt == "that":
        cue = (toks[k - 2].idx, toks[k].idx + len(toks[k].text))
        rest = _trim_span(text, _span_of(toks[k + 2:]))
        return Record(cue, entry.lemma, "agentless", entry, "attr_agentless", source=cue,
                      content=[rest] if rest else [], agentless=True)
    return None


def _fast_left_np(toks, k):
    """Tokens left of position k back to a clause boundary, skipping auxiliaries and adverbs."""
    j = k - 1
    while j >= 0 and (toks[j].lower_ in _FAST_SKIP or toks[j].lower_.endswith("ly")):
        j -= 1
    end = j
    while j >= 0 and toks[j].lower_ not in _FAST_BOUNDARY and toks[j].text not in _QUOTE_CHARS:
        j -= 1
    np = toks[j + 1:end + 1]
    cut = [i for i, t in enumerate(np) if t.lower_ in _FAST_CUT]
    if cut and not (np and np[0].lower_ in ("who", "which")):
        np = np[cut[-1] + 1:]
    # "A US official, who spoke on condition of anonymity, said": reach over the relative clause
    if np and np[0].lower_ in ("who", "which") and j >= 1 and toks[j].text == ",":
        i = j - 1
        while i >= 0 and toks[i].lower_ not in _FAST_BOUNDARY:
            i -= 1
        np = toks[i + 1:end + 1]
    return np


def _fast_verb(toks, k, entry, text, depth, cues, inherit: Record | None = None) -> Record | None:
    tok = toks[k]
    np = _fast_left_np(toks, k)
    inverted = False
    if inherit is not None:
        np = [t for t in toks if inherit.source and inherit.source[0] <= t.idx < inherit.source[1]]
    if not np or len(np) > 14 or not (np[0].text[0].isupper() or np[0].lower_ in
                                     ("the", "a", "an", "one", "some", "many", "two", "three", "our", "its",
                                      "their", "his", "her", "such", "this", "these", "that", "those")
                                     or np[0].lower_ in _PRONOUN_SUBJECTS):
        # "“...,” said Kirby" / "says Mason Clark, head of ..."
        right = []
        j = k + 1
        while j < len(toks) and toks[j].text not in (".", ";", "“", "”", "\"") and len(right) < 20:
            right.append(toks[j])
            j += 1
        if right and right[0].text[0].isupper() and k > 0 and (toks[k - 1].text in (",", "”", "\"")):
            np, inverted = right, True
        else:
            return None
    if not inverted and np[0].lower_ in FIRST_PERSON and depth[tok.idx] > 0:
        return None
    cue = (tok.idx, tok.idx + len(tok.text))
    sent_start, sent_end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    src = _span_of(np)
    addressee = None
    j = k + 1
    if entry.lemma == "tell" and not inverted:
        addr = []
        while j < len(toks) and toks[j].lower_ not in ("that", "in", ",", ".", ":", "“", "on") and len(addr) < 6:
            addr.append(toks[j])
            j += 1
        addressee = _span_of(addr) if addr else None
    if inverted:
        content = quote_spans(text, depth, sent_start, cue[0]) or [
            t for t in [_trim_span(text, (sent_start, cue[0]))] if t]
    else:
        after = (toks[j].idx, sent_end) if j < len(toks) else None
        content = []
        if after:
            rest = _trim_span(text, after, strip_that=True)
            # "he said in a statement." has no content after the verb: use the quote before it
            if rest and re.match(r"^(?:on|in|last|this|at|during|later|earlier)\b", text[rest[0]:rest[1]]) \
                    and not re.search(r"\bthat\b|[“\"]", text[rest[0]:rest[1]]):
                rest = None
            if rest:
                content = [rest]
        if not content and src[0] > sent_start:
            content = [t for t in [_trim_span(text, (sent_start, src[0]))] if t]
    head = np[0] if inverted else np[-1]
    for t in np:  # the head noun: the last word before an apposition or a prepositional phrase
        if t.text in (",", "(") or t.lower_ in ("of", "at", "to", "in", "from", "by", "who", "which", "accessed"):
            break
        head = t
    return Record(cue, entry.lemma, "verb", entry, "verb", source=src, content=content, addressee=addressee,
                  negated=any(t.lower_ in ("not", "n’t", "n't", "never") for t in toks[max(0, k - 3):k]),
                  source_head=head.lower_, source_plural=head.lower_.endswith("s") and not head.text[0].isupper(),
                  source_person=_fast_person(text[src[0]:src[1]], cues))


_NAME = re.compile(r"\b([A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)?)\s+([A-Z][a-z]+(?:-[a-z]+)?)\b")


def _fast_person(src_text: str, cues) -> str | None:
    """A 'First Last' pair that no word list claims (fast mode has no NER)."""
    for m in _NAME.finditer(src_text):
        name = m.group(0)
        if any(w in cues[lst] for w in name.split() for lst in ("accuser", "media", "institution_words",
                                                                "person_titles", "official_nouns", "expert")):
            continue
        if any(cues[lst].search(name) for lst in ("institution_words", "media", "accuser", "expert")):
            continue
        if name.split()[0] in ("The", "A", "An", "Tue", "This", "That", "In", "On", "At", "Despite", "According"):
            continue
        if cues["accused"].search(name) and not re.search(r"Kim|Putin", name):
            continue
        return name
    m = re.search(r"\b(?:Mr|Mrs|Ms|Dr)\.?\s+([A-Z][a-z]+)", src_text)
    return m.group(0) if m else None


# --------------------------------------------------------------------------- classification

def _strip_det(s: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", s.strip(), flags=re.IGNORECASE)


def classify_source(rec: Record, src_text: str, cues, settings: Settings) -> tuple[str, bool, str | None]:
    """(source_type, anonymous, anonymity marker) from the source text and the cue."""
    marker = next((m.group(0) for rx in cues.anonymity for m in [rx.search(src_text)] if m), None)
    head = rec.source_head
    low = src_text.lower()
    first_word = low.split()[0] if low.split() else ""
    if rec.agentless:
        return "vague", True, marker
    if rec.lemma in cues["evidence_verbs"] and settings.rule_enabled("attr_evidence_subject_document"):
        personish = (rec.source_person or head in cues["official_nouns"] or head in cues["person_titles"]
                     or head in cues["media"] or head in cues["institution_words"] and head != "intelligence"
                     or cues["media"].search(src_text) and head not in cues["document_heads"])
        if not personish:
            return "document", False, marker
    if head in ("report", "reports") and settings.rule_enabled("attr_place_reports_vague"):
        bare = not re.match(r"^(?:the|a|an|this|that|these|those|its|their|our)\b", low) and not re.search(
            r"declassif|intelligence|downgraded|leaked", low)
        if bare and not cues["media"].search(src_text):
            return "vague", True, marker
    if rec.lemma == "report" and settings.rule_enabled("attr_place_reports_vague") and (
            rec.kind == "noun" or (rec.head_token is not None and rec.head_token.tag_ in ("NNS", "VBZ", "VBP"))):
        # "US reports that", headline "...: US Reports": a bare place name, government or media unclear
        if (len(src_text.split()) <= 2 and not re.match(r"(?i)the\b", src_text) and not cues["media"].search(src_text)
                and not rec.source_person and not cues["institution_words"].search(src_text.replace("US", "").replace("U.S.", ""))):
            return "vague", True, marker
    if head in cues["document_heads"] and not rec.source_person and head not in DEMONSTRATIVES:
        if head != "intelligence" or any(w in cues["specific_document_modifiers"] for w in low.split()[:-1]):
            if not (head in cues["official_nouns"]):
                return "document", False, marker
    if head in DEMONSTRATIVES or (first_word in DEMONSTRATIVES and rec.lemma in cues["evidence_verbs"]):
        return "document", False, marker
    expert_hit = cues["expert"].search(src_text)
    named_expert = expert_hit and (rec.source_person or re.search(r"[A-Z]", re.sub(r"^\W*\w", "", src_text)))
    # "experts at the Institute for ...": the think tank is named, so not vague
    with_institution = settings.rule_enabled("attr_expert_with_institution") and re.search(
        r"\b(?:at|from|of|with)\s+(?:the\s+)?[A-Z]", src_text)
    generic_head = head in ("experts", "expert", "analysts", "analyst")
    if expert_hit and named_expert and (not generic_head or with_institution) or (
            expert_hit and rec.source_person and not cues["accused"].search(src_text.split(",")[0])):
        if not (cues["accused"].search(src_text.split(",")[0]) and not rec.source_person):
            return "expert", False, marker
    core = re.split(r",\s*(?:who|which)\b", src_text)[0]
    if cues["accused"].search(core) or cues["state_media"].search(core):
        anonymous = bool(marker) or (head in cues["official_nouns"] and not rec.source_person
                                     and not cues["unique_offices"].search(core.split(" of ")[0]))
        return "counterparty", anonymous, marker
    if cues["media"].search(src_text) and head not in cues["official_nouns"]:
        named = any(w in cues["media"] and w[0].isupper() and w.lower() not in
                    ("media", "press", "channel", "network", "daily", "outlet", "newspaper", "broadcaster")
                    for w in cues["media"].findall(src_text))
        # "press secretary Karine Jean-Pierre": a generic media word describing a named person
        person_described = rec.source_person and settings.rule_enabled("attr_person_not_generic_media")
        if named or not person_described:
            return "other_media", not named, marker
    if rec.source_person:
        return "named_official", bool(marker) and False, marker
    if head in cues["official_nouns"] or cues["official_nouns"].search(head):
        return "anonymous_official", True, marker
    if head in cues["vague_heads"] or head in ("experts", "analysts", "observers", "sources"):
        return "vague", True, marker
    if cues["institution_words"].search(src_text) or cues["accuser"].search(src_text):
        return "institution", bool(marker), marker
    if head in cues["person_titles"] or cues["unique_offices"].search(src_text):
        return "named_official", bool(marker), marker
    if re.search(r"\b[A-Z][a-z]+", src_text):
        return "institution", bool(marker), marker
    return "vague", True, marker


def side_of(src_text: str, resolved: str | None, source_type: str, cues) -> str:
    """accused (counterparty), accuser (the accusing side's officials, institutions and their documents),
    media (other_media) or other (experts, vague)."""
    if source_type == "counterparty":
        return "accused"
    if source_type == "other_media":
        return "media"
    text = f"{src_text} {resolved or ''}"
    if cues["accuser"].search(text) or source_type in ("named_official", "anonymous_official", "institution"):
        return "accuser"
    if source_type == "document" and cues["accuser"].search(text):
        return "accuser"
    return "other"


def _entity_label(rec: Record, src_text: str, cues) -> str:
    if rec.resolved:
        base = rec.resolved
    elif rec.source_person:
        base = rec.source_person
    else:
        base = src_text
    base = re.split(r",\s*(?:who|which)\b|,", base)[0].strip()
    key = base.lower()
    if key in cues.aliases:
        return cues.aliases[key]
    stripped = _strip_det(base)
    if stripped.lower() in cues.aliases:
        return cues.aliases[stripped.lower()]
    return stripped


def _surname(name: str) -> str:
    words = [w for w in re.findall(r"[A-Z][\w’'-]+", name) if w.lower() not in ("mr", "mrs", "ms", "dr")]
    return words[-1] if words else name


# --------------------------------------------------------------------------- resolution

def _pronoun_kind(src_text: str) -> str | None:
    low = src_text.strip().lower()
    if low in PERSON_PRONOUNS:
        return "person"
    if low in PLURAL_PRONOUNS:
        return "plural"
    if low in THING_PRONOUNS:
        return "thing"
    return None


def _resolve(records: list[Record], text: str, cues, settings: Settings) -> None:
    persons: dict[str, str] = {}  # surname -> fullest name
    for rec in records:
        if rec.source_person:
            sur = _surname(rec.source_person)
            if len(rec.source_person) > len(persons.get(sur, "")) and len(rec.source_person.split()) >= 2 \
                    and not re.match(r"(?:Mr|Mrs|Ms|Dr)\b", rec.source_person):
                persons[sur] = rec.source_person
    for rec in records:
        if rec.source_person:
            sur = _surname(rec.source_person)
            if sur in persons:
                rec.source_person = persons[sur]
    for rec in records:
        if not rec.source_person and rec.source:
            bare = re.sub(r"^(?:Mr|Mrs|Ms|Dr)\.?\s+", "", text[rec.source[0]:rec.source[1]].strip())
            if bare in persons:
                rec.source_person = persons[bare]
    titled = _titled_names(records, text, cues)
    for i, rec in enumerate(records):
        src_text = text[rec.source[0]:rec.source[1]] if rec.source else ""
        kind = _pronoun_kind(src_text)
        if kind and settings.rule_enabled("attr_pronoun_resolution"):
            ante = _antecedent(records, i, kind, text, cues)
            if ante is not None:
                rec.resolved = ante.source_person or ante.resolved or _strip_det_keep(text[ante.source[0]:ante.source[1]])
                rec.source_type, rec.anonymous, rec.marker = ante.source_type, ante.anonymous, ante.marker
                rec.source_person = ante.source_person
                rec._antecedent_plural = ante.source_plural  # noqa: SLF001
                continue
        stype, anonymous, marker = classify_source(rec, src_text, cues, settings)
        if kind == "thing" and stype == "vague" and rec.lemma in cues["evidence_verbs"]:
            stype, anonymous = "document", False
        if kind == "person" and stype in ("vague", "institution"):
            stype, anonymous = "anonymous_official", True
        rec.source_type, rec.anonymous, rec.marker = stype, anonymous, marker
        if ((stype in ("anonymous_official", "counterparty") or rec.source_head in cues["person_titles"])
                and not rec.source_person and not marker
                and settings.rule_enabled("attr_named_elsewhere") and not rec.source_plural):
            name = _named_elsewhere(src_text, titled, cues)
            if name:
                rec.resolved = name
                rec.source_person = name
                if stype != "counterparty":
                    rec.source_type = "named_official"
                rec.anonymous = False
        if src_text.lower() == "the regime" and settings.rule_enabled("attr_pronoun_resolution"):
            rec.resolved = cues.aliases.get("the regime")


def _strip_det_keep(s: str) -> str:
    return re.split(r",\s*(?:who|which)\b", s)[0].strip()


def _titled_names(records, text, cues) -> dict[str, set]:
    """title word -> set of full names it is used with in this document ('spokesman' -> {'John Kirby'})."""
    out: dict[str, set] = {}
    for rec in records:
        if rec.source_person and rec.source:
            src_text = text[rec.source[0]:rec.source[1]]
            for w in re.findall(r"[A-Za-z]+", src_text):
                if w.lower() in cues["person_titles"] and w.lower() not in ("mr", "mrs", "ms", "dr", "head"):
                    out.setdefault(w.lower(), set()).add(rec.source_person)
    return out


def _named_elsewhere(src_text, titled, cues) -> str | None:
    for w in re.findall(r"[A-Za-z]+", src_text):
        names = titled.get(w.lower())
        if names and len(names) == 1 and w.lower() not in ("official", "officer"):
            return next(iter(names))
    return None


def _antecedent(records, i, kind, text, cues) -> Record | None:
    for j in range(i - 1, -1, -1):
        cand = records[j]
        if cand.source is None or cand.agentless:
            continue
        cand_text = text[cand.source[0]:cand.source[1]]
        ckind = _pronoun_kind(cand_text)
        if ckind and ckind != kind:
            continue
        if ckind == kind and cand.resolved:
            return cand
        if ckind:
            continue
        if kind == "person":
            if cand.source_person or (cand.source_head in cues["official_nouns"] and not cand.source_plural) \
                    or cand.source_head in cues["person_titles"]:
                return cand
        elif kind == "plural":
            if cand.source_plural or cand.source_head in ("services", "agencies"):
                return cand
        elif kind == "thing":
            if not cand.source_person and not cand.source_plural and cand.source_type in (
                    "institution", "counterparty", "other_media") and cand.source_head not in cues["official_nouns"]:
                return cand
    return None


# --------------------------------------------------------------------------- assembly

def _follow_on(records: list[Record], parsed, depth, settings) -> None:
    """A sentence made only of a quotation, right after a sentence with a direct/mixed record, continues it."""
    if not settings.rule_enabled("attr_follow_on_quote") or not records:
        return
    text = parsed.clean.text
    by_sentence: dict[int, list[Record]] = {}
    for rec in records:
        by_sentence.setdefault(parsed.sentence_id(rec.cue[0]), []).append(rec)
    last: Record | None = None
    for sid, sent in enumerate(parsed.sentences):
        if sid in by_sentence:
            recs = [r for r in by_sentence[sid] if r.mode in ("direct", "mixed") and depth[r.cue[0]] == 0]
            last = recs[0] if recs else None
            continue
        body = sent.text.strip()
        starts_quoted = body[:1] in "“\""
        words = [i for i in range(sent.start_char, sent.end_char) if text[i].isalnum()]
        all_quoted = words and all(depth[i] > 0 for i in words)
        if last is not None and starts_quoted and all_quoted:
            span = _trim_span(text, (sent.start_char, sent.end_char))
            if span:
                last.content.append(span)
            continue
        last = None


def _parents(records: list[Record], settings) -> None:
    """Each record's parent: the record with the smallest content holding its cue (ties: the
    earlier record), else the record whose cue token governs its 'citing'/'according to'.

    A sweep over the records in cue order keeps only the content spans that reach the current
    cue, so a long document costs O(n log n), not O(n^2)."""
    if not settings.rule_enabled("attr_nested_parent"):
        return
    no_content = 10**9
    sizes = [sum(e - s for s, e in rec.content) for rec in records]
    spans = sorted((s, e, j) for j, rec in enumerate(records) for s, e in rec.content)
    by_head: dict[int, list[int]] = {}
    for j, rec in enumerate(records):
        if rec.head_token is not None:
            by_head.setdefault(rec.head_token.i, []).append(j)
    reaching: list[tuple[int, int, int]] = []  # heap of (end, start, record) of spans started so far
    k = 0
    for i in sorted(range(len(records)), key=lambda n: records[n].cue):
        rec = records[i]
        cue_start, cue_end = rec.cue
        while k < len(spans) and spans[k][0] <= cue_start:
            s, e, j = spans[k]
            heapq.heappush(reaching, (e, s, j))
            k += 1
        while reaching and reaching[0][0] < cue_start:  # ends before this cue, so before every later one
            heapq.heappop(reaching)
        candidates = {j: sizes[j] for e, _s, j in reaching if j != i and cue_end <= e}
        if rec.parent_token is not None and rec.lemma in ("cite", "according to"):
            for j in by_head.get(rec.parent_token.i, ()):
                if j != i and records[j].source != rec.source:
                    candidates.setdefault(j, no_content)
        if candidates:
            rec.parent = min(candidates, key=lambda j: (candidates[j], j))


def _share_nested_content(records: list[Record]) -> None:
    """A cue whose that-clause went to its nested 'citing' record shares that content."""
    for rec in records:
        if rec.parent is not None and rec.lemma == "cite":
            parent = records[rec.parent]
            if not parent.content:
                parent.content = list(rec.content)


def find_attribution_records(parsed, settings: Settings, depth: list[int] | None = None) -> list[Record]:
    """Records in clean offsets; ``depth`` is ``quote_depth`` of the clean text (computed if not given)."""
    lexicon = load_reporting_lexicon(settings.reporting_verbs)
    cues = load_source_cues(settings_path(settings, "attribution_sources"))
    text = parsed.clean.text
    if depth is None:
        depth = quote_depth(text)
    if settings.mode == "parse":
        records = _parse_mode(parsed, settings, lexicon, cues, depth)
    else:
        records = _fast_mode(parsed, settings, lexicon, cues, depth)
    # one record per cue span; keep the first
    # Sorted by start, a cue overlaps a kept one iff the furthest kept end is past its start
    # (an empty cue, which cannot occur, would take the exact test).
    kept_end, unique = None, []
    for rec in sorted(records, key=lambda r: (r.cue[0], r.cue[1])):
        overlaps = kept_end is not None and kept_end > rec.cue[0] and (
            rec.cue[1] > rec.cue[0] or any(not (rec.cue[1] <= u.cue[0] or rec.cue[0] >= u.cue[1]) for u in unique))
        if overlaps:
            continue
        kept_end = rec.cue[1] if kept_end is None else max(kept_end, rec.cue[1])
        unique.append(rec)
    records = unique
    for rec in records:
        rec.stance = rec.entry.stance if rec.entry else "neutral"
        rec.content = sorted({c for c in rec.content if c and c[1] > c[0]})
        rec.mode = content_mode(rec.content, depth, text, depth[rec.cue[0]])
    _resolve(records, text, cues, settings)
    _follow_on(records, parsed, depth, settings)
    for rec in records:
        rec.mode = content_mode(rec.content, depth, text, depth[rec.cue[0]])
        src_text = text[rec.source[0]:rec.source[1]] if rec.source else ""
        rec.entity = _entity_label(rec, src_text, cues)
        rec.side = side_of(src_text, rec.resolved, rec.source_type, cues)
    _cluster_entities(records)
    _parents(records, settings)
    _share_nested_content(records)
    for rec in records:
        rec.mode = content_mode(rec.content, depth, text, depth[rec.cue[0]])
    return records


def _cluster_entities(records: list[Record]) -> None:
    """Records of the same person share the fullest name seen for the surname."""
    full: dict[str, str] = {}
    for rec in records:
        if rec.source_person:
            sur = _surname(rec.source_person)
            if len(rec.source_person) > len(full.get(sur, "")):
                full[sur] = rec.source_person
    for rec in records:
        if rec.source_person:
            rec.entity = full.get(_surname(rec.source_person), rec.entity)


def find_attributions(parsed, settings: Settings) -> list[dict]:
    """One row per attribution with RAW offsets (see ``COLUMNS``)."""
    text = parsed.clean.text
    depth = quote_depth(text)
    records = find_attribution_records(parsed, settings, depth)
    raw = parsed.raw
    rows = []
    for n, rec in enumerate(records):
        cs, ce = parsed.raw_span(*rec.cue)
        ss, se = parsed.raw_span(*rec.source) if rec.source else (None, None)
        spans = [list(parsed.raw_span(s, e)) for s, e in rec.content]
        a_s, a_e = parsed.raw_span(*rec.addressee) if rec.addressee else (None, None)
        rows.append({
            "doc_id": parsed.doc_id, "attribution_id": n, "sentence_id": parsed.sentence_id(rec.cue[0]),
            "paragraph": parsed.paragraph(rec.cue[0]), "cue_start": cs, "cue_end": ce, "cue_text": raw[cs:ce],
            "cue_lemma": rec.lemma, "cue_kind": rec.kind, "negated": bool(rec.negated),
            "source_start": ss, "source_end": se, "source_text": raw[ss:se] if ss is not None else None,
            "resolved": rec.resolved, "entity": rec.entity, "source_type": rec.source_type,
            "anonymous": bool(rec.anonymous), "anonymity_marker": rec.marker, "stance": rec.stance,
            "mode": rec.mode, "content_spans": spans,
            "content_text": " … ".join(raw[s:e] for s, e in spans),
            "addressee_text": raw[a_s:a_e] if a_s is not None else None,
            "addressee_start": a_s, "addressee_end": a_e, "parent_id": rec.parent, "side": rec.side,
            "in_quote": depth[rec.cue[0]] > 0, "rule": rec.rule,
        })
    return rows
