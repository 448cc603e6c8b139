"""Average-link clustering of term bags by IDF-weighted cosine, without an all-pairs matrix.

Each item is a bag of terms. Its vector weighs every term by its inverse document frequency over
the items (``idf = ln(N / df)``) and has unit length, so the cosine of two items is high when
they share terms that few other items use. Pairs are only compared when they share a *blocking*
term: one that at least two and at most ``max_postings`` items use, so a very common word never
makes every item a candidate of every other. Candidate pairs at or above ``threshold`` link items
into components; inside each component, average-link clustering (scipy) cut at ``1 - threshold``
keeps together only the items whose mean similarity to each other reaches the threshold. Items
of the same ``group`` (a document) are never linked directly, and items of different ``partition``
(a claim and its denial) never share a cluster.

Items with the same terms and partition (a sentence repeated or syndicated word for word) are
clustered once, as one *distinct* item, and every copy takes its cluster: a repeated sentence
neither outweighs the other wordings of its claim nor makes the work grow with its copies. Copies
from two documents or more are a claim of their own when nothing else joins them. The IDF still
counts every item.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix, triu
from scipy.sparse.csgraph import connected_components

MAX_POSTINGS = 400  # a blocking key used by more items blocks nothing
EXACT_UP_TO = 20_000  # items compared on every shared term; above, on pairs of rare terms
RARE_TERMS = 6  # the rarest terms of an item whose pairs are its blocking keys (above EXACT_UP_TO)
MAX_COMPONENT = 2_000  # items average-linked at once (a dense matrix of this side)
PAIR_CHUNK = 50_000  # candidate pairs scored at a time (bounds memory: about 50 MB)


def term_incidence(bags: list[list[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, column, document frequency of the column's term) of every distinct term of every bag,
    the columns numbered in sorted term order."""
    flat = pd.DataFrame(
        {"row": np.repeat(np.arange(len(bags)), [len(b) for b in bags]), "term": [t for b in bags for t in b]}
    ).drop_duplicates()
    codes, terms = pd.factorize(flat["term"], sort=True)
    df = np.bincount(codes, minlength=len(terms))
    return flat["row"].to_numpy(), codes, df


def tfidf_matrix(bags: list[list[str]]) -> csr_matrix:
    """Unit-length IDF vectors of the bags (binary term presence), one row per bag."""
    n = len(bags)
    rows, cols, df = term_incidence(bags)
    values = np.log(n / df[cols]) if n > 1 else np.ones(len(cols))
    matrix = csr_matrix((values, (rows, cols)), shape=(n, len(df)), dtype=np.float64)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return csr_matrix(matrix.multiply(1.0 / norms[:, None]))


def blocking_keys(rows: np.ndarray, codes: np.ndarray, df: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(row, key) of every item's blocking keys: its terms used by at least two items while there
    are at most ``EXACT_UP_TO`` items; above that, the pairs of its ``RARE_TERMS`` rarest such terms
    (as one integer each), so only items sharing two rare terms are compared and the candidates grow
    with the corpus, not with its square."""
    shared = df[codes] >= 2
    rows, codes = rows[shared], codes[shared]
    if n <= EXACT_UP_TO:
        return rows, codes.astype(np.int64)
    order = np.lexsort((codes, df[codes], rows))
    rows, codes = rows[order], codes[order]
    rank = pd.Series(rows).groupby(rows).cumcount().to_numpy()
    keep = rank < RARE_TERMS
    table = pd.DataFrame({"row": rows[keep], "rank": rank[keep], "code": codes[keep]})
    wide = table.pivot(index="row", columns="rank", values="code")
    out_rows, out_keys = [], []
    for p, q in combinations(wide.columns, 2):
        both = wide[[p, q]].dropna()
        a, b = both[p].to_numpy(np.int64), both[q].to_numpy(np.int64)
        out_rows.append(both.index.to_numpy())
        out_keys.append(np.minimum(a, b) * len(df) + np.maximum(a, b))
    if not out_rows:
        return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
    return np.concatenate(out_rows), np.concatenate(out_keys)


def candidate_pairs(bags: list[list[str]], groups: list, partitions: list, max_postings: int = MAX_POSTINGS):
    """(i, j) pairs, i < j, of items of different groups and the same partition that share a
    blocking key (``blocking_keys``) used by at most ``max_postings`` items, as two arrays."""
    rows, codes, df = term_incidence(bags)
    key_rows, keys = blocking_keys(rows, codes, df, len(bags))
    unique, column, counts = np.unique(keys, return_inverse=True, return_counts=True)
    useful = (counts[column] >= 2) & (counts[column] <= max_postings)
    incidence = csr_matrix(
        (np.ones(int(useful.sum()), dtype=np.int32), (key_rows[useful], column[useful])),
        shape=(len(bags), max(len(unique), 1)),
    )
    shared = triu(incidence @ incidence.T, k=1).tocoo()
    left, right = shared.row.astype(np.int64), shared.col.astype(np.int64)
    group_codes = pd.factorize(pd.Series(groups, dtype=object))[0]
    part_codes = pd.factorize(pd.Series(partitions, dtype=object))[0]
    keep = (group_codes[left] != group_codes[right]) & (part_codes[left] == part_codes[right])
    order = np.lexsort((right[keep], left[keep]))
    return left[keep][order], right[keep][order]


def within_pairs(components: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Every (i, j) pair, i < j, inside each component, component after component, each in the
    row-major order of scipy's condensed distance matrices."""
    lefts, rights = [], []
    for items in components:
        a, b = np.triu_indices(len(items), k=1)
        lefts.append(items[a])
        rights.append(items[b])
    if not lefts:
        return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
    return np.concatenate(lefts), np.concatenate(rights)


def centrality(matrix: csr_matrix, labels: list[int], distinct: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Each item's mean cosine to the other distinct members of its cluster (0 when alone), the
    copies of an item counted once and given its value; ``distinct``: the items' ``distinct_items``."""
    first, copy_of = distinct
    return _centrality(matrix[first], np.asarray(labels)[first])[copy_of]


def _centrality(matrix: csr_matrix, labels: np.ndarray) -> np.ndarray:
    central = np.zeros(len(labels))
    clustered = np.flatnonzero(labels >= 0)
    if not len(clustered):
        return central
    members = _grouped(clustered, labels[clustered])
    left, right = within_pairs(members)
    sims = pair_similarities(matrix, left, right)
    np.add.at(central, left, sims)
    np.add.at(central, right, sims)
    sizes = np.bincount(labels[clustered])
    central[clustered] /= np.maximum(sizes[labels[clustered]] - 1, 1)
    return central


def _grouped(items: np.ndarray, keys: np.ndarray) -> list[np.ndarray]:
    """``items`` split by ``keys`` (small integers), in key order, each part in item order."""
    ordered = items[np.argsort(keys, kind="stable")]
    sizes = np.bincount(keys)
    ends = np.cumsum(sizes[sizes > 0]).tolist()
    return [ordered[start:end] for start, end in zip([0, *ends[:-1]], ends)]


def pair_similarities(matrix: csr_matrix, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Cosine of each (left[k], right[k]) pair, scored in chunks."""
    return pair_scores(matrix, left, right)[0]


def pair_scores(matrix: csr_matrix, left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cosine and number of shared weighted terms of each (left[k], right[k]) pair, in chunks."""
    sims, shared = np.empty(len(left)), np.empty(len(left), dtype=np.int64)
    for k in range(0, len(left), PAIR_CHUNK):
        a, b = left[k : k + PAIR_CHUNK], right[k : k + PAIR_CHUNK]
        product = matrix[a].multiply(matrix[b]).tocsr()
        sims[k : k + PAIR_CHUNK] = np.asarray(product.sum(axis=1)).ravel()
        shared[k : k + PAIR_CHUNK] = product.getnnz(axis=1)
    return sims, shared


def distinct_items(bags: list[list[str]], partitions: list) -> tuple[np.ndarray, np.ndarray]:
    """(the first item of every distinct (terms, partition), in item order; for each item, the
    position of its distinct item among them)."""
    keys = pd.Series([f"{p}\0{' '.join(sorted(set(b)))}" for b, p in zip(bags, partitions)], dtype=object)
    copy_of, _ = pd.factorize(keys)  # numbered in order of first appearance
    return np.unique(copy_of, return_index=True)[1], copy_of


def cluster(
    bags: list[list[str]],
    groups: list,
    partitions: list,
    threshold: float,
    matrix=None,
    min_shared: int = 1,
    distinct: tuple[np.ndarray, np.ndarray] | None = None,
) -> list[int]:
    """A cluster number per item (-1: alone), numbered in order of each cluster's first item; two
    items are linked only when they share at least ``min_shared`` terms. Copies are clustered once.
    ``matrix`` and ``distinct``: the bags' ``tfidf_matrix`` and ``distinct_items`` when the caller
    has them already."""
    if len(bags) < 2:
        return [-1] * len(bags)
    matrix = tfidf_matrix(bags) if matrix is None else matrix
    first, copy_of = distinct_items(bags, partitions) if distinct is None else distinct
    copy_groups = pd.DataFrame({"item": copy_of, "group": pd.Series(groups, dtype=object)}).groupby("item")["group"]
    several = (copy_groups.nunique() > 1).to_numpy()
    # A distinct item with copies in several groups is a group of its own: linked to any other.
    distinct_groups = [("copies", k) if several[k] else groups[i] for k, i in enumerate(first)]
    labels = _cluster_distinct(
        [bags[i] for i in first], distinct_groups, [partitions[i] for i in first], threshold, matrix[first], min_shared
    )
    next_label = max(labels, default=-1) + 1
    for k in np.flatnonzero(several):
        if labels[k] < 0:
            labels[k], next_label = next_label, next_label + 1
    expanded = np.asarray(labels, dtype=np.int64)[copy_of]
    renumber: dict[int, int] = {}
    return [-1 if label < 0 else renumber.setdefault(label, len(renumber)) for label in expanded.tolist()]


def _cluster_distinct(bags, groups, partitions, threshold: float, matrix, min_shared: int) -> list[int]:
    n = len(bags)
    labels = [-1] * n
    if n < 2:
        return labels
    left, right = candidate_pairs(bags, groups, partitions)
    sims, shared = pair_scores(matrix, left, right)
    keep = (sims >= threshold) & (shared >= min_shared)
    components = _components(n, left[keep], right[keep], sims[keep], threshold)
    within = pair_similarities(matrix, *within_pairs(components))
    found: list[list[int]] = []
    start = 0
    for items in components:
        size = len(items) * (len(items) - 1) // 2
        found += _average_link(items, within[start : start + size], groups, threshold)
        start += size
    for number, items in enumerate(sorted(found)):
        for i in items:
            labels[i] = number
    return labels


def _components(n: int, left: np.ndarray, right: np.ndarray, sims: np.ndarray, level: float) -> list[np.ndarray]:
    """The connected components (of two items or more) of the edges at or above ``level``; one
    larger than ``MAX_COMPONENT`` is split by raising its level in steps of 0.05."""
    keep = sims >= level
    left, right, sims = left[keep], right[keep], sims[keep]
    graph = csr_matrix((np.ones(len(left)), (left, right)), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    linked = np.flatnonzero(np.bincount(label)[label] >= 2)  # most items are alone: not split out
    found: list[np.ndarray] = []
    for items in _grouped(linked, label[linked]):
        if len(items) <= MAX_COMPONENT or level >= 1.0:
            found.append(items)
            continue
        inside = label[left] == label[items[0]]
        found += _components(n, left[inside], right[inside], sims[inside], level + 0.05)
    return found


def _average_link(items: np.ndarray, similarity: np.ndarray, groups: list, threshold: float) -> list[list[int]]:
    """The clusters (of two groups or more) of one component, by average link cut at 1 - threshold;
    ``similarity``: its items' pairwise similarities in condensed order."""
    if len(items) == 2:  # one edge, at or above the threshold: the pair is the cluster
        return [sorted(items.tolist())] if groups[items[0]] != groups[items[1]] else []
    distance = 1.0 - np.clip(similarity, 0.0, 1.0)
    cut = fcluster(linkage(distance, method="average"), t=1.0 - threshold + 1e-9, criterion="distance")
    return [sorted(part.tolist()) for part in _grouped(items, cut) if len({groups[i] for i in part}) > 1]
