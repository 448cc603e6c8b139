"""Sources read in the context of the whole document: pronouns resolved to earlier sources,
surnames completed to the fullest name, unnamed title holders and outlets named elsewhere,
entity labels and clustering (``resolve_sources``, ``entity_label``, ``cluster_entities``)."""

from __future__ import annotations

import re

from analysis.detectors.attribution.records import Record
from analysis.detectors.attribution.rules import MEDIA_NAMED_ELSEWHERE, NAMED_ELSEWHERE, PRONOUN_RESOLUTION
from analysis.detectors.attribution.sources import (
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    RELATIVE_CLAUSE,
    THING_PRONOUNS,
    classify_source,
)
from analysis.settings import Settings

HONORIFICS = ("mr", "mrs", "ms", "dr")
GENERIC_OUTLET = re.compile(
    r"(?i)^the\s+(?:outlet|newspaper|paper|broadcaster|network|channel|daily|magazine|"
    r"news agency|publication|news site|website)$"
)


def resolve_sources(records: list[Record], text: str, cues, settings: Settings) -> None:
    """Set each record's source type, anonymity and marker, resolving it through the document."""
    _complete_person_names(records, text)
    titled = _titled_names(records, text, cues)
    for i, rec in enumerate(records):
        src_text = text[rec.source[0] : rec.source[1]] if rec.source else ""
        kind = _pronoun_kind(src_text)
        if kind and settings.rule_enabled(PRONOUN_RESOLUTION) and _take_antecedent(records, i, kind, text, cues):
            continue
        stype, anonymous, marker = classify_source(rec, src_text, cues, settings)
        if kind == "thing" and stype == "vague" and rec.lemma in cues["evidence_verbs"]:
            stype, anonymous = "document", False
        if kind == "person" and stype in ("vague", "institution"):
            stype, anonymous = "anonymous_official", True
        rec.source_type, rec.anonymous, rec.marker = stype, anonymous, marker
        if settings.rule_enabled(NAMED_ELSEWHERE):
            _name_title_holder(rec, src_text, titled, cues)
        if stype == "other_media" and anonymous and settings.rule_enabled(MEDIA_NAMED_ELSEWHERE):
            _name_outlet(records, i, src_text, text)
        if src_text.lower() == "the regime" and settings.rule_enabled(PRONOUN_RESOLUTION):
            rec.resolved = cues.aliases.get("the regime")


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
            sur = _surname(rec.source_person)
            if sur in persons:
                rec.source_person = persons[sur]
    for rec in records:
        if not rec.source_person and rec.source:
            bare = re.sub(r"^(?:Mr|Mrs|Ms|Dr)\.?\s+", "", text[rec.source[0] : rec.source[1]].strip())
            if bare in persons:
                rec.source_person = persons[bare]


def _take_antecedent(records: list[Record], i: int, kind: str, text: str, cues) -> bool:
    """A pronoun source takes the type and person of its antecedent; False when there is none."""
    rec, ante = records[i], _antecedent(records, i, kind, text, cues)
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


def _name_outlet(records: list[Record], i: int, src_text: str, text: str) -> None:
    """'according to the outlet' after 'the New York Times reported': resolved to that outlet."""
    if GENERIC_OUTLET.match(src_text.strip()):
        outlet = _named_outlet_before(records, i, text)
        if outlet:
            records[i].resolved, records[i].anonymous = outlet, False


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


def _surname(name: str) -> str:
    words = [w for w in re.findall(r"[A-Z][\w’'-]+", name) if w.lower() not in HONORIFICS]
    return words[-1] if words else name


def _fullest_names(names) -> dict[str, str]:
    """Surname -> the longest of the names with that surname (the first seen on a tie)."""
    full: dict[str, str] = {}
    for name in names:
        sur = _surname(name)
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


def _named_outlet_before(records, i, text) -> str | None:
    """The nearest earlier named outlet ('the New York Times') that 'the outlet' refers back to."""
    for j in range(i - 1, -1, -1):
        cand = records[j]
        if cand.source_type == "other_media" and not cand.anonymous and cand.source:
            return cand.resolved or _without_relative(text[cand.source[0] : cand.source[1]])
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


def _antecedent(records, i, kind, text, cues) -> Record | None:
    for j in range(i - 1, -1, -1):
        cand = records[j]
        if cand.source is None or cand.agentless:
            continue
        cand_text = text[cand.source[0] : cand.source[1]]
        ckind = _pronoun_kind(cand_text)
        if ckind and ckind != kind:
            continue
        if ckind == kind and cand.resolved:
            return cand
        if ckind:
            continue
        if kind == "person":
            if (
                cand.source_person
                or (cand.source_head in cues["official_nouns"] and not cand.source_plural)
                or cand.source_head in cues["person_titles"]
            ):
                return cand
        elif kind == "plural":
            if cand.source_plural or cand.source_head in ("services", "agencies"):
                return cand
        elif kind == "thing" and (
            not cand.source_person
            and not cand.source_plural
            and cand.source_type in ("institution", "counterparty", "other_media")
            and cand.source_head not in cues["official_nouns"]
        ):
            return cand
    return None


def cluster_entities(records: list[Record]) -> None:
    """Records of the same person share the fullest name seen for the surname."""
    full = _fullest_names(rec.source_person for rec in records if rec.source_person)
    for rec in records:
        if rec.source_person:
            rec.entity = full.get(_surname(rec.source_person), rec.entity)
