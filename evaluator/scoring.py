"""Scores with honest ranges, and what could change the ranking.

Pure functions over the models in `evaluator.model`: value scales, weights (rank order and
pairwise judgments come from `evaluator.weights`), scores with a low–high range,
dealbreakers, dominance, flip thresholds, rank-order robustness, what to ask next, and a
summary in plain words. Win probabilities come from `evaluator.sampling`, the only module
that needs numpy; `compare` imports it when it runs, so starting the app does not pay for
numpy. docs/scoring.md explains every formula here.

A score never depends on which other opportunities are in the list: values come from
fixed scales, never from min–max or sum normalization across opportunities.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from evaluator.model import (
    HISTORY_LENGTH,
    RATING_MAX,
    RATING_MIN,
    Answer,
    ChoiceScale,
    Confidence,
    Criterion,
    Interview,
    NumberScale,
    Opportunity,
    Person,
    Profile,
    WeightingMethod,
    WeightSnapshot,
)
from evaluator.weights import AHPResult, consistency, consistency_advice, roc_weights

# --- Constants ---------------------------------------------------------------------------

CONFIDENCE_HALF_WIDTH: dict[Confidence, float] = {
    Confidence.HIGH: 0.0,
    Confidence.MEDIUM: 0.10,
    Confidence.LOW: 0.25,
}
"""How far an answer may be off, as a fraction of its scale's span, on either side.

Ratings and numbers apply it in raw units (a medium-confidence 4/5 spans 3.6–4.4, a
medium-confidence 40 min commute on a 0–90 scale spans 31–49 min), then map and clamp.
Choices apply it to the option's value (0 to 1), clipped to the lowest and highest option.
"""

DEFAULT_SAMPLES = 10_000
"""Simulations for win probabilities."""

DEFAULT_SEED = 1998
"""The fixed seed, so the same data always gives the same probabilities (1998: SMAA's year)."""

CLEAR_LEAD = 0.80
"""A leader that comes first in at least this share of simulations has a clear lead."""

LEANING_LEAD = 0.50
"""From this share up to CLEAR_LEAD the lead is "leaning"; below it, a toss-up."""

_EPS = 1e-12
_FLIP_MARGIN = 0.01
"""A flip that needs a weight within 1% of 0 or 100% ("falls below 0.3%") is not reported: no one
weighs a criterion that finely, so in practice the order holds unless the criterion is dropped
entirely or made the only one."""
_SUMMARY_LIST = 3  # the summary names at most this many excluded, doubtful or dominated opportunities
_NO_OPTIONS: dict[str, tuple[str, float]] = {}
_NOTHING: frozenset[str] = frozenset()
_KNOWN_RANK = {Confidence.LOW: 5, Confidence.MEDIUM: 6, Confidence.HIGH: 7}
"""Evidence ranks: pinned 8 > known (by confidence) 5–7 > "couldn't say" 0."""
_RATING_SPAN = RATING_MAX - RATING_MIN

Status = Literal["ranked", "excluded", "possible-dealbreaker"]


# --- Results -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """The answer a criterion's value comes from, and where it was given."""

    answer: Answer
    interview: Interview
    speaker: Person | None

    @property
    def who(self) -> str:
        """The speaker as "Dana Ortiz (HR generalist)", or "" when nobody is recorded."""
        if self.speaker is None:
            return ""
        role = f" ({self.speaker.role})" if self.speaker.role else ""
        return f"{self.speaker.name}{role}"

    def describe(self) -> str:
        """Where the answer comes from, e.g. "Dana Ortiz (HR generalist), screening 2026-11-18"."""
        when = f"{self.interview.kind.label.lower()} {self.interview.date.isoformat()}"
        return f"{self.who}, {when}" if self.speaker is not None else when


@dataclass(frozen=True)
class Cell:
    """One criterion of one opportunity: its value, its range and where they come from."""

    key: str
    label: str
    weight: float
    """The criterion's weight as a fraction (all weights sum to 1)."""
    known: bool
    """False when nobody has answered yet, or the answer was "they couldn't say"."""
    value: float | None
    """The value from 0 to 1 when known, else None."""
    point: float
    """The value used in the score: `value` when known, the middle of the range when unknown."""
    low: float
    high: float
    raw: object
    """The answer as given (a rating, a choice label or a number), or None."""
    confidence: Confidence | None
    """How sure the answer is; None when unknown."""
    evidence: Evidence | None
    """The answer used, or None when the criterion was never asked ("not asked yet")."""

    @property
    def contribution(self) -> float:
        """Points this criterion adds to the score (out of 100)."""
        return 100 * self.weight * self.point

    @property
    def contribution_low(self) -> float:
        return 100 * self.weight * self.low

    @property
    def contribution_high(self) -> float:
        return 100 * self.weight * self.high

    @property
    def width(self) -> float:
        """How uncertain the value is: high − low, from 0 to 1."""
        return self.high - self.low


@dataclass(frozen=True)
class DealbreakerCheck:
    """A dealbreaker that is, or might be, broken."""

    key: str
    label: str
    state: Literal["violated", "possible"]
    reason: str
    """In words, e.g. "Commute: 75 min is above your limit of 60 min"."""


class _PendingCells:
    """What scoring found for each criterion, turned into Cells only when someone looks.

    Building a Cell and its Evidence costs more than computing the score itself, and a
    list of 1,000 opportunities only needs scores, ranges and statuses.
    """

    __slots__ = ("answers", "interviews", "scales", "unknowns", "used")

    def __init__(
        self,
        scales: list[_Scale],
        answers: list[Answer | None],
        interviews: list[Interview | None],
        used: list[_Evaluated | None],
        unknowns: int,
    ) -> None:
        self.scales = scales
        self.answers = answers
        self.interviews = interviews
        self.used = used  # the answers as they were when scored, should the models change later
        self.unknowns = unknowns

    def build(self) -> tuple[Cell, ...]:
        cells = []
        for scale, answer, interview, used in zip(self.scales, self.answers, self.interviews, self.used, strict=True):
            evidence = None
            if answer is not None and interview is not None:
                evidence = Evidence(answer, interview, interview.speaker(answer))
            if used is None:
                raw, confidence, value = None, None, None
                point, low, high = scale.unknown_point, scale.unknown_low, scale.unknown_high
            else:
                point, low, high, _, raw, confidence = used
                value = point
            cells.append(
                Cell(
                    scale.key,
                    scale.label,
                    scale.weight,
                    value is not None,
                    value,
                    point,
                    low,
                    high,
                    raw,
                    confidence,
                    evidence,
                )
            )
        return tuple(cells)


class _CellsField:
    """The `Score.cells` field: a tuple of Cells, built on first access if scoring left it pending."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.store = f"_{name}"

    def __get__(self, obj: object, owner: type | None = None) -> tuple[Cell, ...]:
        if obj is None:
            raise AttributeError  # no default: the field stays required
        stored = obj.__dict__[self.store]
        if isinstance(stored, _PendingCells):
            stored = stored.build()
            obj.__dict__[self.store] = stored
        return stored

    def __set__(self, obj: object, value: Iterable[Cell] | _PendingCells) -> None:
        obj.__dict__[self.store] = value if isinstance(value, _PendingCells) else tuple(value)


@dataclass(frozen=True)
class Score:
    """An opportunity's score under one profile, with its range and its dealbreakers."""

    opportunity: Opportunity
    score: float
    """100 · Σ weight · value, unknowns counted at the middle of their range."""
    low: float
    """The score if every uncertain answer turned out at its worst."""
    high: float
    """The score if every uncertain answer turned out at its best."""
    cells: tuple[Cell, ...] = _CellsField()  # type: ignore[assignment]
    """One per criterion, in the profile's order (built on first access)."""
    dealbreakers: tuple[DealbreakerCheck, ...]
    status: Status
    """"excluded" (a dealbreaker is certainly broken), "possible-dealbreaker", or "ranked"."""

    @property
    def id(self) -> str:
        return self.opportunity.id

    @property
    def unknowns(self) -> int:
        """How many criteria have no known answer yet."""
        stored = self.__dict__["_cells"]
        if isinstance(stored, _PendingCells):
            return stored.unknowns
        return sum(not cell.known for cell in stored)

    def cell(self, key: str) -> Cell | None:
        return next((c for c in self.cells if c.key == key), None)


@dataclass
class FlipThreshold:
    """The weight at which a runner-up would overtake the leader, all else in proportion."""

    leader_id: str
    other_id: str
    key: str
    label: str
    current_weight: float
    threshold: float
    direction: Literal["above", "below"]
    sentence: str


@dataclass
class Ask:
    """A question worth asking next about one opportunity."""

    key: str
    label: str
    question: str
    ask_whom: str
    """E.g. "the hiring manager, not the HR screener — Dana Ortiz (HR generalist) couldn't say"."""
    why: str
    """E.g. "unknown; could change the winner" or "low confidence; worth 12 points of range"."""
    could_flip: bool
    """Whether this one answer, at either end of its range, could change who comes first."""
    range_points: float = 0.0
    """weight × width of the range, in score points."""


@dataclass
class WinProbabilities:
    """How often each opportunity comes first when weights and uncertain answers vary (SMAA)."""

    first: dict[str, float]
    """Opportunity id → share of simulations in which it comes first (sums to 1)."""
    pairwise: dict[tuple[str, str], float]
    """(a, b) → share of simulations in which a scores above b (ties count half)."""
    samples: int
    seed: int


@dataclass
class Comparison:
    """Everything `compare` found, for the screens, the command line and the reports."""

    profile: Profile
    weights: dict[str, float]
    scores: list[Score]
    """Ranked: the non-excluded by score, then the excluded."""
    win: WinProbabilities | None
    label: str
    """"clear", "leaning" or "toss-up" for the leader; "" without probabilities or leader."""
    flips: list[FlipThreshold]
    """Nearest first (smallest change of weight)."""
    order_robust: list[str]
    dominated: dict[str, str]
    """Dominated opportunity id → the id of the best-ranked opportunity that dominates it."""
    ask_next: dict[str, list[Ask]]
    summary: str
    consistency: AHPResult | None = None
    """For pairwise profiles: the weights' consistency."""

    @property
    def leader(self) -> Score | None:
        """The first opportunity that is not excluded, or None."""
        return _leader(self.scores)


# --- Values ------------------------------------------------------------------------------


_Evaluated = tuple[float, float, float, "DealbreakerCheck | None", object, Confidence]
"""(value, low, high, dealbreaker check, raw answer, confidence) of one known answer."""


class _Scale:
    """A criterion prepared for fast scoring: its scale, its weight and its dealbreaker."""

    __slots__ = (
        "best",
        "criterion",
        "forbidden",
        "key",
        "kind",
        "label",
        "memo",
        "options",
        "raw_max",
        "raw_min",
        "rule",
        "span",
        "unit",
        "unknown",
        "unknown_high",
        "unknown_low",
        "unknown_point",
        "vmax",
        "vmin",
        "weight",
        "worst",
    )

    def __init__(self, criterion: Criterion, weight: float = 0.0) -> None:
        self.criterion = criterion
        self.key = criterion.key
        self.label = criterion.label
        self.weight = weight
        self.rule = rule = criterion.dealbreaker
        # Answers repeat (ratings, options, round numbers), and a dealbreaker's reason costs
        # more to write than a value: remember them, except for numbers without a dealbreaker,
        # which are cheaper to map again than to look up.
        self.memo: dict[tuple[object, Confidence], _Evaluated] | None = (
            None if criterion.scale.kind == "number" and rule is None else {}
        )
        scale = criterion.scale
        self.kind = scale.kind
        self.unit = ""
        self.options: dict[str, tuple[str, float]] = _NO_OPTIONS
        self.forbidden: frozenset[str] = _NOTHING
        if isinstance(scale, ChoiceScale):
            self.options = {o.label.casefold(): (o.label, o.value) for o in scale.options}
            values = [o.value for o in scale.options]
            vmin, vmax = min(values), max(values)
            if rule is not None:
                self.forbidden = frozenset(label.casefold() for label in rule.one_of)
            self.worst = self.best = self.span = self.raw_min = self.raw_max = 0.0
        elif isinstance(scale, NumberScale):
            vmin, vmax = 0.0, 1.0
            self.worst, self.best, self.unit = scale.worst, scale.best, scale.unit
            self.span = abs(scale.best - scale.worst)
            self.raw_min, self.raw_max = -math.inf, math.inf
        else:
            vmin, vmax = 0.0, 1.0
            self.worst, self.best, self.span = float(RATING_MIN), float(RATING_MAX), float(_RATING_SPAN)
            self.raw_min, self.raw_max = float(RATING_MIN), float(RATING_MAX)
        self.vmin, self.vmax = vmin, vmax
        self.unknown_low, self.unknown_high, self.unknown_point = vmin, vmax, (vmin + vmax) / 2
        # (value, low, high, check) of an unknown answer; with a dealbreaker, worked out when first needed.
        self.unknown: tuple[float, float, float, DealbreakerCheck | None] | None = (
            (self.unknown_point, vmin, vmax, None) if rule is None else None
        )

    def evaluate_unknown(self) -> tuple[float, float, float, DealbreakerCheck | None]:
        if self.unknown is None:
            check = _check_dealbreaker(self, None, None, 0.0, self.vmin, self.vmax)
            self.unknown = (self.unknown_point, self.vmin, self.vmax, check)
        return self.unknown

    def evaluate(self, raw: object, confidence: Confidence) -> _Evaluated:
        """(value, low, high, dealbreaker check, raw, confidence) of a known answer, remembered
        when `memo` is on. ValueError if the answer does not fit the scale."""
        memo = self.memo
        if memo is not None and (found := memo.get((raw, confidence))) is not None:
            return found
        half_width = CONFIDENCE_HALF_WIDTH[confidence]
        value, low, high = self.measure(raw, half_width)
        check = None if self.rule is None else _check_dealbreaker(self, raw, confidence, half_width, low, high)
        found = (value, low, high, check, raw, confidence)
        if memo is not None and len(memo) < 4096:
            memo[(raw, confidence)] = found
        return found

    def measure(self, raw: object, half_width: float) -> tuple[float, float, float]:
        """(value, low, high) of a known answer; ValueError if it does not fit the scale."""
        if self.kind == "choice":
            if type(raw) is not str or (found := self.options.get(raw.casefold())) is None:
                listed = ", ".join(f"{label!r}" for label, _ in self.options.values())
                raise ValueError(f"{self.label}: {raw!r} is not one of the options ({listed})")
            v = found[1]
            return v, max(self.vmin, v - half_width), min(self.vmax, v + half_width)
        if type(raw) is not int and type(raw) is not float:
            number = _number(raw)
            if number is None:
                raise self._misfit(raw)
            raw = number
        if not self.raw_min <= raw <= self.raw_max:  # type: ignore[operator]
            raise self._misfit(raw)
        worst, scale = self.worst, self.best - self.worst
        v = (raw - worst) / scale  # type: ignore[operator]
        v = 0.0 if v < 0 else 1.0 if v > 1 else v
        if not half_width:
            return v, v, v
        # The half-width applies in raw units, then maps and clamps (numbers may run either way).
        d = half_width * self.span
        a = (raw - d - worst) / scale  # type: ignore[operator]
        b = (raw + d - worst) / scale  # type: ignore[operator]
        a = 0.0 if a < 0 else 1.0 if a > 1 else a
        b = 0.0 if b < 0 else 1.0 if b > 1 else b
        return (v, a, b) if a <= b else (v, b, a)

    def _misfit(self, raw: object) -> ValueError:
        if self.kind == "rating":
            return ValueError(f"{self.label}: {raw!r} is not a rating from {RATING_MIN} to {RATING_MAX}")
        return ValueError(f"{self.label}: {raw!r} is not a number")

    def raw_interval(self, raw: object, half_width: float) -> tuple[float, float]:
        """The answer's plausible raw interval, for dealbreakers (ratings and numbers)."""
        if raw is None:
            if self.kind == "rating":
                return float(RATING_MIN), float(RATING_MAX)
            return -math.inf, math.inf
        x = float(raw)  # type: ignore[arg-type]
        d = half_width * self.span
        if self.kind == "rating":
            return max(RATING_MIN, x - d), min(RATING_MAX, x + d)
        return x - d, x + d

    def show(self, x: object) -> str:
        """A raw answer or limit in words: "4/5", "75 min", "42,000 EUR"."""
        if self.kind == "choice":
            return f"“{x}”"
        text = _format_number(float(x))  # type: ignore[arg-type]
        if self.kind == "rating":
            return f"{text}/{RATING_MAX}"
        return f"{text} {self.unit}".strip()


def _number(raw: object) -> float | None:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        return None
    x = float(raw)
    return x if math.isfinite(x) else None


def _format_number(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:g}"


def value_of(criterion: Criterion, raw: object) -> float:
    """The value from 0 to 1 of an answer on the criterion's fixed scale.

    Ratings 1–5 map to (r − 1) / 4; choices take their option's value; numbers map
    linearly from `worst` (0) to `best` (1) and are clamped. ValueError if the answer
    does not fit the scale (a label that is not an option, a rating of 7, a missing answer).
    """
    if raw is None:
        raise ValueError(f"{criterion.label}: no answer, so no value (an unknown spans its whole scale)")
    return _Scale(criterion).measure(raw, 0.0)[0]


# --- Weights -----------------------------------------------------------------------------


def weights(profile: Profile) -> dict[str, float]:
    """Criterion key → weight as a fraction; the fractions sum to 1.

    points: normalized points; rank: rank-order centroid in list order; pairwise: AHP.
    """
    return dict(zip((c.key for c in profile.criteria), _weight_list(profile, None), strict=True))


def _weight_list(profile: Profile, override: Mapping[str, float] | None) -> list[float]:
    criteria = profile.criteria
    if override is not None:
        keys = [c.key for c in criteria]
        unknown = sorted(set(override) - set(keys))
        missing = [k for k in keys if k not in override]
        if unknown or missing:
            raise ValueError(
                f"weights must name exactly the profile's criteria (unknown: {unknown or 'none'}, "
                f"missing: {missing or 'none'})"
            )
        values = [float(override[k]) for k in keys]
        if any(not math.isfinite(v) or v < 0 for v in values):
            raise ValueError("weights must be finite and not negative")
        total = sum(values)
        if total <= 0:
            raise ValueError("all weights are zero: give at least one criterion some weight")
        return [v / total for v in values]
    if profile.method is WeightingMethod.RANK:
        return roc_weights(len(criteria))
    if profile.method is WeightingMethod.PAIRWISE:
        result = consistency(profile)
        assert result is not None
        return list(result.weights)
    total = sum(c.weight for c in criteria)
    if total <= 0:
        raise ValueError(f"profile {profile.name!r}: all weights are zero")
    return [c.weight / total for c in criteria]


# --- Scores ------------------------------------------------------------------------------


class _Plan:
    """A profile prepared once for scoring many opportunities."""

    __slots__ = ("index", "profile", "scales", "weights")

    def __init__(self, profile: Profile, override: Mapping[str, float] | None = None) -> None:
        self.profile = profile
        self.weights = _weight_list(profile, override)
        self.scales = [_Scale(c, w) for c, w in zip(profile.criteria, self.weights, strict=True)]
        self.index = {s.key: i for i, s in enumerate(self.scales)}


def score(opportunity: Opportunity, profile: Profile, weights: Mapping[str, float] | None = None) -> Score:
    """The opportunity's score, range, cells and dealbreakers under the profile.

    `weights` (criterion key → weight, any scale; all criteria named) previews unsaved
    weights. To score many opportunities, `score_all` prepares the profile only once.
    """
    return _score(opportunity, _Plan(profile, weights))


def score_all(
    opportunities: Iterable[Opportunity], profile: Profile, weights: Mapping[str, float] | None = None
) -> list[Score]:
    """`score` for each opportunity, in the given order, preparing the profile once."""
    plan = _Plan(profile, weights)
    return [_score(o, plan) for o in opportunities]


def _score(opportunity: Opportunity, plan: _Plan) -> Score:
    # The hot path of every list: plain loops over the models, no validation, and Cells
    # left to be built on first access (see docs/performance.md).
    index = plan.index
    scales = plan.scales
    n = len(scales)
    answers: list[Answer | None] = [None] * n
    interviews: list[Interview | None] = [None] * n
    ranks = [-1] * n
    days: list[date | None] = [None] * n
    # Evidence: a pinned answer wins (the latest); else the surest known answer, the latest
    # on a tie; else the latest "couldn't say". On the same day, later in the file wins.
    for interview in opportunity.interviews:
        day = interview.date
        for answer in interview.answers:
            pos = index.get(answer.criterion)
            if pos is None:
                continue
            if answer.pinned:
                rank_ = 8
            elif answer.value is not None:
                rank_ = _KNOWN_RANK[answer.confidence]
            else:
                rank_ = 0
            current = ranks[pos]
            if rank_ > current or (rank_ == current and day >= days[pos]):  # type: ignore[operator]
                ranks[pos] = rank_
                days[pos] = day
                answers[pos] = answer
                interviews[pos] = interview

    checks: list[DealbreakerCheck] = []
    used: list[_Evaluated | None] = []
    keep = used.append
    total = total_low = total_high = 0.0
    unknowns = 0
    for scale, answer in zip(scales, answers, strict=True):
        if answer is None or (raw := answer.value) is None:
            point, low, high, check = scale.unknown or scale.evaluate_unknown()
            unknowns += 1
            keep(None)
        else:
            memo = scale.memo
            evaluated = None if memo is None else memo.get((raw, answer.confidence))
            if evaluated is None:
                try:
                    evaluated = scale.evaluate(raw, answer.confidence)
                except ValueError as error:
                    name = f"{opportunity.name} ({opportunity.id})" if opportunity.id else opportunity.name
                    raise ValueError(f"{name}: {error}") from None
            keep(evaluated)
            point, low, high, check, _, _ = evaluated
        w = scale.weight
        total += w * point
        total_low += w * low
        total_high += w * high
        if check is not None:
            checks.append(check)

    if not checks:
        status: Status = "ranked"
    elif any(c.state == "violated" for c in checks):
        status = "excluded"
    else:
        status = "possible-dealbreaker"
    # Rounding can push a sum of weights a hair past 1: keep 0 ≤ low ≤ score ≤ high ≤ 100.
    total, total_low, total_high = 100 * total, 100 * total_low, 100 * total_high
    # Score(...) without its generated __init__: the same fields, a third of the cost.
    result = _new_score(Score)
    result.__dict__.update(
        opportunity=opportunity,
        score=0.0 if total < 0 else 100.0 if total > 100 else total,
        low=0.0 if total_low < 0 else 100.0 if total_low > 100 else total_low,
        high=0.0 if total_high < 0 else 100.0 if total_high > 100 else total_high,
        _cells=_PendingCells(scales, answers, interviews, used, unknowns),
        dealbreakers=tuple(checks),
        status=status,
    )
    return result


_new_score = object.__new__


def _check_dealbreaker(
    scale: _Scale, raw: object, confidence: Confidence | None, half_width: float, low: float, high: float
) -> DealbreakerCheck | None:
    rule = scale.rule
    assert rule is not None
    label = scale.label
    if scale.kind == "choice":
        if not scale.forbidden:
            return None
        if raw is None:
            plausible = [label_ for label_, _ in scale.options.values()]
        else:
            stated = scale.options[str(raw).casefold()][0]
            plausible = [stated] + [
                option
                for option, v in scale.options.values()
                if half_width and option != stated and low - _EPS <= v <= high + _EPS
            ]
        bad = [option for option in plausible if option.casefold() in scale.forbidden]
        if not bad:
            return None
        if len(bad) == len(plausible):
            if raw is None:
                reason = f"{label}: not known yet, but every possible answer is a dealbreaker for you"
            else:
                reason = f"{label}: {scale.show(bad[0])} is a dealbreaker for you"
            return DealbreakerCheck(scale.key, label, "violated", reason)
        could = " or ".join(scale.show(option) for option in bad)
        said = "not known yet" if raw is None else f"{scale.show(raw)} ({confidence} confidence)"
        return DealbreakerCheck(
            scale.key, label, "possible", f"{label}: {said}; could be {could}, a dealbreaker for you"
        )

    raw_low, raw_high = scale.raw_interval(raw, half_width)
    violated: list[str] = []
    possible: list[str] = []
    for side, limit in (("above", rule.above), ("below", rule.below)):
        if limit is None:
            continue
        certain = raw_low > limit if side == "above" else raw_high < limit
        maybe = raw_high > limit if side == "above" else raw_low < limit
        if certain:
            if raw is None:
                violated.append(f"{label}: not known yet, but any answer is {side} your limit of {scale.show(limit)}")
            else:
                violated.append(f"{label}: {scale.show(raw)} is {side} your limit of {scale.show(limit)}")
        elif maybe:
            said = "not known yet" if raw is None else f"{scale.show(raw)} ({confidence} confidence)"
            possible.append(f"{label}: {said}; could be {side} your limit of {scale.show(limit)}")
    if violated:
        return DealbreakerCheck(scale.key, label, "violated", "; ".join(violated))
    if possible:
        return DealbreakerCheck(scale.key, label, "possible", "; ".join(possible))
    return None


def _rank_key(s: Score, score_: float | None = None) -> tuple:
    o = s.opportunity
    value = s.score if score_ is None else score_
    return (s.status == "excluded", -value, o.company.casefold(), o.role.casefold(), o.id)


def rank(scores: Iterable[Score]) -> list[Score]:
    """Non-excluded opportunities by score (highest first), then the excluded ones.

    Ties go by company, then role, then id, so the order never depends on input order.
    """
    return sorted(scores, key=_rank_key)


def _leader(ranked: Sequence[Score]) -> Score | None:
    return next((s for s in ranked if s.status != "excluded"), None)


def with_history(saved: Profile, edited: Profile, today: date) -> Profile:
    """`edited`, with the weights of `saved` added to its history when its weights or method
    changed (at most model.HISTORY_LENGTH kept, oldest dropped), so a user sees how priorities moved."""
    before, after = weights(saved), weights(edited)
    moved = saved.method != edited.method or before.keys() != after.keys()
    if not moved and not any(abs(before[k] - after[k]) > 1e-9 for k in before):
        return edited
    snapshot = WeightSnapshot(date=today, method=saved.method, weights=before)
    return edited.model_copy(update={"history": [*edited.history, snapshot][-HISTORY_LENGTH:]})


def places(scores: Sequence[Score]) -> list[int | None]:
    """The place of each score in a ranked list, 1 for the best; None for the excluded, which take no place."""
    result: list[int | None] = []
    place = 0
    for s in scores:
        if s.status == "excluded":
            result.append(None)
        else:
            place += 1
            result.append(place)
    return result


# --- Dominance ---------------------------------------------------------------------------


def dominates(a: Score, b: Score) -> bool:
    """True when `a` is at least as good as `b` on every weighted criterion, at both ends
    of each range (a.low ≥ b.low and a.high ≥ b.high), and strictly better somewhere.

    Criteria with zero weight are ignored: they cannot change any score.
    """
    strict = False
    for ca, cb in zip(a.cells, b.cells, strict=True):
        if ca.weight <= 0:
            continue
        if ca.low < cb.low - _EPS or ca.high < cb.high - _EPS:
            return False
        if ca.low > cb.low + _EPS or ca.high > cb.high + _EPS:
            strict = True
    return strict


def dominated(ranked: Sequence[Score]) -> dict[str, str]:
    """Dominated opportunity id → the best-ranked non-excluded opportunity that dominates it."""
    candidates = [s for s in ranked if s.status != "excluded"]
    out: dict[str, str] = {}
    for b in candidates:
        for a in candidates:
            if a is not b and dominates(a, b):
                out[b.id] = a.id
                break
    return out


# --- Robustness --------------------------------------------------------------------------


def _names(scores: Sequence[Score]) -> dict[str, str]:
    """Short names for sentences: the company, or "company (role)" when a company repeats."""
    counts = Counter(s.opportunity.company.casefold() for s in scores)
    return {
        s.id: s.opportunity.company
        if counts[s.opportunity.company.casefold()] == 1
        else f"{s.opportunity.company} ({s.opportunity.role})"
        for s in scores
    }


def _percent(x: float, other: float | None = None) -> str:
    text = f"{x * 100:.0f}%"
    if (other is not None and text == f"{other * 100:.0f}%") or (0 < x < 0.005):
        text = f"{x * 100:.1f}%"
    return text


def flip_threshold(leader: Score, other: Score, index: int) -> tuple[float, Literal["above", "below"]] | None:
    """The weight of criterion `index` at which `other` would overtake `leader`.

    The other weights are rescaled in proportion (w_j' = w_j (1 − t) / (1 − w_k)), so the
    difference of scores is linear in t: D(t) = R + t (d_k − R) with d_j the difference of
    point values and R = (D − w_k d_k) / (1 − w_k). It is solved exactly; only thresholds
    strictly between 0 and 1, and more than _FLIP_MARGIN from both, count. None when the
    order cannot flip this way (or is tied).
    """
    w = [c.weight for c in leader.cells]
    d = [a.point - b.point for a, b in zip(leader.cells, other.cells, strict=True)]
    difference = sum(wj * dj for wj, dj in zip(w, d, strict=True))
    wk, dk = w[index], d[index]
    if difference <= _EPS or wk >= 1 - _EPS:
        return None
    rest = (difference - wk * dk) / (1 - wk)
    slope = dk - rest
    if abs(slope) <= _EPS:
        return None
    t = -rest / slope
    if not _FLIP_MARGIN < t < 1 - _FLIP_MARGIN:
        return None
    return t, "above" if t > wk else "below"


def flip_thresholds(ranked: Sequence[Score]) -> list[FlipThreshold]:
    """One-way sensitivity: for the leader against every other non-excluded opportunity and
    every criterion, the weight at which the order flips. Nearest (smallest change) first."""
    leader = _leader(ranked)
    if leader is None:
        return []
    names = _names(ranked)
    out: list[tuple[float, int, int, FlipThreshold]] = []
    others = [s for s in ranked if s.status != "excluded" and s is not leader]
    for position, other in enumerate(others):
        for k, cell in enumerate(leader.cells):
            found = flip_threshold(leader, other, k)
            if found is None:
                continue
            t, direction = found
            verb = "rises above" if direction == "above" else "falls below"
            sentence = (
                f"{names[leader.id]} stays ahead of {names[other.id]} unless {cell.label} {verb} "
                f"{_percent(t, cell.weight)} (now {_percent(cell.weight, t)})."
            )
            flip = FlipThreshold(leader.id, other.id, cell.key, cell.label, cell.weight, t, direction, sentence)
            out.append((abs(t - cell.weight), position, k, flip))
    out.sort(key=lambda item: item[:3])
    return [item[3] for item in out]


def beats_whatever_weights(a: Score, b: Score) -> bool:
    """True when `a` scores at least as well as `b` under every weighting that keeps the
    criteria in list order (w_1 ≥ w_2 ≥ … ≥ 0), and better under some.

    That holds exactly when every partial sum of d_j = v_a,j − v_b,j, in rank order, is
    ≥ 0 and one is > 0 (point values; unknowns at the middle of their range).
    """
    partial = 0.0
    positive = False
    for ca, cb in zip(a.cells, b.cells, strict=True):
        partial += ca.point - cb.point
        if partial < -_EPS:
            return False
        if partial > _EPS:
            positive = True
    return positive


def head_to_head(comparison: Comparison) -> list[str]:
    """The leader against each other opportunity not excluded: how often it scores higher in the
    simulations (the pairwise winning probability). Empty without probabilities."""
    leader = comparison.leader
    if comparison.win is None or leader is None:
        return []
    names = _names(comparison.scores)
    return [
        f"{names[leader.id]} scores above {names[s.id]} in "
        f"{comparison.win.pairwise[(leader.id, s.id)]:.0%} of the simulations."
        for s in comparison.scores
        if s is not leader and s.status != "excluded"
    ]


def order_robust(ranked: Sequence[Score]) -> list[str]:
    """For rank profiles: sentences for each runner-up the leader beats whatever the exact weights."""
    leader = _leader(ranked)
    if leader is None:
        return []
    names = _names(ranked)
    return [
        f"With your order of priorities, {names[leader.id]} beats {names[s.id]} whatever the exact weights."
        for s in ranked
        if s.status != "excluded" and s is not leader and beats_whatever_weights(leader, s)
    ]


def lead_label(probability: float) -> str:
    """ "clear" (≥ 80%), "leaning" (50–80%) or "toss-up" (< 50%) for the leader's win probability."""
    if probability >= CLEAR_LEAD:
        return "clear"
    if probability >= LEANING_LEAD:
        return "leaning"
    return "toss-up"


def win_probabilities(
    ranked: Sequence[Score],
    *,
    rank_order: bool = False,
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
    pairwise: bool = True,
) -> WinProbabilities:
    """SMAA win probabilities for scores from one profile (see `evaluator.sampling`).

    `rank_order` samples every weighting that keeps the criteria order (rank profiles);
    otherwise weights are sampled around the cells' weights. Without `pairwise`, only
    first places are counted (`pairwise` stays empty): enough for a long list, and linear in it.
    """
    from evaluator import sampling  # numpy is paid for only here

    if samples < 1:
        raise ValueError(f"samples must be at least 1, not {samples}")
    ids = [s.id for s in ranked]
    if not ranked:
        return WinProbabilities({}, {}, samples, seed)
    first, beats = sampling.win_probabilities(
        [[c.low for c in s.cells] for s in ranked],
        [[c.high for c in s.cells] for s in ranked],
        [c.weight for c in ranked[0].cells],
        rank_order=rank_order,
        excluded=[s.status == "excluded" for s in ranked],
        samples=samples,
        seed=seed,
        pairwise=pairwise,
    )
    beaten = {(a, b): beats[i][j] for i, a in enumerate(ids) for j, b in enumerate(ids) if i != j} if beats else {}
    return WinProbabilities(dict(zip(ids, first, strict=True)), beaten, samples, seed)


# --- What to ask next --------------------------------------------------------------------


def _could_flip(s: Score, cell: Cell, possible: bool, leader: Score | None, runner_up: Score | None) -> bool:
    """Would this one cell, at the far end of its range (others at their points), change the leader?"""
    if leader is None or s.status == "excluded":
        return False
    if s is leader:
        if runner_up is None:
            return False
        if possible:
            return True  # the leader might be excluded
        worst = s.score - 100 * cell.weight * (cell.point - cell.low)
        return _rank_key(runner_up) < _rank_key(s, worst)
    best = s.score + 100 * cell.weight * (cell.high - cell.point)
    return _rank_key(s, best) < _rank_key(leader)


def _question(criterion: Criterion, asked: set[str]) -> str:
    for question in criterion.questions:
        if question.strip().casefold() not in asked:
            return question
    if criterion.questions:
        return criterion.questions[0]
    return f"What can you tell me about {criterion.label.lower()}?"


def _ask_whom(criterion: Criterion, cell: Cell) -> str:
    who = criterion.ask_in.who
    evidence = cell.evidence
    unsure = not cell.known or cell.confidence is Confidence.LOW
    if evidence is None or not unsure or evidence.interview.kind.who == who:
        return who
    kind = evidence.interview.kind
    speaker = evidence.who or f"the {kind.label.lower()}"
    said = "couldn't say" if not cell.known else "wasn't sure"
    return f"{who}, not {kind.who} — {speaker} {said}"


def ask_next(ranked: Sequence[Score], profile: Profile, only: str | None = None) -> dict[str, list[Ask]]:
    """Per opportunity (or only the one whose id is `only`), the questions worth asking next,
    most useful first.

    Candidates are the unknown and low-confidence criteria, plus medium-confidence ones
    that could change the winner or hide a dealbreaker. Those that could change who comes
    first lead; then by weight × width of range. Excluded opportunities get none.
    """
    leader = _leader(ranked)
    runner_up = next((s for s in ranked if s.status != "excluded" and s is not leader), None)
    criteria = {c.key: c for c in profile.criteria}
    out: dict[str, list[Ask]] = {}
    for s in ranked:
        if only is not None and s.id != only:
            continue
        if s.status == "excluded":
            out[s.id] = []
            continue
        asked = {a.question.strip().casefold() for i in s.opportunity.interviews for a in i.answers if a.question}
        possible_keys = {d.key for d in s.dealbreakers if d.state == "possible"}
        items: list[tuple[bool, float, int, Ask]] = []
        for position, cell in enumerate(s.cells):
            if cell.known and cell.confidence is Confidence.HIGH:
                continue
            points = 100 * cell.weight * cell.width
            possible = cell.key in possible_keys
            if points <= _EPS and not possible:
                continue
            flip = _could_flip(s, cell, possible, leader, runner_up)
            if cell.known and cell.confidence is Confidence.MEDIUM and not (flip or possible):
                continue
            criterion = criteria[cell.key]
            parts = ["unknown" if not cell.known else f"{cell.confidence} confidence"]
            if possible:
                parts.append("could be a dealbreaker")
            if flip:
                parts.append("could change the winner")
            elif points >= 0.5:
                parts.append(f"worth {points:.0f} points of range")
            ask = Ask(
                cell.key,
                cell.label,
                _question(criterion, asked),
                _ask_whom(criterion, cell),
                "; ".join(parts),
                flip,
                points,
            )
            items.append((not flip, -points, position, ask))
        items.sort(key=lambda item: item[:3])
        out[s.id] = [item[3] for item in items]
    return out


# --- Comparing ---------------------------------------------------------------------------


def compare(
    opportunities: Iterable[Opportunity],
    profile: Profile,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
    with_probabilities: bool = True,
    weights: Mapping[str, float] | None = None,
) -> Comparison:
    """Score, rank and explain the opportunities under one profile.

    Opportunity ids must be distinct (the store sets them). `weights` previews unsaved
    weights; rank-order sampling is used only for rank profiles without such a preview.
    """
    chosen = list(opportunities)
    seen: set[str] = set()
    for o in chosen:
        if o.id in seen:
            raise ValueError(f"opportunities need distinct ids; {o.id!r} is used twice")
        seen.add(o.id)
    plan = _Plan(profile, weights)
    ranked = rank(_score(o, plan) for o in chosen)
    weight_map = dict(zip((c.key for c in profile.criteria), plan.weights, strict=True))
    ahp_result = consistency(profile) if weights is None else None
    if not ranked:
        empty = "Nothing to compare yet: add an opportunity to see how it scores."
        return Comparison(profile, weight_map, [], None, "", [], [], {}, {}, empty, ahp_result)
    win = None
    if with_probabilities:
        rank_order = profile.method is WeightingMethod.RANK and weights is None
        win = win_probabilities(ranked, rank_order=rank_order, samples=samples, seed=seed)
    label = _label(ranked, win)
    flips = flip_thresholds(ranked)
    robust = order_robust(ranked) if profile.method is WeightingMethod.RANK else []
    dominated_by = dominated(ranked)
    asks = ask_next(ranked, profile)
    comparison = Comparison(profile, weight_map, ranked, win, label, flips, robust, dominated_by, asks, "", ahp_result)
    comparison.summary = summarize(comparison)
    return comparison


def _label(ranked: Sequence[Score], win: WinProbabilities | None) -> str:
    leader = _leader(ranked)
    return lead_label(win.first[leader.id]) if win is not None and leader is not None else ""


def standing(ranked: Sequence[Score], profile: Profile) -> tuple[Score | None, WinProbabilities, str]:
    """The leader, first-place probabilities and the lead's label ("clear"...) of scores already
    ranked under `profile`: what a list of opportunities shows. Unlike `compare` it skips the
    pairwise table, the flips and the advice, so it stays quick for thousands of opportunities."""
    win = win_probabilities(ranked, rank_order=profile.method is WeightingMethod.RANK, pairwise=False)
    return _leader(ranked), win, _label(ranked, win)


def _first_few(sentences: list[str], more: str) -> list[str]:
    """The first _SUMMARY_LIST sentences, then "N <more>." for the rest (a summary stays short)."""
    rest = len(sentences) - _SUMMARY_LIST
    return sentences[:_SUMMARY_LIST] + ([f"{rest} {more}."] if rest > 0 else [])


def summarize(comparison: Comparison) -> str:
    """A plain-words paragraph: the leader and its range, how clear the lead is, what is
    excluded and why, the nearest flip, and the question to ask next."""
    ranked = comparison.scores
    if not ranked:
        return "Nothing to compare yet: add an opportunity to see how it scores."
    names = _names(ranked)
    leader = _leader(ranked)
    parts: list[str] = []
    if leader is None:
        parts.append("Every opportunity breaks one of your dealbreakers, so none can lead.")
    else:
        name = names[leader.id]
        parts.append(
            f"{name} leads with {leader.score:.0f} out of 100"
            + (
                f" (between {leader.low:.0f} and {leader.high:.0f}, given what is still unknown or unsure)."
                if leader.high - leader.low >= 0.5
                else "."
            )
        )
        win = comparison.win
        if win is not None:
            p = win.first[leader.id]
            runs = f"{win.samples:,} simulations that vary your weights and the uncertain answers"
            if comparison.label == "clear":
                parts.append(f"The lead is clear: {name} comes first in {p:.0%} of {runs}.")
            elif comparison.label == "leaning":
                parts.append(f"The lead is leaning its way: {name} comes first in {p:.0%} of {runs}.")
            else:
                parts.append(f"It is a toss-up: {name} comes first in only {p:.0%} of {runs}.")
        runner_up = next((s for s in ranked if s.status != "excluded" and s is not leader), None)
        if runner_up is None:
            parts.append(f"{name} is the only opportunity still in the running.")
        else:
            parts.append(
                f"Next is {names[runner_up.id]} with {runner_up.score:.0f} ({runner_up.low:.0f}–{runner_up.high:.0f})."
            )
        if leader.unknowns:
            count = leader.unknowns
            parts.append(f"{count} of {name}'s {len(leader.cells)} criteria {'is' if count == 1 else 'are'} unknown.")
    def reasons(score: Score, state: str) -> str:
        return "; ".join(d.reason for d in score.dealbreakers if d.state == state)

    parts += _first_few(
        [f"{names[s.id]} is excluded: {reasons(s, 'violated')}." for s in ranked if s.status == "excluded"],
        "more are excluded by a dealbreaker",
    )
    parts += _first_few(
        [
            f"{names[s.id]} may break a dealbreaker — ask: {reasons(s, 'possible')}."
            for s in ranked
            if s.status == "possible-dealbreaker"
        ],
        "more may break a dealbreaker",
    )
    parts += _first_few(
        [
            f"{names[b]} is dominated by {names[a]}: no better on any criterion, even at its best."
            for b, a in comparison.dominated.items()
        ],
        "more are dominated",
    )
    if comparison.order_robust:
        parts.append(comparison.order_robust[0])
    if comparison.flips:
        parts.append(f"Nearest flip: {comparison.flips[0].sentence}")
    asks = [(ask, s) for s in ranked for ask in comparison.ask_next.get(s.id, [])]
    if asks:
        ask, s = min(asks, key=lambda pair: (not pair[0].could_flip, -pair[0].range_points))
        parts.append(f"Ask next: {ask.ask_whom}, at {names[s.id]}: “{ask.question}” ({ask.label}: {ask.why}).")
    advice = consistency_advice(comparison.profile) if comparison.consistency is not None else None
    if advice:
        parts.append(advice)
    return " ".join(parts)


def contrast(a: Comparison, b: Comparison) -> str:
    """One sentence on whether two profiles pick the same opportunity.

    Both comparisons must cover the same opportunities.
    """
    ids_a, ids_b = {s.id for s in a.scores}, {s.id for s in b.scores}
    if ids_a != ids_b:
        raise ValueError("contrast needs two comparisons of the same opportunities")
    if not a.scores:
        return "Neither profile has anything to pick yet."
    names = _names(a.scores)
    la, lb = a.leader, b.leader
    pa, pb = a.profile.name, b.profile.name
    if la is None and lb is None:
        return "Under both profiles every opportunity breaks a dealbreaker."
    if la is None:
        assert lb is not None
        return f"'{pb}' picks {names[lb.id]}; under '{pa}' every opportunity breaks a dealbreaker."
    if lb is None:
        return f"'{pa}' picks {names[la.id]}; under '{pb}' every opportunity breaks a dealbreaker."
    if la.id == lb.id:
        return f"Both profiles pick {names[la.id]}."
    return f"'{pa}' picks {names[la.id]}, '{pb}' picks {names[lb.id]}: the choice depends on which self you listen to."


__all__ = [
    "CLEAR_LEAD",
    "CONFIDENCE_HALF_WIDTH",
    "DEFAULT_SAMPLES",
    "DEFAULT_SEED",
    "LEANING_LEAD",
    "Ask",
    "Cell",
    "Comparison",
    "DealbreakerCheck",
    "Evidence",
    "FlipThreshold",
    "Score",
    "WinProbabilities",
    "ask_next",
    "beats_whatever_weights",
    "compare",
    "contrast",
    "dominated",
    "dominates",
    "flip_threshold",
    "flip_thresholds",
    "head_to_head",
    "lead_label",
    "order_robust",
    "places",
    "rank",
    "score",
    "score_all",
    "summarize",
    "value_of",
    "weights",
    "win_probabilities",
    "with_history",
]
