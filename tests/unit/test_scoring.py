"""Scores, ranges, evidence, dealbreakers, dominance, flips and what to ask next.

Every expected number is worked out by hand in a comment, or comes from a cited example.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

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
    WeightingMethod,
)

HIGH, MEDIUM, LOW = Confidence.HIGH, Confidence.MEDIUM, Confidence.LOW

OFFICE = ChoiceScale(
    options=[
        ChoiceOption(label="fully remote", value=1.0),
        ChoiceOption(label="hybrid", value=0.5),
        ChoiceOption(label="mostly on-site", value=0.25),
        ChoiceOption(label="fully on-site", value=0.0),
    ]
)
COMMUTE = NumberScale(worst=90, best=0, unit="min")
GROWTH = ChoiceScale(
    options=[
        ChoiceOption(label="ambitious", value=1.0),
        ChoiceOption(label="modest", value=0.6),
        ChoiceOption(label="cutting back", value=0.2),
    ]
)


def crit(key: str, weight: float = 10, scale=None, **kw) -> Criterion:
    return Criterion(
        key=key, label=key.replace("_", " ").capitalize(), weight=weight, scale=scale or RatingScale(), **kw
    )


def prof(*criteria: Criterion, method: str = "points") -> Profile:
    return Profile(name="mine", method=WeightingMethod(method), criteria=list(criteria))


def ans(key: str, value=None, confidence: Confidence = HIGH, **kw) -> Answer:
    return Answer(criterion=key, value=value, confidence=confidence, **kw)


def talk(day: int, *answers: Answer, kind: InterviewKind = InterviewKind.HIRING_MANAGER, people=None) -> Interview:
    return Interview(date=date(2026, 11, day), kind=kind, people=people or [], answers=list(answers))


def opp(id_: str, *interviews: Interview, company: str | None = None, role: str = "Designer") -> Opportunity:
    return Opportunity(id=id_, company=company or id_.capitalize(), role=role, interviews=list(interviews))


def known(id_: str, company: str | None = None, **values) -> Opportunity:
    """An opportunity with one high-confidence answer per criterion."""
    return opp(id_, talk(1, *(ans(k, v) for k, v in values.items())), company=company)


# --- Values on fixed scales --------------------------------------------------------------


@pytest.mark.parametrize(("rating", "value"), [(1, 0.0), (2, 0.25), (3, 0.5), (4, 0.75), (5, 1.0), (3.5, 0.625)])
def test_a_rating_maps_linearly_from_1_to_5(rating, value):
    """v = (r − 1) / 4."""
    assert scoring.value_of(crit("team"), rating) == pytest.approx(value)


def test_a_choice_takes_its_options_value_whatever_the_case():
    office = crit("office", scale=OFFICE)
    assert scoring.value_of(office, "hybrid") == 0.5
    assert scoring.value_of(office, "Fully Remote") == 1.0


@pytest.mark.parametrize(("minutes", "value"), [(0, 1.0), (45, 0.5), (90, 0.0), (120, 0.0), (-10, 1.0), (30, 2 / 3)])
def test_a_number_maps_between_its_anchors_and_is_clamped(minutes, value):
    """Commute: 90 min is worth 0 and 0 min is worth 1 (best below worst); (90 − 30) / 90 = 2/3."""
    assert scoring.value_of(crit("commute", scale=COMMUTE), minutes) == pytest.approx(value)


def test_salary_runs_the_other_way():
    """Pay: 40,000 worth 0, 90,000 worth 1: (52,500 − 40,000) / 50,000 = 0.25."""
    pay = crit("pay", scale=NumberScale(worst=40000, best=90000, unit="EUR"))
    assert scoring.value_of(pay, 52500) == pytest.approx(0.25)


@pytest.mark.parametrize(
    ("criterion", "raw", "message"),
    [
        (crit("office", scale=OFFICE), "hybrd", "Office: 'hybrd' is not one of the options"),
        (crit("office", scale=OFFICE), 3, "not one of the options"),
        (crit("team"), 7, "Team: 7 is not a rating from 1 to 5"),
        (crit("team"), 0, "not a rating"),
        (crit("team"), "great", "not a rating"),
        (crit("commute", scale=COMMUTE), "far", "Commute: 'far' is not a number"),
        (crit("team"), None, "no answer"),
    ],
)
def test_an_answer_that_does_not_fit_its_scale_is_refused(criterion, raw, message):
    with pytest.raises(ValueError, match=message):
        scoring.value_of(criterion, raw)


def test_scoring_names_the_opportunity_criterion_and_value_that_do_not_fit():
    """The store validates files first; this is the backstop, and it must say where to look."""
    p = prof(crit("office", scale=OFFICE))
    bad = known("winery", company="Winery", office="sometimes")
    with pytest.raises(ValueError, match=r"Winery — Designer \(winery\): Office: 'sometimes' is not one of"):
        scoring.score(bad, p)


# --- Scores and ranges -------------------------------------------------------------------


def test_score_is_the_weighted_sum_of_values_by_hand():
    """Weights 50/30/20 points → .5/.3/.2. Values: team 4/5 → .75, office hybrid → .5,
    commute 30 min → 2/3. S = 100 (.5 × .75 + .3 × .5 + .2 × 2/3) = 37.5 + 15 + 13.33 = 65.83.
    All answers are sure, so the range is the score itself."""
    p = prof(crit("team", 50), crit("office", 30, OFFICE), crit("commute", 20, COMMUTE))
    s = scoring.score(known("startup", team=4, office="hybrid", commute=30), p)
    assert s.score == pytest.approx(65.8333, abs=1e-4)
    assert s.low == s.high == pytest.approx(s.score)
    assert [c.contribution for c in s.cells] == pytest.approx([37.5, 15, 13.3333], abs=1e-4)
    assert s.unknowns == 0
    assert s.status == "ranked"


def test_confidence_widens_the_range_in_raw_units_then_clamps():
    """Medium: ±10% of the span; low: ±25%.
    team 4/5 medium: 4 ± 0.4 → [3.6, 4.4] → [.65, .85].
    team 5/5 low: 5 ± 1 → [4, 6] clamped to [4, 5] → [.75, 1].
    commute 30 min medium (span 90 → ±9 min): [21, 39] min → [(90 − 39)/90, (90 − 21)/90] = [.5667, .7667].
    office hybrid (.5) medium: [.4, .6]; office remote (1.0) low: [.75, 1.0], clipped at the top option."""
    p = prof(crit("team"), crit("commute", scale=COMMUTE), crit("office", scale=OFFICE))
    cases = [
        ("team", 4, MEDIUM, 0.75, 0.65, 0.85),
        ("team", 5, LOW, 1.0, 0.75, 1.0),
        ("commute", 30, MEDIUM, 2 / 3, 51 / 90, 69 / 90),
        ("office", "hybrid", MEDIUM, 0.5, 0.4, 0.6),
        ("office", "fully remote", LOW, 1.0, 0.75, 1.0),
    ]
    for key, raw, confidence, value, low, high in cases:
        cell = scoring.score(opp("x", talk(1, ans(key, raw, confidence))), p).cell(key)
        assert cell is not None
        assert (cell.value, cell.low, cell.high) == pytest.approx((value, low, high)), (key, raw)
        assert cell.point == cell.value
        assert cell.confidence is confidence


def test_the_half_widths_live_in_one_constant():
    assert scoring.CONFIDENCE_HALF_WIDTH == {HIGH: 0.0, MEDIUM: 0.10, LOW: 0.25}


def test_an_unknown_spans_its_whole_scale_and_counts_at_the_middle():
    """Never asked: rating [0, 1] counted .5; choice [.2, 1.0] (its lowest and highest
    option) counted .6; nothing presents it as known."""
    p = prof(crit("team"), crit("growth", scale=GROWTH))
    s = scoring.score(opp("x"), p)
    team, growth = s.cells
    assert (team.known, team.value, team.low, team.high, team.point) == (False, None, 0.0, 1.0, 0.5)
    assert (growth.known, growth.value, growth.low, growth.high) == (False, None, 0.2, 1.0)
    assert growth.point == pytest.approx(0.6)
    assert team.evidence is None and team.confidence is None and team.raw is None
    assert s.unknowns == 2


def test_low_and_high_are_the_weighted_sums_of_the_cell_ends():
    """Weights .5/.5. Team 3/5 high → [.5, .5]; growth unknown → [.2, 1.0], point .6.
    score = 100 (.5 × .5 + .5 × .6) = 55; low = 100 (.25 + .1) = 35; high = 100 (.25 + .5) = 75."""
    p = prof(crit("team"), crit("growth", scale=GROWTH))
    s = scoring.score(known("x", team=3), p)
    assert (s.score, s.low, s.high) == pytest.approx((55, 35, 75))
    assert (s.cells[1].contribution_low, s.cells[1].contribution_high) == pytest.approx((10, 50))


def test_an_unknown_is_never_filled_in_from_other_opportunities():
    """Growth stays unknown for Winery even when every other opportunity knows it."""
    p = prof(crit("team"), crit("growth", scale=GROWTH))
    others = [known(f"o{i}", growth="ambitious", team=5) for i in range(3)]
    alone = scoring.score(known("winery", team=3), p)
    together = {s.id: s for s in scoring.score_all([*others, known("winery", team=3)], p)}
    assert together["winery"].score == alone.score == pytest.approx(55)
    assert together["winery"].cell("growth").known is False


def test_a_score_does_not_depend_on_the_other_opportunities():
    """Fixed scales: no min–max normalization across the list."""
    p = prof(crit("team"), crit("commute", scale=COMMUTE))
    a = known("a", team=4, commute=30)
    alone = scoring.score(a, p).score
    with_others = scoring.compare([a, known("b", team=1, commute=89), known("c", team=5, commute=0)], p)
    assert next(s for s in with_others.scores if s.id == "a").score == alone


def test_preview_weights_change_the_score_without_touching_the_profile():
    """Team 5 (1.0), commute 90 min (0.0): equal points give 50; 3:1 gives 75."""
    p = prof(crit("team"), crit("commute", scale=COMMUTE))
    o = known("a", team=5, commute=90)
    assert scoring.score(o, p).score == pytest.approx(50)
    assert scoring.score(o, p, weights={"team": 3, "commute": 1}).score == pytest.approx(75)
    assert scoring.weights(p) == {"team": 0.5, "commute": 0.5}


def test_answers_for_criteria_outside_the_profile_are_ignored():
    p = prof(crit("team"))
    s = scoring.score(opp("x", talk(1, ans("team", 5), ans("salary_talk", "whatever"))), p)
    assert s.score == pytest.approx(100)


def test_cells_behave_like_a_tuple_and_scores_can_be_built_by_hand():
    p = prof(crit("team"))
    s = scoring.score(known("x", team=5), p)
    assert isinstance(s.cells, tuple) and len(s.cells) == 1
    copy = dataclasses.replace(s, status="excluded")
    assert copy.cells == s.cells and copy.unknowns == 0
    manual = scoring.Score(s.opportunity, 1.0, 0.0, 2.0, [], (), "ranked")
    assert manual.cells == () and manual.unknowns == 0


def test_cells_show_the_answers_as_they_were_scored():
    """Cells are built on first access; editing an answer afterwards must not make them
    disagree with the score they explain."""
    p = prof(crit("team"), crit("pay"))
    o = known("x", team=4, pay=2)  # 100 (.5 × .75 + .5 × .25) = 50
    s = scoring.score(o, p)
    o.interviews[0].answers[0].value = 1
    assert [c.raw for c in s.cells] == [4, 2]
    assert sum(c.contribution for c in s.cells) == pytest.approx(s.score)
    assert s.score == pytest.approx(50)


# --- Evidence: which answer counts ---------------------------------------------------------


def test_a_pinned_answer_wins_over_a_later_surer_one():
    p = prof(crit("team"))
    o = opp("x", talk(1, ans("team", 2, LOW, pinned=True)), talk(9, ans("team", 5, HIGH)))
    cell = scoring.score(o, p).cells[0]
    assert cell.raw == 2 and cell.evidence.interview.date == date(2026, 11, 1)


def test_the_latest_pinned_answer_wins_when_several_are_pinned():
    p = prof(crit("team"))
    o = opp("x", talk(9, ans("team", 3, pinned=True)), talk(1, ans("team", 2, pinned=True)))
    assert scoring.score(o, p).cells[0].raw == 3


def test_the_surest_answer_wins_then_the_most_recent():
    """High beats a later medium; between two highs the later interview wins."""
    p = prof(crit("team"))
    o = opp("x", talk(1, ans("team", 4, HIGH)), talk(5, ans("team", 2, MEDIUM)))
    assert scoring.score(o, p).cells[0].raw == 4
    o = opp("x", talk(5, ans("team", 3, HIGH)), talk(1, ans("team", 4, HIGH)))
    assert scoring.score(o, p).cells[0].raw == 3


def test_a_later_couldnt_say_does_not_erase_a_known_answer():
    p = prof(crit("team"))
    o = opp("x", talk(1, ans("team", 4, LOW)), talk(9, ans("team")))
    cell = scoring.score(o, p).cells[0]
    assert cell.known and cell.raw == 4


def test_when_nobody_could_say_the_latest_couldnt_say_is_the_evidence():
    dana = Person(name="Dana Ortiz", role="HR generalist")
    p = prof(crit("growth", scale=GROWTH))
    o = opp(
        "x",
        talk(2, ans("growth"), kind=InterviewKind.INFORMATIONAL),
        talk(18, ans("growth"), kind=InterviewKind.SCREENING, people=[dana]),
    )
    cell = scoring.score(o, p).cells[0]
    assert not cell.known and cell.value is None
    assert cell.evidence.speaker == dana
    assert cell.evidence.describe() == "Dana Ortiz (HR generalist), screening 2026-11-18"


def test_the_speaker_is_who_said_it_or_else_the_first_person_met():
    dana = Person(name="Dana Ortiz", role="HR generalist")
    sam = Person(name="Sam Lee")
    p = prof(crit("team"), crit("growth", scale=GROWTH))
    o = opp("x", talk(3, ans("team", 4), ans("growth", "modest", said_by="sam lee"), people=[dana, sam]))
    team, growth = scoring.score(o, p).cells
    assert team.evidence.speaker == dana
    assert growth.evidence.speaker == sam
    assert growth.evidence.describe() == "Sam Lee, hiring manager 2026-11-03"
    nobody = scoring.score(opp("y", talk(4, ans("team", 4))), p).cells[0]
    assert nobody.evidence.describe() == "hiring manager 2026-11-04"


# --- Dealbreakers ------------------------------------------------------------------------

COMMUTE_LIMIT = crit("commute", scale=COMMUTE, dealbreaker=Dealbreaker(above=60))


def test_a_certainly_broken_dealbreaker_excludes_and_says_why():
    s = scoring.score(opp("x", talk(1, ans("commute", 75, HIGH))), prof(crit("team"), COMMUTE_LIMIT))
    assert s.status == "excluded"
    assert [(d.key, d.state, d.reason) for d in s.dealbreakers] == [
        ("commute", "violated", "Commute: 75 min is above your limit of 60 min")
    ]


def test_a_dealbreaker_uses_the_raw_interval_of_the_answer():
    """Commute span 90 min: medium is ±9 min, low ±22.5 min.
    55 medium → [46, 64]: possibly above 60.  55 high → 55: fine.  70 medium → [61, 79]: certain.
    50 medium → [41, 59]: fine.  40 low → [17.5, 62.5]: possible."""
    p = prof(COMMUTE_LIMIT)
    cases = [(55, MEDIUM, "possible-dealbreaker"), (55, HIGH, "ranked"), (70, MEDIUM, "excluded")]
    cases += [(50, MEDIUM, "ranked"), (40, LOW, "possible-dealbreaker")]
    for minutes, confidence, status in cases:
        s = scoring.score(opp("x", talk(1, ans("commute", minutes, confidence))), p)
        assert s.status == status, (minutes, confidence)
    s = scoring.score(opp("x", talk(1, ans("commute", 55, MEDIUM))), p)
    assert s.dealbreakers[0].reason == "Commute: 55 min (medium confidence); could be above your limit of 60 min"


def test_an_unknown_number_might_break_any_limit():
    s = scoring.score(opp("x"), prof(COMMUTE_LIMIT))
    assert s.status == "possible-dealbreaker"
    assert s.dealbreakers[0].reason == "Commute: not known yet; could be above your limit of 60 min"


def test_rating_limits_stay_within_1_to_5():
    """Below 2: a sure 1 is excluded; an unknown rating spans [1, 5] so it might be;
    with `above 5` an unknown rating can never break the limit."""
    low_team = crit("team", dealbreaker=Dealbreaker(below=2))
    assert scoring.score(known("x", team=1), prof(low_team)).status == "excluded"
    assert scoring.score(known("x", team=1), prof(low_team)).dealbreakers[0].reason == (
        "Team: 1/5 is below your limit of 2/5"
    )
    assert scoring.score(opp("x"), prof(low_team)).status == "possible-dealbreaker"
    never = crit("team", dealbreaker=Dealbreaker(above=5))
    assert scoring.score(opp("x"), prof(never)).status == "ranked"


def test_choice_dealbreakers_look_at_every_plausible_option():
    """Office options 1.0 / .5 / .25 / 0 with "fully on-site" (0) a dealbreaker.
    "fully on-site" high → excluded. "mostly on-site" low (.25 ± .25 → [0, .5]) → fully
    on-site is plausible → possible. "mostly on-site" medium ([.15, .35]) → fine.
    Unknown → every option is plausible → possible."""
    office = crit("office", scale=OFFICE, dealbreaker=Dealbreaker(one_of=["fully on-site"]))
    p = prof(office)
    on_site = scoring.score(known("x", office="Fully on-site"), p)
    assert on_site.status == "excluded"
    assert on_site.dealbreakers[0].reason == "Office: “fully on-site” is a dealbreaker for you"
    assert scoring.score(opp("x", talk(1, ans("office", "mostly on-site", LOW))), p).status == "possible-dealbreaker"
    assert scoring.score(opp("x", talk(1, ans("office", "mostly on-site", MEDIUM))), p).status == "ranked"
    unknown = scoring.score(opp("x"), p)
    assert unknown.status == "possible-dealbreaker"
    assert unknown.dealbreakers[0].reason == "Office: not known yet; could be “fully on-site”, a dealbreaker for you"


def test_an_excluded_opportunity_keeps_its_score_but_ranks_last():
    p = prof(crit("team"), COMMUTE_LIMIT)
    best_but_far = known("far", team=5, commute=75)  # 100 (.5 × 1 + .5 × 1/6) = 58.3
    modest = known("near", team=2, commute=50)  # 100 (.5 × .25 + .5 × 4/9) = 34.7
    ranked = scoring.rank(scoring.score_all([best_but_far, modest], p))
    assert [s.id for s in ranked] == ["near", "far"]
    assert ranked[1].score == pytest.approx(58.333, abs=1e-3)
    assert ranked[1].score > ranked[0].score


def test_ranking_ties_go_by_company_then_role_not_input_order():
    p = prof(crit("team"))
    a, b = known("b1", company="Beta", team=3), known("a1", company="Alpha", team=3)
    c = opp("a0", talk(1, ans("team", 3)), company="Alpha", role="Artist")
    for order in ([a, b, c], [c, b, a]):
        assert [s.id for s in scoring.rank(scoring.score_all(order, p))] == ["a0", "a1", "b1"]


# --- A published weighted-sum example -------------------------------------------------------


def test_weighted_sum_example_of_triantaphyllou():
    """Triantaphyllou, E. (2000) Multi-Criteria Decision Making Methods: A Comparative
    Study, Kluwer, ch. 2 (the WSM example), as reproduced in Wikipedia's "Weighted sum model": weights
    .20/.15/.40/.25; A1 = (25, 20, 15, 30), A2 = (10, 30, 20, 30), A3 = (30, 10, 30, 10);
    WSM scores A1 = 21.50, A2 = 22.00, A3 = 22.00 (re-checked by hand: A3 = 6 + 1.5 + 12 + 2.5).
    With numbers mapped on a fixed 0–100 scale, our score is exactly the WSM score."""
    scale = NumberScale(worst=0, best=100)
    p = prof(*(crit(f"c{j}", w, scale) for j, w in enumerate([20, 15, 40, 25], start=1)))
    table = {"a1": [25, 20, 15, 30], "a2": [10, 30, 20, 30], "a3": [30, 10, 30, 10]}
    scores = {
        s.id: s.score
        for s in scoring.score_all(
            [known(k, **{f"c{j}": v for j, v in enumerate(row, 1)}) for k, row in table.items()], p
        )
    }
    assert scores == pytest.approx({"a1": 21.50, "a2": 22.00, "a3": 22.00})


# --- Dominance ---------------------------------------------------------------------------


def test_dominance_compares_both_ends_of_every_range():
    """A: team 4 (sure), growth unknown [.2, 1]. B: team 3 (sure), growth unknown → A ≥ B at
    both ends everywhere and better on team: dominated. C: team 5 sure but growth "cutting
    back" (.2, sure): its growth high end (.2) is below A's (1.0): not dominated by A."""
    p = prof(crit("team"), crit("growth", scale=GROWTH))
    a, b, c = known("a", team=4), known("b", team=3), known("c", team=5, growth="cutting back")
    sa, sb, sc = scoring.score_all([a, b, c], p)
    assert scoring.dominates(sa, sb)
    assert not scoring.dominates(sb, sa)
    assert not scoring.dominates(sa, sc) and not scoring.dominates(sc, sa)
    assert not scoring.dominates(sa, sa)  # nothing dominates itself: strictly better somewhere
    comparison = scoring.compare([a, b, c], p, with_probabilities=False)
    assert comparison.dominated == {"b": "a"}


def test_zero_weight_criteria_do_not_count_for_dominance():
    p = prof(crit("team"), crit("hobby", weight=0))
    sa, sb = scoring.score_all([known("a", team=4, hobby=1), known("b", team=3, hobby=5)], p)
    assert scoring.dominates(sa, sb)


def test_an_excluded_opportunity_dominates_nobody():
    p = prof(crit("team"), COMMUTE_LIMIT)
    far = known("far", team=5, commute=70)
    near = known("near", team=4, commute=55)
    assert scoring.compare([far, near], p, with_probabilities=False).dominated == {}


# --- Flip thresholds ---------------------------------------------------------------------


def test_flip_thresholds_by_hand():
    """Pay 60 points, office 40. Startup: pay 5 (1.0), office fully on-site (0) → 60.
    Winery: pay 1 (0), office fully remote (1.0) → 40.
    d = (1, −1), D = .6 − .4 = .2.
    Office (w = .4): R = (D − w d)/(1 − w) = (.2 + .4)/.6 = 1; D(t) = 1 − 2t = 0 at t = .5 → rises above 50%.
    Pay (w = .6): R = (.2 − .6)/.4 = −1; D(t) = −1 + 2t = 0 at t = .5 → falls below 50%."""
    p = prof(crit("pay", 60), crit("office", 40, OFFICE))
    c = scoring.compare(
        [known("startup", pay=5, office="fully on-site"), known("winery", pay=1, office="fully remote")],
        p,
        with_probabilities=False,
    )
    flips = {f.key: f for f in c.flips}
    assert flips["office"].threshold == pytest.approx(0.5)
    assert flips["office"].direction == "above"
    assert flips["office"].sentence == "Startup stays ahead of Winery unless Office rises above 50% (now 40%)."
    assert flips["pay"].threshold == pytest.approx(0.5)
    assert flips["pay"].sentence == "Startup stays ahead of Winery unless Pay falls below 50% (now 60%)."
    assert (flips["pay"].leader_id, flips["pay"].other_id, flips["pay"].current_weight) == ("startup", "winery", 0.6)


def test_flip_threshold_of_three_criteria_is_exact():
    """Weights .5/.3/.2; A = (.75, .5, 0), B = (.25, .5, 1): S_A = 52.5, S_B = 47.5, D = .05.
    Commute (k = 3, w = .2, d = −1): R = (.05 + .2)/.8 = .3125; t = .3125 / 1.3125 = .238095.
    At that weight (others × (1 − t)/.8) both score the same."""
    p = prof(crit("team", 50), crit("office", 30, OFFICE), crit("commute", 20, COMMUTE))
    a, b = known("a", team=4, office="hybrid", commute=90), known("b", team=2, office="hybrid", commute=0)
    sa, sb = scoring.score_all([a, b], p)
    t, direction = scoring.flip_threshold(sa, sb, 2)
    assert t == pytest.approx(0.3125 / 1.3125)
    assert direction == "above"
    scale = (1 - t) / 0.8
    at = {"team": 0.5 * scale, "office": 0.3 * scale, "commute": t}
    assert scoring.score(a, p, weights=at).score == pytest.approx(scoring.score(b, p, weights=at).score)


def test_no_flip_when_a_criterion_cannot_change_the_order():
    """B is worse on team and equal elsewhere: no weight on office can make B lead."""
    p = prof(crit("team"), crit("office", scale=OFFICE))
    sa, sb = scoring.score_all([known("a", team=5, office="hybrid"), known("b", team=3, office="hybrid")], p)
    assert scoring.flip_threshold(sa, sb, 1) is None


def test_flips_leave_out_excluded_opportunities_and_come_nearest_first():
    p = prof(crit("team", 50), crit("office", 30, OFFICE), COMMUTE_LIMIT)
    opportunities = [
        known("a", team=5, office="fully on-site", commute=30),
        known("b", team=3, office="fully remote", commute=30),
        known("c", team=1, office="fully remote", commute=10),
        known("far", team=5, office="fully remote", commute=80),
    ]
    c = scoring.compare(opportunities, p, with_probabilities=False)
    leader = c.scores[0].id
    assert c.flips and all(f.other_id not in ("far", leader) and f.leader_id == leader for f in c.flips)
    distances = [abs(f.threshold - f.current_weight) for f in c.flips]
    assert distances == sorted(distances)


# --- Rank-order robustness ---------------------------------------------------------------


def test_a_rank_profile_says_when_the_leader_wins_whatever_the_exact_weights():
    """Order: growth, team, office. Startup − Winery differences d = (+.8, −.25, −.5):
    partial sums .8, .55, .05 ≥ 0 → Startup wins under every weighting with that order.
    Startup − Bakery d = (+.4, −.5, +.5): partial sums .4, −.1 → not for every weighting."""
    p = prof(crit("growth", scale=GROWTH), crit("team"), crit("office", scale=OFFICE), method="rank")
    c = scoring.compare(
        [
            known("startup", growth="ambitious", team=3, office="hybrid"),
            known("winery", growth="cutting back", team=4, office="fully remote"),
            known("bakery", growth="modest", team=5, office="fully on-site"),
        ],
        p,
        with_probabilities=False,
    )
    assert c.scores[0].id == "startup"
    assert c.order_robust == ["With your order of priorities, Startup beats Winery whatever the exact weights."]


def test_order_robustness_is_only_for_rank_profiles():
    p = prof(crit("team"), crit("office", scale=OFFICE))
    c = scoring.compare([known("a", team=5, office="hybrid"), known("b", team=1, office="hybrid")], p)
    assert c.order_robust == []


# --- What to ask next --------------------------------------------------------------------


def ask_profile() -> Profile:
    growth = crit(
        "growth",
        30,
        GROWTH,
        questions=["What new initiatives are planned?", "Where will the company be in two years?"],
        ask_in=InterviewKind.HIRING_MANAGER,
    )
    team = crit("team", 40, questions=["How does the team work?"])
    office = crit("office", 30, OFFICE, ask_in=InterviewKind.SCREENING)
    return prof(growth, team, office)


def test_the_question_that_could_change_the_winner_comes_first():
    """Startup: growth unknown [.2, 1] (point .6), team 4, office hybrid → 100(.3 × .6 + .4 × .75 + .3 × .5) = 63.
    Winery: all sure: growth modest, team 4, office hybrid → 100(.18 + .3 + .15) = 63 → tie broken by
    name: Startup leads. Startup's growth at its low end (.2) drops it to 51: the winner changes."""
    dana = Person(name="Dana Ortiz", role="HR generalist")
    startup = opp(
        "startup",
        talk(
            18,
            ans("growth", question="What new initiatives are planned?"),
            ans("team", 4),
            ans("office", "hybrid"),
            kind=InterviewKind.SCREENING,
            people=[dana],
        ),
    )
    winery = known("winery", growth="modest", team=4, office="hybrid")
    c = scoring.compare([startup, winery], ask_profile(), with_probabilities=False)
    assert c.scores[0].id == "startup"
    [ask] = c.ask_next["startup"]
    assert ask.key == "growth" and ask.could_flip
    assert ask.question == "Where will the company be in two years?"  # the first one was asked already
    assert ask.ask_whom == "the hiring manager, not the HR screener — Dana Ortiz (HR generalist) couldn't say"
    assert ask.why == "unknown; could change the winner"
    assert c.ask_next["winery"] == []


def test_asks_are_ordered_by_weight_times_width_when_nothing_can_flip():
    """Leader far ahead. Runner-up: team unknown (w .4 × width 1 = 40 points), office low
    confidence "hybrid" (.5 ± .25 → width .5 × w .3 = 15 points), growth medium ("modest":
    [.5, .7], 6 points, and cannot flip → left out). Leader 100 vs runner-up high end 65."""
    runner = opp("runner", talk(1, ans("office", "hybrid", LOW), ans("growth", "modest", MEDIUM)))
    leader = known("leader", growth="ambitious", team=5, office="fully remote")
    c = scoring.compare([leader, runner], ask_profile(), with_probabilities=False)
    asks = c.ask_next["runner"]
    assert [a.key for a in asks] == ["team", "office"]
    assert [a.why for a in asks] == ["unknown; worth 40 points of range", "low confidence; worth 15 points of range"]
    assert asks[0].question == "How does the team work?" and asks[0].ask_whom == "the hiring manager"
    assert asks[1].question == "What can you tell me about office?"
    assert not any(a.could_flip for a in asks)


def test_a_possible_dealbreaker_of_the_leader_could_change_the_winner():
    p = prof(crit("team"), COMMUTE_LIMIT)
    leader = opp("leader", talk(1, ans("team", 5), ans("commute", 55, MEDIUM)))
    other = known("other", team=3, commute=20)
    c = scoring.compare([leader, other], p, with_probabilities=False)
    [ask] = c.ask_next["leader"]
    assert ask.key == "commute" and ask.could_flip
    assert ask.why == "medium confidence; could be a dealbreaker; could change the winner"


# --- Comparisons, summaries and two profiles ------------------------------------------------


def test_compare_needs_distinct_ids():
    p = prof(crit("team"))
    with pytest.raises(ValueError, match="distinct ids"):
        scoring.compare([known("a", team=1), known("a", team=2)], p)


def test_compare_of_nothing_says_so():
    c = scoring.compare([], prof(crit("team")))
    assert c.scores == [] and c.win is None and c.label == ""
    assert c.summary.startswith("Nothing to compare yet")


def test_the_summary_names_leader_range_excluded_flip_and_next_question():
    p = ask_profile()
    p.criteria.append(COMMUTE_LIMIT)
    p = Profile.model_validate(p.model_dump())
    startup = opp("startup", talk(2, ans("team", 4), ans("office", "hybrid"), ans("commute", 20)))
    winery = opp(
        "winery",
        talk(1, ans("growth", "modest", MEDIUM), ans("team", 3), ans("office", "fully remote"), ans("commute", 30)),
    )
    far = known("faraway", growth="ambitious", team=5, office="fully remote", commute=80)
    c = scoring.compare([startup, winery, far], p, samples=2000)
    text = c.summary
    leader = c.scores[0]
    name = {"startup": "Startup", "winery": "Winery"}[leader.id]
    assert text.startswith(f"{name} leads with {leader.score:.0f} out of 100 (between {leader.low:.0f} and")
    assert f"comes first in {c.win.first[leader.id]:.0%} of 2,000 simulations" in text
    assert "Faraway is excluded: Commute: 80 min is above your limit of 60 min." in text
    assert f"Nearest flip: {c.flips[0].sentence}" in text
    assert "Ask next: the hiring manager" in text


def test_contrast_of_two_profiles():
    creative = Profile(name="creative impact", criteria=[crit("growth", 9, GROWTH), crit("team", 1)])
    returning = Profile(name="return to work", criteria=[crit("growth", 1, GROWTH), crit("team", 9)])
    startup = known("startup", growth="ambitious", team=2)
    winery = known("winery", growth="cutting back", team=5)
    a = scoring.compare([startup, winery], creative, with_probabilities=False)
    b = scoring.compare([startup, winery], returning, with_probabilities=False)
    assert scoring.contrast(a, b) == (
        "'creative impact' picks Startup, 'return to work' picks Winery: "
        "the choice depends on which self you listen to."
    )
    assert scoring.contrast(a, a) == "Both profiles pick Startup."
    c = scoring.compare([startup], creative, with_probabilities=False)
    with pytest.raises(ValueError, match="same opportunities"):
        scoring.contrast(a, c)


def test_without_probabilities_there_is_no_label():
    c = scoring.compare([known("a", team=3)], prof(crit("team")), with_probabilities=False)
    assert c.win is None and c.label == ""
    assert "simulations" not in c.summary


def test_places_number_the_ranked_and_skip_the_excluded():
    """Hand-checked: ranked, excluded, ranked → places 1, none, 2 (an excluded one takes no place)."""
    p = prof(COMMUTE_LIMIT)
    near = opp("near", talk(1, ans("commute", 10, HIGH)))
    far = opp("far", talk(1, ans("commute", 80, HIGH)))
    middle = opp("middle", talk(1, ans("commute", 40, HIGH)))
    ranked = scoring.rank(scoring.score_all([far, middle, near], p))
    assert [s.id for s in ranked] == ["near", "middle", "far"]
    assert scoring.places(ranked) == [1, 2, None]


def test_saving_moved_weights_keeps_the_old_ones_in_the_history():
    """The history gets the weights being replaced, dated; unchanged weights add nothing."""
    saved = prof(crit("a", 30), crit("b", 10))
    same = saved.model_copy(deep=True)
    assert scoring.with_history(saved, same, date(2026, 11, 22)).history == []
    moved = saved.model_copy(deep=True)
    moved.criteria[1].weight = 30
    (snapshot,) = scoring.with_history(saved, moved, date(2026, 11, 22)).history
    assert snapshot.date == date(2026, 11, 22)
    assert snapshot.weights == pytest.approx({"a": 0.75, "b": 0.25})
