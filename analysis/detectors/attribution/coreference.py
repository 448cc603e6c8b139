"""Document-level coreference for attribution sources, by rule (ANNOTATION.md s2): the bodies and
persons an article names, and what a definite description ('the company', 'the minister') or a
pronoun with no earlier source refers back to.

``Mentions`` indexes one document once: the named bodies by kind (a capitalised name ending in
'Inc', 'Authority', 'Ministry', ...), the persons it introduces (PERSON entities in parse mode; a
title or an apposition around a 'First Last' pair in fast mode) and what each person's first
mention says they are ('Jane Roe, a resident', 'Mayor Jane Roe'). Look-ups walk back a bounded
number of mentions from a position, so a long document stays linear."""

from __future__ import annotations

import bisect
import re

from analysis.detectors.attribution.fast_phrases import person_name
from analysis.detectors.attribution.source_kinds import description_kind

HONORIFICS = ("mr", "mrs", "ms", "dr")

LOOK_BACK = 40  # mentions a description may reach back over
# the word that ends a body's name -> the kinds of body it names
NAME_END_KINDS = {
    **dict.fromkeys(("Inc", "Corp", "Corporation", "Ltd", "LLC", "PLC", "plc", "Co", "Company"), ("company",)),
    **dict.fromkeys(("Industries", "Holdings", "GmbH", "Group"), ("company", "organisation")),
    **dict.fromkeys(("Water", "Power", "Energy", "Electric", "Gas", "Utilities", "Utility"), ("utility",)),
    "Authority": ("authority", "regulator"),
    "Agency": ("agency", "regulator"),
    "Commission": ("commission", "regulator"),
    "Ministry": ("ministry",),
    "Department": ("department",),
    "Campaign": ("campaign",),
    "Party": ("party",),
    "Council": ("council",),
    "Court": ("court",),
    "Union": ("union",),
    "Committee": ("committee",),
    "University": ("university",),
    **dict.fromkeys(("Institute", "Center", "Centre", "Laboratory", "College"), ("institute",)),
    "Hospital": ("hospital",),
    **dict.fromkeys(
        ("Association", "Foundation", "Coalition", "Alliance", "Federation", "Society", "Trust", "Organisation"),
        ("organisation",),
    ),
}
# a description's head noun -> the kinds of named body it can refer back to
DESCRIPTION_KINDS = {
    **dict.fromkeys(("company", "firm", "corporation", "manufacturer", "producer", "retailer"), ("company",)),
    "operator": ("company", "utility"),
    "utility": ("utility",),
    "group": ("organisation", "company"),
    **dict.fromkeys(("organisation", "organization", "charity", "association"), ("organisation",)),
    "regulator": ("regulator",),
    **{kind: (kind,) for kind in ("authority", "agency", "ministry", "department", "campaign", "party", "council")},
    **{kind: (kind,) for kind in ("court", "union", "commission", "committee", "university", "hospital")},
    **dict.fromkeys(("institute", "center", "centre", "laboratory", "lab", "college"), ("institute",)),
}
_END_WORDS = "|".join(sorted((re.escape(w) for w in NAME_END_KINDS), key=len, reverse=True))
_BODY_END = re.compile(rf"\b(?:{_END_WORDS})\b\.?")
_NAME_BEFORE = re.compile(r"(?:[A-Z][\w&'’.-]*\s+(?:(?:of|for|and|&)\s+)?){1,5}$")
_NAME_AFTER = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z][\w'’-]*){0,3}")
_ARTICLES = {"the", "a", "an", "this", "that", "its", "their"}
DESCRIPTION = re.compile(r"^(?:[Tt]he)\s+(?:[a-z][\w-]*\s+){0,2}([a-z]+)$")
_PERSON_AT = re.compile(r"\b[A-Z][a-z’'-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z’'-]+){1,2}\b")
_STOP_BEFORE = {"said", "says", "told", "and", "or", "but", "according", "to", "by", "with", "that", "as", "the"}


def description_head(src_text: str) -> str | None:
    """'company' for 'the company' or 'the chemical company'; None for a name or a longer phrase."""
    m = DESCRIPTION.match(src_text.strip())
    return m.group(1) if m else None


class Mentions:
    """The bodies and persons one document names, by position in its clean text."""

    def __init__(self, text: str, cues, doc=None):
        self.text, self.cues, self.doc = text, cues, doc
        # (start, name, kinds, type or None): bodies named in the text, and sources typed as bodies
        self.bodies = [(start, name, kinds, None) for start, name, kinds in _named_bodies(text)]
        self.persons: list[tuple[int, str]] = _named_persons(text, cues, doc)
        self._by_surname: dict[str, list[tuple[int, str]]] = {}  # the persons by surname, in text order
        for person in self.persons:
            self._by_surname.setdefault(surname(person[1]), []).append(person)
        self.person_types: dict[str, tuple[str, bool]] = {}  # surname -> type given by a record
        self.anonymous_official_at = -1  # where the latest unnamed official ('a senior official') spoke
        self._intros: dict[str, str] = {}

    def add_body(self, pos: int, name: str, source_type: str) -> None:
        """A source typed as a body ('Acme said', 'the Health Ministry said'); its kinds from its words."""
        kinds = {k for w in re.findall(r"[A-Za-z]+", name) for k in DESCRIPTION_KINDS.get(w.lower(), ())}
        kinds |= {k for w in re.findall(r"[A-Z]\w+", name) for k in NAME_END_KINDS.get(w, ())}
        bisect.insort(self.bodies, (pos, name, tuple(sorted(kinds)), source_type), key=lambda b: b[0])

    def body_before(self, pos: int, kinds=None) -> tuple[str, str | None] | None:
        """(name, type or None) of the nearest body named before ``pos`` (of one of ``kinds`` if given)."""
        n = bisect.bisect_left(self.bodies, pos, key=lambda b: b[0])
        for _start, name, body_kinds, source_type in reversed(self.bodies[max(0, n - LOOK_BACK) : n]):
            if kinds is None or set(kinds) & set(body_kinds):
                return name, source_type
        return None

    def add_person(self, pos: int, name: str, source_type: str, anonymous: bool) -> None:
        """A record's person: its type is what later mentions of the surname take."""
        self.person_types[surname(name)] = (source_type, anonymous)
        bisect.insort(self.persons, (pos, name), key=lambda p: p[0])
        bisect.insort(self._by_surname.setdefault(surname(name), []), (pos, name), key=lambda p: p[0])

    def person_before(self, pos: int, accept=None) -> tuple[int, str] | None:
        """(position, name) of the nearest person named before ``pos`` that ``accept(name)`` takes."""
        n = bisect.bisect_left(self.persons, pos, key=lambda p: p[0])
        for start, name in reversed(self.persons[max(0, n - LOOK_BACK) : n]):
            if accept is None or accept(name):
                return start, name
        return None

    def full_name(self, src_text: str) -> str | None:
        """'Jane Roe' for a bare 'Roe' or 'Ms Roe' when the article names a person so."""
        src_text = src_text.strip()
        m = re.fullmatch(r"(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?([A-Z][\w’'-]+)", src_text)
        if m is None:  # a bare 'First Last' that no word list claims (the tagger may miss it)
            return src_text if person_name(src_text, self.cues) == src_text else None
        # an index by surname: a scan of every person per look-up made long documents quadratic
        return next((name for _, name in self._by_surname.get(m.group(1), ()) if " " in name), None)

    def person_type(self, name: str) -> tuple[str, bool]:
        """(source_type, anonymous) of a named person: a record's type, else their description's."""
        known = self.person_types.get(surname(name))
        if known:
            return known
        if self.cues["accused"].search(name):
            return "counterparty", False
        intro = self.introduction(name)
        kind = description_kind(intro, self.cues)
        if kind == "office":
            return ("counterparty" if self.cues["accused"].search(intro) else "named_official"), False
        if kind == "expert":
            return "expert", False
        if self.cues["accuser"].search(name):
            return "named_official", False
        return "citizen", False

    def introduction(self, name: str) -> str:
        """What the article says about a person where it first names them: the words before the
        name in its sentence, an apposition or relative clause after it (and in parse mode the
        name's appositions and relative clauses)."""
        if name not in self._intros:
            self._intros[name] = _introduction(self.text, name, self.doc)
        return self._intros[name]


def surname(name: str) -> str:
    """The last capitalised word of a name that is not an honorific ("Dr Jane Roe" -> "Roe")."""
    words = [w for w in re.findall(r"[A-Z][\w’'-]+", name) if w.lower() not in HONORIFICS]
    return words[-1] if words else name


def body_type(name: str, cues) -> str:
    return "counterparty" if cues["accused"].search(name) else "institution"


def _named_bodies(text: str) -> list[tuple[int, str, tuple]]:
    out = []
    for m in _BODY_END.finditer(text):
        before = _NAME_BEFORE.search(text[max(0, m.start() - 80) : m.start()])
        after = _NAME_AFTER.match(text, m.end())
        start = m.start() - len(before.group(0)) if before else m.start()
        name = text[start : after.end() if after else m.end()].strip()
        words = [w for w in name.split() if w.lower() not in _ARTICLES]
        if len(words) < 2:  # 'The Company' alone names nothing
            continue
        if name.split()[0].lower() in _ARTICLES:
            name = name.split(None, 1)[1]
        out.append(
            (
                start,
                name.rstrip(".") if not name.endswith(("Inc.", "Corp.", "Co.", "Ltd.")) else name,
                NAME_END_KINDS[m.group(0).rstrip(".")],
            )
        )
    return out


def _named_persons(text: str, cues, doc) -> list[tuple[int, str]]:
    if doc is not None:
        return [(ent.start_char, re.sub(r"[’']s$", "", ent.text)) for ent in doc.ents if ent.label_ == "PERSON"]
    out = []
    for m in _PERSON_AT.finditer(text):
        name = person_name(m.group(0), cues)
        if not name or name != m.group(0):
            continue
        before = text[max(0, m.start() - 30) : m.start()].split()
        titled = bool(before) and before[-1].strip(",").lower() in cues["person_titles"]
        if titled or re.match(r",\s+(?:a|an|the|who|\d)", text[m.end() : m.end() + 8]):
            out.append((m.start(), name))
    return out


def _first_mention(text: str, name: str) -> tuple[int, int] | None:
    m = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
    return (m.start(), m.end()) if m else None


def _introduction(text: str, name: str, doc) -> str:
    found = _first_mention(text, name)
    if found is None:
        return ""
    start, end = found
    piece = re.split(r"[.;:!?“”\"\n(]", text[max(0, start - 80) : start])[-1]
    before = []
    for word in reversed(piece.split()):
        if word.lower() in _STOP_BEFORE or word.endswith(","):
            break
        before.insert(0, word)
    after = text[end : end + 200]
    after = re.sub(r"^,\s*\d+,", ",", after)  # 'Jane Roe, 34, a nurse'
    m = re.match(r",\s*([^,.;:“”\"\n]+)|\s+((?:of|from|at|with|for)\s+[^,.;:“”\"\n]+)", after)
    desc = " ".join(before) + " " + (next(g for g in m.groups() if g) if m else "")
    if doc is not None:
        desc += " " + _parse_description(doc, start, end)
    return desc.strip()


def _parse_description(doc, start: int, end: int) -> str:
    """The name's appositions, relative clauses and compounds in the dependency tree."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return ""
    root = span.root
    parts = [
        doc[c.left_edge.i : c.right_edge.i + 1].text
        for c in root.children
        if c.dep_ in ("appos", "relcl", "acl") or (c.dep_ in ("compound", "amod") and c.i < span.start)
    ]
    return " ".join(parts)
