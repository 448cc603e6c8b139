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
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

MAX_POSTINGS = 400  # a term used by more items is not a blocking term
PAIR_CHUNK = 200_000  # candidate pairs scored at a time (bounds memory)


def tfidf_matrix(bags: list[list[str]]) -> csr_matrix:
    """Unit-length IDF vectors of the bags (binary term presence), one row per bag."""
    df = Counter(term for bag in bags for term in set(bag))
    vocabulary = {term: i for i, term in enumerate(sorted(df))}
    n = len(bags)
    rows, cols, values = [], [], []
    for row, bag in enumerate(bags):
        for term in sorted(set(bag)):
            rows.append(row)
            cols.append(vocabulary[term])
            values.append(math.log(n / df[term]) if n > 1 else 1.0)
    matrix = csr_matrix((values, (rows, cols)), shape=(n, len(vocabulary)), dtype=np.float64)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return csr_matrix(matrix.multiply(1.0 / norms[:, None]))


def candidate_pairs(bags: list[list[str]], groups: list, partitions: list, max_postings: int = MAX_POSTINGS):
    """(i, j) pairs, i < j, of items of different groups and the same partition that share a
    blocking term, as two arrays."""
    postings: dict[str, list[int]] = {}
    for i, bag in enumerate(bags):
        for term in set(bag):
            postings.setdefault(term, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for items in postings.values():
        if not 2 <= len(items) <= max_postings:
            continue
        for a, i in enumerate(items):
            for j in items[a + 1 :]:
                if groups[i] != groups[j] and partitions[i] == partitions[j]:
                    pairs.add((i, j))
    ordered = sorted(pairs)
    return np.array([p[0] for p in ordered], dtype=np.int64), np.array([p[1] for p in ordered], dtype=np.int64)


def pair_similarities(matrix: csr_matrix, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Cosine of each (left[k], right[k]) pair, scored in chunks."""
    out = np.empty(len(left))
    for k in range(0, len(left), PAIR_CHUNK):
        a, b = left[k : k + PAIR_CHUNK], right[k : k + PAIR_CHUNK]
        out[k : k + PAIR_CHUNK] = np.asarray(matrix[a].multiply(matrix[b]).sum(axis=1)).ravel()
    return out


def cluster(bags: list[list[str]], groups: list, partitions: list, threshold: float) -> list[int]:
    """A cluster number per item (-1: alone), numbered in order of each cluster's first item."""
    n = len(bags)
    labels = [-1] * n
    if n < 2:
        return labels
    matrix = tfidf_matrix(bags)
    left, right = candidate_pairs(bags, groups, partitions)
    sims = pair_similarities(matrix, left, right)
    keep = sims >= threshold
    graph = csr_matrix((np.ones(int(keep.sum())), (left[keep], right[keep])), shape=(n, n))
    _, component = connected_components(graph, directed=False)
    members: dict[int, list[int]] = {}
    for i, c in enumerate(component):
        members.setdefault(int(c), []).append(i)
    found: list[list[int]] = []
    for items in members.values():
        if len(items) > 1:
            found += _average_link(matrix, items, groups, threshold)
    for number, items in enumerate(sorted(found)):
        for i in items:
            labels[i] = number
    return labels


def _average_link(matrix: csr_matrix, items: list[int], groups: list, threshold: float) -> list[list[int]]:
    """The clusters (of two groups or more) of one component, by average link cut at 1 - threshold."""
    block = matrix[items]
    similarity = np.clip((block @ block.T).toarray(), 0.0, 1.0)
    distance = 1.0 - similarity[np.triu_indices(len(items), k=1)]
    cut = fcluster(linkage(distance, method="average"), t=1.0 - threshold + 1e-9, criterion="distance")
    clusters: dict[int, list[int]] = {}
    for item, label in zip(items, cut):
        clusters.setdefault(int(label), []).append(item)
    return [sorted(c) for c in clusters.values() if len({groups[i] for i in c}) > 1]
