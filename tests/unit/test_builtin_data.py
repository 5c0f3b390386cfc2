"""The built-in profiles and the example opportunities: valid, consistent and telling the right story."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from evaluator.model import (
    RATING_MAX,
    RATING_MIN,
    SCHEMA_VERSION,
    ChoiceScale,
    Criterion,
    InterviewKind,
    NumberScale,
    Opportunity,
    Profile,
    RatingScale,
)

ROOT = Path(__file__).parents[2]
PROFILES_DIR = ROOT / "profiles"
EXAMPLES_DIR = ROOT / "evaluator" / "examples"

BUILTIN_NAMES = {"balanced", "creative impact", "early career", "return to work"}
CORE_KEYS = {"creative_freedom", "growth_plans", "role_origin", "office_policy"}

PROFILE_FILES = sorted(PROFILES_DIR.glob("*.toml"))
EXAMPLE_FILES = sorted(EXAMPLES_DIR.glob("*.toml"))


def _read(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _profiles() -> list[Profile]:
    return [Profile.model_validate(_read(path)) for path in PROFILE_FILES]


def _examples() -> dict[str, Opportunity]:
    return {path.stem: Opportunity.model_validate(_read(path)) for path in EXAMPLE_FILES}


def _criteria_by_key() -> dict[str, Criterion]:
    """One criterion per key across all built-in profiles (scales are shared, so any will do)."""
    found: dict[str, Criterion] = {}
    for profile in _profiles():
        for criterion in profile.criteria:
            found.setdefault(criterion.key, criterion)
    return found


def _example(fragment: str) -> Opportunity:
    matches = [o for stem, o in _examples().items() if fragment in stem]
    assert len(matches) == 1, f"expected one example file matching {fragment!r}, found {len(matches)}"
    return matches[0]


# --- Profiles ---------------------------------------------------------------------------


def test_there_are_profile_and_example_files() -> None:
    assert PROFILE_FILES, f"no profiles in {PROFILES_DIR}"
    assert EXAMPLE_FILES, f"no examples in {EXAMPLES_DIR}"


@pytest.mark.parametrize("path", PROFILE_FILES, ids=lambda p: p.name)
def test_profile_file_validates(path: Path) -> None:
    data = _read(path)
    assert data.get("schema") == SCHEMA_VERSION, "every shipped file is of the current schema"
    profile = Profile.model_validate(data)
    assert profile.description, "a built-in profile says whom it is for"


def test_the_four_builtin_names_exist() -> None:
    names = [profile.name for profile in _profiles()]
    assert set(names) == BUILTIN_NAMES
    assert len(names) == len(set(names)), "a profile name is used twice"


@pytest.mark.parametrize("path", PROFILE_FILES, ids=lambda p: p.name)
def test_profile_covers_core_criteria_with_questions(path: Path) -> None:
    profile = Profile.model_validate(_read(path))
    keys = {criterion.key for criterion in profile.criteria}
    assert keys >= CORE_KEYS, f"missing core criteria: {sorted(CORE_KEYS - keys)}"
    for criterion in profile.criteria:
        assert criterion.description, f"{criterion.key} has no description"
        assert criterion.questions, f"{criterion.key} has an empty question bank"
        assert all(q.strip() for q in criterion.questions), f"{criterion.key} has a blank question"


def test_shared_keys_share_identical_scales() -> None:
    first_seen: dict[str, tuple[str, dict]] = {}
    for profile in _profiles():
        for criterion in profile.criteria:
            scale = criterion.scale.model_dump()
            if criterion.key not in first_seen:
                first_seen[criterion.key] = (profile.name, scale)
                continue
            other_name, other_scale = first_seen[criterion.key]
            assert scale == other_scale, (
                f"{criterion.key!r} has a different scale in {profile.name!r} and {other_name!r}"
            )


def test_weighting_methods() -> None:
    methods = {profile.name: profile.method.value for profile in _profiles()}
    assert methods["creative impact"] == "rank"
    assert all(method == "points" for name, method in methods.items() if name != "creative impact")


def test_creative_impact_ranks_creative_freedom_and_growth_plans_first() -> None:
    profile = next(p for p in _profiles() if p.name == "creative impact")
    assert [c.key for c in profile.criteria[:4]] == [
        "creative_freedom",
        "growth_plans",
        "role_origin",
        "office_policy",
    ]


def test_return_to_work_dealbreakers() -> None:
    profile = next(p for p in _profiles() if p.name == "return to work")
    commute = profile.criterion("commute")
    office = profile.criterion("office_policy")
    assert commute is not None and commute.dealbreaker is not None
    assert commute.dealbreaker.above == 60
    assert office is not None and office.dealbreaker is not None
    assert office.dealbreaker.one_of == ["fully on-site"]


# --- Examples ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_example_file_validates(path: Path) -> None:
    data = _read(path)
    assert data.get("schema") == SCHEMA_VERSION, "every shipped file is of the current schema"
    opportunity = Opportunity.model_validate(data)
    assert opportunity.interviews, "an example without interviews demonstrates little"


def _fits(criterion: Criterion, value: object) -> bool:
    scale = criterion.scale
    if isinstance(scale, RatingScale):
        return isinstance(value, int) and not isinstance(value, bool) and RATING_MIN <= value <= RATING_MAX
    if isinstance(scale, ChoiceScale):
        return isinstance(value, str) and any(option.label == value for option in scale.options)
    if isinstance(scale, NumberScale):
        return isinstance(value, int | float) and not isinstance(value, bool)
    raise AssertionError(f"unexpected scale {scale!r}")


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_example_answers_fit_builtin_criteria(path: Path) -> None:
    criteria = _criteria_by_key()
    opportunity = Opportunity.model_validate(_read(path))
    for interview in opportunity.interviews:
        names = {person.name for person in interview.people}
        for answer in interview.answers:
            where = f"{path.name}, {interview.date} {answer.criterion}"
            assert answer.criterion in criteria, f"{where}: no built-in profile defines this criterion"
            assert answer.said_by in names, f"{where}: said_by should name someone in the interview"
            assert answer.text, f"{where}: say what was said"
            if answer.known:
                assert _fits(criteria[answer.criterion], answer.value), (
                    f"{where}: {answer.value!r} does not fit the scale of {answer.criterion!r}"
                )


def test_every_example_leaves_something_unknown() -> None:
    """Each example gives the app something to suggest asking next."""
    criteria = set(_criteria_by_key())
    for stem, opportunity in _examples().items():
        known = {a.criterion for i in opportunity.interviews for a in i.answers if a.known}
        assert criteria - known, f"{stem} answers every criterion"


def test_winery_story() -> None:
    winery = _example("vallee-verte")
    answers = {a.criterion: a for i in winery.interviews for a in i.answers}
    assert winery.stage.value == "screening"
    assert not answers["growth_plans"].known, "the HR screener could not say"
    assert answers["role_origin"].value == "like-for-like replacement"
    assert answers["office_policy"].value == "mostly on-site"
    screening = winery.interviews[0]
    assert screening.kind is InterviewKind.SCREENING
    assert screening.people[0].role == "HR generalist"
    assert screening.thank_you_sent is not None and screening.next_follow_up is not None


def test_pr_agency_story() -> None:
    agency = _example("pr-agency")
    assert agency.stage.value == "lead"
    informational = [i for i in agency.interviews if i.kind is InterviewKind.INFORMATIONAL]
    assert informational, "the PR agency example has an informational interview"
    assert all(i.thank_you_sent is None for i in informational), "the thank-you note is still pending"
    assert any(i.next_follow_up is not None for i in informational)


def test_startup_story() -> None:
    startup = _example("wearables")
    answers = {a.criterion: a for i in startup.interviews for a in i.answers}
    assert startup.stage.value == "interviewing"
    assert {i.kind for i in startup.interviews} == {InterviewKind.SCREENING, InterviewKind.HIRING_MANAGER}
    assert answers["creative_freedom"].value == 5
    assert answers["role_origin"].value == "brand-new role"
