"""The run's summary: two or three plain sentences per outlet, drawn from ``outlet_summary``.

Each sentence states a figure with its base (n) and, when the outlet has enough documents for an
interval, where the outlet stands against the whole corpus: "above" or "below" only when the 95%
interval excludes the corpus rate, otherwise "close to". An outlet without an interval is never
ranked: the sentence says why. Shown on the run's index page and in the comparison report.
"""

from __future__ import annotations

import html

import pandas as pd

from analysis.aggregation.stats import MIN_DOCUMENTS
from analysis.vocabulary import SOURCE_TYPES

# How a source type reads in a sentence ("most often named officials").
SOURCE_TYPE_WORDS = {
    "named_official": "named officials",
    "anonymous_official": "anonymous officials",
    "institution": "institutions",
    "counterparty": "the other party to the dispute",
    "other_media": "other media",
    "expert": "experts",
    "document": "documents",
    "vague": "vague sources",
    "citizen": "private citizens",
}


def _number(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def corpus_rate(summary: pd.DataFrame, count: str, base: str = "n_words", per: float = 1000.0) -> float | None:
    """The pooled corpus rate: all outlets' ``count`` over all their ``base``, per ``per``."""
    total = summary[base].sum()
    return None if not total else float(summary[count].sum()) / float(total) * per


def standing(row: pd.Series, metric: str, reference: float | None) -> str:
    """Where the outlet's ``metric`` stands against the corpus ``reference``, judged by its interval."""
    low, high = row.get(f"{metric}_ci_low"), row.get(f"{metric}_ci_high")
    if reference is None or pd.isna(low) or pd.isna(high):
        return ""
    where = "above" if low > reference else "below" if high < reference else "close to"
    interval = f"95% interval {_number(low)} to {_number(high)}"
    return f" ({interval}; {where} the corpus rate of {_number(reference)})"


def hedging_sentence(row: pd.Series, reference: float | None) -> str:
    hedges, boosters = int(row["n_hedges"]), int(row["n_boosters"])
    sentence = (
        f"It uses {_plural(hedges, 'hedge')} and {_plural(boosters, 'booster')} in "
        f"{_plural(int(row['n_words']), 'word')}: {_number(row['hedges_per_1000'])} hedges per 1,000 words"
        f"{standing(row, 'hedges_per_1000', reference)}"
    )
    share = row.get("hedged_sentence_share")
    if pd.notna(share):
        sentence += f"; {_number(share, 0)}% of its {_plural(int(row['n_sentences']), 'sentence')} carry a hedge"
    return sentence + "."


def _share_words(share: float, n: int) -> str:
    """A share of ``n`` as words: "none", "all", or the count and percent ("3 (21%)")."""
    count = round(share * n / 100)
    if count == 0:
        return "none"
    return "all" if count == n else f"{count:,} ({_number(share, 0)}%)"


def attribution_sentence(row: pd.Series) -> str:
    n = int(row.get("n_attributions", 0) or 0)
    if n == 0:
        return "It attributes no claim to a source."
    shares = {t: row.get(f"share_{t}") for t in SOURCE_TYPES if pd.notna(row.get(f"share_{t}"))}
    top = max(shares, key=lambda t: (shares[t], -SOURCE_TYPES.index(t))) if shares else None
    parts = [f"It cites sources {_plural(n, 'time')}"]
    if top is not None and shares[top] > 0:
        parts.append(f"most often {SOURCE_TYPE_WORDS[top]}: {_share_words(shares[top], n)}")
    if pd.notna(row.get("anonymous_share")):
        parts.append(f"{_share_words(row['anonymous_share'], n)} anonymous")
    if pd.notna(row.get("direct_share")):
        parts.append(f"{_share_words(row['direct_share'], n)} quoted word for word")
    return ", ".join(parts[:2]) + ("; " + " and ".join(parts[2:]) if parts[2:] else "") + "."


def accused_sentence(row: pd.Series) -> str:
    """How often the accused side speaks, and how often as a denial (only when sides are known)."""
    if "n_accused" not in row or pd.isna(row.get("n_accused")):
        return ""
    n = int(row["n_accused"])
    if n == 0:
        return "The accused side is never cited."
    denial = row.get("denial_share_accused")
    times = "once" if n == 1 else f"{n:,} times"
    tail = f", {_share_words(denial, n)} of them as a denial" if pd.notna(denial) and n > 1 else ""
    if n == 1 and pd.notna(denial) and denial > 0:
        tail = ", as a denial"
    return f"The accused side is cited {times}{tail}."


def outlet_sentences(summary: pd.DataFrame) -> dict[str, list[str]]:
    """Per outlet (in the table's order): the sentences of its summary."""
    reference = corpus_rate(summary, "n_hedges") if len(summary) > 1 else None
    out: dict[str, list[str]] = {}
    for _, row in summary.iterrows():
        docs = int(row["n_documents"])
        lead = f"{_plural(docs, 'document')}."
        if docs < MIN_DOCUMENTS:
            lead = (
                f"{_plural(docs, 'document')}, too few for an interval ({MIN_DOCUMENTS} are needed), "
                "so its figures are not ranked against the others."
            )
        sentences = [lead, hedging_sentence(row, reference), attribution_sentence(row), accused_sentence(row)]
        out[str(row["outlet"])] = [s for s in sentences if s]
    return out


def summary_html(summary: pd.DataFrame) -> str:
    """The run's summary as HTML: one paragraph per outlet, the outlet's name in bold."""
    if summary.empty:
        return "<p class='nh-note'>No document was analysed, so there is nothing to summarise.</p>"
    paragraphs = [
        f"<p><strong>{html.escape(outlet)}</strong>: {html.escape(' '.join(sentences))}</p>"
        for outlet, sentences in outlet_sentences(summary).items()
    ]
    return "<section class='nh-summary'>" + "".join(paragraphs) + "</section>"
