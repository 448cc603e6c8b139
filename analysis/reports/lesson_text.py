"""The lesson's fixed words: what the terms mean, the discussion prompts with the points a teacher
can expect, the glossary, and the print style. The terms follow ANNOTATION.md (hedge categories
and source types from ``analysis.vocabulary``)."""

from __future__ import annotations

from analysis.reports.labels import SOURCE_TYPE_NAMES

WHY = (
    "News writers rarely just state things. They say who told them (a source), and they show how sure "
    "they are: a hedge makes a claim weaker (\u201cmay\u201d, \u201creportedly\u201d, \u201cabout\u201d), "
    "a booster makes it stronger (\u201cclearly\u201d, \u201cundoubtedly\u201d). Noticing them tells you "
    "who stands behind a claim and how much the outlet itself vouches for it."
)
DEFINITIONS = (
    (
        "Hedge",
        "a word or phrase that makes a claim less certain or less exact: may, might, could, likely, "
        "believe, appears, reportedly, about, nearly.",
    ),
    ("Booster", "a word that makes a claim sound more certain: clearly, certainly, undoubtedly, in fact."),
    (
        "Source",
        "the person, group or document a claim is credited to, usually with a reporting word such as "
        "said, told, according to, claimed or denied.",
    ),
)
# One phrase per category of analysis.vocabulary.HEDGE_CATEGORIES (a test checks they match).
CATEGORY_WORDS = {
    "epistemic": "how likely (may, could, possibly)",
    "doxastic": "what someone believes (believe, think, expect)",
    "evidential": "what the evidence suggests (seems, appears, reportedly)",
    "disclaimer": "admitting not knowing (it is not clear, no evidence)",
    "approximator": "a number or amount made vague (about, nearly, some)",
    "booster": "more certain (clearly, certainly)",
}
PROMPTS = (
    (
        "Why might a careful reporter hedge a claim? When is hedging a problem?",
        "Hedges can be honest: the facts are not yet known, or a source only suspects. They can also "
        "let an outlet pass on a claim it cannot check without standing behind it.",
    ),
    (
        "Compare the versions of the same claim in part 2. Which outlet sounds surest? Does it say who told it?",
        "A claim stated as fact with no source asks the reader to trust the outlet; the same claim "
        "credited to a named source can be checked. Anonymous officials sit in between.",
    ),
    (
        "Which sources in the passages are named, which anonymous, which vague (\u201cexperts say\u201d)? "
        "Does it matter?",
        "Named sources can be held to their words; anonymous ones may have reasons to stay hidden, and "
        "vague ones (\u201csome say\u201d) can hide that nobody in particular said it.",
    ),
    (
        "Where did you disagree with the detectors? Who was right?",
        "The detectors are rules and can be wrong: words like \u201cwould\u201d or \u201cabout\u201d are not "
        "always hedges, and a pronoun (\u201che\u201d) is a source only through the person it refers to.",
    ),
)
GLOSSARY = (
    ("attribution", "saying who a claim comes from (a source and a reporting word)."),
    ("reporting verb", "the verb that introduces what a source said: said, told, claimed, denied, added."),
    ("direct quote", "a source's own words, inside quotation marks."),
    ("indirect speech", "what a source said, in the writer's words (\u201cshe said that ...\u201d)."),
    ("anonymous source", "a source not named (\u201ca US official\u201d, \u201cpeople familiar with\u201d)."),
    ("bare assertion", "a claim in the writer's own voice, with no source and no hedge."),
    ("hedge", DEFINITIONS[0][1]),
    ("booster", DEFINITIONS[1][1]),
)


def source_kind(source_type: str) -> str:
    """A source type as a reader's words, singular-ish and lower case ("named officials")."""
    return SOURCE_TYPE_NAMES.get(source_type, source_type.replace("_", " ")).lower()


STYLE = """<style>
.lesson{font-family:Georgia,serif;font-size:15px;line-height:1.5;color:#000}
.lesson h2{font-family:system-ui,sans-serif;border-bottom:2px solid #000;padding-bottom:.1em;margin-top:1.2em}
.lesson .lesson-meta{font-family:system-ui,sans-serif;font-size:12px;color:#333}
.lesson .lesson-box{border:1px solid #000;padding:.5em .8em;margin:.6em 0 1em 0;
  break-inside:avoid;page-break-inside:avoid}
.lesson .lesson-box h3{font-family:system-ui,sans-serif;font-size:15px;margin:.1em 0 .4em 0}
.lesson .lesson-lines{font-family:Georgia,serif;font-size:14px;line-height:2;margin:.3em 0}
.lesson .lesson-line{display:flex;white-space:pre;break-inside:avoid}
.lesson .lesson-ln{font-family:system-ui,sans-serif;font-size:11px;color:#000;width:2.2em;flex:none;
  text-align:right;padding-right:.8em;user-select:none}
.lesson .lesson-write{border-bottom:1px solid #000;height:1.9em;margin:0 0 .2em 0}
.lesson .lesson-ask{font-family:system-ui,sans-serif;font-size:13px;margin:.5em 0 0 0}
.lesson .lesson-answer{font-family:system-ui,sans-serif;font-size:13px;font-weight:bold;margin:.3em 0;
  border-left:4px solid #000;padding-left:.5em}
.lesson .lesson-answers{font-family:system-ui,sans-serif;font-size:13px;margin:.3em 0 0 1.2em;padding:0}
.lesson .lesson-answers li{break-inside:avoid}.lesson .lesson-answers ul{margin:0 0 .2em 0;padding-left:1.2em}
.lesson .lesson-why{font-family:system-ui,sans-serif;font-size:13px;border:2px dashed #000;padding:.4em .7em}
.lesson .lesson-key-note{font-family:system-ui,sans-serif;font-size:13px;border:3px double #000;padding:.4em .7em}
.lesson .lesson-keep,.lesson ol.lesson-prompts>li{break-inside:avoid;page-break-inside:avoid}
.lesson .lesson-grid{margin:0 0 .6em 0;display:grid;grid-template-columns:1fr 1fr;gap:.6em}
.lesson .lesson-grid .lesson-box{margin:0}
.lesson table.lesson-times{border-collapse:collapse;font-family:system-ui,sans-serif;font-size:13px}
.lesson table.lesson-times td,.lesson table.lesson-times th{border:1px solid #000;padding:.2em .6em;text-align:left}
.lesson code,.lesson pre{font-family:ui-monospace,monospace;font-size:12px}
.lesson pre{border:1px solid #777;padding:.4em .6em;white-space:pre-wrap}
.lesson dl.lesson-gloss{display:grid;grid-template-columns:max-content 1fr;gap:.2em .9em}
.lesson dl.lesson-gloss dt{font-weight:bold;white-space:nowrap}.lesson dl.lesson-gloss dd{margin:0}
.lesson .mk{font-weight:bold}
.lesson .mk-hedge{text-decoration:underline wavy;text-decoration-skip-ink:none;text-underline-offset:3px}
.lesson .mk-booster{text-decoration:underline double;text-underline-offset:3px}
.lesson .mk-source{text-decoration:underline solid;text-underline-offset:3px}
.lesson .mk-cue{font-style:italic;text-decoration:underline dotted;text-underline-offset:3px;font-weight:normal}
.lesson .mk-br{font-weight:bold}
.lesson sup.mk-ref{font-family:system-ui,sans-serif;font-size:9px;font-weight:bold}
.lesson .lesson-feedback{font-family:system-ui,sans-serif;font-size:13px;border:1px solid #000;padding:.2em .7em}
@media print{.jp-Cell-outputWrapper,.jp-OutputArea,.jp-OutputArea-child,.jp-OutputArea-output{break-inside:auto}
  .lesson{font-size:12.5px}.lesson .lesson-lines{font-size:12.5px}
  .lesson .lesson-grid{grid-template-columns:1fr 1fr}.lesson h2{break-after:avoid}
  .lesson .lesson-box,.lesson .lesson-why,.lesson .lesson-key-note,.lesson dl.lesson-gloss{break-inside:avoid}}
</style>"""
