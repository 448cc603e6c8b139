"""Title-case headlines, read by both detectors ("Drug Likely Caused Deaths, Study Says").

In title case, capitals mark no names: the tagger reads "May", "Suspect" or "Believe" as proper
nouns and the sentence splitter cuts the line at them ("Theresa" | "May Visits Flooded Town").
The detectors join such cuts back (``join_title_fragments``) and read title-case text by word
order, as in fast mode.
"""

from __future__ import annotations

END_MARKS = (".", "?", "!", ":", ";", "”", '"', "’")
MAX_TITLE_TOKENS = 40  # a headline is short; the bound also keeps joining linear on unpunctuated text


def is_title_case(words: list[str]) -> bool:
    """Most alphabetic words (short function words may stay lower case) start with a capital,
    there are at least three, and no full stop ends it (a body sentence full of names does)."""
    if words and words[-1] == ".":
        return False
    alpha = [w for w in words if w[:1].isalpha()]
    return len(alpha) >= 3 and sum(w[0].isupper() for w in alpha) / len(alpha) >= 0.6


def join_title_fragments(sentences: list, text: str) -> list:
    """The sentence spans with a title-case line the splitter cut up joined again: a sentence that
    ends without a closing mark and continues on the same line is one with the next, when the
    joined text is title case. ``text`` is the Doc's text (``Doc.text`` is built anew from its
    tokens on each access, so callers pass the string they hold)."""
    out: list = []
    for sent in sentences:
        if out:
            prev = out[-1]
            gap = text[prev.end_char : sent.start_char]
            joined = prev.doc[prev.start : sent.end]
            if (
                len(joined) <= MAX_TITLE_TOKENS
                and "\n" not in gap
                and not prev.text.rstrip().endswith(END_MARKS)
                and is_title_case([t.text for t in joined if not t.is_space])
            ):
                out[-1] = joined
                continue
        out.append(sent)
    return out
