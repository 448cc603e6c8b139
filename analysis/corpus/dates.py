"""Dates from free-text metadata: ISO dates win; a day/month order that cannot be told is read by
a stated rule and flagged, never silently swapped.

``04/03/2025`` could be 4 March or 3 April. Such a date is read month first (US order) unless the
corpus is declared day-first (``load_corpus(..., dayfirst=True)``, ``--dayfirst``), and its
column ``<date column>_ambiguous`` is True, with a message naming the document.
"""

from __future__ import annotations

import re
import warnings

import pandas as pd
from dateutil import parser as dateparser

DATE_COLUMNS = ("story_date", "captured_date", "date", "published", "publication_date")
STORY_DATE_SOURCES = ("story_date", "date", "published", "publication_date")
UNKNOWN_VALUES = {"", "unknown", "n/a", "na", "none", "null", "nan", "-", "?"}
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
# Two numbers of at most two digits before a year: 04/03/2025, 4.3.25, 04-03-2025.
_NUMERIC_DAY_MONTH = re.compile(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})\b")


class CorpusWarning(UserWarning):
    pass


def is_ambiguous(text: str) -> bool:
    """Whether a date's day and month could be read either way (both at most 12 and different)."""
    if _ISO_DATE.search(text):
        return False
    m = _NUMERIC_DAY_MONTH.search(text)
    return (
        bool(m) and int(m.group(1)) <= 12 and int(m.group(2)) <= 12 and m.group(1).lstrip("0") != m.group(2).lstrip("0")
    )


def parse_date(value, dayfirst: bool = False) -> pd.Timestamp | None:
    """A date from free text: an ISO date inside it wins, else a plain date string read month first
    (or day first with ``dayfirst``); None if neither."""
    text = str(value).strip()
    if text.lower() in UNKNOWN_VALUES:
        return None
    iso = _ISO_DATE.search(text)
    try:
        if iso:
            return pd.Timestamp(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        parsed = dateparser.parse(text, default=None, dayfirst=dayfirst)
    except (ValueError, OverflowError, TypeError):
        return None
    return pd.Timestamp(parsed.date()) if parsed else None


def _parse_column(documents: pd.DataFrame, col: str, dayfirst: bool, messages: list[str]) -> None:
    original = documents[col].astype(str)
    parsed, ambiguous = [], []
    order = "day first" if dayfirst else "month first"
    for doc_id, value in zip(documents["doc_id"], original):
        stamp = parse_date(value, dayfirst)
        unsure = stamp is not None and is_ambiguous(value)
        if stamp is None and value.strip().lower() not in UNKNOWN_VALUES:
            _note(messages, f"{doc_id}: {col} {value!r} is not a date; left missing")
        elif unsure:
            _note(messages, f"{doc_id}: {col} {value!r} could be read either way; read {order} as {stamp.date()}")
        parsed.append(stamp)
        ambiguous.append(unsure)
    documents[f"{col}_text"] = original
    documents[f"{col}_ambiguous"] = ambiguous
    documents[col] = pd.to_datetime(pd.Series(parsed, index=documents.index, dtype="object"))


def _note(messages: list[str], message: str) -> None:
    warnings.warn(message, CorpusWarning, stacklevel=4)
    messages.append(message)


def parse_dates(documents: pd.DataFrame, messages: list[str], dayfirst: bool = False) -> pd.DataFrame:
    """Parse every date column in place (keeping the original text), set ``story_date`` from the
    first date column there is and ``phase`` (year-month) where the metadata gives none."""
    for col in DATE_COLUMNS:
        if col in documents.columns:
            _parse_column(documents, col, dayfirst, messages)
    story = next((c for c in STORY_DATE_SOURCES if c in documents.columns), None)
    if story and story != "story_date":
        documents["story_date"] = documents[story]
    if "phase" not in documents.columns or (documents["phase"].astype(str).str.strip() == "").all():
        if "story_date" in documents.columns:
            documents["phase"] = documents["story_date"].dt.strftime("%Y-%m").fillna("unknown")
        else:
            documents["phase"] = "unknown"
    documents["phase"] = documents["phase"].replace("", "unknown")
    return documents
