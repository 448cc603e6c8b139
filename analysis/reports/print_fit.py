"""Tables too wide for the paper: marked so that the print CSS may break their words anywhere.

A browser lays out a table no narrower than its longest words. Breaking words anywhere in every
table would keep all of them inside the paper, but would also split words in tables that fit
(a 7-column table would print "Docum ents"). So only a table whose longest words, column by
column, add up to more than a printed line is marked ``nh-squeeze``; the page's CSS then lets its
data cells break anywhere (its header cells too when they alone are that wide: ``nh-squeeze-all``),
so it shrinks to the paper instead of being cut at the edge.
"""

from __future__ import annotations

import html
import re

LINE_CHARS = 120  # characters of table text across an A4 or Letter page at the print font size (9.5px)
CELL_PADDING_CHARS = 2
TABLE = re.compile(r"<table\b([^>]*)>(.*?)</table>", re.S | re.I)
ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S | re.I)
CELL = re.compile(r"<(t[hd])\b[^>]*>(.*?)</t[hd]>", re.S | re.I)
TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"[ \t\n\r\f]+")  # where a browser may wrap
CLASS = re.compile(r"""\bclass=(["'])(.*?)\1""", re.S | re.I)


def min_chars(table_html: str, headers_only: bool = False) -> int:
    """The narrowest the table can be without breaking a word (of its header cells only), in characters."""
    longest: dict[int, int] = {}
    for row in ROW.findall(table_html):
        for column, (tag, cell) in enumerate(CELL.findall(row)):
            if headers_only and tag.lower() != "th":
                continue
            words = SPACE.split(html.unescape(TAG.sub(" ", cell)))  # a no-break space joins words
            widest = max((len(w) for w in words), default=0)
            longest[column] = max(longest.get(column, 0), widest)
    return sum(width + CELL_PADDING_CHARS for width in longest.values())


def mark_wide_tables(page: str, line_chars: int = LINE_CHARS) -> str:
    """``page`` with ``class="nh-squeeze"`` added to every table wider than ``line_chars``: its data
    cells may break words anywhere; ``nh-squeeze-all`` too when its header cells alone are that wide."""

    def mark(match: re.Match) -> str:
        attributes, body = match.group(1), match.group(2)
        if min_chars(body) <= line_chars:
            return match.group(0)
        names = "nh-squeeze nh-squeeze-all" if min_chars(body, headers_only=True) > line_chars else "nh-squeeze"
        if CLASS.search(attributes):
            attributes = CLASS.sub(lambda m: f"class={m.group(1)}{m.group(2)} {names}{m.group(1)}", attributes, 1)
        else:
            attributes += f' class="{names}"'
        return f"<table{attributes}>{body}</table>"

    return TABLE.sub(mark, page)
