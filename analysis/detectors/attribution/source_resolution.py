"""Sources read in the context of the whole document: pronouns resolved to earlier sources,
surnames completed to the fullest name, unnamed title holders and outlets named elsewhere,
entity labels and clustering (``resolve_sources``, ``entity_label``, ``cluster_entities``)."""

from __future__ import annotations

import re

from analysis.detectors.attribution.coreference import HONORIFICS, Mentions, surname
from analysis.detectors.attribution.fast_phrases import person_name
from analysis.detectors.attribution.records import Record
from analysis.detectors.attribution.rules import (
    MEDIA_NAMED_ELSEWHERE,
    NAMED_ELSEWHERE,
    ORGANISATION_NOT_PERSON,
    PERSON_TYPE_FROM_INTRODUCTION,
    PRONOUN_RESOLUTION,
)
from analysis.detectors.attribution.source_coreference import (
    remember,
    resolve_description,
    text_antecedent,
    type_named_person,
)
from analysis.detectors.attribution.source_kinds import name_after_title, organisation_at
from analysis.detectors.attribution.sources import (
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    RELATIVE_CLAUSE,
    THING_PRONOUNS,
    classify_source,
)
from analysis.settings import Settings

PRONOUN_KINDS = ("person", "plural", "thing")
GENERIC_OUTLET = re.compile(
    r"(?i)^the\s+(?:outlet|newspaper|paper|broadcaster|network|channel|daily|magazine|"
    r"news agency|publication|news site|website)$"
)


def resolve_sources(records: list[Record], text: str, cues, settings: Settings) -> None:
    """Set each record's source type, anonymity and marker, resolving it through the document."""
    _complete_person_names(records, text)
    titled = _titled_names(records, text, cues)
    earlier = EarlierSources(text, cues)
    doc = next((rec.head_token.doc for rec in records if rec.head_token is not None), None)
    mentions = Mentions(text, cues, doc)
    for rec in records:
        src_text = text[rec.source[0] : rec.source[1]] if rec.source else ""
        _resolve_source(rec, earlier, titled, mentions, src_text, cues, settings)
        earlier.add(rec)
        remember(rec, src_text, mentions)


def _resolve_source(rec: Record, earlier, titled: dict[str, set], mentions, src_text: str, cues, settings) -> None:
    """Resolve one record; ``earlier`` and ``mentions`` hold the records before it, already resolved."""
    kind = _pronoun_kind(src_text)
    if kind and settings.rule_enabled(PRONOUN_RESOLUTION):
        if _take_antecedent(rec, earlier.antecedent(kind), text=mentions.text):
            return
        if text_antecedent(rec, kind, mentions, settings):
            return
    if rec.source_person and settings.rule_enabled(ORGANISATION_NOT_PERSON):
        org_end = organisation_at(rec.source_person, src_text)
        if org_end is not None:  # 'Elmwood Water' of 'Elmwood Water Authority' names no person
            rec.source_person = person_name(src_text[org_end:], cues) or name_after_title(src_text[org_end:], cues)
    if not rec.source_person and settings.rule_enabled(PERSON_TYPE_FROM_INTRODUCTION):
        rec.source_person = mentions.full_name(src_text)  # 'Roe' after 'Jane Roe, a resident'
    stype, anonymous, marker = classify_source(rec, src_text, cues, settings)
    if kind == "thing" and stype == "vague" and rec.lemma in cues["evidence_verbs"]:
        stype, anonymous = "document", False
    if kind == "person" and stype in ("vague", "institution"):
        stype, anonymous = "anonymous_official", True
    rec.source_type, rec.anonymous, rec.marker = stype, anonymous, marker
    type_named_person(rec, src_text, mentions, settings)
    resolve_description(rec, src_text, mentions, settings)
    if settings.rule_enabled(NAMED_ELSEWHERE):
        _name_title_holder(rec, src_text, titled, cues)
    if stype == "other_media" and anonymous and settings.rule_enabled(MEDIA_NAMED_ELSEWHERE):
        _name_outlet(rec, src_text, earlier.outlet())
    if src_text.lower() == "the regime" and settings.rule_enabled(PRONOUN_RESOLUTION):
        rec.resolved = cues.aliases.get("the regime")


class EarlierSources:
    """The latest earlier record each pronoun kind can refer back to, and the latest named outlet.

    Each record is added once, after it is resolved (a record changes no earlier one), so a look-up
    gives the nearest earlier match, as a scan back over the document would, without the scan: a
    pronoun with no antecedent would otherwise walk every earlier record, which made a long
    document with many of them quadratic in its attributions."""

    def __init__(self, text: str, cues):
        self.text, self.cues = text, cues
        self.latest: dict[str, Record] = {}

    def add(self, rec: Record) -> None:
        if rec.source is None:
            return
        if rec.source_type == "other_media" and not rec.anonymous:
            self.latest["outlet"] = rec
        if rec.agentless:
            return
        for kind in PRONOUN_KINDS:
            if _refers_back(rec, kind, self.text, self.cues):
                self.latest[kind] = rec

    def antecedent(self, kind: str) -> Record | None:
        """The nearest earlier record a pronoun of this kind refers to."""
        return self.latest.get(kind)

    def outlet(self) -> str | None:
        """The nearest earlier named outlet ('the New York Times') that 'the outlet' refers back to."""
        cand = self.latest.get("outlet")
        if cand is None:
            return None
        return cand.resolved or _without_relative(self.text[cand.source[0] : cand.source[1]])


def _complete_person_names(records: list[Record], text: str) -> None:
    """A surname ('Kirby', 'Mr Kirby') takes the fullest name used with it in the document."""
    persons = _fullest_names(
        rec.source_person
        for rec in records
        if rec.source_person
        and len(rec.source_person.split()) >= 2
        and not re.match(r"(?:Mr|Mrs|Ms|Dr)\b", rec.source_person)
    )
    for rec in records:
        if rec.source_person:
            sur = surname(rec.source_person)
            if sur in persons:
                rec.source_person = persons[sur]
    for rec in records:
        if not rec.source_person and rec.source:
            bare = re.sub(r"^(?:Mr|Mrs|Ms|Dr)\.?\s+", "", text[rec.source[0] : rec.source[1]].strip())
            if bare in persons:
                rec.source_person = persons[bare]


def _take_antecedent(rec: Record, ante: Record | None, text: str) -> bool:
    """A pronoun source takes the type and person of its antecedent; False when there is none."""
    if ante is None:
        return False
    rec.resolved = ante.source_person or ante.resolved or _without_relative(text[ante.source[0] : ante.source[1]])
    rec.source_type, rec.anonymous, rec.marker = ante.source_type, ante.anonymous, ante.marker
    rec.source_person = ante.source_person
    return True


def _name_title_holder(rec: Record, src_text: str, titled: dict[str, set], cues) -> None:
    """'a White House spokesman' after 'spokesman John Kirby': the only person with that title."""
    if (
        (rec.source_type in ("anonymous_official", "counterparty") or rec.source_head in cues["person_titles"])
        and not rec.source_person
        and not rec.marker
        and not rec.source_plural
    ):
        name = _named_elsewhere(src_text, titled)
        if name:
            rec.resolved = name
            rec.source_person = name
            if rec.source_type != "counterparty":
                rec.source_type = "named_official"
            rec.anonymous = False


def _name_outlet(rec: Record, src_text: str, outlet: str | None) -> None:
    """'according to the outlet' after 'the New York Times reported': resolved to that outlet."""
    if outlet and GENERIC_OUTLET.match(src_text.strip()):
        rec.resolved, rec.anonymous = outlet, False


def entity_label(rec: Record, src_text: str, cues) -> str:
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
    stripped = re.sub(r"^(?:the|a|an)\s+", "", base.strip(), flags=re.IGNORECASE)
    if stripped.lower() in cues.aliases:
        return cues.aliases[stripped.lower()]
    return stripped


def _fullest_names(names) -> dict[str, str]:
    """Surname -> the longest of the names with that surname (the first seen on a tie)."""
    full: dict[str, str] = {}
    for name in names:
        sur = surname(name)
        if len(name) > len(full.get(sur, "")):
            full[sur] = name
    return full


def _pronoun_kind(src_text: str) -> str | None:
    low = src_text.strip().lower()
    if low in PERSON_PRONOUNS:
        return "person"
    if low in PLURAL_PRONOUNS:
        return "plural"
    if low in THING_PRONOUNS:
        return "thing"
    return None


def _without_relative(s: str) -> str:
    return RELATIVE_CLAUSE.split(s)[0].strip()


def _titled_names(records, text, cues) -> dict[str, set]:
    """title word -> set of full names it is used with in this document ('spokesman' -> {'John Kirby'})."""
    out: dict[str, set] = {}
    for rec in records:
        if rec.source_person and rec.source:
            src_text = text[rec.source[0] : rec.source[1]]
            for w in re.findall(r"[A-Za-z]+", src_text):
                if w.lower() in cues["person_titles"] and w.lower() not in (*HONORIFICS, "head"):
                    out.setdefault(w.lower(), set()).add(rec.source_person)
    return out


def _named_elsewhere(src_text, titled) -> str | None:
    for w in re.findall(r"[A-Za-z]+", src_text):
        names = titled.get(w.lower())
        if names and len(names) == 1 and w.lower() not in ("official", "officer"):
            return next(iter(names))
    return None


def _refers_back(cand: Record, kind: str, text: str, cues) -> bool:
    """Whether a pronoun of ``kind`` after ``cand`` can take it as antecedent (a resolved pronoun
    of the same kind passes its antecedent on)."""
    ckind = _pronoun_kind(text[cand.source[0] : cand.source[1]])
    if ckind:
        return ckind == kind and bool(cand.resolved)
    if kind == "person":
        return bool(
            cand.source_person
            or (cand.source_head in cues["official_nouns"] and not cand.source_plural)
            or cand.source_head in cues["person_titles"]
            or (cand.source_head in cues["citizen_nouns"] and not cand.source_plural)
        )
    if kind == "plural":
        return cand.source_plural or cand.source_head in ("services", "agencies")
    return (
        not cand.source_person
        and not cand.source_plural
        and cand.source_type in ("institution", "counterparty", "other_media")
        and cand.source_head not in cues["official_nouns"]
    )


def cluster_entities(records: list[Record]) -> None:
    """Records of the same person share the fullest name seen for the surname."""
    full = _fullest_names(rec.source_person for rec in records if rec.source_person)
    for rec in records:
        if rec.source_person:
            rec.entity = full.get(surname(rec.source_person), rec.entity)
