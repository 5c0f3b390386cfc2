"""Win probabilities by simulation (SMAA, Lahdelma, Hokkanen & Salminen 1998).

Each simulation draws one plausible set of weights and one plausible value for every
uncertain answer, scores every opportunity, and notes who comes first and who beats whom.
This is the only module that imports numpy; `evaluator.scoring` imports it when it is
first needed, so starting the app does not pay for numpy. docs/scoring.md has the details.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

WEIGHT_SPREAD = 0.20
"""Points and pairwise weights are multiplied by lognormal factors exp(σ·Z) with this σ,
then renormalized: each weight varies by about 20% of itself. Zero weights stay zero."""

TIE_TOLERANCE = 1e-12
"""Scores (as fractions) closer than this are tied; ties are split evenly."""

EXCLUDED_PENALTY = 2.0
"""Subtracted from excluded opportunities' scores (fractions, at most 1) so they never beat
one that is not excluded, and keep their order among themselves."""

CHUNK = 1000
"""Simulations computed at once: large enough for numpy, small enough to stay in cache."""
CELLS_AT_ONCE = 250
"""Uncertain cells drawn at once, whole opportunities at a time (× CHUNK simulations: 2 MB
arrays), so memory stays bounded however long the list. The draws come out of the generator
in the same order as in one block, so the numbers do not depend on it."""


def sample_weights(
    rng: np.random.Generator,
    weights: Sequence[float],
    size: int,
    *,
    rank_order: bool,
) -> np.ndarray:
    """`size` weightings (rows summing to 1).

    rank_order: uniform over every weighting with w_1 ≥ w_2 ≥ … ≥ w_n ≥ 0 (a uniform point
    of the simplex, sorted descending). Otherwise: around `weights`, each multiplied by a
    lognormal factor exp(WEIGHT_SPREAD · Z), then renormalized.
    """
    w = np.asarray(weights, dtype=float)
    n = w.size
    if rank_order:
        draws = rng.standard_exponential((size, n))
        draws /= draws.sum(axis=1, keepdims=True)
        draws.sort(axis=1)
        return draws[:, ::-1]
    draws = w * np.exp(WEIGHT_SPREAD * rng.standard_normal((size, n)))
    draws /= draws.sum(axis=1, keepdims=True)
    return draws


def win_probabilities(
    low: Sequence[Sequence[float]],
    high: Sequence[Sequence[float]],
    weights: Sequence[float],
    *,
    rank_order: bool,
    excluded: Sequence[bool],
    samples: int,
    seed: int,
    pairwise: bool = True,
) -> tuple[list[float], list[list[float]]]:
    """(first, beats) for m opportunities × n criteria.

    low/high: each cell's value range (0 to 1); values are drawn uniformly within it, and
    only cells with a real range get random draws. first[i]: share of simulations where i
    comes first, ties split evenly (sums to 1). beats[i][j]: share where i scores above j,
    ties counted half; without `pairwise`, beats is empty (it costs m² per simulation, too much for
    a list of thousands). Excluded opportunities never come first unless all are excluded.
    The same inputs and seed always give the same numbers.
    """
    lo = np.asarray(low, dtype=float)
    hi = np.asarray(high, dtype=float)
    m, n = lo.shape
    if hi.shape != lo.shape or len(weights) != n or len(excluded) != m:
        raise ValueError("low, high, weights and excluded do not describe the same table")
    rng = np.random.default_rng(seed)
    out = np.asarray(excluded, dtype=bool)
    penalty = EXCLUDED_PENALTY * out if not out.all() else np.zeros(m)

    width = hi - lo
    rows, cols = np.nonzero(width > 0)  # row-major: grouped by opportunity
    cell_width = width[rows, cols][:, None]
    groups, starts = np.unique(rows, return_index=True)
    # Blocks of whole opportunities' uncertain cells: [bounds[b], bounds[b + 1]) in rows, and
    # [group_at[b], group_at[b + 1]) in groups.
    bounds = [0]
    for start in starts[1:].tolist():
        if start - bounds[-1] >= CELLS_AT_ONCE:
            bounds.append(start)
    if rows.size:
        bounds.append(rows.size)
    group_at = [*np.searchsorted(starts, bounds[:-1]).tolist(), groups.size]

    # Scores are kept as (opportunity × simulation): every per-opportunity step reads contiguous rows.
    first = np.zeros(m)
    wins = np.zeros((m, m) if pairwise else (0, 0))  # wins[i, j]: simulations where i beats j (ties half)
    done = 0
    while done < samples:
        k = min(CHUNK, samples - done)
        w = sample_weights(rng, weights, k, rank_order=rank_order).T  # n × k
        s = lo @ w  # m × k: every value at its low end ...
        for b in range(len(bounds) - 1):  # ... plus, for uncertain cells, weight × width × U(0, 1)
            a, z, g, h = bounds[b], bounds[b + 1], group_at[b], group_at[b + 1]
            x = w[cols[a:z]]
            x *= cell_width[a:z]
            x *= rng.random((z - a, k))
            s[groups[g:h]] += np.add.reduceat(x, starts[g:h] - a, axis=0)
        s -= penalty[:, None]
        best = s.max(axis=0)
        top = s >= best - TIE_TOLERANCE
        first += (top / top.sum(axis=0)).sum(axis=1)
        above_by = s + TIE_TOLERANCE
        below_by = s - TIE_TOLERANCE
        for i in range(m - 1 if pairwise else 0):
            above = np.count_nonzero(s[i] > above_by[i + 1 :], axis=1)
            below = np.count_nonzero(s[i] < below_by[i + 1 :], axis=1)
            tied = k - above - below
            wins[i, i + 1 :] += above + 0.5 * tied
            wins[i + 1 :, i] += below + 0.5 * tied
        done += k
    return (first / samples).tolist(), (wins / samples).tolist()
