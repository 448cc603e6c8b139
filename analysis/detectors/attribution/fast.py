"""Fast-mode attribution extraction: no tags or dependencies, so word forms of the reporting
verbs and word-order patterns ("X said", "said X", "according to X", "was reported by X").
Modules: ``fast_phrases`` (noun phrases, names), ``fast_patterns`` (fixed patterns) and this one."""

from __future__ import annotations

import re

from analysis.detectors.attribution.fast_patterns import (
    according_record,
    agentless_record,
    passive_record,
    requirement_met,
)
from analysis.detectors.attribution.fast_phrases import PRONOUN_SUBJECTS, left_np, person_name, post_posed
from analysis.detectors.attribution.lexicon import CueEntry
from analysis.detectors.attribution.quotes import colon_records, quote_spans
from analysis.detectors.attribution.records import Record, span_of, trim_span
from analysis.detectors.attribution.rules import (
    COLON_LEAD_IN,
    REQUIRES_CONTENT,
    SUBJECT_INHERITANCE,
    WITHHELD_NOT_ATTRIBUTION,
)
from analysis.detectors.attribution.sources import FIRST_PERSON, looks_like_source

_IRREGULAR = {
    "say": ["said"],
    "tell": ["told"],
    "think": ["thought"],
    "find": ["found"],
    "see": ["saw", "seen"],
    "show": ["shown"],
    "write": ["wrote", "written"],
    "hold": ["held"],
    "make": ["made"],
}
BE_FORMS = ("is", "are", "was", "were", "been", "be")
DETERMINERS = ("the", "a", "an", "his", "her", "its", "their", "our")
# words that can open a subject noun phrase ("the official", "some analysts", "they")
SUBJECT_OPENERS = PRONOUN_SUBJECTS | {"the", "a", "an", "one", "some", "many", "two", "three", "such"}
SUBJECT_OPENERS |= {"our", "its", "their", "his", "her", "this", "these", "that", "those"}
# after the verb, these make it no reporting use: "struggling to maintain", "believe in"
NOT_CONTENT_NEXT = ("to", "in", "on", "for", "with", "by", "it", "them", "him")


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


def fast_mode_records(parsed, settings, lexicon, cues, depth) -> list[Record]:
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
            if tok.lower_ == "according" and k + 1 < len(toks) and toks[k + 1].lower_ == "to":
                rec = according_record(toks, k, lexicon, text)
            elif tok.lower_ in form_map:
                headline = parsed.paragraph(tok.idx) == 0
                rec = _verb_form_record(toks, k, form_map[tok.lower_], found, headline, text, depth, cues, settings)
            else:
                rec = None
            if rec:
                found.append(rec)
        if not found and settings.rule_enabled(COLON_LEAD_IN):
            found = colon_records(sent.text, sent.start_char, text, lambda s: looks_like_source(s, cues))
        records += found
    return records


def _verb_form_record(toks, k, entry, found, headline, text, depth, cues, settings) -> Record | None:
    """The record of a reporting-verb word form at position k, None when it is no reporting use."""
    tok, low = toks[k], toks[k].lower_
    if tok.text[0].isupper() and k > 0 and not headline:
        return None  # "United States", a title-case name
    prev = toks[k - 1].lower_ if k else ""
    nxt = toks[k + 1].lower_ if k + 1 < len(toks) else ""
    if prev in DETERMINERS:
        return None  # a noun ("the report", "a claim")
    agentless = agentless_record(toks, k, entry, cues, text)
    if agentless:
        return agentless
    passive = prev in BE_FORMS and low.endswith(("ed", "id", "ld", "wn"))
    if (passive and nxt != "by") or not requirement_met(toks, k, entry, cues, settings):
        return None
    if not _has_content(toks, k, entry, prev, nxt, settings):
        return None
    if nxt in ("have", "has", "are", "were", "is", "was", "had") or (
        nxt.endswith("ed") and k + 2 < len(toks) and toks[k + 2].lower_ == "by"
    ):
        return None  # a plural noun subject, as in: reports accessed by the paper have ...
    rec = _by_word_order(toks, k, entry, prev, nxt, found, text, depth, cues, settings)
    if (
        rec
        and rec.negated
        and settings.rule_enabled(WITHHELD_NOT_ATTRIBUTION)
        and not any(t.lower_ == "that" for t in toks[k + 1 : k + 4])
    ):
        return None  # "would not disclose how ...": nothing is attributed
    return rec


def _has_content(toks, k, entry, prev, nxt, settings) -> bool:
    """Belief and evidence verbs need content after them (or before, for a post-posed cue)."""
    if entry.requires not in ("content", "see_as") or not settings.rule_enabled(REQUIRES_CONTENT):
        return True
    if entry.requires == "see_as":
        return any(t.lower_ == "as" for t in toks[k + 1 : k + 30])
    # "struggling to maintain", "expect to", "believe in"; not "..., the official stated."
    return not (prev == "to" or nxt in NOT_CONTENT_NEXT or (nxt in (".", ",", "") and not post_posed(toks, k)))


def _by_word_order(toks, k, entry, prev, nxt, found, text, depth, cues, settings) -> Record | None:
    """A passive with 'by', a participle or coordinated verb sharing the last speaker, or 'X said'."""
    if prev in BE_FORMS or (
        k >= 2 and toks[k - 2].lower_ in ("is", "are", "was", "were") and (prev.endswith("ly") or prev == "first")
    ):
        return passive_record(toks, k, entry, text) if nxt == "by" else None
    if toks[k].lower_.endswith("ing") and (prev == "," or prev in ("despite", "after", "before", "while")) and found:
        # "Kirby said, noting that ...": the participle takes the clause's speaker
        return _verb_record(toks, k, entry, text, depth, cues, inherit=found[-1])
    if prev == "and" and found and found[-1].kind == "verb" and settings.rule_enabled(SUBJECT_INHERITANCE):
        # "Russia denied the allegations and demanded ...": a coordinated verb shares the subject
        return _verb_record(toks, k, entry, text, depth, cues, inherit=found[-1])
    return _verb_record(toks, k, entry, text, depth, cues)


def _subject_tokens(toks, k, inherit: Record | None):
    """(source tokens, inverted) for the verb at k: the phrase on its left, the inherited source,
    or the phrase after it ('“...,” said Kirby'); None when there is none."""
    np = left_np(toks, k)
    if inherit is not None:
        np = [t for t in toks if inherit.source and inherit.source[0] <= t.idx < inherit.source[1]]
    if np and len(np) <= 14 and (np[0].text[0].isupper() or np[0].lower_ in SUBJECT_OPENERS):
        return np, False
    # "“...,” said Kirby" / "says Mason Clark, head of ..."
    right = []
    j = k + 1
    while j < len(toks) and toks[j].text not in (".", ";", "“", "”", '"') and len(right) < 20:
        right.append(toks[j])
        j += 1
    if right and right[0].text[0].isupper() and k > 0 and (toks[k - 1].text in (",", "”", '"')):
        return right, True
    return None


def _verb_record(toks, k, entry, text, depth, cues, inherit: Record | None = None) -> Record | None:
    tok = toks[k]
    found = _subject_tokens(toks, k, inherit)
    if found is None:
        return None
    np, inverted = found
    if not inverted and np[0].lower_ in FIRST_PERSON and depth[tok.idx] > 0:
        return None
    cue = (tok.idx, tok.idx + len(tok.text))
    src = span_of(np)
    addressee, j = _addressee(toks, k) if entry.lemma == "tell" and not inverted else (None, k + 1)
    content = _content(toks, j, cue, src, inverted, text, depth)
    head = np[0] if inverted else np[-1]
    for t in np:  # the head noun: the last word before an apposition or a prepositional phrase
        if t.text in (",", "(") or t.lower_ in ("of", "at", "to", "in", "from", "by", "who", "which", "accessed"):
            break
        head = t
    return Record(
        cue,
        entry.lemma,
        "verb",
        entry,
        "verb",
        source=src,
        content=content,
        addressee=addressee,
        negated=any(t.lower_ in ("not", "n’t", "n't", "never") for t in toks[max(0, k - 3) : k]),
        source_head=head.lower_,
        source_plural=head.lower_.endswith("s") and not head.text[0].isupper(),
        source_person=person_name(text[src[0] : src[1]], cues),
    )


def _addressee(toks, k) -> tuple[tuple[int, int] | None, int]:
    """(addressee span, position after it) of 'told X that ...'."""
    addr, j = [], k + 1
    while j < len(toks) and toks[j].lower_ not in ("that", "in", ",", ".", ":", "“", "on") and len(addr) < 6:
        addr.append(toks[j])
        j += 1
    return (span_of(addr) if addr else None), j


def _content(toks, j, cue, src, inverted: bool, text, depth) -> list[tuple[int, int]]:
    """The quotation before an inverted cue; else the sentence from position j, or before the source."""
    sent_start, sent_end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    if inverted:
        return quote_spans(text, depth, sent_start, cue[0]) or [t for t in [trim_span(text, (sent_start, cue[0]))] if t]
    content = []
    if j < len(toks):
        rest = trim_span(text, (toks[j].idx, sent_end), strip_that=True)
        # "he said in a statement." has no content after the verb: use the quote before it
        if (
            rest
            and re.match(r"^(?:on|in|last|this|at|during|later|earlier)\b", text[rest[0] : rest[1]])
            and not re.search(r"\bthat\b|[“\"]", text[rest[0] : rest[1]])
        ):
            rest = None
        if rest:
            content = [rest]
    if not content and src[0] > sent_start:
        content = [t for t in [trim_span(text, (sent_start, src[0]))] if t]
    return content
