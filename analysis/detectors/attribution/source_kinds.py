"""What kind of speaker a description makes someone (ANNOTATION.md s2): a private person
(``citizen``), a person in office, an expert, or an organisation named as such.

General English only: the patterns of private persons and the words that end company and
organisation names; the nouns of private persons are the cue file's ``citizen_nouns`` list."""

from __future__ import annotations

import re

# groups of private persons: 'a group of residents', 'local people', 'families living near the plant'
CITIZEN_GROUP = re.compile(
    r"(?i)\b(?:local|ordinary|some|many)\s+people\b|\bpeople\s+(?:living|who\s+live)\b|"
    r"\b(?:group|crowd|family|families)\s+of\s+\w+|"
    r"\b(?:\d[\d,]*|dozens|hundreds|thousands|scores|two|three|four|five|six|seven|eight|nine|ten|\w+teen|\w+ty)"
    r"\s+(?:of\s+(?:the\s+|those\s+|these\s+)?)?people\b"
)
# a person described by age alone ('Jane Roe, 34,'): officials are described by office
AGE_ONLY = re.compile(r"^\W*\d{1,3}\W*$")
# 'state epidemiologist', 'county health officer': a public post without a title word
PUBLIC_POST = re.compile(r"(?i)\b(?:state|federal|county|city|municipal|government|public)\s+[a-z]+(?:ist|er|or)\b")
# a relative clause or participle that makes a person private: 'who lives near the plant'
CITIZEN_CLAUSE = re.compile(
    r"(?i)\bwho(?:\s+has|\s+have)?\s+(?:lives?|lived|owns?|owned|rents?|grew\s+up|was\s+(?:injured|hurt|evacuated|"
    r"born)|were\s+(?:injured|hurt|evacuated)|lost|voted|attended|witnessed|saw)\b|\bwhose\s+(?:home|house|farm|"
    r"family|son|daughter|child|children|husband|wife|mother|father)\b|\bliving\s+(?:near|next|in|on)\b"
)
# 'spokesman', 'official', 'aide': singular nouns of people speaking in office
OFFICE_NOUNS = re.compile(r"(?i)\b(?:official|officer|aide|diplomat|lawmaker|staffer|spokes\w+)\b")
# the last word of a company or organisation name ('Acme Chemicals Inc.', 'Elmwood Water Authority')
ORGANISATION_END = (
    r"(?:Inc\b\.?|Corp\b\.?|Corporation|Ltd\b\.?|LLC|PLC|plc|Co\.|Company|Industries|Group|Holdings|GmbH|"
    r"Authority|Agency|Ministry|Department|Campaign|Party|Council|Court|Union|Commission|Committee|Board|"
    r"Association|Foundation|Coalition|Alliance|Federation|Society|Trust|Utilities|Utility|Institute)"
)
BODY_OF_NAME = re.compile(rf"\b{ORGANISATION_END}\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")
ORGANISATION_NAME = re.compile(rf"\b[A-Z][\w&'’-]*(?:\s+(?:[A-Z][\w&'’.-]*|&|and|of|for))*?\s+{ORGANISATION_END}")


def is_citizen_phrase(head: str, src_text: str, cues) -> bool:
    """'residents', 'one neighbour', 'a group of parents', 'local people' (head word or group)."""
    if head in cues["citizen_nouns"]:
        return True
    group = CITIZEN_GROUP.search(src_text)
    return bool(group) and ("people" in group.group(0).lower() or group.group(0).split()[-1] in cues["citizen_nouns"])


def organisation_at(name: str, src_text: str) -> int | None:
    """Where the organisation's name ends when a 'First Last' pair is part of one in the source
    ('Elmwood Water' of 'Elmwood Water Authority', 'Environmental Protection' of 'Department of
    Environmental Protection'); None when the pair is no organisation's."""
    at = src_text.find(name)
    if at < 0:
        return None
    for found in (*ORGANISATION_NAME.finditer(src_text), *BODY_OF_NAME.finditer(src_text)):
        if found.start() <= at < found.end() and "," not in found.group(0):
            return max(found.end(), at + len(name))
    return None


def description_kind(desc: str, cues) -> str | None:
    """'office', 'expert' or 'citizen': what a person's description says they are; None when it
    says nothing. A title outweighs a private role ('a resident and the mayor'); a private role
    outweighs a place ('a resident of the Council estate')."""
    if not desc.strip():
        return None
    if cues["person_titles"].search(desc) or cues["unique_offices"].search(desc) or OFFICE_NOUNS.search(desc):
        return "office"
    if cues["expert"].search(desc):
        return "expert"
    if PUBLIC_POST.search(desc):
        return "office"
    if cues["citizen_nouns"].search(desc) or CITIZEN_CLAUSE.search(desc) or CITIZEN_GROUP.search(desc):
        return "citizen"
    if AGE_ONLY.match(desc):
        return "citizen"
    if _speaks_for_body(desc, cues):
        return "office"
    return None


def _speaks_for_body(desc: str, cues) -> bool:
    """'of the Environment Agency', 'at Acme Corp': a person attached to an organisation."""
    attached = re.search(r"(?i)\b(?:of|for|at|from|with)\s+(?:the\s+)?(.{0,60})", desc)
    body = attached.group(1) if attached else ""
    return bool(cues["institution_words"].search(body) or ORGANISATION_NAME.search(body))


def name_after_title(text: str, cues) -> str | None:
    """'John Kirby' in 'spokesman John Kirby': capitalised words right after a person's title."""
    for m in re.finditer(r"\b([\w-]+)\s+((?:[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+){0,2})", text):
        if m.group(1) in cues["person_titles"]:
            return m.group(2)
    return None
