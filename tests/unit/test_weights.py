"""Weights: points, rank order (ROC) and pairwise judgments (AHP), checked by hand and
against published examples."""

from __future__ import annotations

import itertools

import pytest

from evaluator import scoring, weights
from evaluator.model import Criterion, Judgment, Opportunity, Profile, WeightingMethod


def profile(keys: list[str], method: str = "points", weights: list[float] | None = None, **kw) -> Profile:
    points = weights or [10] * len(keys)
    criteria = [
        Criterion(key=k, label=k.replace("_", " ").capitalize(), weight=w) for k, w in zip(keys, points, strict=True)
    ]
    return Profile(name="test", method=WeightingMethod(method), criteria=criteria, **kw)


# --- Points ------------------------------------------------------------------------------


def test_points_become_fractions_that_sum_to_one():
    """Points only matter in proportion: 30/20/50 points are 30%, 20% and 50%."""
    w = scoring.weights(profile(["pay", "commute", "growth"], weights=[30, 20, 50]))
    assert w == pytest.approx({"pay": 0.3, "commute": 0.2, "growth": 0.5})
    assert sum(w.values()) == pytest.approx(1)


def test_doubling_every_point_changes_nothing():
    """Only proportions matter: 3/1 points and 60/20 points give the same weights."""
    small = scoring.weights(profile(["a", "b"], weights=[3, 1]))
    large = scoring.weights(profile(["a", "b"], weights=[60, 20]))
    assert small == pytest.approx(large)
    assert small == pytest.approx({"a": 0.75, "b": 0.25})


def test_a_zero_point_criterion_gets_zero_weight():
    w = scoring.weights(profile(["a", "b", "c"], weights=[5, 0, 5]))
    assert w == pytest.approx({"a": 0.5, "b": 0.0, "c": 0.5})


# --- Rank order: rank-order centroid ----------------------------------------------------


@pytest.mark.parametrize(
    ("n", "published"),
    [
        (3, [0.6111, 0.2778, 0.1111]),
        (4, [0.5208, 0.2708, 0.1458, 0.0625]),
        (5, [0.4567, 0.2567, 0.1567, 0.0900, 0.0400]),
    ],
)
def test_roc_weights_match_barron_and_barrett(n, published):
    """ROC weights as tabulated by Barron, F.H. & Barrett, B.E. (1996), "Decision quality
    using ranked attribute weights", Management Science 42(11): 1515–1523 (4 decimals)."""
    assert weights.roc_weights(n) == pytest.approx(published, abs=5e-5)


def test_roc_weights_by_hand_for_two_criteria():
    """w1 = (1 + 1/2) / 2 = 0.75, w2 = (1/2) / 2 = 0.25."""
    assert weights.roc_weights(2) == pytest.approx([0.75, 0.25])
    assert weights.roc_weights(1) == [1.0]


@pytest.mark.parametrize("n", range(1, 16))
def test_roc_weights_sum_to_one_and_fall_with_rank(n):
    w = weights.roc_weights(n)
    assert sum(w) == pytest.approx(1)
    assert all(a > b for a, b in itertools.pairwise(w))


def test_roc_weights_need_a_criterion():
    with pytest.raises(ValueError, match="at least one criterion"):
        weights.roc_weights(0)


def test_a_rank_profile_ranks_criteria_in_list_order_and_ignores_points():
    """The first criterion in the list is the most important, whatever its points say."""
    w = scoring.weights(profile(["growth", "pay", "commute"], method="rank", weights=[1, 50, 99]))
    assert list(w.values()) == pytest.approx([0.6111, 0.2778, 0.1111], abs=5e-5)


# --- Pairwise: AHP -----------------------------------------------------------------------

# Saaty, T.L. (2008) "Decision making with the analytic hierarchy process", Int. J. Services
# Sciences 1(1): 83–98, "Which drink is consumed more in the US?" (coffee, wine, tea, beer,
# sodas, milk, water). Published derived priorities .177 .019 .042 .116 .190 .129 .327 and
# C.R. = .022 (7 × 7, RI = 1.32).
DRINKS = [
    [1, 9, 5, 2, 1, 1, 1 / 2],
    [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
    [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
    [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [1, 9, 4, 2, 1, 2, 1 / 2],
    [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [2, 9, 9, 3, 2, 3, 1],
]

# Saaty, T.L. (1980) The Analytic Hierarchy Process, McGraw-Hill: choosing a house, eight
# criteria (size, transportation, neighborhood, age, yard, modern facilities, general
# condition, financing). Published: priorities .173 .054 .188 .018 .031 .036 .167 .333,
# λmax = 9.669, C.I. = .238, C.R. = .169. The same matrix, with some entries removed, is the
# "housing" example of Bozóki, Fülöp & Rónyai (2010), Math. Comput. Modelling 52: 318–333.
HOUSE = [
    [1, 5, 3, 7, 6, 6, 1 / 3, 1 / 4],
    [1 / 5, 1, 1 / 3, 5, 3, 3, 1 / 5, 1 / 7],
    [1 / 3, 3, 1, 6, 3, 4, 6, 1 / 5],
    [1 / 7, 1 / 5, 1 / 6, 1, 1 / 3, 1 / 4, 1 / 7, 1 / 8],
    [1 / 6, 1 / 3, 1 / 3, 3, 1, 1 / 2, 1 / 5, 1 / 6],
    [1 / 6, 1 / 3, 1 / 4, 4, 2, 1, 1 / 5, 1 / 6],
    [3, 5, 1 / 6, 7, 5, 5, 1, 1 / 2],
    [4, 7, 5, 8, 6, 6, 2, 1],
]
HOUSE_KEYS = ["size", "transport", "neighborhood", "age", "yard", "facilities", "condition", "financing"]


def test_ahp_reproduces_saatys_drinks_example():
    """Saaty (2008), drinks consumption: published priorities and C.R. to 3 decimals."""
    result = weights.ahp(DRINKS)
    assert result.weights == pytest.approx([0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327], abs=5e-4)
    assert result.consistency_ratio == pytest.approx(0.022, abs=5e-4)
    assert result.consistent
    assert result.most_inconsistent is None


def test_ahp_reproduces_saatys_house_example_and_flags_its_inconsistency():
    """Saaty (1980), the house: priorities, λmax, C.I. and C.R. as published (3 decimals)."""
    result = weights.ahp(HOUSE)
    assert result.weights == pytest.approx([0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333], abs=5e-4)
    assert result.lambda_max == pytest.approx(9.669, abs=5e-4)
    assert result.consistency_index == pytest.approx(0.238, abs=5e-4)
    assert result.random_index == 1.41
    assert result.consistency_ratio == pytest.approx(0.169, abs=5e-4)
    assert not result.consistent
    # Checked by hand: neighborhood was judged 6× as important as general condition, while
    # the weights make them about equal (.188 / .167 ≈ 1.13): |log(6 × .167 / .188)| ≈ 1.67
    # is the largest deviation of all 28 pairs (next: size vs condition, |log(1/3 × 1.04)| ≈ 1.06).
    assert result.most_inconsistent == (2, 6)


def test_ahp_of_a_consistent_matrix_gives_back_its_weights():
    """When a_ij = w_i / w_j exactly, the eigenvector is w, λmax = n and C.R. = 0."""
    w = [0.5, 0.3, 0.2]
    result = weights.ahp([[wi / wj for wj in w] for wi in w])
    assert result.weights == pytest.approx(w)
    assert result.lambda_max == pytest.approx(3)
    assert result.consistency_ratio == pytest.approx(0, abs=1e-12)


def test_ahp_of_two_criteria_by_hand():
    """[[1, 3], [1/3, 1]]: weights 3/4 and 1/4; every 2 × 2 reciprocal matrix is consistent."""
    result = weights.ahp([[1, 3], [1 / 3, 1]])
    assert result.weights == pytest.approx([0.75, 0.25])
    assert result.consistency_ratio == 0
    assert weights.ahp([[1]]).weights == (1.0,)


def test_ahp_accepts_reciprocals_rounded_to_two_decimals():
    """Published matrices print 1/3 as 0.33: that is still read as a reciprocal."""
    rounded = weights.ahp([[1, 3, 5], [0.33, 1, 2], [0.2, 0.5, 1]])
    exact = weights.ahp([[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]])
    assert rounded.weights == pytest.approx(exact.weights, abs=0.005)
    assert rounded.consistency_ratio == pytest.approx(exact.consistency_ratio, abs=0.005)


@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        ([], "at least one row"),
        ([[1, 2], [0.5]], "must be square"),
        ([[1, 0], [1, 1]], "positive"),
        ([[1, -2], [-0.5, 1]], "positive"),
        ([[1, "3"], [1 / 3, 1]], "positive numbers"),
        ([[2, 1], [1, 1]], "compared with itself"),
        ([[1, 3], [3, 1]], "not reciprocal"),
        ([[1.0] * 11 for _ in range(11)], "at most 10"),
    ],
)
def test_ahp_rejects_matrices_that_are_not_square_positive_reciprocal(matrix, message):
    with pytest.raises(ValueError, match=message):
        weights.ahp(matrix)


def test_pairwise_matrix_reads_judgments_and_leaves_missing_pairs_at_one():
    p = profile(
        ["pay", "growth", "commute"],
        method="pairwise",
        judgments=[
            Judgment(more="growth", less="pay", strength=3),
            Judgment(more="pay", less="commute", strength=5),
        ],
    )
    matrix = weights.pairwise_matrix(p)
    expected = [[1, 1 / 3, 5], [3, 1, 1], [1 / 5, 1, 1]]
    assert [row == pytest.approx(e) for row, e in zip(matrix, expected, strict=True)] == [True] * 3


def test_a_later_judgment_on_the_same_pair_replaces_the_earlier_one():
    p = profile(
        ["a", "b"],
        method="pairwise",
        judgments=[Judgment(more="a", less="b", strength=3), Judgment(more="b", less="a", strength=2)],
    )
    assert weights.pairwise_matrix(p) == [[1.0, 0.5], [2.0, 1.0]]


def test_a_pairwise_profile_without_judgments_weighs_everything_equally():
    w = scoring.weights(profile(["a", "b", "c", "d"], method="pairwise"))
    assert list(w.values()) == pytest.approx([0.25] * 4)


def house_profile() -> Profile:
    judgments = [
        Judgment(more=HOUSE_KEYS[i], less=HOUSE_KEYS[j], strength=round(HOUSE[i][j]))
        for i in range(8)
        for j in range(8)
        if i != j and HOUSE[i][j] > 1
    ]
    return profile(HOUSE_KEYS, method="pairwise", judgments=judgments)


def test_a_pairwise_profile_gets_the_ahp_weights_of_its_judgments():
    """The house example entered as judgments gives Saaty's published priorities."""
    w = scoring.weights(house_profile())
    assert list(w.values()) == pytest.approx([0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333], abs=5e-4)


def test_inconsistent_judgments_come_with_the_judgment_to_revisit():
    advice = weights.consistency_advice(house_profile())
    assert advice is not None
    assert "0.17" in advice
    assert "Revisit Neighborhood versus Condition" in advice
    assert "6×" in advice


def test_consistent_or_non_pairwise_profiles_need_no_advice():
    assert weights.consistency_advice(profile(["a", "b"])) is None
    consistent = profile(["a", "b"], method="pairwise", judgments=[Judgment(more="a", less="b", strength=4)])
    assert weights.consistency_advice(consistent) is None


def test_comparison_reports_the_consistency_of_a_pairwise_profile():
    c = scoring.compare([Opportunity(id="x", company="X", role="R")], house_profile(), with_probabilities=False)
    assert c.consistency is not None
    assert c.consistency.consistency_ratio == pytest.approx(0.169, abs=5e-4)
    assert "Revisit Neighborhood versus Condition" in c.summary


# --- Previewing unsaved weights ------------------------------------------------------------


def test_preview_weights_must_name_every_criterion_and_nothing_else():
    p = profile(["a", "b"])
    opportunity = Opportunity(id="x", company="X", role="R")
    with pytest.raises(ValueError, match="missing"):
        scoring.score(opportunity, p, weights={"a": 1})
    with pytest.raises(ValueError, match="unknown"):
        scoring.score(opportunity, p, weights={"a": 1, "b": 1, "c": 1})
    with pytest.raises(ValueError, match="zero"):
        scoring.score(opportunity, p, weights={"a": 0, "b": 0})
    with pytest.raises(ValueError, match="negative"):
        scoring.score(opportunity, p, weights={"a": -1, "b": 2})


def test_hundred_points_add_up_to_exactly_100_in_proportion():
    """Largest remainder (Hamilton): thirds give 34/33/33, never 99 or 101 points; equal
    remainders go to the criterion listed first."""
    assert weights.hundred_points([1 / 3, 1 / 3, 1 / 3]) == [34, 33, 33]
    assert weights.hundred_points([0.125, 0.375, 0.5]) == [13, 37, 50]
    assert sum(weights.hundred_points([0.071, 0.262, 0.301, 0.366])) == 100
