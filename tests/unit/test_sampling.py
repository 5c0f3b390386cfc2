"""Win probabilities by simulation (SMAA: Lahdelma, Hokkanen & Salminen 1998)."""

from __future__ import annotations

import math
import subprocess
import sys
from datetime import date

import numpy as np
import pytest

from evaluator import sampling, scoring, weights
from evaluator.model import (
    Answer,
    ChoiceOption,
    ChoiceScale,
    Confidence,
    Criterion,
    Dealbreaker,
    Interview,
    NumberScale,
    Opportunity,
    Profile,
    WeightingMethod,
)

GROWTH = ChoiceScale(
    options=[ChoiceOption(label="ambitious", value=1.0), ChoiceOption(label="cutting back", value=0.0)]
)


def prof(*keys: str, method: str = "points", weights: list[float] | None = None, **scales) -> Profile:
    points = weights or [10] * len(keys)
    criteria = [
        Criterion(key=k, label=k.capitalize(), weight=w, **({"scale": scales[k]} if k in scales else {}))
        for k, w in zip(keys, points, strict=True)
    ]
    return Profile(name="mine", method=WeightingMethod(method), criteria=criteria)


def opp(id_: str, confidence: Confidence = Confidence.HIGH, **values) -> Opportunity:
    answers = [Answer(criterion=k, value=v, confidence=confidence) for k, v in values.items()]
    return Opportunity(
        id=id_, company=id_.capitalize(), role="Role", interviews=[Interview(date=date(2026, 11, 2), answers=answers)]
    )


def test_first_place_probabilities_sum_to_one_and_pairs_to_one():
    p = prof("team", "growth", growth=GROWTH)
    c = scoring.compare(
        [opp("a", team=4), opp("b", team=3, growth="ambitious"), opp("c", Confidence.LOW, team=5)], p, samples=3000
    )
    assert sum(c.win.first.values()) == pytest.approx(1)
    for (a, b), p_ab in c.win.pairwise.items():
        assert p_ab + c.win.pairwise[(b, a)] == pytest.approx(1)
    assert (c.win.samples, c.win.seed) == (3000, scoring.DEFAULT_SEED)


def test_the_same_data_gives_the_same_numbers():
    """The seed is fixed: showing the screen twice never changes the percentages."""
    p = prof("team", "growth", growth=GROWTH)
    opportunities = [opp("a", team=4), opp("b", Confidence.LOW, team=5), opp("c", Confidence.MEDIUM, team=4)]
    first = scoring.compare(opportunities, p, samples=2000).win
    again = scoring.compare(list(reversed(opportunities)), p, samples=2000).win
    assert first.first == again.first
    assert first.pairwise == again.pairwise


def test_a_sure_better_opportunity_always_wins():
    """A is at least as good on every criterion, surely, and better on one: it wins every draw."""
    p = prof("team", "pay")
    c = scoring.compare([opp("a", team=5, pay=4), opp("b", team=3, pay=4)], p, samples=2000)
    assert c.win.first == {"a": 1.0, "b": 0.0}
    assert c.win.pairwise[("a", "b")] == 1.0
    assert c.label == "clear"


def test_identical_opportunities_split_the_wins_evenly():
    p = prof("team", "pay")
    c = scoring.compare([opp("a", team=4, pay=2), opp("b", team=4, pay=2)], p, samples=1000)
    assert c.win.first == {"a": 0.5, "b": 0.5}
    assert c.win.pairwise[("a", "b")] == 0.5


def test_unknown_values_are_drawn_uniformly_within_their_range():
    """One criterion: A is a sure 3/5 (value .5), B unknown, drawn uniformly from [0, 1]:
    B beats A half the time. With 10,000 draws the standard error is .005; allow 4 of them."""
    c = scoring.compare([opp("a", team=3), opp("b")], prof("team"))
    assert c.win.first["b"] == pytest.approx(0.5, abs=0.02)
    assert c.win.samples == scoring.DEFAULT_SAMPLES == 10_000


def test_a_medium_answer_wins_in_proportion_to_its_overlap():
    """A sure 4/5 (.75) against a medium 4/5 spanning [.65, .85]: B wins half the draws.
    Against a sure 3.8/5 (.70): B wins when its draw exceeds .70, i.e. 3/4 of the time."""
    c = scoring.compare([opp("a", team=3.8), opp("b", Confidence.MEDIUM, team=4)], prof("team"))
    assert c.win.first["b"] == pytest.approx(0.75, abs=0.02)


def test_excluded_opportunities_never_win_unless_all_are_excluded():
    commute = Criterion(
        key="commute", label="Commute", scale=NumberScale(worst=90, best=0), dealbreaker=Dealbreaker(above=60)
    )
    p = Profile(name="mine", criteria=[Criterion(key="team", label="Team"), commute])
    c = scoring.compare([opp("far", team=5, commute=80), opp("near", team=1, commute=55)], p, samples=500)
    assert c.scores[-1].status == "excluded"
    assert c.win.first == {"near": 1.0, "far": 0.0}
    assert c.win.pairwise[("near", "far")] == 1.0
    both = scoring.compare([opp("far", team=5, commute=80), opp("farther", team=1, commute=85)], p, samples=500)
    assert sum(both.win.first.values()) == pytest.approx(1)
    assert both.win.first["far"] == 1.0
    assert both.label == ""  # nobody leads when everything is excluded


def test_under_a_rank_profile_an_order_robust_leader_wins_every_draw():
    """When the leader beats B under every weighting with the stated order, rank-order
    sampling, which only draws such weightings, agrees: 100%. Differences d = (1, −.5, 0):
    partial sums 1, .5, .5 ≥ 0."""
    p = prof("growth", "team", "pay", method="rank", growth=GROWTH)
    c = scoring.compare(
        [opp("a", growth="ambitious", team=2, pay=2), opp("b", growth="cutting back", team=4, pay=2)], p
    )
    assert c.order_robust == ["With your order of priorities, A beats B whatever the exact weights."]
    assert c.win.first["a"] == 1.0


def test_rank_order_samples_are_ordered_and_centred_on_roc_weights():
    """Uniform weightings with w1 ≥ w2 ≥ … ≥ wn: every row is ordered and sums to 1, and their
    mean is the centroid of that region, which is exactly the ROC weights (Barron & Barrett 1996)."""
    rng = np.random.default_rng(1)
    w = sampling.sample_weights(rng, [0.25] * 4, 20_000, rank_order=True)
    assert np.all(np.diff(w, axis=1) <= 0)
    assert np.allclose(w.sum(axis=1), 1)
    assert w.mean(axis=0) == pytest.approx(weights.roc_weights(4), abs=0.005)


def test_stated_weights_vary_by_the_documented_spread_and_zeros_stay_zero():
    """Each weight is multiplied by exp(0.2 Z); renormalizing cancels in ratios, so
    log(w1 / w2) has standard deviation 0.2 · √2 ≈ 0.283 (±3% with 20,000 draws)."""
    rng = np.random.default_rng(2)
    w = sampling.sample_weights(rng, [0.5, 0.3, 0.2, 0.0], 20_000, rank_order=False)
    assert np.all(w[:, 3] == 0)
    assert np.allclose(w.sum(axis=1), 1)
    spread = np.log(w[:, 0] / w[:, 1]).std()
    assert spread == pytest.approx(sampling.WEIGHT_SPREAD * math.sqrt(2), rel=0.03)
    assert w.mean(axis=0)[:3] == pytest.approx([0.5, 0.3, 0.2], abs=0.01)


@pytest.mark.parametrize(("probability", "label"), [(1.0, "clear"), (0.8, "clear"), (0.79, "leaning")])
def test_lead_labels(probability, label):
    assert scoring.lead_label(probability) == label


@pytest.mark.parametrize(("probability", "label"), [(0.5, "leaning"), (0.49, "toss-up"), (0.2, "toss-up")])
def test_lead_labels_below_half(probability, label):
    assert scoring.lead_label(probability) == label


def test_a_close_race_is_a_toss_up():
    """Three opportunities with the same sure score and wide unknowns: nobody reaches 50%."""
    p = prof("team", "growth", growth=GROWTH)
    c = scoring.compare([opp("a", team=3), opp("b", team=3), opp("c", team=3)], p, samples=3000)
    assert max(c.win.first.values()) < 0.5
    assert c.label == "toss-up"


def test_sampling_needs_at_least_one_sample():
    with pytest.raises(ValueError, match="at least 1"):
        scoring.compare([opp("a", team=3)], prof("team"), samples=0)


def test_importing_scoring_does_not_import_numpy():
    """The app starts without paying for numpy; `compare` imports it when first needed."""
    code = "import sys, evaluator.scoring; assert 'numpy' not in sys.modules, 'numpy was imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_home_list_shows_the_same_first_places_as_compare(examples: object) -> None:
    """`standing` (the home list) skips the pairwise table but draws the same simulations."""
    from evaluator import store

    opportunities = store.load_opportunities().items
    for profile in store.load_profiles().items:
        comparison = scoring.compare(opportunities, profile)
        leader, win, label = scoring.standing(scoring.rank(scoring.score_all(opportunities, profile)), profile)
        assert comparison.win is not None
        assert win.first == comparison.win.first, profile.name
        assert (leader, label) == (comparison.leader, comparison.label)
        assert win.pairwise == {}
        for s in comparison.scores:  # an opportunity's screen asks for its own advice only
            assert scoring.ask_next(comparison.scores, profile, only=s.id) == {s.id: comparison.ask_next[s.id]}


def test_thousands_of_opportunities_are_drawn_in_bounded_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Memory stays bounded however long the list, and the numbers do not depend on the blocks."""
    rng = np.random.default_rng(3)
    low = rng.random((400, 15)) * 0.5
    high = low + rng.random((400, 15)) * 0.5
    args = {"weights": [1.0] * 15, "rank_order": False, "excluded": [False] * 400, "samples": 2000, "seed": 1}
    whole = sampling.win_probabilities(low, high, **args)
    monkeypatch.setattr(sampling, "CELLS_AT_ONCE", 7)  # about one opportunity per block
    assert sampling.win_probabilities(low, high, **args) == whole
    first, beats = sampling.win_probabilities(low, high, pairwise=False, **args)
    assert (first, beats) == (whole[0], [])
