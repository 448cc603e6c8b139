"""Fast-mode attribution extraction: no tags or dependencies, so word forms of the reporting
verbs and word-order patterns ("X said", "said X", "according to X", "was reported by X").
Modules: ``fast_phrases`` (noun phrases, names), ``fast_patterns`` (fixed patterns) and this one."""

from __future__ import annotations

import re

from analysis.detectors.attribution.fast_clauses import (
    aside_subject,
    main_clause_source,
    opening_participle,
    phrase_at,
    phrase_table,
)
from analysis.detectors.attribution.fast_filters import (
    article_noun,
    gap_before_subject,
    has_content,
    infinitive_of_cue,
    noun_homograph,
    object_not_content,
    participle_use,
    person_showing,
)
from analysis.detectors.attribution.fast_nouns import noun_forms as reporting_nouns
from analysis.detectors.attribution.fast_nouns import noun_record
from analysis.detectors.attribution.fast_patterns import (
    according_record,
    agentless_record,
    passive_record,
    requirement_met,
)
from analysis.detectors.attribution.fast_phrases import (
    AUXILIARIES,
    person_name,
    plural_head,
    sentence_subject,
    subject_tokens,
)
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
from analysis.detectors.headlines import is_title_case, join_title_fragments
from analysis.detectors.reporting_verbs import QUESTION_WORDS, verb_inflections

HYPOTHETICAL_MODALS = ("may", "might", "should", "could", "must", "can")
MODALS = ("will", "would", "could", "can", "may", "might", "should", "must")
BE_FORMS = ("is", "are", "was", "were", "been", "be")
DETERMINERS = ("the", "a", "an", "his", "her", "its", "their", "our")
ADDRESSEE_OBJECT = ("tell", "ask", "remind")  # the object is who was told or asked (ANNOTATION.md s2)
_FORMS_OF: dict[int, tuple] = {}  # id -> (lexicon, forms); the lexicon kept so its id stays its own


def _forms(lemma: str) -> frozenset[str]:
    """Every inflection of a verb (``verb_inflections``)."""
    return frozenset({lemma, *(form for forms in verb_inflections(lemma).values() for form in forms)})


def verb_forms(lexicon) -> tuple[dict[str, CueEntry], set[str], dict, dict]:
    """(word form -> entry of its reporting verb, the noun-identical forms of cues that are also
    reporting nouns: 'report', 'reports', 'claims', the phrase table of ``fast_clauses``, and
    the reporting nouns' forms of ``fast_nouns``), built once per lexicon."""
    cached = _FORMS_OF.get(id(lexicon))
    if cached is None or cached[0] is not lexicon:
        if len(_FORMS_OF) >= 16:  # loaded lexicons are few (an lru_cache of 8)
            _FORMS_OF.clear()
        cached = _FORMS_OF[id(lexicon)] = (lexicon, _verb_forms(lexicon))
    return cached[1]


def _verb_forms(lexicon) -> tuple[dict[str, CueEntry], set[str], dict, dict]:
    form_map: dict[str, CueEntry] = {}
    for lemma, entry in lexicon.verbs.items():
        for f in _forms(lemma):
            form_map.setdefault(f, entry)
    noun_forms = {f for lemma in lexicon.nouns if lemma in lexicon.verbs for f in (lemma, lemma + "s")}
    return form_map, noun_forms, phrase_table(lexicon, _forms), reporting_nouns(lexicon)


def fast_mode_records(parsed, settings, lexicon, cues, depth) -> list[Record]:
    forms = verb_forms(lexicon)
    records: list[Record] = []
    for sent in join_title_fragments(parsed.sentences, parsed.clean.text):
        first = parsed.paragraph(sent.start_char) == 0
        records += sentence_records(sent, first, forms, parsed.clean.text, settings, lexicon, cues, depth)
    return records


def sentence_records(sent, headline, forms, text, settings, lexicon, cues, depth) -> list[Record]:
    """The records of one sentence by word order; ``headline``: the first paragraph, where a capital
    marks no name (so is a title-case sentence anywhere)."""
    form_map, noun_forms, phrases, nouns = forms
    toks = [t for t in sent if not t.is_space]
    headline = headline or is_title_case([t.text for t in toks])
    found: list[Record] = []
    for k, tok in enumerate(toks):
        phrase = phrase_at(toks, k, phrases)
        if tok.lower_ == "according" and k + 1 < len(toks) and toks[k + 1].lower_ == "to":
            rec = according_record(toks, k, lexicon, text)
        elif phrase:
            rec = _verb_form_record(toks, k, phrase[0], found, headline, text, depth, cues, settings, phrase[1])
        elif tok.lower_ in form_map and not (tok.lower_ in noun_forms and _noun_use(toks, k, form_map)):
            rec = _verb_form_record(
                toks, k, form_map[tok.lower_], found, headline, text, depth, cues, settings, form_map=form_map
            )
        else:
            rec = None
        if rec is None and tok.lower_ in nouns:
            rec = noun_record(toks, k, nouns[tok.lower_], text, cues)
        if rec:
            found.append(rec)
    if (
        toks
        and toks[0].lower_ in form_map
        and opening_participle(toks, 0)
        and not any(r.cue[0] == toks[0].idx for r in found)
    ):
        # "Citing new data, the mayor said ...": the participle shares the main clause's speaker
        shared = main_clause_source(toks, found)
        rec = _verb_record(toks, 0, form_map[toks[0].lower_], text, depth, cues, inherit=shared) if shared else None
        found[:0] = [rec] if rec else []
    if not found and settings.rule_enabled(COLON_LEAD_IN):
        found = colon_records(sent.text, sent.start_char, text, lambda s: looks_like_source(s, cues))
    return found


def _noun_use(toks, k, form_map) -> bool:
    """'the company's annual report showed', 'weather reports warned', 'finance reports will': a
    noun-identical form after a possessive or before a verb is the noun; a noun is a cue only with
    a source and content (ANNOTATION.md s2), which fast mode cannot tell from a modifier."""
    prev = toks[k - 1].lower_ if k else ""
    nxt = toks[k + 1].lower_ if k + 1 < len(toks) else ""
    return prev in ("'s", "’s") or nxt in form_map or nxt in AUXILIARIES or nxt in MODALS


def _verb_form_record(toks, k, entry, found, headline, text, depth, cues, settings, width=1, form_map=None):
    """The record of a reporting-verb word form at position k (``width`` 2: a verb and its particle,
    'stood by'), None when it is no reporting use."""
    tok, low = toks[k], toks[k].lower_
    if tok.text[0].isupper() and k > 0 and not headline:
        return None  # "United States", a title-case name
    prev = toks[k - 1].lower_ if k else ""
    nxt = toks[k + width].lower_ if k + width < len(toks) else ""
    if prev in DETERMINERS or prev in ("no", "in"):
        return None  # a noun ("the report", "a claim", "no estimated timeline", "in response")
    if prev in HYPOTHETICAL_MODALS:
        return None  # "you may argue", "could hint at": nothing was said
    agentless = agentless_record(toks, k, entry, cues, text) if width == 1 else None
    if agentless:
        return agentless
    if article_noun(toks, k, entry) or (
        width == 1 and _no_reporting_use(toks, k, entry, cues, settings, form_map or {})
    ):
        return None
    passive = prev in BE_FORMS and low.endswith(("ed", "id", "ld", "wn"))
    if (passive and nxt != "by") or not requirement_met(toks, k, entry, cues, settings):
        return None
    if not has_content(toks, k + width - 1, entry, prev, nxt, settings):
        return None
    if (nxt in ("have", "has", "are", "were", "is", "was", "had") and not gap_before_subject(toks, k)) or (
        nxt.endswith("ed") and k + 2 < len(toks) and toks[k + 2].lower_ == "by"
    ):
        return None  # a plural noun subject, as in: reports accessed by the paper have ...
    rec = _by_word_order(toks, k, entry, prev, nxt, found, text, depth, cues, settings, width)
    if (
        rec
        and rec.negated
        and settings.rule_enabled(WITHHELD_NOT_ATTRIBUTION)
        and not any(t.lower_ == "that" for t in toks[k + 1 : k + 4])
    ):
        return None  # "would not disclose how ...": nothing is attributed
    return rec


def _no_reporting_use(toks, k, entry, cues, settings, form_map) -> bool:
    """A form that word order shows to be a noun, a participle or a verb of doing (``fast_filters``)."""
    if not settings.rule_enabled(REQUIRES_CONTENT):
        return False
    return (
        noun_homograph(toks, k, entry, form_map)
        or object_not_content(toks, k, entry)
        or person_showing(toks, k, entry, cues)
        or participle_use(toks, k, entry)
        or infinitive_of_cue(toks, k, form_map)
    )


def _by_word_order(toks, k, entry, prev, nxt, found, text, depth, cues, settings, width=1) -> Record | None:
    """A passive with 'by', a participle or coordinated verb sharing the last speaker, or 'X said'."""
    progressive = toks[k].lower_.endswith("ing")  # "have been calling for": active, not a passive
    if not progressive and (
        prev in BE_FORMS
        or (k >= 2 and toks[k - 2].lower_ in ("is", "are", "was", "were") and (prev.endswith("ly") or prev == "first"))
    ):
        return passive_record(toks, k, entry, text) if nxt == "by" else None
    participle = toks[k].lower_.endswith("ing") and (prev == "," or prev in ("despite", "after", "before", "while"))
    if participle and found:
        # "Kirby said, noting that ...": the participle takes the clause's speaker
        return _verb_record(toks, k, entry, text, depth, cues, inherit=found[-1].source, width=width)
    j = k - 1
    while j > 0 and toks[j].lower_ in ("also", "then", "later", "repeatedly", "publicly"):
        j -= 1  # "and also revealed"
    coordinated = j >= 0 and toks[j].lower_ == "and" and (j < k - 1 or prev == "and")
    if (coordinated or (participle and prev == ",")) and settings.rule_enabled(SUBJECT_INHERITANCE):
        # "Russia denied the allegations and demanded ...": a coordinated verb shares the subject;
        # "The manager was asked whether ... and said", "X had the last word, telling jurors ...":
        # with no cue before, the sentence's subject
        shared = found[-1].source if found and found[-1].kind == "verb" else None
        if shared is None and not found:
            shared = span_of(sentence_subject(toks, k) or [])
        if shared is not None:
            return _verb_record(toks, k, entry, text, depth, cues, inherit=shared, width=width)
    # "said Booth Goodwin, who noted that ...": the relative pronoun is the named speaker
    after_source = k >= 2 and toks[k - 2].text == "," and found and found[-1].source
    if prev == "who" and after_source and found[-1].source[1] == toks[k - 2].idx:
        return _verb_record(toks, k, entry, text, depth, cues, inherit=found[-1].source, width=width)
    return _verb_record(toks, k, entry, text, depth, cues, width=width)


def _verb_record(toks, k, entry, text, depth, cues, inherit: tuple[int, int] | None = None, width=1) -> Record | None:
    tok = toks[k]
    found = subject_tokens(toks, k, inherit, cues)
    if found is None and inherit is None:
        aside = aside_subject(toks, k, cues)  # "The council, in a ruling on Friday, said"
        found = (aside, False) if aside else None
    if found is None:
        return None
    np, inverted = found
    if not inverted and np[0].lower_ in FIRST_PERSON and depth[tok.idx] > 0:
        return None
    last = toks[k + width - 1]
    cue = (tok.idx, last.idx + len(last.text))
    src = span_of(np)
    addressee, j = _addressee(toks, k) if entry.lemma in ADDRESSEE_OBJECT and not inverted else (None, k + width)
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
        source_plural=plural_head(head),
        source_person=person_name(text[src[0] : src[1]], cues),
    )


def _addressee(toks, k) -> tuple[tuple[int, int] | None, int]:
    """(addressee span, position after it) of 'told X that ...'."""
    addr, j = [], k + 1
    stop = ("that", "in", ",", ".", ":", "“", "on", *QUESTION_WORDS)
    while j < len(toks) and toks[j].lower_ not in stop and len(addr) < 6:
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
            and re.match(r"^(?:on|in|last|this|at|during|later|earlier|\w+day)\b", text[rest[0] : rest[1]])
            and not re.search(r"\bthat\b|[“\"]", text[rest[0] : rest[1]])
        ):
            rest = None
        if rest:
            content = [rest]
    if not content and src[0] > sent_start:
        content = [t for t in [trim_span(text, (sent_start, src[0]))] if t]
    return content
