"""What a source is: source type and anonymity (``classify_source``) and
whether a colon or dash lead-in names a source (``looks_like_source``). Names of places, people
and outlets come from the source-cue lists (``data/source_cues.yaml``); this module keeps only
general English (pronouns, determiners, document words)."""

from __future__ import annotations

import re
from dataclasses import replace

from analysis.detectors.attribution.records import Record
from analysis.detectors.attribution.rules import (
    CITIZEN_SOURCE,
    DOCUMENT_ISSUER,
    EVIDENCE_SUBJECT_DOCUMENT,
    EXPERT_WITH_INSTITUTION,
    ORGANISATION_NOT_PERSON,
    PERSON_NOT_GENERIC_MEDIA,
    PLACE_REPORTS_VAGUE,
)
from analysis.detectors.attribution.source_kinds import is_citizen_phrase
from analysis.settings import Settings

PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}  # "his conclusion"
PLURAL_PRONOUNS = {"they", "them", "their"}
THING_PRONOUNS = {"it", "its"}
DEMONSTRATIVES = {"this", "that", "these", "those"}
FIRST_PERSON = {"i", "we", "me", "us", "our", "my"}

ISSUED_BY = re.compile(r"\b(?:issued|released|published|signed|sent|written|delivered|made) by\s+|\bfrom\s+(?=\S)")
RELATIVE_CLAUSE = re.compile(r",\s*(?:who|which)\b")
EXPERT_HEADS = ("experts", "expert", "analysts", "analyst")
UNNAMED_GROUP_HEADS = ("experts", "analysts", "observers", "sources")


def looks_like_source(src_text: str, cues) -> bool:
    """Whether a colon or dash lead-in names a source: a source word or a short proper name."""
    return any(
        cues[name].search(src_text)
        for name in ("accused", "accuser", "media", "official_nouns", "person_titles", "institution_words", "expert")
    ) or bool(re.fullmatch(r"(?:[A-Z][\w.’'-]+\s?){2,4}", src_text))


def classify_source(rec: Record, src_text: str, cues, settings: Settings) -> tuple[str, bool, str | None]:
    """(source_type, anonymous, anonymity marker) from the source text and the cue: the first
    decision that applies, from the cue's own evidence down to the head word."""
    marker = next((m.group(0) for rx in cues.anonymity for m in [rx.search(src_text)] if m), None)
    if rec.agentless:
        return "vague", True, marker
    evidence_or_reports = _evidence_or_reports(rec, src_text, cues, settings)
    if evidence_or_reports:
        return evidence_or_reports, evidence_or_reports == "vague", marker
    issuer = _issuer(rec, src_text, cues, settings)
    if issuer is not None:  # "a statement issued by a senior official ...": the issuer speaks (NOTES 3)
        return classify_source(*issuer, cues, settings)
    if _is_document(rec, src_text, cues):
        return "document", False, marker
    if _is_expert(rec, src_text, cues, settings):
        return "expert", False, marker
    core = RELATIVE_CLAUSE.split(src_text)[0]
    if cues["accused"].search(core) or cues["state_media"].search(core):
        anonymous = bool(marker) or (
            rec.source_head in cues["official_nouns"]
            and not rec.source_person
            and not cues["unique_offices"].search(core.split(" of ")[0])
        )
        return "counterparty", anonymous, marker
    media_anonymous = _media_anonymity(rec, src_text, cues, settings)
    if media_anonymous is not None:
        return "other_media", media_anonymous, marker
    # 'residents said', 'one neighbour said': private persons; a named one is typed by resolution
    if (
        not rec.source_person
        and settings.rule_enabled(CITIZEN_SOURCE)
        and is_citizen_phrase(rec.source_head, core, cues)
    ):
        return "citizen", True, marker
    title_first = settings.rule_enabled(ORGANISATION_NOT_PERSON)
    source_type, anonymous = _type_by_head(rec, src_text, cues, marker, title_first)
    return source_type, anonymous, marker


def _evidence_or_reports(rec: Record, src_text: str, cues, settings: Settings) -> str | None:
    """'document' for evidence that shows, 'vague' for bare 'reports' and 'US reports'; else None."""
    head, low = rec.source_head, src_text.lower()
    if rec.lemma in cues["evidence_verbs"] and settings.rule_enabled(EVIDENCE_SUBJECT_DOCUMENT):
        personish = (
            rec.source_person
            or head in cues["official_nouns"]
            or head in cues["person_titles"]
            or head in cues["media"]
            or (head in cues["institution_words"] and head != "intelligence")
            or (cues["media"].search(src_text) and head not in cues["document_heads"])
        )
        if not personish:
            return "document"
    if not settings.rule_enabled(PLACE_REPORTS_VAGUE):
        return None
    if head in ("report", "reports"):
        bare = not re.match(r"^(?:the|a|an|this|that|these|those|its|their|our)\b", low) and not re.search(
            r"declassif|intelligence|downgraded|leaked", low
        )
        if bare and not cues["media"].search(src_text):
            return "vague"
    # "US reports that", headline "...: US Reports": a bare place name, government or media unclear
    if (
        rec.lemma == "report"
        and (rec.kind == "noun" or (rec.head_token is not None and rec.head_token.tag_ in ("NNS", "VBZ", "VBP")))
        and len(src_text.split()) <= 2
        and not re.match(r"(?i)the\b", src_text)
        and not cues["media"].search(src_text)
        and not rec.source_person
        and not cues["institution_words"].search(cues["place_names"].without(src_text))
    ):
        return "vague"
    return None


def _issuer(rec: Record, src_text: str, cues, settings: Settings) -> tuple[Record, str] | None:
    """(the record as the issuer's, the issuer's text) for a document issued by someone named."""
    if rec.source_head not in cues["document_heads"] or not settings.rule_enabled(DOCUMENT_ISSUER):
        return None
    issued = ISSUED_BY.search(RELATIVE_CLAUSE.split(src_text)[0])
    if not issued:
        return None
    speaker = src_text[issued.end() :]
    speaker_head = re.split(r"\s+(?:of|at|for|in|from|to)\s+|,", speaker)[0].split()
    if not speaker_head:
        return None
    head = speaker_head[-1].lower()
    return replace(rec, source_head=head, lemma="say", source_plural=head.endswith("s")), speaker


def _is_document(rec: Record, src_text: str, cues) -> bool:
    """A document head ('the report', 'newly declassified intelligence') or a demonstrative."""
    head, words = rec.source_head, src_text.lower().split()
    specific = head != "intelligence" or any(w in cues["specific_document_modifiers"] for w in words[:-1])
    if (
        head in cues["document_heads"]
        and not rec.source_person
        and head not in DEMONSTRATIVES
        and specific
        and head not in cues["official_nouns"]
    ):
        return True
    first_word = words[0] if words else ""
    return head in DEMONSTRATIVES or (first_word in DEMONSTRATIVES and rec.lemma in cues["evidence_verbs"])


def _is_expert(rec: Record, src_text: str, cues, settings: Settings) -> bool:
    """A named expert, or experts with their institution; never the accused side's people."""
    expert_hit = cues["expert"].search(src_text)
    if not expert_hit:
        return False
    named_expert = rec.source_person or re.search(r"[A-Z]", re.sub(r"^\W*\w", "", src_text))
    # "experts at the Institute for ...": the think tank is named, so not vague
    with_institution = settings.rule_enabled(EXPERT_WITH_INSTITUTION) and re.search(
        r"\b(?:at|from|of|with)\s+(?:the\s+)?[A-Z]", src_text
    )
    accused = cues["accused"].search(src_text.split(",")[0])
    expert = (named_expert and (rec.source_head not in EXPERT_HEADS or with_institution)) or (
        rec.source_person and not accused
    )
    return bool(expert) and not (accused and not rec.source_person)


def _media_anonymity(rec: Record, src_text: str, cues, settings: Settings) -> bool | None:
    """For a media source, whether it is anonymous (no outlet named); None when it is not media."""
    if not cues["media"].search(src_text) or rec.source_head in cues["official_nouns"]:
        return None
    named = any(w[0].isupper() and w not in cues["generic_media"] for w in cues["media"].findall(src_text))
    # "press secretary Karine Jean-Pierre": a generic media word describing a named person
    person_described = rec.source_person and settings.rule_enabled(PERSON_NOT_GENERIC_MEDIA)
    if named or not person_described:
        return not named
    return None


def _type_by_head(rec: Record, src_text: str, cues, marker: str | None, title_first: bool) -> tuple[str, bool]:
    """(source_type, anonymous) from the person, the head word and the source's names."""
    head = rec.source_head
    if rec.source_person:
        return "named_official", False  # a named person is never anonymous
    if head in cues["official_nouns"] or cues["official_nouns"].search(head):
        return "anonymous_official", True
    if head in cues["vague_heads"] or head in UNNAMED_GROUP_HEADS:
        return "vague", True
    titled_body = title_first and src_text.lower().rstrip().endswith(head)  # the title heads the phrase
    if titled_body and head in cues["person_titles"] and head not in ("mr", "mrs", "ms", "dr"):
        return "named_official", bool(marker)  # 'the Statistics Authority chair' is the chair, not the body
    if cues["institution_words"].search(src_text) or cues["accuser"].search(src_text):
        return "institution", bool(marker)
    if head in cues["person_titles"] or cues["unique_offices"].search(src_text):
        return "named_official", bool(marker)
    if re.search(r"\b[A-Z][a-z]+", src_text):
        return "institution", bool(marker)
    return "vague", True
