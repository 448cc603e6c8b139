"""The look of the article view and its legend.

Colours are the Okabe-Ito palette (safe for colour-blind readers), and no mark relies on colour:
each also has its own line style, weight, bracket or lettered reference, so a black-and-white
print still tells them apart. Backgrounds print (print-color-adjust) but are never the only cue.
"""

from __future__ import annotations

# Okabe-Ito: orange #E69F00, sky blue #56B4E9, bluish green #009E73, blue #0072B2,
# vermilion #D55E00, reddish purple #CC79A7; the tints are the same hues, lightened.
STYLE = """<style>
.nh-article{margin:0 0 1.6em 0;padding:.6em .8em;border:1px solid #bbb;border-radius:4px;
  -webkit-print-color-adjust:exact;print-color-adjust:exact;text-align:left}
.nh-article .nh-headline{font-family:sans-serif;margin:.1em 0 .2em 0}
.nh-article .nh-meta,.nh-article .nh-note{font-family:sans-serif;font-size:12px;color:#333;margin:.2em 0 .6em 0}
.nh-s{margin:0 0 .5em 0;padding-left:.6em;border-left:4px solid transparent;break-inside:avoid;page-break-inside:avoid}
.nh-s p{margin:0;line-height:1.9;font-family:Georgia,serif;font-size:14px}
.nh-sid{color:#555;font-size:11px;font-family:sans-serif;margin-right:.4em;white-space:nowrap}
.nh-badge{font-family:sans-serif;font-size:11px;padding:0 4px;margin-right:.4em;border:1px solid #000;
  border-radius:3px;white-space:nowrap}
.nh-s.nh-bare{border-left:4px solid #000}
.nh-s.nh-keyfact{border-left:7px double #D55E00}
.nh-s.nh-keyfact .nh-badge.nh-keyfact{border:2px solid #D55E00;font-weight:bold}
.nh-s.nh-quoted{border-left:3px dotted #777}
.nh-hedge{background:#FBE3B0;text-decoration:underline wavy #B07800;text-decoration-skip-ink:none;
  text-underline-offset:3px}
.nh-booster{background:#D3EBF8;text-decoration:underline double #0072B2;text-underline-offset:3px}
.nh-cue{font-weight:bold;color:#B34700}
.nh-source{border-bottom:2px solid #009E73}
.nh-content{border-bottom:2px dashed #A8558A}
.nh-br{color:#A8558A;font-weight:bold}
.nh-ref{font-family:sans-serif;font-size:9px;font-weight:bold;color:#000;margin:0 1px}
.nh-end{white-space:nowrap}
.nh-article ul.nh-notes{margin:.1em 0 .3em 1.2em;padding:0;list-style:none;
  font-family:sans-serif;font-size:11px;color:#222}
.nh-notes li{margin:0;break-inside:avoid}
.nh-gap{font-family:sans-serif;font-size:11px;color:#555;margin:.2em 0 .5em .6em}
.nh-legend{font-family:sans-serif;font-size:12px;border:1px solid #bbb;padding:.4em .8em;margin:0 0 1em 0;
  -webkit-print-color-adjust:exact;print-color-adjust:exact;break-inside:avoid}
.nh-legend dl{display:grid;grid-template-columns:max-content 1fr;gap:.25em .8em;margin:.3em 0}
.nh-legend dt{font-family:Georgia,serif;font-size:14px;font-weight:normal;white-space:nowrap}
.nh-legend dd{margin:0}
</style>"""

_SAMPLE = (
    ("<span class='nh-hedge'>likely</span><sup class='nh-ref'>H1</sup>", "Hedge (orange, wavy underline, H)."),
    ("<span class='nh-booster'>clearly</span><sup class='nh-ref'>B2</sup>", "Booster (blue, double underline, B)."),
    (
        "<span class='nh-source'>the minister</span><sup class='nh-ref'>S3</sup>",
        "Source of attribution 3: who is cited (green, solid underline, S).",
    ),
    (
        "<span class='nh-cue'>said</span><sup class='nh-ref'>A3</sup>",
        "Attribution cue of attribution 3: the reporting verb or phrase such as \u201caccording to\u201d "
        "(bold, vermilion, A).",
    ),
    (
        "<span class='nh-br'>\u27e8</span><span class='nh-content'>talks failed</span><span class='nh-br'>"
        "\u27e9</span><sup class='nh-ref'>C3</sup>",
        "Content of attribution 3: what the source is reported to have said (purple, dashed underline, "
        "angle brackets, C).",
    ),
    (
        "<span class='nh-badge'>bare assertion</span>",
        "Bare assertion (black bar on the left): the writer's own voice, not a question, with no attribution, no hedge "
        "(approximators and boosters do not count) and not inside quotation marks.",
    ),
    (
        "<span class='nh-badge nh-keyfact'>key claim stated as fact</span>",
        "A bare assertion that states one of the story's key claims (double vermilion bar).",
    ),
    ("<span class='nh-badge'>in quotes</span>", "Sentence mostly inside quotation marks (dotted grey bar)."),
)


def legend_html() -> str:
    """The legend: every mark of the view, with a sample and what it means."""
    rows = "".join(f"<dt>{sample}</dt><dd>{meaning}</dd>" for sample, meaning in _SAMPLE)
    return (
        "<div class='nh-legend'><strong>How to read the marked text</strong><dl>"
        f"{rows}</dl><p>Numbers tie the marks of one finding together and to its footnote below the "
        "sentence (hover over a mark for the same details). Footnotes give the rule, category, source "
        "type, stance and mode. <span class='nh-sid'>s4 \u00b7 \u00b62 \u00b7 chars 310\u2013402</span> "
        "is the sentence number, its paragraph and its raw-text character offsets (end exclusive); "
        "every finding's offsets are in its footnote, to look up in the raw file.</p></div>"
    )
