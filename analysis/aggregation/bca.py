"""The BCa interval of a ratio of sums, with a jackknife linear in the documents.

``scipy.stats.bootstrap(method="BCa")`` builds every leave-one-out resample (n rows of n - 1
documents), which makes an outlet of n documents cost n squared: the superlinear step of the
per-outlet tables. For a ratio of sums each leave-one-out value is (total - own) / (total - own),
which is exact when every value is a whole number whose sums stay below 2**53: then it equals
scipy's sum of the other documents bit for bit, and so does the interval. Other data go through
scipy unchanged (``linear_jackknife_exact`` says which).
"""

from __future__ import annotations

import numpy as np
import scipy.stats
from scipy.special import ndtr, ndtri

_EXACT_LIMIT = 2.0**53


def linear_jackknife_exact(num: np.ndarray, den: np.ndarray) -> bool:
    """Whether float sums of these values are exact in any order (whole numbers, small totals)."""
    return all(
        np.all(np.isfinite(a)) and np.all(a == np.floor(a)) and float(np.sum(np.abs(a))) < _EXACT_LIMIT
        for a in (num, den)
    )


def _bca_levels(num, den, scale: float, theta_hat_b: np.ndarray, alpha: float) -> tuple[float, float]:
    """scipy's ``_bca_interval`` for the paired ratio statistic, in the same floating-point steps."""
    with np.errstate(invalid="ignore", divide="ignore"):
        theta_hat = np.expand_dims(scale * np.sum(num, axis=-1) / np.sum(den, axis=-1), axis=-1)
        below = np.count_nonzero(theta_hat_b < theta_hat, axis=-1) + np.count_nonzero(theta_hat_b <= theta_hat, axis=-1)
        z0_hat = ndtri(np.asarray(below, dtype=theta_hat.dtype) / (2 * theta_hat_b.shape[-1]))
        theta_hat_i = scale * (np.sum(num) - num) / (np.sum(den) - den)
        n = float(theta_hat_i.shape[-1])
        u = (n - 1) * (np.mean(theta_hat_i, axis=-1, keepdims=True) - theta_hat_i)
        a_hat = 1 / 6 * sum([np.sum(u**3, axis=-1) / n**3]) / sum([np.sum(u**2, axis=-1) / n**2]) ** (3 / 2)
        z_alpha = float(ndtri(alpha))
        z_1alpha = -z_alpha
        num1 = z0_hat + z_alpha
        alpha_1 = ndtr(z0_hat + num1 / (1 - a_hat * num1))
        num2 = z0_hat + z_1alpha
        alpha_2 = ndtr(z0_hat + num2 / (1 - a_hat * num2))
    return alpha_1, alpha_2


def paired_resamples(num, den, statistic, n_resamples: int, batch: int, rng) -> np.ndarray:
    """The bootstrap distribution ``scipy.stats.bootstrap(paired=True, vectorized=True)`` draws
    from ``rng``: ``batch`` rows of n document indices at a time, the statistic over each row.
    The same draws and sums without scipy's checks and wrappers, which cost as much as the work
    when an outlet has few documents and a table has hundreds of intervals. ``np.take`` gathers
    the same values as scipy's ``num[..., rows]``, about 1.6 times as fast (1-D data)."""
    n = num.shape[-1]
    gather = (lambda values, rows: np.take(values, rows)) if num.ndim == 1 else (lambda values, rows: values[..., rows])
    parts = []
    for start in range(0, n_resamples, batch):
        rows = rng.integers(0, n, (min(batch, n_resamples - start), n), dtype="int64")
        parts.append(statistic(gather(num, rows), gather(den, rows), axis=-1))
    return np.concatenate(parts, axis=-1)


def ratio_bca(num, den, statistic, scale: float, n_resamples: int, batch: int, confidence: float, rng):
    """(low, high, bootstrap distribution) of the BCa interval, as ``scipy.stats.bootstrap`` with
    ``paired=True, vectorized=True, method="BCa"`` gives them for exact data."""
    theta_hat_b = paired_resamples(num, den, statistic, n_resamples, batch, rng)
    levels = _bca_levels(num, den, scale, theta_hat_b, (1 - confidence) / 2)
    ci = scipy.stats.quantile(theta_hat_b, np.stack(levels, axis=-1), axis=-1)
    return ci[..., 0][()], ci[..., 1][()], theta_hat_b
