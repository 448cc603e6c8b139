"""Long documents: a 5 MB document in fast mode, chunked parsing in parse mode, chunk_spans, and
the steps that must stay linear in document length.

The long document is the bundled articles joined with blank lines and repeated, so every copy
after the first must come out exactly like the second copy of a two-copy document, shifted by
the copy's offset (a copy's first line is not the document's first line, which some boilerplate
rules look at). No timing assertions here: speed is measured by ``make bench``; linearity is
checked by counting the Python lines a step executes for an input and one twice as long.
"""

from __future__ import annotations

import re
import sys

import pytest

from analysis.corpus.cleaning import CleanText, clean_text, load_rules
from analysis.detectors.attribution import source_resolution
from analysis.detectors.attribution.detector import find_attribution_records
from analysis.detectors.hedging.detector import detect
from analysis.detectors.hedging.lexicon import load_lexicon
from analysis.nlp import quotes
from analysis.nlp.document import parse_document
from analysis.nlp.parsing import chunk_spans
from analysis.nlp.quotes import OpenQuotes, quote_depth
from analysis.pipeline.run import process_document
from analysis.settings import Settings

SEPARATOR = "\n\n"
TARGET_BYTES = 5_000_000
FAST = Settings(mode="fast")


@pytest.fixture(scope="module")
def one_copy(bundled_corpus) -> str:
    return SEPARATOR.join(bundled_corpus.documents["text"])


def _repeat(one: str, copies: int) -> str:
    return SEPARATOR.join([one] * copies)


def _relative(row, key, lo):
    if key.endswith(("start", "end")):
        return None if row[key] is None else row[key] - lo
    if key == "parent_id":  # an index into the document's rows: keep its distance
        return None if row[key] is None else row[key] - row["attribution_id"]
    return row[key]


def _copy_rows(rows, period, copy, keys, start_key):
    """The rows of one copy, with offsets made relative to the copy."""
    lo, hi = copy * period, (copy + 1) * period
    return [tuple(_relative(row, k, lo) for k in keys) for row in rows if lo <= row[start_key] < hi]


@pytest.fixture(scope="module")
def five_mb(one_copy):
    copies = -(-TARGET_BYTES // len((one_copy + SEPARATOR).encode("utf-8")))
    text = _repeat(one_copy, copies)
    assert len(text.encode("utf-8")) >= TARGET_BYTES
    return copies, text, process_document("five-mb", text, FAST)


@pytest.fixture(scope="module")
def two_copies(one_copy):
    return process_document("two", _repeat(one_copy, 2), FAST)


def test_five_mb_document_accounts_for_its_text(five_mb, one_copy, two_copies):
    copies, text, result = five_mb
    assert result.rejected_reason is None
    assert result.document["n_chars_raw"] == len(text)
    single = process_document("one", one_copy, FAST).document["n_words"]
    assert abs(result.document["n_words"] - copies * single) <= 0.01 * copies * single
    # exactly: the first copy of the two-copy document plus (copies - 1) times its second copy
    period = len(one_copy) + len(SEPARATOR)
    first = sum(r["n_words"] for r in two_copies.sentences if r["start"] < period)
    later = two_copies.document["n_words"] - first
    assert result.document["n_words"] == first + (copies - 1) * later


def test_five_mb_sentences_map_to_the_raw_text(five_mb):
    _, text, result = five_mb
    previous_end = 0
    for row in result.sentences:
        assert previous_end <= row["start"] < row["end"] <= len(text)
        assert row["text"] == text[row["start"] : row["end"]]
        assert not row["text"][0].isspace() and not row["text"][-1].isspace()
        previous_end = row["end"]


@pytest.mark.parametrize(
    "table, keys, start_key",
    [
        ("sentences", ("start", "end", "text", "n_words"), "start"),
        ("cues", ("start", "end", "text", "lemma", "category", "rule", "in_quote", "negated"), "start"),
        (
            "attributions",
            (
                "cue_start",
                "cue_end",
                "cue_text",
                "cue_lemma",
                "source_start",
                "source_end",
                "source_text",
                "source_type",
                "anonymous",
                "stance",
                "mode",
                "side",
                "in_quote",
                "parent_id",
            ),
            "cue_start",
        ),
    ],
)
def test_every_copy_of_the_five_mb_document_is_found_alike(five_mb, one_copy, two_copies, table, keys, start_key):
    copies, _, result = five_mb
    period = len(one_copy) + len(SEPARATOR)
    reference = _copy_rows(getattr(two_copies, table), period, 1, keys, start_key)
    assert reference
    rows = getattr(result, table)
    for copy in (1, copies // 2, copies - 1):
        assert _copy_rows(rows, period, copy, keys, start_key) == reference, (table, copy)
    assert len(rows) == len(_copy_rows(getattr(two_copies, table), period, 0, keys, start_key)) + (copies - 1) * len(
        reference
    )


# --------------------------------------------------------------------------- parse mode, chunked


@pytest.fixture(scope="module")
def chunked_parse(one_copy):
    settings = Settings(mode="parse", max_chunk_chars=2_000)
    return settings, parse_document("chunked", one_copy, settings), process_document("chunked", one_copy, settings)


def _removal_inside(clean: CleanText, raw_start: int, raw_end: int) -> bool:
    return any(raw_start < r["end"] and r["start"] < raw_end for r in clean.removed)


def test_chunked_parse_really_chunks(chunked_parse):
    settings, parsed, _ = chunked_parse
    spans = chunk_spans(parsed.clean, settings.max_chunk_chars)
    assert len(spans) > 3
    assert parsed.doc.text == parsed.clean.text
    tokens = {t.idx: t for t in parsed.doc}
    for start, _ in spans:  # each piece is parsed on its own, so it starts a sentence
        assert tokens[start].is_sent_start


def test_chunked_parse_tokens_match_the_clean_text(chunked_parse):
    _, parsed, _ = chunked_parse
    clean = parsed.clean.text
    for token in parsed.doc:
        assert clean[token.idx : token.idx + len(token.text)] == token.text


def test_chunked_parse_sentences_match_the_raw_text(chunked_parse, one_copy):
    _, parsed, result = chunked_parse
    assert len(result.sentences) == len(parsed.sentences)
    checked = 0
    for row, sent in zip(result.sentences, parsed.sentences):
        assert row["text"] == one_copy[row["start"] : row["end"]]
        if not _removal_inside(parsed.clean, row["start"], row["end"]):
            assert row["text"] == sent.text
            checked += 1
    assert checked > 0.9 * len(result.sentences)


def test_chunked_parse_cues_and_attributions_match_the_raw_text(chunked_parse, one_copy):
    settings, parsed, result = chunked_parse
    cues = detect(
        parsed.doc,
        load_lexicon(None),
        settings.disabled_rules,
        settings.categories,
        sentences=parsed.sentences,
        use_tags=True,
    )
    assert len(cues) == len(result.cues) > 10
    for cue, row in zip(cues, result.cues):
        assert row["text"] == one_copy[row["start"] : row["end"]] == cue.text
    records = find_attribution_records(parsed, settings)
    assert len(records) == len(result.attributions) > 10
    clean = parsed.clean.text
    for rec, row in zip(records, result.attributions):
        assert row["cue_text"] == one_copy[row["cue_start"] : row["cue_end"]] == clean[rec.cue[0] : rec.cue[1]]
        if rec.source is not None and not _removal_inside(parsed.clean, row["source_start"], row["source_end"]):
            assert row["source_text"] == clean[rec.source[0] : rec.source[1]]


# --------------------------------------------------------------------------- chunk_spans


def _clean(text: str) -> CleanText:
    return clean_text(text, load_rules(), disabled=tuple(r.name for r in load_rules().rules))


def _assert_covers(spans, text, max_chars):
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    for (_, end), (start, _) in zip(spans, spans[1:]):
        assert end == start
    assert all(end > start for start, end in spans) or text == ""
    assert all(end - start <= max_chars for start, end in spans)


def test_chunk_spans_group_whole_paragraphs():
    paragraphs = [f"Paragraph {n} says something. " * (1 + n % 4) for n in range(40)]
    clean = _clean("\n\n".join(paragraphs))
    max_chars = 300
    spans = chunk_spans(clean, max_chars)
    _assert_covers(spans, clean.text, max_chars)
    para_starts = [start for start, _ in clean.paragraphs]
    assert len(spans) > 5
    for n, (start, end) in enumerate(spans):
        assert start in para_starts  # every paragraph fits, so every cut is at a paragraph
        if n + 1 < len(spans):  # greedy: the next paragraph would not have fitted
            following = para_starts.index(end)
            next_end = para_starts[following + 1] if following + 1 < len(para_starts) else len(clean.text)
            assert next_end - start > max_chars


def test_chunk_spans_cut_a_long_paragraph_after_a_sentence_end():
    long = " ".join(f"Sentence number {n} is here." for n in range(60))
    clean = _clean(f"Short headline\n\n{long}\n\nA closing paragraph.")
    spans = chunk_spans(clean, 200)
    _assert_covers(spans, clean.text, 200)
    inside = [end for _, end in spans[:-1] if clean.paragraphs[1][0] < end < clean.paragraphs[1][1]]
    assert inside
    for end in inside:
        assert clean.text[end - 2 : end] == ". "
    assert spans[0] == (0, clean.paragraphs[1][0])  # the headline is closed before the long paragraph


def test_chunk_spans_cut_at_a_space_then_anywhere_when_unavoidable():
    words = " ".join(["word"] * 200)
    spans = chunk_spans(_clean(words), 50)
    _assert_covers(spans, words, 50)
    assert all(words[end - 1] == " " for _, end in spans[:-1])
    unbroken = "x" * 130
    assert chunk_spans(_clean(unbroken), 50) == [(0, 50), (50, 100), (100, 130)]


def test_chunk_spans_short_and_empty_text():
    clean = _clean("One paragraph.\n\nAnother one.")
    assert chunk_spans(clean, 1_000) == [(0, len(clean.text))]
    assert chunk_spans(_clean(""), 1_000) == [(0, 0)]


# --------------------------------------------------------------------------- linear in mentions and quotes


def _lines_run(module, fn) -> int:
    """Python lines executed inside ``module`` while ``fn`` runs: a count of work that, unlike
    wall-clock time, does not depend on the machine."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        count += event == "line"
        return local

    def calls(frame, event, arg):
        return local if frame.f_code.co_filename == module.__file__ else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        fn()
    finally:
        sys.settrace(previous)
    return count


def _doubling_ratio(module, run, n: int) -> float:
    """Work inside ``module`` for an input twice as long, over the work for the input itself."""
    return _lines_run(module, lambda: run(2 * n)) / _lines_run(module, lambda: run(n))


def test_source_resolution_is_linear_in_unresolvable_mentions():
    # No antecedent for "they" and no named outlet for "the outlet": a scan back over every
    # earlier record for each of them made this quadratic (ratio 4 for twice the copies).
    paragraph = "“We expect traffic to double,” they said. According to the outlet, the plan was approved."

    def run(copies):
        settings = Settings(mode="fast")
        parsed = parse_document("t", SEPARATOR.join([paragraph] * copies), settings)
        rows = find_attribution_records(parsed, settings)
        assert len(rows) == 2 * copies and not any(r.resolved for r in rows)

    assert _doubling_ratio(source_resolution, run, 200) < 2.2


def test_quote_scan_is_linear_in_unclosed_quotes():
    # One paragraph of quotes that never close, with apostrophes that close nothing: looking for
    # an open mark by walking the stack made this quadratic.
    assert _doubling_ratio(quotes, lambda n: quote_depth("“He said Russia’s army is tired. " * n), 2_000) < 2.2


def test_open_quotes_answer_from_positions():
    stack = OpenQuotes()
    for mark in "“‘„“" + "“" * 1000:
        stack.push(mark)
    assert len(stack) == 1004 and "“" in stack and '"' not in stack
    assert stack.closed_by("’") == "‘" and stack.closed_by("”") == "“" and stack.closed_by("»") is None
    stack.close("‘")  # closes the „ and every “ opened inside the ‘
    assert stack.marks == ["“"] and stack.positions == {"“": [0], "‘": [], "„": []}
    stack.clear()
    assert not stack and stack.closed_by("”") is None


def test_antecedents_and_outlets_are_found_however_far_back():
    filler = ["The ministry said the port would open in May."] * 30
    text = SEPARATOR.join(
        [
            "Spokesman John Kirby said the talks had stalled.",
            *filler,
            "“Nobody knows,” he said.",
            "“We will see,” they said.",
            "The New York Times reported that the deal was close.",
            *filler,
            "According to the outlet, the deal was signed.",
        ]
    )
    settings = Settings(mode="parse")
    rows = find_attribution_records(parse_document("t", text, settings), settings)
    he, they, outlet = rows[31], rows[32], rows[-1]
    source = [text[r.source[0] : r.source[1]] for r in (he, they, outlet)]
    assert source == ["he", "they", "the outlet"]
    assert (he.resolved, he.source_type) == ("John Kirby", "named_official")
    assert they.resolved is None and they.anonymous  # no plural source before it
    assert (outlet.resolved, outlet.anonymous) == ("The New York Times", False)


def test_bundled_inline_rules_that_open_with_spaces_try_each_run_of_spaces_once():
    # An inline rule is searched at every position of a line: one opening with a repeat of spaces,
    # tried at every space of a long run, was quadratic in the run (cubic with two such repeats).
    # The bundled ones start at the first space of a run only, which finds the same matches.
    opens_with_spaces = re.compile(r"^(?:\(\?:)*\\s[*+]")
    rules = [r for r in load_rules().rules if r.kind == "inline"]
    checked = [r.name for r in rules if opens_with_spaces.match(r.pattern.pattern.removeprefix(r"(?<!\s)"))]
    assert set(checked) >= {"image_markup", "title_suffix", "author_tag"}
    assert all(r.pattern.pattern.startswith(r"(?<!\s)") for r in rules if r.name in checked)
    line = "Officials said the talks stalled." + " " * 5_000 + ". (mse)"
    assert [r["rule"] for r in clean_text(line, load_rules()).removed] == ["author_tag"]
