"""Scoring a corpus against a gold file (ANNOTATION.md sections 3 and 4).

``evaluate`` loads the corpus and the gold file (checked against the raw texts), analyses the
annotated documents and returns one nested dict; each detector's scorer adds its own keys and
the dicts are merged deeply (so ``per_outlet`` can hold keys from several scorers).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from analysis.corpus.loading import Corpus, load_corpus
from analysis.evaluation.attribution import score_attributions
from analysis.evaluation.claims import load_claim_gold, score_claims
from analysis.evaluation.gold import GoldError, load_gold
from analysis.evaluation.hedging import score_hedges
from analysis.pipeline.run import Analysis, analyze_corpus
from analysis.settings import Settings
from analysis.story import story_for

FLOAT_DIGITS = 4


@dataclass
class Evaluation:
    scores: dict
    analysis: Analysis
    gold: dict


def deep_merge(into: dict, extra: dict) -> dict:
    """Merge ``extra`` into ``into`` recursively; a key both give as non-dicts is an error."""
    for key, value in extra.items():
        if key in into and isinstance(into[key], dict) and isinstance(value, dict):
            deep_merge(into[key], value)
        elif key in into and into[key] != value:
            raise ValueError(f"two scorers report different values for {key!r}")
        else:
            into[key] = value
    return into


def _gold_corpus(corpus: Corpus, gold: dict) -> Corpus:
    """The corpus restricted to the annotated documents (the others are not scored)."""
    docs = corpus.documents
    missing = sorted(set(gold) - set(docs["doc_id"]))
    if missing:
        listed = ", ".join(missing[:10]) + (" ..." if len(missing) > 10 else "")
        raise GoldError(corpus.source, f"gold documents not in the corpus: {listed}")
    kept = docs.loc[docs["doc_id"].isin(gold)].reset_index(drop=True)
    return Corpus(kept, corpus.rejected.iloc[0:0], corpus.source, list(corpus.messages))


def run_evaluation(
    corpus_path=None, gold_path=None, settings: Settings | None = None, dayfirst: bool = False, claims_path=None
) -> Evaluation:
    """Analyse the annotated documents and score them; keeps the analysis for error listings.
    ``dayfirst``: read ambiguous dates in the corpus day first (see ``load_corpus``).
    ``claims_path``: a claim-groups gold file to score the claim grouping against as well."""
    settings = settings or Settings()
    if settings.story is None:  # the bundled corpus comes with its story file; other corpora need --story
        settings = settings.replace(story=story_for(corpus_path, None))
    corpus = load_corpus(corpus_path, dayfirst=dayfirst)
    raw_texts = dict(zip(corpus.documents["doc_id"], corpus.documents["text"]))
    gold = load_gold(gold_path, raw_texts=raw_texts)
    claim_groups = load_claim_gold(claims_path, raw_texts) if claims_path is not None else None
    if not gold:
        raise GoldError(str(gold_path or "bundled gold"), "no documents")
    analysis = analyze_corpus(_gold_corpus(corpus, gold), settings, progress=False)
    scores = {"mode": settings.mode, "categories": list(settings.categories)}
    deep_merge(scores, score_hedges(analysis, gold, settings.categories))
    # Further scorers (attributions) merge their keys here.
    deep_merge(scores, score_attributions(analysis, gold))
    if claim_groups is not None:
        deep_merge(scores, score_claims(analysis, claim_groups))
    return Evaluation(scores, analysis, gold)


def evaluate(
    corpus_path=None, gold_path=None, settings: Settings | None = None, dayfirst: bool = False, claims_path=None
) -> dict:
    """The nested scores of issue 3 (and later issues' scorers) for a corpus and a gold file."""
    return run_evaluation(corpus_path, gold_path, settings, dayfirst, claims_path).scores


def rounded(value, digits: int = FLOAT_DIGITS):
    """Floats rounded (NaN to None) through dicts and lists, for stable JSON."""
    if isinstance(value, dict):
        return {str(k): rounded(v, digits) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [rounded(v, digits) for v in value]
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, digits)
    if hasattr(value, "item"):  # numpy scalars
        return rounded(value.item(), digits)
    return value


def write_json(scores: dict, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rounded(scores), sort_keys=True, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _fmt(value) -> str:
    return "  n/a" if value is None else f"{value:5.3f}"


def format_table(scores: dict) -> str:
    """A readable summary of the scores for the terminal."""
    lines = [
        f"mode: {scores.get('mode')}   categories: {', '.join(scores.get('categories', []))}   "
        f"documents: {scores.get('n_documents')}   sentences: {scores.get('n_sentences')}",
        f"{'':28}{'P':>7}{'R':>7}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}",
    ]

    def row(label, d):
        counts = "".join(f"{d[k]:>5}" for k in ("tp", "fp", "fn") if k in d)
        lines.append(f"{label:28}{_fmt(d['precision']):>7}{_fmt(d['recall']):>7}{_fmt(d['f1']):>7}{counts}")

    hedges = scores.get("hedges", {})
    if hedges:
        row("hedges, sentence level", hedges["sentence"])
        row("hedges, cue level", hedges["cue"])
        for cat, d in sorted(hedges.get("by_category", {}).items()):
            row(f"  {cat}", d)
        row("boosters, cue level", scores["boosters"]["cue"])
    attributions = scores.get("attributions", {})
    if attributions:
        row("attributions, detection", attributions["detection"])
        for key in ("source_overlap", "source_type_accuracy", "stance_accuracy", "mode_accuracy"):
            lines.append(f"  {key.replace('_', ' '):26}{_fmt(attributions[key]):>7}")
    claims = scores.get("claims")
    if claims:
        row("claims, pairwise", claims["pairwise"])
        row(f"  TF-IDF baseline (t={claims['baseline_tfidf']['threshold']:.2f})", claims["baseline_tfidf"])
    for name, per_outlet in sorted(scores.get("per_outlet", {}).items()):
        lines.append(f"per outlet: {name}")
        for outlet, value in sorted(per_outlet.items()):
            lines.append(f"  {outlet[:50]:52}{value:7.2f}")
    return "\n".join(lines)
