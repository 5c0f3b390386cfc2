"""Criterion weights from a rank order (ROC) or from pairwise judgments (AHP), and how
consistent those judgments are.

Pure functions over `evaluator.model.Profile`; `evaluator.scoring.weights` turns any profile
into fractions that sum to 1 and uses these for rank and pairwise profiles. docs/scoring.md
explains every formula here.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from evaluator.model import Profile, WeightingMethod

RANDOM_INDEX: dict[int, float] = {
    1: 0.0,
    2: 0.0,
    3: 0.58,
    4: 0.90,
    5: 1.12,
    6: 1.24,
    7: 1.32,
    8: 1.41,
    9: 1.45,
    10: 1.49,
}
"""Saaty's random index: the mean consistency index of random reciprocal matrices (Saaty 1980)."""

CONSISTENCY_LIMIT = 0.10
"""Above this consistency ratio, pairwise judgments deserve a second look (Saaty 1980)."""

RECIPROCAL_TOLERANCE = 0.05
"""How far a_ij · a_ji may be from 1 in a matrix given to `ahp` (allows two-decimal rounding)."""

_EPS = 1e-12


@dataclass(frozen=True)
class AHPResult:
    """Weights from a pairwise comparison matrix and how consistent the judgments are."""

    weights: tuple[float, ...]
    """The principal eigenvector, normalized to sum to 1."""
    consistency_ratio: float
    """CI / RI; above 0.10 the judgments deserve a second look (0 for 1 or 2 criteria)."""
    most_inconsistent: tuple[int, int] | None
    """When the ratio is above 0.10: (i, j) with a[i][j] ≥ 1, the judgment furthest from the weights."""
    lambda_max: float
    consistency_index: float
    random_index: float

    @property
    def consistent(self) -> bool:
        return self.consistency_ratio <= CONSISTENCY_LIMIT


def roc_weights(n: int) -> list[float]:
    """Rank-order centroid weights for n ranked criteria, most important first.

    w_i = (1/n) Σ_{k=i..n} 1/k (Barron & Barrett 1996).
    """
    if n < 1:
        raise ValueError(f"rank-order weights need at least one criterion, not {n}")
    tail = [0.0] * (n + 1)
    for k in range(n, 0, -1):
        tail[k - 1] = tail[k] + 1 / k
    return [tail[i] / n for i in range(n)]


def ahp(matrix: Sequence[Sequence[float]]) -> AHPResult:
    """Weights and consistency of a square positive reciprocal matrix (Saaty 1980).

    a[i][j] says how many times more criterion i matters than criterion j. The weights
    are the principal eigenvector (power iteration), the consistency ratio is
    CR = ((λmax − n) / (n − 1)) / RI(n). When CR > 0.10 the most inconsistent judgment is
    the pair with the largest |log(a_ij · w_j / w_i)|.
    """
    a = _validated_matrix(matrix)
    n = len(a)
    if n == 1:
        return AHPResult((1.0,), 0.0, None, 1.0, 0.0, 0.0)
    # Start from the row geometric means (already the answer for a consistent matrix).
    w = [math.prod(row) ** (1 / n) for row in a]
    total = sum(w)
    w = [x / total for x in w]
    for _ in range(10_000):
        aw = [sum(r[j] * w[j] for j in range(n)) for r in a]
        total = sum(aw)
        new = [x / total for x in aw]
        done = max(abs(x - y) for x, y in zip(new, w, strict=True)) < 1e-15
        w = new
        if done:
            break
    aw = [sum(r[j] * w[j] for j in range(n)) for r in a]
    lambda_max = sum(aw[i] / w[i] for i in range(n)) / n
    ci = max(0.0, (lambda_max - n) / (n - 1))
    ri = RANDOM_INDEX[n]
    cr = ci / ri if ri else 0.0
    worst: tuple[int, int] | None = None
    if cr > CONSISTENCY_LIMIT:
        deviation = -1.0
        for i in range(n):
            for j in range(i + 1, n):
                d = abs(math.log(a[i][j] * w[j] / w[i]))
                if d > deviation + _EPS:
                    deviation = d
                    worst = (i, j) if a[i][j] >= 1 else (j, i)
    return AHPResult(tuple(w), cr, worst, lambda_max, ci, ri)


def _validated_matrix(matrix: Sequence[Sequence[float]]) -> list[list[float]]:
    rows = [list(row) for row in matrix]
    n = len(rows)
    if n == 0:
        raise ValueError("a pairwise matrix needs at least one row")
    if n > max(RANDOM_INDEX):
        raise ValueError(f"a pairwise matrix may have at most {max(RANDOM_INDEX)} rows, not {n}")
    for i, row in enumerate(rows):
        if len(row) != n:
            raise ValueError(f"a pairwise matrix must be square: row {i + 1} has {len(row)} entries, not {n}")
        for j, x in enumerate(row):
            if isinstance(x, bool) or not isinstance(x, int | float) or not math.isfinite(x) or x <= 0:
                raise ValueError(f"entry ({i + 1}, {j + 1}) is {x!r}: judgments must be positive numbers")
    for i in range(n):
        if abs(rows[i][i] - 1) > RECIPROCAL_TOLERANCE:
            raise ValueError(f"entry ({i + 1}, {i + 1}) is {rows[i][i]:g}: a criterion compared with itself is 1")
        for j in range(i + 1, n):
            if abs(rows[i][j] * rows[j][i] - 1) > RECIPROCAL_TOLERANCE:
                raise ValueError(
                    f"entries ({i + 1}, {j + 1}) = {rows[i][j]:g} and ({j + 1}, {i + 1}) = {rows[j][i]:g} "
                    "are not reciprocal: their product should be 1"
                )
    return [[float(x) for x in row] for row in rows]


def pairwise_matrix(profile: Profile) -> list[list[float]]:
    """The reciprocal matrix of the profile's judgments, in criteria order; missing pairs are 1.

    A later judgment on the same pair replaces an earlier one.
    """
    return _judgment_matrix(*_judgment_key(profile))


def _judgment_key(profile: Profile) -> tuple[tuple[str, ...], tuple[tuple[str, str, int], ...]]:
    keys = tuple(c.key for c in profile.criteria)
    for judgment in profile.judgments:
        for key in (judgment.more, judgment.less):
            if key not in keys:
                raise ValueError(f"profile {profile.name!r}: judgment names unknown criterion {key!r}")
    return keys, tuple((j.more, j.less, j.strength) for j in profile.judgments)


def _judgment_matrix(keys: tuple[str, ...], judgments: tuple[tuple[str, str, int], ...]) -> list[list[float]]:
    index = {k: i for i, k in enumerate(keys)}
    a = [[1.0] * len(keys) for _ in keys]
    for more, less, strength in judgments:
        i, j = index[more], index[less]
        if i != j:
            a[i][j], a[j][i] = float(strength), 1 / strength
    return a


@functools.lru_cache(maxsize=64)
def _ahp_of(keys: tuple[str, ...], judgments: tuple[tuple[str, str, int], ...]) -> AHPResult:
    return ahp(_judgment_matrix(keys, judgments))


def consistency(profile: Profile) -> AHPResult | None:
    """For a pairwise profile, the AHP result of its judgments; None for other methods."""
    if profile.method is not WeightingMethod.PAIRWISE:
        return None
    return _ahp_of(*_judgment_key(profile))


def consistency_advice(profile: Profile) -> str | None:
    """A sentence naming the judgment to revisit when pairwise judgments are inconsistent, else None."""
    result = consistency(profile)
    if result is None or result.most_inconsistent is None:
        return None
    i, j = result.most_inconsistent
    first, second = profile.criteria[i], profile.criteria[j]
    stated = pairwise_matrix(profile)[i][j]
    implied = result.weights[i] / result.weights[j]
    said = (
        f"you said {first.label} matters {stated:g}× as much as {second.label}"
        if stated > 1
        else f"you rated {first.label} and {second.label} equal"
    )
    return (
        f"Your pairwise judgments are not quite consistent (consistency ratio "
        f"{result.consistency_ratio:.2f}, above {CONSISTENCY_LIMIT:.2f}). "
        f"Revisit {first.label} versus {second.label}: {said}, "
        f"while your other judgments suggest about {implied:.1f}×."
    )


def hundred_points(fractions: list[float]) -> list[int]:
    """Whole points adding up to exactly 100, in proportion to the fractions (largest remainder)."""
    raw = [f * 100 for f in fractions]
    points = [math.floor(x) for x in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: raw[i] - points[i], reverse=True)
    for i in by_remainder[: 100 - sum(points)]:
        points[i] += 1
    return points
