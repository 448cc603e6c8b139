"""Helpers for the hedging tests: cues of a short text in either mode."""

from __future__ import annotations

from analysis.detectors.hedging.detector import find_cues
from analysis.nlp.document import parse_document
from analysis.settings import Settings


def cues_of(text: str, mode: str = "parse", **settings) -> list[dict]:
    chosen = Settings(mode=mode, **settings)
    return find_cues(parse_document("t", text, chosen), chosen)


def cue_texts(text: str, mode: str = "parse", **settings) -> list[str]:
    return [c["text"] for c in cues_of(text, mode, **settings)]
