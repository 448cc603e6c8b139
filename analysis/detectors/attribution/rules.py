"""The attribution detector's context rules, each registered once by name.

A name is checked against ``data/attribution_rules.yaml`` when this module is imported, so a misspelt
rule fails at import instead of switching nothing off. Code tests a rule with
``settings.rule_enabled(COLON_LEAD_IN)``; ``RULES.documented`` gives each rule's YAML entry.
"""

from __future__ import annotations

from analysis.detectors.registry import RuleRegistry

RULES = RuleRegistry("attribution", "attribution_rules.yaml")

SUBJECT_INHERITANCE = RULES.declare("attr_subject_inheritance")
REQUIRES_CONTENT = RULES.declare("attr_requires_content")
FIRST_PERSON_IN_QUOTE = RULES.declare("attr_first_person_in_quote")
AGENTLESS = RULES.declare("attr_agentless")
ADDRESSEE = RULES.declare("attr_addressee")
CHANNEL_NOUN = RULES.declare("attr_channel_noun")
NOUN_AS_SOURCE = RULES.declare("attr_noun_as_source")
COLON_LEAD_IN = RULES.declare("attr_colon_lead_in")
EVIDENCE_SUBJECT_DOCUMENT = RULES.declare("attr_evidence_subject_document")
PLACE_REPORTS_VAGUE = RULES.declare("attr_place_reports_vague")
PRONOUN_RESOLUTION = RULES.declare("attr_pronoun_resolution")
NAMED_ELSEWHERE = RULES.declare("attr_named_elsewhere")
FOLLOW_ON_QUOTE = RULES.declare("attr_follow_on_quote")
CITING_SOURCE = RULES.declare("attr_citing_source")
NESTED_PARENT = RULES.declare("attr_nested_parent")
PERSON_NOT_GENERIC_MEDIA = RULES.declare("attr_person_not_generic_media")
EXPERT_WITH_INSTITUTION = RULES.declare("attr_expert_with_institution")
INHERIT_ACROSS_CLAUSE = RULES.declare("attr_inherit_across_clause")
MODIFIED_NOUN_SOURCE = RULES.declare("attr_modified_noun_source")
DATE_NOT_SOURCE = RULES.declare("attr_date_not_source")
WITHHELD_NOT_ATTRIBUTION = RULES.declare("attr_withheld_not_attribution")
QUOTED_AS_SAYING = RULES.declare("attr_quoted_as_saying")
TITLE_NAME_APPOSITION = RULES.declare("attr_title_name_apposition")
AGENTLESS_ACCUSATION = RULES.declare("attr_agentless_accusation")
MEDIA_NAMED_ELSEWHERE = RULES.declare("attr_media_named_elsewhere")
DOCUMENT_ISSUER = RULES.declare("attr_document_issuer")
CITIZEN_SOURCE = RULES.declare("attr_citizen_source")
ORGANISATION_NOT_PERSON = RULES.declare("attr_organisation_not_person")
PERSON_TYPE_FROM_INTRODUCTION = RULES.declare("attr_person_type_from_introduction")
BODY_DESCRIPTION = RULES.declare("attr_body_description")
PERSON_DESCRIPTION = RULES.declare("attr_person_description")
TEXT_ANTECEDENT = RULES.declare("attr_text_antecedent")


def rule_descriptions() -> dict[str, str]:
    """Rule name -> description, for every registered rule (in registration order)."""
    return {name: RULES.documented[name]["description"] for name in RULES.names()}
