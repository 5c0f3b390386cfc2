"""Timing of the scoring engine on synthetic data (`make bench`).

Three figures with a budget, each the median of several repeats on one core:

- a full comparison with win probabilities: 50 opportunities × 15 criteria × 10,000
  simulations (budget 150 ms);
- plain scores (`score_all`) for 1,000 opportunities × 15 criteria (budget 20 ms);
- the profile editor's live preview: re-rank 200 opportunities under moved weights
  (`rank(score_all(..., weights=...))`, budget 16 ms: one frame at 60 Hz);

and two for reference: the same 1,000 scores with every Cell built, and `score()` called once
per opportunity. The data come from a seeded random generator, so every run times the same
work. Copy the printed figures into docs/performance.md by hand. Never used by the tests.
Exits with 1 when a budget is missed.
"""

from __future__ import annotations

import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evaluator import scoring
from evaluator.model import (
    Answer,
    ChoiceOption,
    ChoiceScale,
    Confidence,
    Criterion,
    Dealbreaker,
    Interview,
    InterviewKind,
    NumberScale,
    Opportunity,
    Person,
    Profile,
    RatingScale,
)

SEED = 7
CRITERIA = 15
COMPARE_OPPORTUNITIES = 50
SCORE_OPPORTUNITIES = 1_000
SAMPLES = 10_000
COMPARE_BUDGET_MS = 150.0
SCORE_BUDGET_MS = 20.0
PREVIEW_OPPORTUNITIES = 200
PREVIEW_BUDGET_MS = 16.0
REPEATS = 11


def make_profile(rng: random.Random) -> Profile:
    criteria = []
    for i in range(CRITERIA):
        kind = i % 3
        if kind == 0:
            scale: RatingScale | ChoiceScale | NumberScale = RatingScale()
            rule = Dealbreaker(below=1.5) if i == 3 else None
        elif kind == 1:
            options = [ChoiceOption(label=f"option {j}", value=round(j / 4, 2)) for j in range(5)]
            scale = ChoiceScale(options=options)
            rule = Dealbreaker(one_of=["option 0"]) if i == 4 else None
        else:
            scale = NumberScale(worst=90, best=0, unit="min") if i == 2 else NumberScale(worst=30000, best=90000)
            rule = Dealbreaker(above=80) if i == 2 else None
        criteria.append(
            Criterion(
                key=f"c{i:02d}",
                label=f"Criterion {i}",
                weight=rng.randint(1, 10),
                scale=scale,
                dealbreaker=rule,
                questions=[f"Question {i}a?", f"Question {i}b?"],
                ask_in=rng.choice(list(InterviewKind)),
            )
        )
    return Profile(name="bench", criteria=criteria)


def make_answer(rng: random.Random, criterion: Criterion) -> Answer:
    scale = criterion.scale
    value: int | float | str | None
    if rng.random() < 0.2:
        value = None
    elif isinstance(scale, ChoiceScale):
        value = rng.choice(scale.options).label
    elif isinstance(scale, NumberScale):
        value = round(rng.uniform(min(scale.worst, scale.best), max(scale.worst, scale.best)))
    else:
        value = rng.randint(1, 5)
    return Answer(
        criterion=criterion.key,
        question=rng.choice(criterion.questions),
        value=value,
        confidence=rng.choice(list(Confidence)),
        pinned=rng.random() < 0.05,
    )


def make_opportunity(rng: random.Random, profile: Profile, index: int) -> Opportunity:
    start = date(2026, 10, 1)
    interviews = []
    for k in range(3):
        asked = rng.sample(profile.criteria, rng.randint(4, 10))
        interviews.append(
            Interview(
                date=start + timedelta(days=7 * k + rng.randint(0, 6)),
                kind=rng.choice(list(InterviewKind)),
                people=[Person(name=f"Person {index}-{k}", role="Interviewer")],
                answers=[make_answer(rng, c) for c in asked],
            )
        )
    return Opportunity(id=f"opp-{index:04d}", company=f"Company {index}", role="Role", interviews=interviews)


def timed_ms(work: Callable[[], object], repeats: int = REPEATS) -> tuple[float, float]:
    """(median, fastest) milliseconds over `repeats` runs after a warm-up.

    The median is the figure judged against the budget; the fastest run shows how much of it
    is other work on the machine.
    """
    work()  # warm up (imports numpy on the first comparison)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def main() -> int:
    # One core: numpy (imported by the first comparison) keeps its matrix products single-threaded.
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    rng = random.Random(SEED)
    profile = make_profile(rng)
    opportunities = [make_opportunity(rng, profile, i) for i in range(SCORE_OPPORTUNITIES)]
    few = opportunities[:COMPARE_OPPORTUNITIES]

    compare_ms = timed_ms(lambda: scoring.compare(few, profile, samples=SAMPLES))
    score_ms = timed_ms(lambda: scoring.score_all(opportunities, profile))
    moved = {c.key: c.weight + (5 if c.key == "c00" else 0) for c in profile.criteria}
    preview = opportunities[:PREVIEW_OPPORTUNITIES]
    preview_ms = timed_ms(lambda: scoring.rank(scoring.score_all(preview, profile, weights=moved)))
    cells_ms = timed_ms(lambda: [s.cells for s in scoring.score_all(opportunities, profile)])
    loop_ms = timed_ms(lambda: [scoring.score(o, profile) for o in opportunities])

    import numpy

    print(f"Python {platform.python_version()}, numpy {numpy.__version__}, {platform.machine()}, one core")
    rows = [
        (
            f"compare: {COMPARE_OPPORTUNITIES} opportunities × {CRITERIA} criteria × {SAMPLES:,} samples",
            compare_ms,
            COMPARE_BUDGET_MS,
        ),
        (f"score_all: {SCORE_OPPORTUNITIES:,} opportunities × {CRITERIA} criteria", score_ms, SCORE_BUDGET_MS),
        (
            f"preview re-rank: {PREVIEW_OPPORTUNITIES} opportunities under moved weights",
            preview_ms,
            PREVIEW_BUDGET_MS,
        ),
        (f"score_all, then every Cell built: {SCORE_OPPORTUNITIES:,} opportunities (for reference)", cells_ms, None),
        (f"score() one at a time: {SCORE_OPPORTUNITIES:,} opportunities (for reference)", loop_ms, None),
    ]
    failed = False
    for name, (ms, fastest), budget in rows:
        figure = f"{name}: median {ms:.1f} ms (fastest {fastest:.1f} ms)"
        if budget is None:
            print(figure)
            continue
        verdict = "PASS" if ms <= budget else "FAIL"
        failed |= verdict == "FAIL"
        print(f"{figure}, budget {budget:.0f} ms: {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
