"""Record-level coreference rules (ANNOTATION.md s2), applied by ``source_resolution`` while it
walks the records in text order: a named person's type from their description, a definite
description ('the company', 'the minister') resolved to the body or person named earlier, and a
pronoun with no earlier source resolved to the nearest body or person the text names."""

from __future__ import annotations

import re

from analysis.detectors.attribution.coreference import (
    DESCRIPTION_KINDS,
    Mentions,
    body_type,
    description_head,
)
from analysis.detectors.attribution.records import Record
from analysis.detectors.attribution.rules import (
    BODY_DESCRIPTION,
    PERSON_DESCRIPTION,
    PERSON_TYPE_FROM_INTRODUCTION,
    TEXT_ANTECEDENT,
)
from analysis.detectors.attribution.source_kinds import OFFICE_NOUNS, description_kind

KIND_TYPES = {"office": "named_official", "expert": "expert", "citizen": "citizen"}
GENERIC_OFFICE = ("official", "officer")


def type_named_person(rec: Record, src_text: str, mentions: Mentions, settings) -> None:
    """A named person typed 'named_official' by default takes the type their description gives:
    in the source itself ('Jane Roe, a resident of Elmwood'), else where the article introduces them."""
    if not (rec.source_person and rec.source_type == "named_official"):
        return
    if not settings.rule_enabled(PERSON_TYPE_FROM_INTRODUCTION):
        return
    name = rec.source_person
    if mentions.cues["accuser"].search(name):  # a story side's own person
        return
    kind = description_kind(src_text.replace(name, " "), mentions.cues)
    if kind is not None:
        rec.source_type, rec.anonymous = KIND_TYPES[kind], False
    else:
        rec.source_type, rec.anonymous = mentions.person_type(name)


def resolve_description(rec: Record, src_text: str, mentions: Mentions, settings) -> None:
    """'the company' takes the body named earlier; 'the minister' the person with that title."""
    head = description_head(src_text)
    if head is None or rec.source is None or rec.resolved:
        return
    if head in DESCRIPTION_KINDS and rec.source_type != "other_media" and settings.rule_enabled(BODY_DESCRIPTION):
        _body_description(rec, head, mentions)
    elif _is_office_word(head, mentions.cues) and not rec.source_plural and settings.rule_enabled(PERSON_DESCRIPTION):
        _person_description(rec, head, mentions)


def _body_description(rec: Record, head: str, mentions: Mentions) -> None:
    found = mentions.body_before(rec.source[0], DESCRIPTION_KINDS[head])
    rec.anonymous = False  # a body described is identified, named or not (NOTES.md 8)
    if rec.source_type in ("vague", "anonymous_official"):
        rec.source_type = "institution"
    if found is not None:
        name, source_type = found
        rec.resolved = name
        rec.source_type = source_type or body_type(name, mentions.cues)


def _person_description(rec: Record, head: str, mentions: Mentions) -> None:
    if head in GENERIC_OFFICE:  # 'the official': the nearest person in office

        def accept(name):
            return mentions.person_type(name)[0] in ("named_official", "counterparty")
    else:  # 'the minister': the nearest person introduced with that title
        title = re.compile(r"(?i)\bspokes\w+" if head.startswith("spokes") else rf"(?i)\b{re.escape(head)}\b")

        def accept(name):
            return bool(title.search(mentions.introduction(name)))

    found = mentions.person_before(rec.source[0], accept)
    if found is None or mentions.anonymous_official_at > found[0]:
        return  # 'a senior official said ... the official added': the unnamed one
    rec.resolved = rec.source_person = found[1]
    rec.source_type, rec.anonymous = mentions.person_type(found[1])


def text_antecedent(rec: Record, kind: str, mentions: Mentions, settings) -> bool:
    """'he'/'she'/'it' with no earlier source: the nearest person or body the text names."""
    if rec.source is None or kind not in ("person", "thing") or not settings.rule_enabled(TEXT_ANTECEDENT):
        return False
    if kind == "person":
        found = mentions.person_before(rec.source[0])
        if found is None:
            return False
        name = found[1]
        rec.resolved = rec.source_person = name
        rec.source_type, rec.anonymous = mentions.person_type(name)
        return True
    found = mentions.body_before(rec.source[0])
    if found is None or rec.lemma in mentions.cues["evidence_verbs"]:
        return False  # 'it shows that': the evidence, not a body
    name, source_type = found
    rec.resolved, rec.source_type, rec.anonymous = name, source_type or body_type(name, mentions.cues), False
    return True


def remember(rec: Record, src_text: str, mentions: Mentions) -> None:
    """Record a resolved source's person or body for the descriptions after it."""
    if rec.source is None:
        return
    if rec.source_person:
        mentions.add_person(rec.source[0], rec.source_person, rec.source_type, rec.anonymous)
    elif rec.source_type == "anonymous_official" and not rec.source_plural:
        mentions.anonymous_official_at = rec.source[0]
    elif rec.source_type in ("institution", "counterparty") and not rec.source_plural:
        name = rec.resolved or re.split(r",\s*(?:who|which)\b", src_text)[0].strip()
        if name and name[0].isupper() and description_head(name) is None:
            mentions.add_body(rec.source[0], name, rec.source_type)


def _is_office_word(head: str, cues) -> bool:
    return head in cues["person_titles"] or head in cues["unique_offices"] or bool(OFFICE_NOUNS.fullmatch(head))
