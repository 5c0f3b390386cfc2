"""The small formatters every screen and command shares: people, days, scores, answers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from evaluator import report, scoring, store
from evaluator.__main__ import main
from evaluator.model import Answer, Confidence, Criterion, Interview, Opportunity, Profile, Settings


def test_person_adds_the_role_only_when_there_is_one() -> None:
    assert report.person("Dana Ortiz", "HR generalist") == "Dana Ortiz (HR generalist)"
    assert report.person("Dana Ortiz", "") == "Dana Ortiz"


@pytest.mark.parametrize(
    ("when", "today", "shown"),
    [
        (date(2026, 11, 23), date(2026, 11, 22), "23 Nov"),
        (date(2026, 1, 5), date(2026, 12, 30), "5 Jan"),
        (date(2027, 1, 5), date(2026, 12, 30), "5 Jan 2027"),
        (date(2025, 12, 31), date(2026, 1, 2), "31 Dec 2025"),
        (date(2026, 11, 23), None, "23 Nov 2026"),
    ],
)
def test_day_leaves_out_the_year_only_when_it_is_todays(when: date, today: date | None, shown: str) -> None:
    assert report.day(when, today) == shown


@pytest.mark.parametrize(
    ("days", "shown"),
    [(0, "today"), (1, "tomorrow"), (-1, "yesterday"), (3, "in 3 days"), (-2, "2 days ago"), (40, "in 40 days")],
)
def test_relative_day(days: int, shown: str) -> None:
    today = date(2026, 11, 22)
    assert report.relative_day(date.fromordinal(today.toordinal() + days), today) == shown


def test_score_range_rounds_score_low_and_high() -> None:
    # Pay (weight 30 of 40) is 4 on 1-5, known for sure: 0.75 · 0.75 = 56.25 points. Growth
    # (10 of 40) is unknown: 0.25 · 0.5 = 12.5 now, anywhere from 0 to 25.
    profile = Profile(
        name="hand-checked",
        criteria=[Criterion(key="growth", label="Growth", weight=10), Criterion(key="pay", label="Pay", weight=30)],
    )
    answer = Answer(criterion="pay", value=4, confidence=Confidence.HIGH)
    opportunity = Opportunity(
        company="Acme", role="Lead", interviews=[Interview(date=date(2026, 11, 2), answers=[answer])]
    )
    score = scoring.score(opportunity, profile)
    assert (score.score, score.low, score.high) == pytest.approx((68.75, 56.25, 81.25))
    assert report.range_text(score) == "56–81"
    assert report.score_range(score) == "69 (56–81)"


def test_answer_text_with_and_without_the_criterion_in_the_profile(make_profile: Callable[..., Profile]) -> None:
    profile = make_profile()
    assert report.answer_text(profile, Answer(criterion="commute", value=35)) == "35 min"
    assert report.answer_text(profile, Answer(criterion="growth", value=None)) == "unknown"
    assert report.answer_text(profile, Answer(criterion="network", value=4)) == "4"
    assert report.answer_text(profile, Answer(criterion="network", value=None)) == "unknown"


def test_show_says_unknown_for_an_answer_the_active_profile_does_not_ask(
    make_opportunity: Callable[..., Opportunity], capsys: pytest.CaptureFixture[str]
) -> None:
    # "network" is a criterion of the early-career profile only; the active profile is balanced.
    store.save_settings(Settings(profile="balanced"))
    interview = Interview(date=date(2026, 11, 2), answers=[Answer(criterion="network", value=None)])
    store.save_opportunity(make_opportunity(interviews=[interview]))
    code = main(["show", "acme"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "  network: unknown (medium confidence)" in out
    assert "None" not in out
