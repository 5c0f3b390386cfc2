"""The scoring engine alone, on models in memory (no files, no screens).

Three figures with a budget: a full comparison with win probabilities (50 opportunities ×
15 criteria × 10,000 simulations), plain scores (`score_all`) for 1,000 opportunities, and
the profile editor's preview re-rank of 200 opportunities under moved weights; and two for
reference: the same 1,000 scores with every Cell built, and `score()` called once per
opportunity. Each is the median of several repeats after a warm-up (the fastest run shows
how much of the median is other work on the machine).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from data import CRITERIA, make_data

from evaluator import scoring

COMPARE_OPPORTUNITIES = 50
SCORE_OPPORTUNITIES = 1_000
PREVIEW_OPPORTUNITIES = 200
SAMPLES = 10_000
REPEATS = 11


def timed_ms(work: Callable[[], object], repeats: int = REPEATS) -> tuple[float, float]:
    """(median, fastest) milliseconds over `repeats` runs after a warm-up."""
    work()  # warm up (imports numpy on the first comparison)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def measure() -> list[tuple[str, tuple[float, float], float | None]]:
    """(what, (median ms, fastest ms), budget ms or None) for each figure."""
    profile, opportunities = make_data(SCORE_OPPORTUNITIES)
    few = opportunities[:COMPARE_OPPORTUNITIES]
    preview = opportunities[:PREVIEW_OPPORTUNITIES]
    moved = {c.key: c.weight + (5 if c.key == "c00" else 0) for c in profile.criteria}
    return [
        (
            f"compare: {COMPARE_OPPORTUNITIES} opportunities × {CRITERIA} criteria × {SAMPLES:,} samples",
            timed_ms(lambda: scoring.compare(few, profile, samples=SAMPLES)),
            150.0,
        ),
        (
            f"score_all: {SCORE_OPPORTUNITIES:,} opportunities × {CRITERIA} criteria",
            timed_ms(lambda: scoring.score_all(opportunities, profile)),
            20.0,
        ),
        (
            f"preview re-rank: {PREVIEW_OPPORTUNITIES} opportunities under moved weights",
            timed_ms(lambda: scoring.rank(scoring.score_all(preview, profile, weights=moved))),
            16.0,
        ),
        (
            f"score_all, then every Cell built: {SCORE_OPPORTUNITIES:,} opportunities",
            timed_ms(lambda: [s.cells for s in scoring.score_all(opportunities, profile)]),
            None,
        ),
        (
            f"score() one at a time: {SCORE_OPPORTUNITIES:,} opportunities",
            timed_ms(lambda: [scoring.score(o, profile) for o in opportunities]),
            None,
        ),
    ]
