"""The media-literacy lesson (notebooks/10_lesson.ipynb): passages chosen deterministically, check()
feedback, part 2's claim, a handout without answers and a key with all of them (HTML and PDF
text), a shorter lesson that says why on a thin corpus, and the registry's variants that render
it twice."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
import yaml

from analysis.aggregation.claim_groups import claims_table
from analysis.corpus.loading import load_corpus
from analysis.pipeline.run import analyze_corpus
from analysis.reports import lesson_html, pdf
from analysis.reports.jobs import plan_jobs
from analysis.reports.lesson_check import check, word_class
from analysis.reports.lesson_claims import CLAIM_COLUMNS, choose_claim, how_sure, who_says
from analysis.reports.lesson_lines import wrap
from analysis.reports.lesson_marks import answer_line, numbered_lines
from analysis.reports.lesson_plan import plan_lesson
from analysis.reports.lesson_text import CATEGORY_WORDS
from analysis.reports.notebook_params import ParameterError
from analysis.reports.pages import index_html
from analysis.reports.registry import load_registry
from analysis.settings import Settings
from analysis.vocabulary import HEDGE_CATEGORIES

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [
    "The minister said on Tuesday that the new plan may fail before the end of next year.",
    "Officials believe the project will clearly cost about ten million dollars in total, far above the budget.",
    "According to the newspaper, critics of the plan want a new vote on the costs this spring.",
    "The council met again on Friday evening and talked about the roads and the harbour for hours.",
]
CUES = [("may", "epistemic"), ("believe", "doxastic"), ("clearly", "booster"), ("about", "approximator")]
SOURCES = [("said", "The minister", "named_official"), ("According to", "the newspaper", "other_media")]


def tiny_analysis(n_docs: int = 1) -> SimpleNamespace:
    """``n_docs`` copies of a four-sentence article, with the detectors' findings written by hand."""
    docs, sentences, cues, atts = [], [], [], []
    for d in range(n_docs):
        doc_id, raw = f"doc{d}", ""
        docs.append({"doc_id": doc_id, "outlet": f"Outlet {d}", "story_date": pd.Timestamp(f"2024-05-0{d + 1}")})
        for i, text in enumerate(TEXTS):
            start = len(raw)
            raw += text + " "
            row = {"doc_id": doc_id, "sentence_id": i, "paragraph": i, "is_headline": False, "start": start}
            sentences.append({**row, "end": start + len(text), "in_quote": False, "text": text})
            sentences[-1]["n_words"] = len(text.split())
        for word, category in CUES:
            s = raw.index(f" {word} ") + 1
            cues.append({"doc_id": doc_id, "sentence_id": _sentence_of(word), "start": s, "end": s + len(word)})
            cues[-1].update(text=word, lemma=word, category=category, rule="lexicon", in_quote=False, negated=False)
        for n, (cue, source, kind) in enumerate(SOURCES):
            cs, ss = raw.index(cue), raw.index(source)
            atts.append(
                {"doc_id": doc_id, "attribution_id": n, "sentence_id": _sentence_of(cue), "cue_start": cs}
                | {"cue_end": cs + len(cue), "cue_text": cue, "source_start": ss, "source_end": ss + len(source)}
                | {"source_text": source, "resolved": None, "entity": source, "source_type": kind, "stance": "neutral"}
            )
    frames = {"documents": docs, "sentences": sentences, "cues": cues, "attributions": atts}
    return SimpleNamespace(**{name: pd.DataFrame(rows) for name, rows in frames.items()})


def _sentence_of(word: str) -> int:
    return next(i for i, t in enumerate(TEXTS) if word in t)


def test_lines_are_cut_at_spaces_never_inside_a_protected_span():
    text = "one two three four five six seven eight nine ten"
    lines = wrap(text, [(8, 18)], width=12)  # "three four" stays whole
    assert [ln.text for ln in lines] == ["one two", "three four", "five six", "seven eight", "nine ten"]
    assert all(text[ln.start : ln.start + len(ln.text)] == ln.text for ln in lines)
    assert [ln.number for ln in lines] == [1, 2, 3, 4, 5]


def test_passages_and_their_answers_are_what_the_detectors_found():
    lesson = plan_lesson(tiny_analysis(), None, exercises=1)
    (passage,) = lesson.exercises
    assert passage.number == 1 and 40 <= passage.words <= 120 and passage.mixed
    found = {(a.kind, a.text) for a in passage.answers}
    covered = set(range(passage.sentence_ids[0], passage.sentence_ids[-1] + 1))
    expected = {("hedge", "may"), ("hedge", "believe"), ("booster", "clearly"), ("hedge", "about")}
    expected |= {("source", "The minister"), ("source", "the newspaper")}
    assert found == {x for x in expected if _sentence_of(x[1]) in covered}
    for a in passage.answers:  # every answer sits on the line the key names
        line = passage.lines[a.line - 1]
        assert line.start <= a.start < line.start + len(line.text) + 1


def test_every_answer_is_marked_in_black_and_white():
    passage = plan_lesson(tiny_analysis(), None, exercises=1).exercises[0]
    marked_lines = numbered_lines(passage, marks=True)
    for a in passage.answers:  # bracket, bold and its lettered reference, whatever the colour
        assert f"<sup class='mk-ref'>{a.ref}</sup>" in marked_lines
    opens = {"hedge": "[", "booster": "{", "source": "\u27e8"}
    for kind, bracket in opens.items():
        assert marked_lines.count(f"<span class='mk-br'>{bracket}</span>") == len(passage.of_kind(kind))
    plain = numbered_lines(passage, marks=False)
    assert "mk" not in plain and plain.count("lesson-ln") == len(passage.lines)


def test_a_thin_corpus_gives_a_shorter_lesson_that_says_why():
    lesson = plan_lesson(tiny_analysis(), None)
    assert len(lesson.exercises) < 4 and "only" in lesson.notes["exercises"]
    assert "claim" in lesson.notes and lesson.claim is None
    assert sum(lesson.timings.values()) == 45 and "claim" not in lesson.timings
    for audience in ("student", "teacher"):
        page = lesson_html.lesson_html(lesson, audience)
        assert "Part 2 is left out" in page
    if lesson.worked is None:
        assert "No passage was left over" in lesson_html.lesson_html(lesson, "teacher")
    empty = SimpleNamespace(**{k: v.iloc[:0] for k, v in vars(tiny_analysis()).items()})
    nothing = plan_lesson(empty, None)
    assert not nothing.exercises and nothing.worked is None and not nothing.examples
    assert "only 0 passages" in lesson_html.part_exercises(nothing, "student")


def test_feedback_on_right_partial_and_wrong_answers():
    passage = plan_lesson(tiny_analysis(), None, exercises=1).exercises[0]
    hedges = [a.text for a in passage.of_kind("hedge")]
    sources = [a.text for a in passage.of_kind("source")]
    boosters = [a.text for a in passage.of_kind("booster")]
    right = check(passage, hedges=hedges, sources=sources, boosters=boosters)
    assert right.all_right and str(right).startswith("Passage 1: all right")
    assert f"You found all {len(hedges)} hedges: well done." in str(right) and len(hedges) > 1
    assert "You found the booster: well done." in str(right) and len(boosters) == 1

    first_source = passage.of_kind("source")[0]
    partial = check(passage, hedges=hedges[1:], sources=[first_source.text.split()[-1]], boosters=boosters)
    missed = passage.of_kind("hedge")[0]
    lines = str(partial).splitlines()
    assert not partial.all_right and lines[0] == "Passage 1: some to look at again."
    ordinal = ["first", "second", "third", "fourth"][missed.sentence - 1]
    hint = f"You found {len(hedges) - 1} of {len(hedges)} hedges; look again at {word_class(missed)} in the "
    assert f"- {hint}{ordinal} sentence (line {missed.line})." in lines
    assert all(missed.text not in line for line in lines)  # the hint does not give the answer away
    if len(sources) > 1:
        assert any(line.startswith(f"- You found 1 of {len(sources)} sources; look again at") for line in lines)

    cue = first_source.cue_text
    said = check(passage, hedges=[cue], sources=[cue])
    assert str(said).count(f"\u201c{cue}\u201d is a reporting word: the source is who says it.") == 2
    wrong = check(passage, hedges=["Tuesday", boosters[0] if boosters else "x"], sources=[], boosters=[])
    text = str(wrong)
    assert f"You found 0 of {len(hedges)} hedges" in text
    assert "\u201cTuesday\u201d is not one of the hedges the detectors found" in text
    if boosters:
        assert f"\u201c{boosters[0]}\u201d is a booster here, not a hedge" in text
    assert "<li>" in wrong._repr_html_() and "<script" not in check(passage, hedges=["<script>"])._repr_html_()


def test_word_classes_point_at_the_right_kind_of_word():
    passage = plan_lesson(tiny_analysis(), None, exercises=1).exercises[0]
    classes = {a.text: word_class(a) for a in passage.answers if a.kind != "source"}
    assert classes.get("may", "the modal verb") == "the modal verb"
    assert classes.get("believe", "the verb") == "the verb"
    assert classes.get("clearly", "the adverb") == "the adverb"
    assert set(CATEGORY_WORDS) == set(HEDGE_CATEGORIES)


def test_the_claim_most_outlets_report_is_compared_one_version_per_outlet():
    # claim_id, doc_id, sentence_id, start, outlet, story_date, text, certainty, denied, source_type, stance
    rows = [
        ["C2", "d1", 1, 0, "A", "2024-01-01", "Only one outlet says so.", "fact", False, None, None],
        ["C1", "d2", 3, 0, "B", "2024-01-02", "B says it may fail.", "hedged", False, "expert", "neutral"],
        ["C1", "d3", 4, 0, "C", "2024-01-03", "The Plan Fails", "fact", False, None, None],
        ["C1", "d3", 5, 0, "C", "2024-01-03", "It fails, they said.", "attributed", False, "vague", "neutral"],
        ["C3", "d4", 1, 0, "A", "2024-01-01", "It did not fail, A said.", "attributed", True, "institution", "denial"],
        ["C3", "d5", 1, 0, "D", "2024-01-01", "It failed.", "fact", False, None, None],
    ]
    frame = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    claim, why = choose_claim(frame)
    assert why == "" and claim.claim_id == "C1" and claim.n_outlets == 2
    assert [v.outlet for v in claim.versions] == ["B", "C"]
    assert claim.versions[1].text == "It fails, they said."  # a body sentence before a headline
    denied, _ = choose_claim(frame[frame["claim_id"] == "C3"])
    assert [v.certainty for v in denied.versions] == ["denied", "fact"]
    assert how_sure(denied.versions[0]) == "reports it as denied"
    assert who_says(claim.versions[1], "they") == "\u201cthey\u201d (vague sources)"
    assert who_says(denied.versions[1], "") == "nobody is named: the writer says it"
    assert choose_claim(frame.iloc[:1])[0] is None and "two or more outlets" in choose_claim(frame.iloc[:1])[1]
    assert "no claim" in choose_claim(None)[1]


@pytest.fixture(scope="module")
def lessons(bundled_analysis):
    """The lesson of the bundled corpus and of a story corpus the tests have not used (fast mode)."""
    story = ROOT / "data" / "stories" / "court-case"
    other = analyze_corpus(load_corpus(story / "corpus"), Settings(mode="fast"), progress=False)
    return {
        "bundled": plan_lesson(bundled_analysis, claims_table(bundled_analysis)),
        "court-case": plan_lesson(other, claims_table(other)),
    }


@pytest.mark.parametrize("name", ["bundled", "court-case"])
def test_key_holds_every_answer_and_the_handout_none(lessons, name):
    lesson = lessons[name]
    assert 4 <= len(lesson.exercises) <= 6 and lesson.worked is not None
    key, handout = (_text(lesson_html.lesson_html(lesson, a)) for a in ("teacher", "student"))
    answers = [answer_line(p, a) for p in lesson.exercises for a in p.answers]
    assert answers and all(a in key for a in answers)
    assert not [a for a in answers if a in handout]
    assert "Teacher's key" in key and "Student handout" in handout and "45 min" in key and " min)" not in handout
    student_html = lesson_html.part_exercises(lesson, "student")
    assert "class='mk" not in student_html and "Who says so? \u201c" not in handout


@pytest.mark.parametrize("name", ["bundled", "court-case"])
def test_passages_and_answers_are_deterministic(lessons, bundled_analysis, name):
    lesson = lessons[name]
    again = plan_lesson(lesson.analysis, claims_table(lesson.analysis))
    assert again.exercises == lesson.exercises and again.worked == lesson.worked and again.claim == lesson.claim
    for p in lesson.exercises:
        assert 40 <= p.words <= 120 and 2 <= len(p.sentence_ids) <= 4 and p.answers
    assert len({(p.doc_id, s) for p in lesson.exercises for s in p.sentence_ids}) == sum(
        len(p.sentence_ids) for p in lesson.exercises
    )  # no two passages share a sentence


def test_part_two_compares_outlets_on_the_bundled_corpus(lessons):
    claim = lessons["bundled"].claim
    assert claim is not None and len({v.outlet for v in claim.versions}) >= 2
    key = _text(lesson_html.part_claim(lessons["bundled"], "teacher"))
    assert key.count("Who says so? ") == len(claim.versions) and "How sure? The writer" in key


def _text(page: str) -> str:
    """The words of a page, as a reader sees them: no tags, entities decoded, spaces collapsed."""
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).split())


# --- the registry's variants --------------------------------------------------------------------


def _registry(tmp_path: Path, variants) -> Path:
    entry = {"notebook": str(ROOT / "notebooks" / "10_lesson.ipynb"), "title": "Lesson", "variants": variants}
    path = tmp_path / "reports.yaml"
    path.write_text(yaml.safe_dump({"reports": [entry]}), encoding="utf-8")
    return path


def test_registry_variants_render_the_lesson_twice_with_their_pdf_names():
    (spec,) = [s for s in load_registry() if s.name == "10_lesson"]
    assert [(v.name, dict(v.parameters), v.pdf) for v in spec.variants] == [
        ("handout", {"audience": "student"}, "lesson-handout.pdf"),
        ("key", {"audience": "teacher"}, "lesson-key.pdf"),
    ]
    jobs = plan_jobs([spec], {"corpus": "c", "mode": "fast"}, {"10_lesson": {"audience": "x"}}, ["A"], "run-1")
    assert [(j.slug, j.parameters["audience"], j.pdf) for j in jobs] == [
        ("10_lesson--handout", "student", "lesson-handout.pdf"),
        ("10_lesson--key", "teacher", "lesson-key.pdf"),
    ]
    assert all(j.parameters["corpus"] == "c" and j.title.startswith("Lesson: how sure") for j in jobs)
    record = {"parameters": {}, "packages": {}, "lexicons": {}, "corpus": {"source": "s", "hash": "h"}}
    page = index_html("run-1", jobs, record, pdfs=True)
    assert "10_lesson--handout/lesson-handout.pdf" in page and "10_lesson--key/lesson-key.pdf" in page
    assert "lesson-key.pdf" not in index_html("run-1", jobs, record)


def test_the_teachers_registry_is_the_lesson_entry_of_the_full_one():
    (alone,) = load_registry(ROOT / "notebooks" / "lesson.yaml")
    (full,) = [s for s in load_registry() if s.name == "10_lesson"]
    assert (alone.notebook, alone.title, alone.receives, alone.variants) == (
        full.notebook,
        full.title,
        full.receives,
        full.variants,
    )


@pytest.mark.parametrize(
    "variants, message",
    [
        ([{"name": "Bad Name", "parameters": {}}], "distinct name"),
        ([{"name": "a"}, {"name": "a"}], "distinct name"),
        ([{"name": "a", "parameters": {"audience": 3}}], "parameter 'audience' must be str"),
        ([{"name": "a", "parameters": {"nope": 1}}], "unknown parameter 'nope'"),
        ([{"name": "a", "parameters": {"run_id": "x"}}], "without outlet, run_id"),
        ([{"name": "a", "pdf": "../x.pdf"}], "'pdf' must be a file name"),
        ([{"name": "a", "pdf": "x.pdf"}, {"name": "b", "pdf": "x.pdf"}], "same pdf"),
        ([{"name": "a", "colour": "red"}], "must be a mapping of name"),
        ([], "non-empty list"),
    ],
)
def test_bad_variants_are_refused_when_the_registry_is_read(tmp_path, variants, message):
    with pytest.raises(ParameterError, match=re.escape(message)):
        load_registry(_registry(tmp_path, variants))


# --- printed ------------------------------------------------------------------------------------


def test_printed_key_holds_every_answer_and_the_handout_none(tmp_path):
    """The whole path on a corpus the project has never seen: the report command renders the
    handout and the key, prints both with Chromium, and only the key's PDF text has the answers."""
    from tests.factories import write_folder_corpus

    if pdf.find_browser() is None or shutil.which("pdftotext") is None:
        pytest.skip("headless Chromium or pdftotext not installed (make browser)")
    from analysis.reports.render import render_reports

    corpus = write_folder_corpus(tmp_path / "unseen", n_docs=24)
    registry = _registry(
        tmp_path,
        [
            {"name": "handout", "parameters": {"audience": "student"}, "pdf": "lesson-handout.pdf"},
            {"name": "key", "parameters": {"audience": "teacher"}, "pdf": "lesson-key.pdf"},
        ],
    )
    params = tmp_path / "params.yaml"
    params.write_text("mode: fast\n", encoding="utf-8")
    result = render_reports(corpus, params, tmp_path / "out", registry=registry, progress=False, pdf="a4")
    run = result.run_dir
    index = (run / "index.html").read_text(encoding="utf-8")
    assert "10_lesson--handout/lesson-handout.pdf" in index and "10_lesson--key/lesson-key.pdf" in index
    texts, pages = {}, {}
    for name in ("handout", "key"):
        pages[name] = _text((run / f"10_lesson--{name}" / "report.html").read_text(encoding="utf-8"))
        target = run / f"10_lesson--{name}" / f"lesson-{name}.pdf"
        out = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, check=True, text=True)
        texts[name] = " ".join(out.stdout.split())
    analysis = analyze_corpus(load_corpus(corpus), Settings(mode="fast"), progress=False)
    lesson = plan_lesson(analysis, claims_table(analysis))
    answers = [answer_line(p, a) for p in lesson.exercises for a in p.answers]
    assert answers, "the unseen corpus gave no exercise"
    for found in (texts, pages):  # the PDF text, and the HTML page as a reader sees it
        assert [a for a in answers if a not in found["key"]] == []
        assert [a for a in answers if a in found["handout"]] == []
    assert "Student handout" in texts["handout"] and "Teacher's key" in texts["key"]
    for name in ("handout", "key"):  # no passage box is cut by a page break
        pages = _pdf_pages(run / f"10_lesson--{name}" / f"lesson-{name}.pdf")
        for p in lesson.exercises:
            (page,) = [t for t in pages if f"Passage {p.number} " in t]
            if name == "handout":  # every line of the passage, and the space to write under it
                assert all(" ".join(line.text.split()) in page for line in p.lines), (name, p.number)
                last = page.index(" ".join(p.lines[-1].text.split()))
                assert "Sources (word and line):" in page[last:], (name, p.number)
            else:  # the heading and every answer of its list
                assert all(answer_line(p, a) in page for a in p.answers), (name, p.number)


def _pdf_pages(path: Path) -> list[str]:
    """The text of each page of a PDF, spaces collapsed (pdftotext ends each page with a form feed)."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True)
    return [" ".join(page.split()) for page in out.stdout.split("\f")]
