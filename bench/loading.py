"""Loading: read a data folder of 1,000 and of 5,000 opportunities, as the app does at start-up.

What is timed is `store.load_profiles()` then `store.load_opportunities(profiles)`: every file
read, parsed, validated and checked against the profiles. The folders come from
`bench/data.py` (3 interviews per opportunity, about 7 KB a file, in the disk cache: written
just before or read by an earlier run), plus a folder of 5,000 with 10 interviews each for
heavier files. The figure is the median of a few runs, in seconds per 1,000 files.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

from data import data_folder

from evaluator import paths, store

REPEATS = 3
INTERVIEWS = 3
"""Interviews per opportunity in the folders the target is judged on (as in the start-up figure)."""
SIZES = ((1_000, INTERVIEWS), (5_000, INTERVIEWS), (5_000, 10))
"""(opportunities, interviews each): the first two show whether loading grows linearly; the last,
heavier files (issue 6's scale test), for reference."""


@dataclass(frozen=True)
class Loading:
    count: int
    interviews: int
    seconds: float
    """Median time to load the whole folder."""

    @property
    def per_1000(self) -> float:
        return self.seconds / self.count * 1000


def load_once(count: int) -> float:
    start = time.perf_counter()
    profiles = store.load_profiles()
    opportunities = store.load_opportunities(profiles.items)
    seconds = time.perf_counter() - start
    if len(opportunities.items) != count or profiles.problems or opportunities.problems:
        raise RuntimeError(f"the bench folder did not load cleanly: {opportunities.problems[:3]}")
    return seconds


def measure(count: int, interviews: int, repeats: int = REPEATS) -> Loading:
    paths.set_data_dir(data_folder(count, interviews))
    try:
        load_once(count)  # warm up: imports, pydantic's first validation, the disk cache
        return Loading(count, interviews, statistics.median(load_once(count) for _ in range(repeats)))
    finally:
        paths.set_data_dir(None)
