"""Synthetic data for the benchmarks: models in memory, or a data folder of real TOML files.

One seeded generator serves every figure, so each run times the same work:

- a profile of 15 criteria (ratings, choices with five options and numbers, three of them
  with a dealbreaker), named "balanced" so that in a data folder it shadows the built-in of
  that name: the app then has 4 profiles (this one and the 3 other built-ins) and scores
  with this one, the default;
- opportunities with a few interviews each, every interview answering 4–10 criteria, a fifth
  of the answers unknown, confidences mixed, a few pinned, with notes and answer texts of a
  realistic length (they do not change any score, but they are what a file holds).

`data_folder` writes them through `evaluator.store` (so the files are exactly what the app
writes) into a cache folder, reused while the generator is unchanged.
"""

from __future__ import annotations

import hashlib
import random
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

from evaluator import __version__, paths, store
from evaluator.model import (
    SCHEMA_VERSION,
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
    Settings,
    Stage,
)

SEED = 7
CRITERIA = 15
PROFILE_NAME = "balanced"
"""Shadows the built-in "balanced" (the default profile), so the app has 4 profiles."""
START = date(2026, 10, 1)
"""The first interview date for models built in memory (scores depend only on the order of dates)."""
CACHE = Path(tempfile.gettempdir()) / "evaluator-bench"

NOTES = (
    "Found through a friend of a friend. The team is small and the role is new, so there is room "
    "to shape it, but nobody could say yet who I would report to in a year.\n\n"
    "To do: ask about the budget for tools, and whether the office days are fixed."
)
ANSWER_TEXT = (
    "They answered at length but stayed vague on the numbers; the hiring manager promised to "
    "send the details by email after the next round."
)


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
    return Profile(name=PROFILE_NAME, description="Synthetic profile for the benchmarks.", criteria=criteria)


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
        text=ANSWER_TEXT,
        value=value,
        confidence=rng.choice(list(Confidence)),
        pinned=rng.random() < 0.05,
    )


def make_opportunity(
    rng: random.Random, profile: Profile, index: int, interviews: int = 3, start: date = START
) -> Opportunity:
    """Interviews a week apart from `start`; every tenth opportunity still owes a thank-you note."""
    held = []
    for k in range(interviews):
        asked = rng.sample(profile.criteria, rng.randint(4, 10))
        when = start + timedelta(days=7 * k + rng.randint(0, 6))
        person = Person(name=f"Person {index}-{k}", role="Interviewer")
        held.append(
            Interview(
                date=when,
                kind=rng.choice(list(InterviewKind)),
                people=[person],
                notes=f"Call with {person.name}, about forty minutes.",
                answers=[make_answer(rng, c) for c in asked],
                thank_you_sent=None if k == interviews - 1 and index % 10 == 0 else when,
            )
        )
    return Opportunity(
        id=f"opp-{index:04d}",
        company=f"Company {index}",
        role="Role",
        location="Lyon",
        stage=Stage.INTERVIEWING,
        contacts=[Person(name=f"Person {index}-0", role="Interviewer", email=f"person{index}@example.com")],
        notes=NOTES,
        created=start - timedelta(days=7),
        updated=start,
        interviews=held,
    )


def make_data(count: int, interviews: int = 3, start: date = START) -> tuple[Profile, list[Opportunity]]:
    """The profile and `count` opportunities, always the same for the same arguments."""
    rng = random.Random(SEED)
    profile = make_profile(rng)
    return profile, [make_opportunity(rng, profile, i, interviews, start) for i in range(count)]


def data_folder(count: int, interviews: int = 3) -> Path:
    """A data folder with the profile, settings.toml and `count` opportunity files.

    The interviews start 30 days before today, so home shows a realistic Due list (a few
    thank-you notes) rather than every opportunity gone quiet. Built once into CACHE and reused
    while the generator, the date and the file format are the same.
    """
    start = date.today() - timedelta(days=30)
    recipe = Path(__file__).read_bytes() + f"{count} {interviews} {start} {SCHEMA_VERSION} {__version__}".encode()
    tag = hashlib.sha256(recipe).hexdigest()[:12]
    folder = CACHE / f"{count}x{interviews}-{tag}"
    if (folder / "settings.toml").exists():  # written last: the folder is complete
        return folder
    for stale in CACHE.glob(f"{count}x{interviews}-*"):
        shutil.rmtree(stale, ignore_errors=True)
    profile, opportunities = make_data(count, interviews, start)
    paths.set_data_dir(folder)
    try:
        store.save_profile(profile)
        for opportunity in opportunities:
            store.save_opportunity(opportunity, today=opportunity.updated)
        store.save_settings(Settings(profile=PROFILE_NAME))
    finally:
        paths.set_data_dir(None)
    return folder
