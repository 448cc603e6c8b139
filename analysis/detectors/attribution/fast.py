"""Fast-mode attribution extraction: no tags or dependencies, so word forms of the reporting
verbs and word-order patterns ("X said", "said X", "according to X", "was reported by X")."""

from __future__ import annotations

import re

from analysis.detectors.attribution.lexicon import CueEntry
from analysis.detectors.attribution.quotes import colon_records, quote_spans
from analysis.detectors.attribution.records import QUOTE_CHARS, Record, span_of, subtract_spans, trim_span
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


_FAST_BOUNDARY = {
    ",",
    ";",
    ":",
    "“",
    "”",
    '"',
    "(",
    ")",
    "that",
    "and",
    "but",
    "–",
    "—",
    "as",
    "because",
    "when",
    "while",
    "after",
    "before",
    "which",
}
_FAST_CUT = {"amid", "despite", "after", "before", "during", "with", "for", "since", "because", "although"}
_FAST_SKIP = {
    "went",
    "on",
    "to",
    "sought",
    "continued",
    "tried",
    "go",
    "goes",
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "will",
    "would",
    "did",
    "does",
    "do",
    "not",
    "also",
    "later",
    "then",
    "previously",
    "recently",
    "publicly",
    "officially",
    "repeatedly",
    "n’t",
    "n't",
    "never",
    "already",
    "earlier",
    "first",
    "again",
}
_PRONOUN_SUBJECTS = {"he", "she", "it", "they", "we", "i"}


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
            passive = prev in ("is", "are", "was", "were", "been", "be") and low.endswith(("ed", "id", "ld", "wn"))
            if passive and not (k + 1 < len(toks) and toks[k + 1].lower_ == "by"):
                continue
            nxt = toks[k + 1].lower_ if k + 1 < len(toks) else ""
            if not _fast_requirement_met(toks, k, entry, cues, settings):
                continue
            if entry.requires in ("content", "see_as") and settings.rule_enabled("attr_requires_content"):
                if entry.requires == "see_as":
                    if not any(t.lower_ == "as" for t in toks[k + 1 : k + 30]):
                        continue
                elif (
                    prev == "to"
                    or nxt in ("to", "in", "on", "for", "with", "by", "it", "them", "him")
                    or (nxt in (".", ",", "") and not _post_posed(toks, k))
                ):
                    continue  # "struggling to maintain", "expect to", "believe in"; not "..., the official stated."
            if nxt in ("have", "has", "are", "were", "is", "was", "had") or (
                nxt.endswith("ed") and k + 2 < len(toks) and toks[k + 2].lower_ == "by"
            ):
                continue  # a plural noun subject, as in: reports accessed by the paper have ...
            if prev in ("is", "are", "was", "were", "been", "be") or (
                k >= 2
                and toks[k - 2].lower_ in ("is", "are", "was", "were")
                and (prev.endswith("ly") or prev == "first")
            ):
                rec = _fast_passive(toks, k, entry, text) if nxt == "by" else None
            elif low.endswith("ing") and (prev == "," or prev in ("despite", "after", "before", "while")) and found:
                # "Kirby said, noting that ...": the participle takes the clause's speaker
                rec = _fast_verb(toks, k, entry, text, depth, cues, inherit=found[-1])
            elif (
                prev == "and"
                and found
                and found[-1].kind == "verb"
                and settings.rule_enabled("attr_subject_inheritance")
            ):
                # "Russia denied the allegations and demanded ...": a coordinated verb shares the subject
                rec = _fast_verb(toks, k, entry, text, depth, cues, inherit=found[-1])
            else:
                rec = _fast_verb(toks, k, entry, text, depth, cues)
            if (
                rec
                and rec.negated
                and settings.rule_enabled("attr_withheld_not_attribution")
                and not any(t.lower_ == "that" for t in toks[k + 1 : k + 4])
            ):
                continue  # "would not disclose how ...": nothing is attributed
            if rec:
                found.append(rec)
        if not found and settings.rule_enabled("attr_colon_lead_in"):
            found = colon_records(sent.text, sent.start_char, text, lambda s: looks_like_source(s, cues))
        records += found
    return records


def _post_posed(toks, k) -> bool:
    """'..., the official stated.': a reporting clause after its content (a comma or quote before the subject)."""
    np = _fast_left_np(toks, k)
    if not np:
        return False
    start = next(i for i, t in enumerate(toks) if t.i == np[0].i)
    return start > 0 and toks[start - 1].text in (",", "”", '"', "’")


def _fast_requirement_met(toks, k, entry, cues, settings) -> bool:
    """Requirements fast mode can check from word order: 'quoted X as saying', 'carried by <media>'.
    Object-and-complement verbs ('called X Y') need the parse, so fast mode leaves them out."""
    if not settings.rule_enabled("attr_requires_content"):
        return True
    if entry.requires == "complement":
        return False
    if entry.requires == "quote_as":
        return any(
            toks[j].lower_ == "as" and j + 1 < len(toks) and toks[j + 1].lower_ == "saying"
            for j in range(k + 1, min(len(toks) - 1, k + 16))
        )
    if entry.requires == "media_agent":
        after = " ".join(t.text for t in toks[k + 1 : k + 10])
        return (
            k + 1 < len(toks)
            and toks[k + 1].lower_ == "by"
            and bool(cues["media"].search(after) or cues["state_media"].search(after))
        )
    return True


def _fast_passive(toks, k, entry, text) -> Record | None:
    """'was first reported by the New York Times'."""
    src, j = [], k + 2
    while (
        j < len(toks)
        and toks[j].text not in (",", ".", ";", ":", "“", "”")
        and toks[j].lower_ not in ("that", "on", "in", "last", "as")
        and len(src) < 10
    ):
        src.append(toks[j])
        j += 1
    if not src:
        return None
    left = _fast_left_np(toks, k)
    content = [t for t in [trim_span(text, span_of(left))] if t] if left else []
    return Record(
        (toks[k].idx, toks[k].idx + len(toks[k].text)),
        entry.lemma,
        "verb",
        entry,
        "verb",
        source=span_of(src),
        content=content,
        source_head=src[-1].lower_,
        source_plural=src[-1].lower_.endswith("s") and not src[-1].text[0].isupper(),
    )


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
    content = [
        t
        for t in (trim_span(text, p, strip_that=True) for p in subtract_spans(sent_span, [(cue[0], span_of(src)[1])]))
        if t
    ]
    return Record(
        cue,
        "according to",
        "according_to",
        lexicon.phrases["according to"],
        "according_to",
        source=span_of(src),
        content=content,
        source_head=src[-1].lower_,
        source_plural=src[-1].lower_.endswith("s") and not src[-1].text[0].isupper(),
    )


def _fast_agentless(toks, k, entry, cues, text) -> Record | None:
    if entry.lemma not in cues["agentless_verbs"] or k == 0:
        return None
    prev = toks[k - 1].lower_
    nxt = toks[k + 1].lower_ if k + 1 < len(toks) else ""
    if prev in ("is", "are", "was", "were") and nxt == "to":
        cue = (toks[k - 1].idx, toks[k + 1].idx + 2)
        subj = _fast_left_np(toks, k - 1)
        content = [span_of(subj)] if subj else []
        rest = span_of(toks[k + 2 :])
        if rest:
            content.append(rest)
        content = [t for t in (trim_span(text, c) for c in content if c) if t]
        return Record(
            cue, entry.lemma, "agentless", entry, "attr_agentless", source=cue, content=content, agentless=True
        )
    if prev in ("is", "was") and k >= 2 and toks[k - 2].lower_ == "it" and nxt == "that":
        cue = (toks[k - 2].idx, toks[k].idx + len(toks[k].text))
        rest = trim_span(text, span_of(toks[k + 2 :]))
        return Record(
            cue,
            entry.lemma,
            "agentless",
            entry,
            "attr_agentless",
            source=cue,
            content=[rest] if rest else [],
            agentless=True,
        )
    return None


def _fast_left_np(toks, k):
    """Tokens left of position k back to a clause boundary, skipping auxiliaries and adverbs."""
    j = k - 1
    while j >= 0 and (toks[j].lower_ in _FAST_SKIP or toks[j].lower_.endswith("ly")):
        j -= 1
    end = j
    while j >= 0 and toks[j].lower_ not in _FAST_BOUNDARY and toks[j].text not in QUOTE_CHARS:
        j -= 1
    np = toks[j + 1 : end + 1]
    cut = [i for i, t in enumerate(np) if t.lower_ in _FAST_CUT]
    if cut and not (np and np[0].lower_ in ("who", "which")):
        np = np[cut[-1] + 1 :]
    # "A US official, who spoke on condition of anonymity, said": reach over the relative clause
    if np and np[0].lower_ in ("who", "which") and j >= 1 and toks[j].text == ",":
        i = j - 1
        while i >= 0 and toks[i].lower_ not in _FAST_BOUNDARY:
            i -= 1
        np = toks[i + 1 : end + 1]
    return np


def _fast_verb(toks, k, entry, text, depth, cues, inherit: Record | None = None) -> Record | None:
    tok = toks[k]
    np = _fast_left_np(toks, k)
    inverted = False
    if inherit is not None:
        np = [t for t in toks if inherit.source and inherit.source[0] <= t.idx < inherit.source[1]]
    if (
        not np
        or len(np) > 14
        or not (
            np[0].text[0].isupper()
            or np[0].lower_
            in (
                "the",
                "a",
                "an",
                "one",
                "some",
                "many",
                "two",
                "three",
                "our",
                "its",
                "their",
                "his",
                "her",
                "such",
                "this",
                "these",
                "that",
                "those",
            )
            or np[0].lower_ in _PRONOUN_SUBJECTS
        )
    ):
        # "“...,” said Kirby" / "says Mason Clark, head of ..."
        right = []
        j = k + 1
        while j < len(toks) and toks[j].text not in (".", ";", "“", "”", '"') and len(right) < 20:
            right.append(toks[j])
            j += 1
        if right and right[0].text[0].isupper() and k > 0 and (toks[k - 1].text in (",", "”", '"')):
            np, inverted = right, True
        else:
            return None
    if not inverted and np[0].lower_ in FIRST_PERSON and depth[tok.idx] > 0:
        return None
    cue = (tok.idx, tok.idx + len(tok.text))
    sent_start, sent_end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    src = span_of(np)
    addressee = None
    j = k + 1
    if entry.lemma == "tell" and not inverted:
        addr = []
        while j < len(toks) and toks[j].lower_ not in ("that", "in", ",", ".", ":", "“", "on") and len(addr) < 6:
            addr.append(toks[j])
            j += 1
        addressee = span_of(addr) if addr else None
    if inverted:
        content = quote_spans(text, depth, sent_start, cue[0]) or [
            t for t in [trim_span(text, (sent_start, cue[0]))] if t
        ]
    else:
        after = (toks[j].idx, sent_end) if j < len(toks) else None
        content = []
        if after:
            rest = trim_span(text, after, strip_that=True)
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
        source_person=_fast_person(text[src[0] : src[1]], cues),
    )


_NAME = re.compile(r"\b([A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)?)\s+([A-Z][a-z]+(?:-[a-z]+)?)\b")
_NAME_AT = re.compile(rf"(?<![\w’'-])(?=({_NAME.pattern}))")


def _fast_person(src_text: str, cues) -> str | None:
    """A 'First Last' pair that no word list claims (fast mode has no NER)."""
    # overlapping matches, so that a title before the name ("General Pat Ryder") does not hide it
    for m in _NAME_AT.finditer(src_text):
        name = m.group(1)
        if any(
            w in cues[lst]
            for w in name.split()
            for lst in ("accuser", "media", "institution_words", "person_titles", "official_nouns", "expert")
        ):
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
