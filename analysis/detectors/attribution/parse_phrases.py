"""Noun phrases of the dependency tree for parse-mode attribution: the subject a cue inherits,
the tokens and head word of a source, the antecedent of a relative clause, PERSON names in a
source and the trimmed source span; and ``ParseContext``, what every parse-mode extractor reads."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from analysis.detectors.attribution.records import trim_span
from analysis.detectors.attribution.rules import INHERIT_ACROSS_CLAUSE, SUBJECT_INHERITANCE
from analysis.detectors.token_columns import TokenColumns
from analysis.settings import Settings

INHERIT_DEPS = {"conj", "xcomp", "advcl", "pcomp", "prep", "pobj"}
RELATIVE_PRONOUNS = {"that", "which", "who", "whom"}
QUANTIFIERS = {"one", "some", "many", "several", "two", "three", "most", "none", "each", "all", "any"}

_SPACED_DASH = re.compile(r"\s[–—]\s")
_WEEKDAYS_MONTHS = re.compile(
    r"(?i)^(?:mon|tues|wednes|thurs|fri|satur|sun)day|^(?:yester|to)day$|^(?:january|february|"
    r"march|april|june|july|august|september|october|november|december)$"
)


@dataclass
class ParseContext:
    """One document as the parse-mode extractors read it."""

    text: str  # the clean text
    lexicon: object  # ReportingLexicon
    cues: object  # SourceCues
    settings: Settings
    depth: list[int]  # quotation depth per character
    persons: PersonIndex
    tokens: TokenColumns
    reporting: frozenset = field(init=False)  # reporting-verb lemmas
    verb_starts: frozenset = field(init=False)  # lemmas that can begin a verb or phrase cue
    according: list[int] = field(init=False)  # positions of the word 'according'
    nouns: list[int] = field(init=False)  # positions of the tokens with a reporting noun's lemma

    def __post_init__(self):
        self.reporting = frozenset(self.lexicon.verbs)
        self.verb_starts = frozenset(
            [lemma for lemma, entry in self.lexicon.verbs.items() if entry.kind == "verb"]
            + [phrase.split()[0] for phrase, entry in self.lexicon.phrases.items() if entry.kind == "phrase"]
        )
        self.according = self.tokens.word_indexes(frozenset(["according"]))
        self.nouns = self.tokens.lemma_indexes(frozenset(self.lexicon.nouns))


def source_span(text: str, span, keep_apposition: bool = False) -> tuple[int, int] | None:
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


def subject(tok, settings: Settings, depth: int = 0, reporting=frozenset(), participle=None):
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
        and settings.rule_enabled(SUBJECT_INHERITANCE)
    ):
        return subject(tok.head, settings, depth + 1, reporting, participle)
    if depth and participle and tok.dep_ == "conj" and settings.rule_enabled(INHERIT_ACROSS_CLAUSE):
        # "would not disclose how ... or which countries are believed ..., saying only": the participle
        # hangs on the second of two coordinated content clauses; the speaker is the reporting verb's subject
        first = tok
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if first.dep_ == "ccomp" and first.head.lemma_.lower() in reporting:
            return subject(first.head, settings, depth + 1, reporting, participle)
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return child
    if depth >= 4 or not settings.rule_enabled(SUBJECT_INHERITANCE):
        return None
    deps = INHERIT_DEPS | ({"ccomp"} if depth else set())
    if tok.dep_ in deps and tok.head is not tok:
        if tok.dep_ in ("prep", "pobj") and depth == 0:
            return None
        return subject(tok.head, settings, depth + 1, reporting, participle)
    return None


def np_tokens(head):
    """Tokens of a noun phrase: its contiguous subtree."""
    return list(head.doc[head.left_edge.i : head.right_edge.i + 1])


def clip(tokens, cue_tok):
    """Keep the side of the cue token a noun phrase is on (bad parses can straddle it)."""
    if not tokens or not any(t.i == cue_tok.i for t in tokens):
        return tokens
    before = [t for t in tokens if t.i < cue_tok.i]
    return before or [t for t in tokens if t.i > cue_tok.i]


def head_of(tokens):
    """The head token of a phrase ('officials' in 'one of the American officials')."""
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


def antecedent_tokens(tok):
    """The noun phrase a relative clause or participle modifies, without that clause: 'information'
    in 'information that indicates ...' / 'information indicating ...'."""
    head = tok.head
    inner = {t.i for t in tok.subtree}
    tokens = [t for t in np_tokens(head) if t.i not in inner]
    tokens = [t for t in tokens if t.i <= max(head.i, tok.left_edge.i - 1)]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    return tokens


def is_date(tok) -> bool:
    """'Tuesday's statement', 'last week's report': a time, not a source."""
    return tok.ent_type_ in ("DATE", "TIME") or bool(_WEEKDAYS_MONTHS.match(tok.text))


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


def person_in(tokens, persons: PersonIndex) -> str | None:
    """The PERSON name heading a source ('spokesman John Kirby'), not one inside a modifier
    ('the Biden administration')."""
    if not tokens:
        return None
    name = persons.at(head_of(tokens).i)
    return re.sub(r"[’']s$", "", name) if name is not None else None


def appositive_person(src_toks, persons: PersonIndex) -> str | None:
    """'A spokesman for the National Security Council, John Kirby': the person named in apposition
    to an unnamed title."""
    if not src_toks:
        return None
    head = head_of(src_toks)
    ids = {t.i for t in src_toks}
    for child in head.children:
        if child.dep_ == "appos" and child.i in ids:
            name = persons.at(child.i)
            if name is not None:
                return re.sub(r"[’']s$", "", name)
    return None
