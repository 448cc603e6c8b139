"""The one vocabulary of labels: hedge categories, source types, stances, sides and modes.

Detectors, evaluation, aggregation and plots all take their labels from here
(ANNOTATION.md sections 1 and 2 define them).
"""

from __future__ import annotations

HEDGE_CATEGORIES = ("epistemic", "doxastic", "evidential", "disclaimer", "approximator", "booster")
# The categories that weaken a claim (all but booster).
HEDGE_ONLY_CATEGORIES = tuple(c for c in HEDGE_CATEGORIES if c != "booster")

SOURCE_TYPES = (
    "named_official",
    "anonymous_official",
    "institution",
    "counterparty",
    "other_media",
    "expert",
    "document",
    "vague",
    "citizen",  # private persons speaking for themselves (ANNOTATION.md section 2)
)
OFFICIAL_SOURCE_TYPES = ("named_official", "anonymous_official", "institution")
STANCES = ("neutral", "endorsing", "distancing", "concession", "denial", "accusation", "assessment", "directive")
# How the content is given: quoted word for word, paraphrased, or both.
ATTRIBUTION_MODES = ("direct", "indirect", "mixed")
# Whose side a source is on in the story at hand (media: other outlets, whatever the story).
SIDES = ("accused", "accuser", "media", "other")
# The two sides between which stance and denials are compared.
DISPUTE_SIDES = ("accused", "accuser")
# The role a side has in a story file: the party the claim is about, the side making it, anyone else.
SIDE_ROLES = ("accused", "accuser", "other")
# Where a report's sides come from: a story file the user gave (or the bundled corpus's own), inferred
# from the corpus and awaiting confirmation, or unknown (no story file and nothing inferred).
SIDES_STATUSES = ("story_file", "inferred", "unknown")

# How certain a claim sounds in one outlet's sentence, most certain first: a booster in the writer's
# voice, a plain fact in the writer's voice, attributed to a source (or quoted), hedged.
CERTAINTY_LADDER = ("boosted", "fact", "attributed", "hedged")

# Which claims the unattributed assertions are about: the key claims a user gave (story or
# key-claims file), or, without them, the claims that several outlets share.
CLAIMS_BASES = ("key_claims", "shared_claims")

# How the per-document pipeline reads text: with tags and dependencies, or lexical rules only.
ANALYSIS_MODES = ("parse", "fast")
