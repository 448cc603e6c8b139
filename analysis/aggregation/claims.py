"""The story's key claims (from its story file, or a key-claims file) and the sentences that state
one in the outlet's own voice: no attribution, no quotation marks, no hedge."""

from __future__ import annotations

import math
import re
from functools import lru_cache

import pandas as pd

from analysis.aggregation.claim_groups import claims_table
from analysis.aggregation.sentence_findings import covered_sentences, hedged_sentences
from analysis.datafiles import file_stamp, read_data_file
from analysis.detectors.attribution.detector import COLUMNS
from analysis.story import GENERIC_DENIAL_CONTENT, claim_of, compile_key_claims, load_story
from analysis.vocabulary import CLAIMS_BASES

SENTENCE_COLUMNS = ["doc_id", "outlet", "sentence_id", "paragraph", "is_headline", "start", "end", "text"]
ASSERTION_COLUMNS = SENTENCE_COLUMNS + ["claim", "attributed", "in_quote", "hedged", "unattributed", "claims_basis"]


def load_key_claims(path: str | None = None, story: str | None = None) -> dict:
    """Key-claim patterns, compiled: from a key-claims file (``path``, the format of a story file's
    ``key_claims``) if given, else from the story file ``story``, else none (``claims`` empty).
    An edited file is read again."""
    if path is not None:
        return _load_key_claims(path, file_stamp(path))
    compiled = load_story(story).compiled_claims if story is not None else None
    return compiled or {"claims": [], "denial": re.compile(GENERIC_DENIAL_CONTENT, re.IGNORECASE), "version": None}


@lru_cache(maxsize=8)
def _load_key_claims(path: str, stamp) -> dict:
    data = read_data_file(path, "unused")
    return compile_key_claims(data.yaml() or {}, data.error, data.item_lines("claims"))


def key_claims_of(analysis, path=None) -> dict:
    """The compiled key claims of an analysis: ``path`` if given, else its settings' key-claims
    file, else its story file's key claims (none without a story)."""
    settings = getattr(analysis, "settings", None)
    if path is None and settings is not None:
        path = settings.key_claims
    return load_key_claims(None if path is None else str(path), getattr(settings, "story", None))


def claims_basis(analysis, claims_path=None) -> str:
    """``key_claims`` when key claims are given for the analysis, else ``shared_claims``
    (``vocabulary.CLAIMS_BASES``)."""
    key_claims, shared_claims = CLAIMS_BASES
    return key_claims if key_claims_of(analysis, claims_path)["claims"] else shared_claims


def unattributed_assertions(analysis, claims_path=None, shared_claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """Sentences in the outlet's own voice stating a claim as fact: no attribution has its cue in
    the sentence or content covering it, most of it is not inside quotation marks (the sentences
    table's ``in_quote``), and it holds no hedge cue. The claims are the key claims when given (the
    sentence matches a claim pattern), else the claims several outlets share (``claims_basis``).
    One row per claim sentence with the flag ``unattributed``, so shares are easy to take.
    ``shared_claims``: the analysis's ``claims_table`` when the caller has it already."""
    claims = key_claims_of(analysis, claims_path)["claims"]
    if not claims:
        shared = claims_table(analysis) if shared_claims is None else shared_claims
        return shared_claim_assertions(shared, analysis.sentences)
    sentences = analysis.sentences.merge(analysis.documents[["doc_id", "outlet"]], on="doc_id", how="left")
    att = analysis.attributions if len(analysis.attributions) else pd.DataFrame(columns=COLUMNS)
    found = [claim_of(text, claims) for text in sentences["text"]]
    rows = sentences.loc[[claim is not None for claim in found], SENTENCE_COLUMNS]
    keys = list(zip(rows["doc_id"], rows["sentence_id"]))
    cue_sentences = set(zip(att["doc_id"], att["sentence_id"]))
    covered = covered_sentences(sentences, att)
    hedged = hedged_sentences(analysis.cues)
    attributed = [key in cue_sentences or key in covered for key in keys]
    # mostly inside quotation marks, judged on the whole document
    in_quote = [bool(q) for q in sentences.loc[rows.index, "in_quote"]]
    is_hedged = [key in hedged for key in keys]
    table = {c: rows[c].tolist() for c in SENTENCE_COLUMNS}
    table |= {
        "claim": [claim for claim in found if claim is not None],
        "attributed": attributed,
        "in_quote": in_quote,
        "hedged": is_hedged,
        "unattributed": [not (a or q or h) for a, q, h in zip(attributed, in_quote, is_hedged)],
        "claims_basis": ["key_claims"] * len(keys),
    }
    return pd.DataFrame(table, columns=ASSERTION_COLUMNS)


def shared_claim_assertions(claims: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The members of shared claims (a profiled ``claims`` table) as assertion rows: the claim is
    the claim id, ``unattributed`` the member's ``writer_fact``."""
    if claims.empty:
        return pd.DataFrame(columns=ASSERTION_COLUMNS)
    place = sentences[["doc_id", "sentence_id", "paragraph", "is_headline"]]
    rows = claims.merge(place, on=["doc_id", "sentence_id"], how="left")
    rows = rows.assign(claim=rows["claim_id"], unattributed=rows["writer_fact"], claims_basis="shared_claims")
    return (
        rows[ASSERTION_COLUMNS].sort_values(["doc_id", "sentence_id", "claim"], kind="mergesort").reset_index(drop=True)
    )


def unattributed_share(assertions: pd.DataFrame, outlets) -> pd.DataFrame:
    """Per outlet (all of ``outlets``, sorted): key-claim sentences, how many are unattributed
    assertions, and the share; ``assertions`` is the table of ``unattributed_assertions``."""
    by_outlet = dict(list(assertions.groupby("outlet", sort=False)))  # once, not a scan per outlet
    rows = []
    for outlet in sorted(set(outlets), key=str):
        t = by_outlet.get(outlet, assertions.iloc[:0])
        n, k = len(t), int(t["unattributed"].sum())
        rows.append(
            {
                "outlet": outlet,
                "n_claim_sentences": n,
                "n_unattributed": k,
                "unattributed_share": 100 * k / n if n else math.nan,
                "unattributed_in_headline": bool(t[t["unattributed"]]["is_headline"].any()) if n else False,
            }
        )
    return pd.DataFrame(rows)
