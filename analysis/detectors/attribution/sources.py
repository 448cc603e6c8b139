"""Who a source is: source type and anonymity (``classify_source``), side (``side_of``), entity
labels and clustering, and resolution of pronouns and titles named elsewhere in the document."""

from __future__ import annotations

import re
from dataclasses import replace

from analysis.detectors.attribution.records import Record
from analysis.settings import Settings

PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}  # "his conclusion"
PLURAL_PRONOUNS = {"they", "them", "their"}
THING_PRONOUNS = {"it", "its"}
DEMONSTRATIVES = {"this", "that", "these", "those"}
FIRST_PERSON = {"i", "we", "me", "us", "our", "my"}


ISSUED_BY = re.compile(r"\b(?:issued|released|published|signed|sent|written|delivered|made) by\s+|\bfrom\s+(?=\S)")


def looks_like_source(src_text: str, cues) -> bool:
    """Whether a colon or dash lead-in names a source: a source word or a short proper name."""
    return any(
        cues[name].search(src_text)
        for name in ("accused", "accuser", "media", "official_nouns", "person_titles", "institution_words", "expert")
    ) or bool(re.fullmatch(r"(?:[A-Z][\w.’'-]+\s?){2,4}", src_text))


def _strip_det(s: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", s.strip(), flags=re.IGNORECASE)


def classify_source(rec: Record, src_text: str, cues, settings: Settings) -> tuple[str, bool, str | None]:
    """(source_type, anonymous, anonymity marker) from the source text and the cue."""
    marker = next((m.group(0) for rx in cues.anonymity for m in [rx.search(src_text)] if m), None)
    head = rec.source_head
    low = src_text.lower()
    first_word = low.split()[0] if low.split() else ""
    if rec.agentless:
        return "vague", True, marker
    if rec.lemma in cues["evidence_verbs"] and settings.rule_enabled("attr_evidence_subject_document"):
        personish = (
            rec.source_person
            or head in cues["official_nouns"]
            or head in cues["person_titles"]
            or head in cues["media"]
            or head in cues["institution_words"]
            and head != "intelligence"
            or cues["media"].search(src_text)
            and head not in cues["document_heads"]
        )
        if not personish:
            return "document", False, marker
    if head in ("report", "reports") and settings.rule_enabled("attr_place_reports_vague"):
        bare = not re.match(r"^(?:the|a|an|this|that|these|those|its|their|our)\b", low) and not re.search(
            r"declassif|intelligence|downgraded|leaked", low
        )
        if bare and not cues["media"].search(src_text):
            return "vague", True, marker
    # "US reports that", headline "...: US Reports": a bare place name, government or media unclear
    if (
        rec.lemma == "report"
        and settings.rule_enabled("attr_place_reports_vague")
        and (rec.kind == "noun" or (rec.head_token is not None and rec.head_token.tag_ in ("NNS", "VBZ", "VBP")))
        and len(src_text.split()) <= 2
        and not re.match(r"(?i)the\b", src_text)
        and not cues["media"].search(src_text)
        and not rec.source_person
        and not cues["institution_words"].search(src_text.replace("US", "").replace("U.S.", ""))
    ):
        return "vague", True, marker
    issuer = ISSUED_BY.search(re.split(r",\s*(?:who|which)\b", src_text)[0]) if head in cues["document_heads"] else None
    if issuer and settings.rule_enabled("attr_document_issuer"):
        # "a statement issued by a senior official ...": the issuer speaks (NOTES 3)
        speaker = src_text[issuer.end() :]
        speaker_head = re.split(r"\s+(?:of|at|for|in|from|to)\s+|,", speaker)[0].split()
        if speaker_head:
            sub = replace(
                rec,
                source_head=speaker_head[-1].lower(),
                lemma="say",
                source_plural=speaker_head[-1].lower().endswith("s"),
            )
            return classify_source(sub, speaker, cues, settings)
    specific = head != "intelligence" or any(w in cues["specific_document_modifiers"] for w in low.split()[:-1])
    if (
        head in cues["document_heads"]
        and not rec.source_person
        and head not in DEMONSTRATIVES
        and specific
        and head not in cues["official_nouns"]
    ):
        return "document", False, marker
    if head in DEMONSTRATIVES or (first_word in DEMONSTRATIVES and rec.lemma in cues["evidence_verbs"]):
        return "document", False, marker
    expert_hit = cues["expert"].search(src_text)
    named_expert = expert_hit and (rec.source_person or re.search(r"[A-Z]", re.sub(r"^\W*\w", "", src_text)))
    # "experts at the Institute for ...": the think tank is named, so not vague
    with_institution = settings.rule_enabled("attr_expert_with_institution") and re.search(
        r"\b(?:at|from|of|with)\s+(?:the\s+)?[A-Z]", src_text
    )
    generic_head = head in ("experts", "expert", "analysts", "analyst")
    if (
        expert_hit
        and named_expert
        and (not generic_head or with_institution)
        or (expert_hit and rec.source_person and not cues["accused"].search(src_text.split(",")[0]))
    ) and not (cues["accused"].search(src_text.split(",")[0]) and not rec.source_person):
        return "expert", False, marker
    core = re.split(r",\s*(?:who|which)\b", src_text)[0]
    if cues["accused"].search(core) or cues["state_media"].search(core):
        anonymous = bool(marker) or (
            head in cues["official_nouns"]
            and not rec.source_person
            and not cues["unique_offices"].search(core.split(" of ")[0])
        )
        return "counterparty", anonymous, marker
    if cues["media"].search(src_text) and head not in cues["official_nouns"]:
        named = any(
            w in cues["media"]
            and w[0].isupper()
            and w.lower() not in ("media", "press", "channel", "network", "daily", "outlet", "newspaper", "broadcaster")
            for w in cues["media"].findall(src_text)
        )
        # "press secretary Karine Jean-Pierre": a generic media word describing a named person
        person_described = rec.source_person and settings.rule_enabled("attr_person_not_generic_media")
        if named or not person_described:
            return "other_media", not named, marker
    if rec.source_person:
        return "named_official", False, marker  # a named person is never anonymous
    if head in cues["official_nouns"] or cues["official_nouns"].search(head):
        return "anonymous_official", True, marker
    if head in cues["vague_heads"] or head in ("experts", "analysts", "observers", "sources"):
        return "vague", True, marker
    if cues["institution_words"].search(src_text) or cues["accuser"].search(src_text):
        return "institution", bool(marker), marker
    if head in cues["person_titles"] or cues["unique_offices"].search(src_text):
        return "named_official", bool(marker), marker
    if re.search(r"\b[A-Z][a-z]+", src_text):
        return "institution", bool(marker), marker
    return "vague", True, marker


def side_of(src_text: str, resolved: str | None, source_type: str, cues) -> str:
    """accused (counterparty), accuser (the accusing side's officials, institutions and their documents),
    media (other_media) or other (experts, vague)."""
    if source_type == "counterparty":
        return "accused"
    if source_type == "other_media":
        return "media"
    text = f"{src_text} {resolved or ''}"
    if cues["accuser"].search(text) or source_type in ("named_official", "anonymous_official", "institution"):
        return "accuser"
    return "other"


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
    stripped = _strip_det(base)
    if stripped.lower() in cues.aliases:
        return cues.aliases[stripped.lower()]
    return stripped


def _surname(name: str) -> str:
    words = [w for w in re.findall(r"[A-Z][\w’'-]+", name) if w.lower() not in ("mr", "mrs", "ms", "dr")]
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


def resolve_sources(records: list[Record], text: str, cues, settings: Settings) -> None:
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
    titled = _titled_names(records, text, cues)
    for i, rec in enumerate(records):
        src_text = text[rec.source[0] : rec.source[1]] if rec.source else ""
        kind = _pronoun_kind(src_text)
        if kind and settings.rule_enabled("attr_pronoun_resolution"):
            ante = _antecedent(records, i, kind, text, cues)
            if ante is not None:
                rec.resolved = (
                    ante.source_person or ante.resolved or _strip_det_keep(text[ante.source[0] : ante.source[1]])
                )
                rec.source_type, rec.anonymous, rec.marker = ante.source_type, ante.anonymous, ante.marker
                rec.source_person = ante.source_person
                continue
        stype, anonymous, marker = classify_source(rec, src_text, cues, settings)
        if kind == "thing" and stype == "vague" and rec.lemma in cues["evidence_verbs"]:
            stype, anonymous = "document", False
        if kind == "person" and stype in ("vague", "institution"):
            stype, anonymous = "anonymous_official", True
        rec.source_type, rec.anonymous, rec.marker = stype, anonymous, marker
        if (
            (stype in ("anonymous_official", "counterparty") or rec.source_head in cues["person_titles"])
            and not rec.source_person
            and not marker
            and settings.rule_enabled("attr_named_elsewhere")
            and not rec.source_plural
        ):
            name = _named_elsewhere(src_text, titled, cues)
            if name:
                rec.resolved = name
                rec.source_person = name
                if stype != "counterparty":
                    rec.source_type = "named_official"
                rec.anonymous = False
        if (
            stype == "other_media"
            and anonymous
            and settings.rule_enabled("attr_media_named_elsewhere")
            and GENERIC_OUTLET.match(src_text.strip())
        ):
            outlet = _named_outlet_before(records, i, text)
            if outlet:  # "according to the outlet" after "the New York Times reported"
                rec.resolved, rec.anonymous = outlet, False
        if src_text.lower() == "the regime" and settings.rule_enabled("attr_pronoun_resolution"):
            rec.resolved = cues.aliases.get("the regime")


GENERIC_OUTLET = re.compile(
    r"(?i)^the\s+(?:outlet|newspaper|paper|broadcaster|network|channel|daily|magazine|"
    r"news agency|publication|news site|website)$"
)


def _named_outlet_before(records, i, text) -> str | None:
    """The nearest earlier named outlet ('the New York Times') that 'the outlet' refers back to."""
    for j in range(i - 1, -1, -1):
        cand = records[j]
        if cand.source_type == "other_media" and not cand.anonymous and cand.source:
            return cand.resolved or _strip_det_keep(text[cand.source[0] : cand.source[1]])
    return None


def _strip_det_keep(s: str) -> str:
    return re.split(r",\s*(?:who|which)\b", s)[0].strip()


def _titled_names(records, text, cues) -> dict[str, set]:
    """title word -> set of full names it is used with in this document ('spokesman' -> {'John Kirby'})."""
    out: dict[str, set] = {}
    for rec in records:
        if rec.source_person and rec.source:
            src_text = text[rec.source[0] : rec.source[1]]
            for w in re.findall(r"[A-Za-z]+", src_text):
                if w.lower() in cues["person_titles"] and w.lower() not in ("mr", "mrs", "ms", "dr", "head"):
                    out.setdefault(w.lower(), set()).add(rec.source_person)
    return out


def _named_elsewhere(src_text, titled, cues) -> str | None:
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
