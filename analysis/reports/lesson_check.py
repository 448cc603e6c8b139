"""``check()``: a student's marks on a passage, compared with what the detectors found, as feedback
that points where to look again without giving the answer away.

    check(passage, hedges=["may"], sources=["the ministry"], boosters=[]) -> Feedback

A mark matches an answer when its words are the answer's words, or all its content words are among
them (so "minister" matches "the prime minister"), or the answer's lemma ("believe" for
"believed"); each answer is matched at most once. ``boosters=None`` leaves boosters unchecked. The
feedback names how many of each kind were found, and for the first one missed its word class, its
sentence and its line; a mark that is another kind's answer, a source's reporting word, or no answer
at all, is said so.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from analysis.reports.lesson_passages import Answer, Passage

KINDS = {"hedge": ("hedge", "hedges"), "booster": ("booster", "boosters"), "source": ("source", "sources")}
MODALS = {"may", "might", "could", "would", "should", "can", "must", "will", "shall"}
ADJECTIVES = {"likely", "unlikely", "possible", "probable", "clear", "unclear", "apparent", "sure", "certain"}
STOPWORDS = {"the", "a", "an", "of", "to", "in", "on", "and", "that", "this", "his", "her", "its", "their"}
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")
WORD = re.compile(r"[\w\u2019']+")


@dataclass(frozen=True)
class KindResult:
    kind: str
    expected: tuple[Answer, ...]
    found: tuple[Answer, ...]
    wrong: tuple[str, ...]  # marks matching no answer of this kind
    elsewhere: tuple[tuple[str, str], ...]  # (mark, the kind it is an answer of)

    @property
    def missed(self) -> list[Answer]:
        return [a for a in self.expected if a not in self.found]


@dataclass(frozen=True)
class Feedback:
    passage: int
    results: tuple[KindResult, ...]

    @property
    def all_right(self) -> bool:
        return all(not r.missed and not r.wrong and not r.elsewhere for r in self.results)

    @property
    def messages(self) -> list[str]:
        return [m for r in self.results for m in kind_messages(r)]

    def __str__(self) -> str:
        name = f"Passage {self.passage}" if self.passage else "Worked example"
        head = f"{name}: " + ("all right, well done." if self.all_right else "some to look at again.")
        return "\n".join([head, *(f"- {m}" for m in self.messages)])

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(m)}</li>" for m in self.messages)
        head = html.escape(str(self).splitlines()[0])
        return f"<div class='lesson-feedback'><p><strong>{head}</strong></p><ul>{items}</ul></div>"


def words(text: str) -> list[str]:
    return [w.replace("\u2019", "'") for w in WORD.findall(str(text).lower())]


def matches(mark: str, answer: Answer) -> bool:
    """Whether a student's mark names this answer (see the module docstring)."""
    given, target = words(mark), words(answer.text)
    if not given:
        return False
    if given == target or (answer.lemma and given == words(answer.lemma)):
        return True
    content = [w for w in given if w not in STOPWORDS]
    return bool(content) and all(w in target for w in content)


def check(passage: Passage, hedges=(), sources=(), boosters=()) -> Feedback:
    """Compare a student's marks with the passage's answers; ``None`` for a kind: not checked."""
    given = {"hedge": hedges, "booster": boosters, "source": sources}
    results = []
    for kind, marks in given.items():
        if marks is None:
            continue
        if isinstance(marks, str):
            marks = [marks]
        results.append(_compare(passage, kind, [str(m) for m in marks]))
    return Feedback(passage.number, tuple(results))


def _compare(passage: Passage, kind: str, marks: list[str]) -> KindResult:
    expected = passage.of_kind(kind)
    found, wrong, elsewhere = [], [], []
    for mark in dict.fromkeys(m.strip() for m in marks if m.strip()):
        hit = next((a for a in expected if a not in found and matches(mark, a)), None)
        if hit is not None:
            found.append(hit)
            continue
        if any(matches(mark, a) for a in found):
            continue  # the same answer marked twice
        other = next((a.kind for a in passage.answers if a.kind != kind and matches(mark, a)), None)
        if other is None and any(a.cue_text and words(mark) == words(a.cue_text) for a in passage.of_kind("source")):
            other = "reporting word"
        if other is not None:
            elsewhere.append((mark, other))
        else:
            wrong.append(mark)
    found.sort(key=expected.index)
    return KindResult(kind, tuple(expected), tuple(found), tuple(wrong), tuple(elsewhere))


def kind_messages(result: KindResult) -> list[str]:
    one, many = KINDS[result.kind]
    n, got = len(result.expected), len(result.found)
    if n == 0:
        lines = [
            f"There are no {many} in this passage" + (", and you marked none: right." if not _extra(result) else ".")
        ]
    elif got == n:
        lines = [f"You found the {one}: well done." if n == 1 else f"You found all {n} {many}: well done."]
    else:
        missed = result.missed[0]
        lines = [f"You found {got} of {n} {one if n == 1 else many}; look again at {hint(missed)}."]
    for mark, other in result.elsewhere:
        if other == "reporting word":
            lines.append(f"\u201c{mark}\u201d is a reporting word: the source is who says it.")
        else:
            lines.append(f"\u201c{mark}\u201d is a {other} here, not a {one}.")
    for mark in result.wrong:
        lines.append(
            f"\u201c{mark}\u201d is not one of the {many} the detectors found (if you think it is one, say why)."
        )
    return lines


def _extra(result: KindResult) -> bool:
    return bool(result.wrong or result.elsewhere)


def hint(answer: Answer) -> str:
    """Where to look for a missed answer, without the answer: its word class, sentence and line."""
    sentence = ORDINALS[answer.sentence - 1] if answer.sentence <= len(ORDINALS) else f"number {answer.sentence}"
    where = f"the {sentence} sentence (line {answer.line})"
    if answer.kind == "source":
        return f"{where}, and ask who says so there"
    return f"{word_class(answer)} in {where}"


def word_class(answer: Answer) -> str:
    """A rough word class of a cue, from its text and lemma (no parse needed)."""
    text = words(answer.text)
    if len(text) > 1:
        return "the phrase"
    word = text[0] if text else ""
    if word in MODALS:
        return "the modal verb"
    if word in ADJECTIVES:
        return "the adjective"
    if word.endswith("ly"):
        return "the adverb"
    if answer.detail == "approximator":
        return "the word that makes a number less exact"
    if answer.detail in ("doxastic", "evidential"):
        return "the verb"
    return "the word"
