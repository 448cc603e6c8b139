"""The one quotation scanner, and that cues, attributions and sentences agree with it."""

import pytest

from analysis.nlp.document import parse_document
from analysis.nlp.quotes import quote_depth
from analysis.pipeline.run import process_document
from analysis.settings import Settings


def quoted_spans(text: str) -> list[str]:
    """Maximal runs of characters at depth > 0."""
    depth, spans, start = quote_depth(text), [], None
    for i, d in enumerate([*quote_depth(text), 0]):
        if d and start is None:
            start = i
        elif not d and start is not None:
            spans.append(text[start:i])
            start = None
    assert len(depth) == len(text)
    return spans


def test_curly_straight_multi_sentence_and_unclosed_quotes():
    text = (
        'He said: “It may rain. It might snow.” Then "maybe" he left.\n\n'
        "“This quote runs on. It may not close\n\nOutside may be."
    )
    assert quoted_spans(text) == [
        "“It may rain. It might snow.”",
        '"maybe"',
        "“This quote runs on. It may not close",
    ]  # ends with its paragraph


def test_apostrophes_are_not_quotes_but_single_curly_quotes_are():
    text = "Moscow’s view is ‘it may be fine’ and Kim’s isn’t."
    assert quoted_spans(text) == ["‘it may be fine’"]


def test_inch_marks_are_not_quotes():
    text = 'the 5" shells "may be old" and "likely fake."'
    assert quoted_spans(text) == ['"may be old"', '"likely fake."']


@pytest.mark.parametrize(
    "text, quoted",
    [
        ("Er sagte: „Das ist wahrscheinlich falsch“ und ging.", "„Das ist wahrscheinlich falsch“"),
        ("Il a dit « peut-être » hier.", "« peut-être »"),
        ("Er schrieb »vermutlich« dazu.", "»vermutlich«"),
        ("Sie sagte ‚womöglich‘ dazu.", "‚womöglich‘"),
    ],
)
def test_german_and_french_quotes(text, quoted):
    assert quoted_spans(text) == [quoted]


def test_nested_quotes_are_deeper():
    text = "He said “they told me ‘maybe’ twice” today."
    depth = quote_depth(text)
    assert depth[text.index("maybe")] == 2 and depth[text.index("twice")] == 1
    assert depth[text.index("today")] == 0


@pytest.mark.parametrize("mode", ["parse", "fast"])
def test_cues_attributions_and_sentences_never_contradict_the_scanner(mode):
    text = (
        'The 5" shells "may be old" and "likely fake," the ministry said.\n\n'
        "Kirby said: „We believe it may grow.“ Analysts believe it may not.\n\n"
        "“It is probably true. It could spread,” an official said."
    )
    settings = Settings(mode=mode)
    parsed = parse_document("t", text, settings)
    result = process_document("t", text, settings)
    depth = parsed.quote_depth
    to_clean = {parsed.raw_span(i, i + 1)[0]: i for i in range(len(parsed.clean.text))}
    assert result.cues, "the example has cues"
    for cue in result.cues:
        assert cue["in_quote"] == (depth[to_clean[cue["start"]]] > 0), cue
    for att in result.attributions:
        assert att["in_quote"] == (depth[to_clean[att["cue_start"]]] > 0), att
    for row in result.sentences:
        letters = [
            depth[to_clean[i]] > 0 for i in range(row["start"], row["end"]) if i in to_clean and text[i].isalnum()
        ]
        assert row["in_quote"] == (sum(letters) > len(letters) / 2), row


def test_content_mode_counts_the_letters_quoted_beyond_the_cue():
    from analysis.detectors.attribution.quotes import content_mode

    text = "He said “the ship was seized” on Sunday."
    depth = quote_depth(text)
    quoted, whole = (text.index("“"), text.index("”") + 1), (8, len(text) - 1)
    assert content_mode([quoted], depth, text, 0) == "direct"
    assert content_mode([whole], depth, text, 0) == "mixed"
    assert content_mode([(text.index("on"), len(text))], depth, text, 0) == "indirect"
    assert content_mode([quoted], depth, text, 1) == "indirect"  # a cue inside the same quote
