"""The domain: what a job seeker cares about and what each interview revealed.

These pydantic models are also the file format (see docs/file-format.md). They hold
data and validation only: no I/O, no scoring maths, and no Textual.
"""

from __future__ import annotations

import math
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, field_validator, model_validator
from pydantic_core import PydanticCustomError

SCHEMA_VERSION = 2
"""The version written into every file. Older files are migrated in memory (see `evaluator.migrations`);
files of a newer version are refused, never rewritten."""

RATING_MIN = 1
RATING_MAX = 5
PROFILE_NAME_MAX = 60

TOML_INT_MIN = -(2**63)
TOML_INT_MAX = 2**63 - 1
"""The whole numbers a TOML file holds (64-bit); other TOML readers refuse a file with a larger one."""


def _no_true_false(value: object) -> object:
    # Lax mode would silently read `weight = true` as 1.0 and `false` as 0.0.
    if isinstance(value, bool):
        raise ValueError("should be a number, not true or false")
    return value


Number = Annotated[float, BeforeValidator(_no_true_false)]
"""A number field: true and false are refused rather than read as 1 and 0."""
Whole = Annotated[int, BeforeValidator(_no_true_false)]
"""A whole-number field: true and false are refused rather than read as 1 and 0."""


class Record(BaseModel):
    """Base for every model: unknown keys are errors, and docstrings describe fields."""

    model_config = ConfigDict(
        extra="forbid",
        use_attribute_docstrings=True,
        validate_assignment=True,
        str_strip_whitespace=True,
        allow_inf_nan=False,
    )


class Document(Record):
    """A record that is a whole file: it carries the format version first."""

    schema_: int = Field(default=SCHEMA_VERSION, alias="schema")
    """File format version."""

    model_config = ConfigDict(populate_by_name=True)

    _read_as: tuple[str, str] | None = PrivateAttr(default=None)
    """(file, digest of its bytes) as the store last read or wrote it; None for a new record.
    The store compares it with the file before saving, so another program's edit is never lost."""

    def __eq__(self, other: object) -> bool:
        """The same data, wherever it was read from."""
        return type(self) is type(other) and self.__dict__ == other.__dict__


# --- Criteria and profiles -------------------------------------------------------------


class RatingScale(Record):
    """A rating from 1 (poor) to 5 (excellent)."""

    kind: Literal["rating"] = "rating"
    """Always "rating"."""


class ChoiceOption(Record):
    """One possible answer to a choice criterion, and what it is worth to the user."""

    label: str = Field(min_length=1)
    """What the answer says, e.g. "brand-new role"."""
    value: Number = Field(ge=0, le=1)
    """What this answer is worth, from 0 (worst) to 1 (best)."""


class ChoiceScale(Record):
    """A fixed list of answers, each with its own value from 0 to 1."""

    kind: Literal["choice"] = "choice"
    """Always "choice"."""
    options: list[ChoiceOption] = Field(min_length=2)
    """The possible answers, at least two, each label used once."""

    @field_validator("options")
    @classmethod
    def _unique_labels(cls, options: list[ChoiceOption]) -> list[ChoiceOption]:
        seen: set[str] = set()
        for option in options:
            folded = option.label.casefold()
            if folded in seen:
                raise ValueError(f"option {option.label!r} is listed twice")
            seen.add(folded)
        return options

    def option(self, label: str) -> ChoiceOption | None:
        """The option with this label (case-insensitive), or None."""
        folded = label.casefold()
        return next((o for o in self.options if o.label.casefold() == folded), None)


class NumberScale(Record):
    """A number mapped linearly between a worst and a best anchor, e.g. commute minutes."""

    kind: Literal["number"] = "number"
    """Always "number"."""
    worst: Number
    """The number worth 0, e.g. 90 (minutes of commute) or 40000 (salary)."""
    best: Number
    """The number worth 1, e.g. 0 (minutes of commute) or 90000 (salary). May be lower than worst."""
    unit: str = ""
    """Shown after numbers, e.g. "min" or "EUR"."""

    @model_validator(mode="after")
    def _anchors(self) -> NumberScale:
        if self.worst == self.best:
            raise ValueError(f"worst and best must differ (both are {self.worst:g})")
        # An infinite span (worst -1e308, best 1e308) would make every score NaN.
        if not math.isfinite(self.best - self.worst):
            raise ValueError(
                f"worst and best are too far apart to compute with ({self.worst:g} to {self.best:g}); "
                "bring them closer together"
            )
        return self


Scale = Annotated[RatingScale | ChoiceScale | NumberScale, Field(discriminator="kind")]


class Dealbreaker(Record):
    """A limit no amount of points elsewhere makes up for.

    Numbers and ratings use `above` and/or `below`; choices use `one_of`.
    """

    above: Number | None = None
    """Violated when the answer is above this, e.g. commute above 60 (minutes)."""
    below: Number | None = None
    """Violated when the answer is below this, e.g. a rating below 2."""
    one_of: list[str] = Field(default_factory=list)
    """Violated when the answer is one of these choice labels, e.g. ["fully on-site"]."""

    @model_validator(mode="after")
    def _some_limit(self) -> Dealbreaker:
        if self.above is None and self.below is None and not self.one_of:
            raise ValueError("a dealbreaker needs `above`, `below` or `one_of`")
        return self


class InterviewKind(StrEnum):
    """The kind of conversation."""

    SCREENING = "screening"
    HIRING_MANAGER = "hiring-manager"
    PANEL = "panel"
    TECHNICAL = "technical"
    INFORMATIONAL = "informational"
    OFFER_CALL = "offer-call"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def who(self) -> str:
        """Whom you usually speak with in this kind of conversation."""
        return _KIND_WHO[self]


_KIND_LABELS = {
    InterviewKind.SCREENING: "Screening",
    InterviewKind.HIRING_MANAGER: "Hiring manager",
    InterviewKind.PANEL: "Panel",
    InterviewKind.TECHNICAL: "Technical",
    InterviewKind.INFORMATIONAL: "Informational",
    InterviewKind.OFFER_CALL: "Offer call",
}
_KIND_WHO = {
    InterviewKind.SCREENING: "the HR screener",
    InterviewKind.HIRING_MANAGER: "the hiring manager",
    InterviewKind.PANEL: "the team",
    InterviewKind.TECHNICAL: "the team",
    InterviewKind.INFORMATIONAL: "someone who works there",
    InterviewKind.OFFER_CALL: "the recruiter",
}


class Criterion(Record):
    """Something the user cares about, how answers are valued, and how to find out."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)
    """A short identifier used by answers, e.g. "growth_plans" (lower case, digits, _)."""
    label: str = Field(min_length=1, max_length=60)
    """The name shown on screen, e.g. "Growth plans"."""
    description: str = ""
    """What this criterion means to the user."""
    weight: Number = Field(default=10.0, ge=0)
    """Importance in points (any scale; only the proportions matter)."""
    scale: Scale = Field(default_factory=RatingScale)
    """How an answer is turned into a value from 0 to 1."""
    dealbreaker: Dealbreaker | None = None
    """An optional limit that excludes an opportunity whatever its score."""
    questions: list[str] = Field(default_factory=list)
    """Interview questions that reveal this criterion."""
    ask_in: InterviewKind = InterviewKind.HIRING_MANAGER
    """The conversation most likely to answer it (used for "whom to ask")."""

    @model_validator(mode="after")
    def _dealbreaker_fits_scale(self) -> Criterion:
        rule = self.dealbreaker
        if rule is None:
            return self
        if isinstance(self.scale, ChoiceScale):
            if rule.above is not None or rule.below is not None:
                raise ValueError("a choice dealbreaker uses `one_of`, not `above`/`below`")
            unknown = [label for label in rule.one_of if self.scale.option(label) is None]
            if unknown:
                known = ", ".join(o.label for o in self.scale.options)
                raise ValueError(f"dealbreaker names unknown option(s) {unknown}; options are: {known}")
        elif rule.one_of:
            raise ValueError(f"a {self.scale.kind} dealbreaker uses `above`/`below`, not `one_of`")
        return self


class WeightingMethod(StrEnum):
    """How the user states what matters."""

    POINTS = "points"
    """Points per criterion, normalized."""
    RANK = "rank"
    """Only an order: the criteria list is ranked, most important first (ROC weights)."""
    PAIRWISE = "pairwise"
    """Saaty 1-9 judgments between pairs of criteria (AHP eigenvector)."""


class Judgment(Record):
    """One pairwise judgment: `more` matters `strength` times as much as `less`."""

    more: str
    """The key of the criterion that matters more (or equally, with strength 1)."""
    less: str
    """The key of the other criterion."""
    strength: Whole = Field(ge=1, le=9)
    """Saaty's scale: 1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely more."""


class WeightSnapshot(Record):
    """The weights a profile had on a given day."""

    date: date
    """When these weights were replaced."""
    method: WeightingMethod = WeightingMethod.POINTS
    """The weighting method in use then."""
    weights: dict[str, Number]
    """Criterion key to weight fraction (summing to 1)."""


MAX_PAIRWISE = 9
HISTORY_LENGTH = 20


class Profile(Document):
    """A named set of weighted criteria: one version of what the user wants."""

    name: str = Field(min_length=1, max_length=PROFILE_NAME_MAX)
    """The profile's name, e.g. "creative impact"."""
    description: str = ""
    """Who this profile is for, in a sentence or two."""
    method: WeightingMethod = WeightingMethod.POINTS
    """How the weights are stated: points, rank order or pairwise."""
    criteria: list[Criterion] = Field(min_length=1)
    """The criteria, in the user's order (for the rank method: most important first)."""
    judgments: list[Judgment] = Field(default_factory=list)
    """Pairwise judgments, used when method is "pairwise"."""
    history: list[WeightSnapshot] = Field(default_factory=list)
    """Earlier weights, oldest first, so the user can see how priorities moved."""
    builtin: bool = Field(default=False, exclude=True)
    """True for the read-only profiles shipped with evaluator (never written to files)."""

    @field_validator("criteria")
    @classmethod
    def _weights_countable(cls, criteria: list[Criterion]) -> list[Criterion]:
        # Points adding up to infinity would turn every weight into 0 and every score into 0.
        if not math.isfinite(sum(c.weight for c in criteria)):
            raise ValueError(
                "the weights add up to more than evaluator can count; use smaller points "
                "(only their proportions matter)"
            )
        return criteria

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        keys = [c.key for c in self.criteria]
        duplicates = sorted({k for k in keys if keys.count(k) > 1})
        if duplicates:
            raise ValueError(f"criterion key(s) used twice: {', '.join(duplicates)}")
        if self.method is WeightingMethod.POINTS and not any(c.weight > 0 for c in self.criteria):
            raise ValueError("all weights are zero: give at least one criterion some points")
        if self.method is WeightingMethod.PAIRWISE:
            if len(self.criteria) > MAX_PAIRWISE:
                raise ValueError(
                    f"pairwise weighting takes at most {MAX_PAIRWISE} criteria, not {len(self.criteria)}"
                )
            known = set(keys)
            for judgment in self.judgments:
                for key in (judgment.more, judgment.less):
                    if key not in known:
                        raise ValueError(f"judgment names unknown criterion {key!r}")
        return self

    def criterion(self, key: str) -> Criterion | None:
        return next((c for c in self.criteria if c.key == key), None)


# --- Opportunities and what interviews revealed ----------------------------------------


class Stage(StrEnum):
    """Where an application stands."""

    LEAD = "lead"
    APPLIED = "applied"
    SCREENING = "screening"
    INTERVIEWING = "interviewing"
    OFFER = "offer"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    REJECTED = "rejected"
    GHOSTED = "ghosted"

    @property
    def is_open(self) -> bool:
        """Still in play (not accepted, declined, withdrawn, rejected or ghosted)."""
        return self in OPEN_STAGES


OPEN_STAGES = frozenset({Stage.LEAD, Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER})


class Confidence(StrEnum):
    """How sure the user is of an answer."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Person(Record):
    """Someone the user spoke with or can contact."""

    name: str = Field(min_length=1)
    """Their name."""
    role: str = ""
    """Their role, e.g. "HR generalist" or "Head of marketing"."""
    email: str = ""
    """How to reach them, if known."""


AnswerValue = int | float | str


class Answer(Record):
    """What one interview revealed about one criterion."""

    criterion: str = Field(min_length=1)
    """The key of the criterion this answers, e.g. "growth_plans"."""
    question: str = ""
    """The question asked."""
    text: str = ""
    """What was said, in the user's words."""
    value: AnswerValue | None = None
    """A rating (1-5), a choice label, or a number. Absent means unknown: "they couldn't say".
    A whole number beyond what TOML holds (+-2**63) is kept as a decimal number when that is exactly
    the same number (1e20), and refused otherwise."""
    confidence: Confidence = Confidence.MEDIUM
    """How sure the user is of this answer."""
    said_by: str = ""
    """The name of who said it; empty means the first person of the interview."""
    pinned: bool = False
    """Use this answer for its criterion even if a later or surer one exists."""

    @field_validator("value", mode="before")
    @classmethod
    def _not_bool(cls, value: object) -> object:
        # Lax mode would silently read `value = true` as the rating 1.
        if isinstance(value, bool):
            raise ValueError("true/false is not an answer: use a rating, a number or a choice label")
        return value

    @field_validator("value")
    @classmethod
    def _finite_value(cls, value: AnswerValue | None) -> AnswerValue | None:
        if isinstance(value, str) and not value:
            return None
        if isinstance(value, int) and not TOML_INT_MIN <= value <= TOML_INT_MAX:
            try:
                exact = float(value) == value
            except OverflowError:  # beyond any float
                exact = False
            if not exact:
                raise PydanticCustomError(
                    "whole_number_too_large",
                    "Input should be a whole number from {low} to {high} (what a TOML file holds), "
                    "or a decimal number such as 1.5e21",
                    {"low": TOML_INT_MIN, "high": TOML_INT_MAX},
                )
            return float(value)
        return value

    @property
    def known(self) -> bool:
        return self.value is not None


class SelfReview(Record):
    """An honest look at how the candidate did."""

    researched: bool = False
    """Researched the company and the interviewer."""
    enthusiasm: bool = False
    """Showed enthusiasm for the mission."""
    spoke_for_myself: bool = False
    """Spoke of what *I* did, not just "we"."""
    asked_growth: bool = False
    """Asked about growth plans."""
    asked_new_role: bool = False
    """Asked whether the role is new."""
    confirmed_office: bool = False
    """Confirmed the office expectations."""
    prepared_technical: bool = False
    """Prepared for the technical part."""


SELF_REVIEW_LABELS = {
    name: field.description or name for name, field in SelfReview.model_fields.items()
}


class Interview(Record):
    """One conversation: who said what, and how it went."""

    date: date
    """When it took place."""
    kind: InterviewKind = InterviewKind.SCREENING
    """Screening, hiring manager, panel, technical, informational or offer call."""
    people: list[Person] = Field(default_factory=list)
    """Who you spoke with. An HR screener often cannot answer for the team's plans."""
    notes: str = ""
    """Free notes."""
    answers: list[Answer] = Field(default_factory=list)
    """What this conversation revealed, one answer per criterion."""
    self_review: SelfReview = Field(default_factory=SelfReview)
    """The candidate's own checklist."""
    thank_you_sent: date | None = None
    """When the thank-you note went out; absent means not yet."""
    next_follow_up: date | None = None
    """When to follow up next."""

    @model_validator(mode="after")
    def _answers_consistent(self) -> Interview:
        keys = [a.criterion for a in self.answers]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise ValueError(f"criterion answered twice in one interview: {', '.join(twice)}")
        names = {p.name.casefold() for p in self.people}
        for answer in self.answers:
            if answer.said_by and answer.said_by.casefold() not in names:
                raise ValueError(
                    f"answer to {answer.criterion!r} is said by {answer.said_by!r}, "
                    "who is not among the people of this interview"
                )
        return self

    def speaker(self, answer: Answer) -> Person | None:
        """Who gave this answer: `said_by`, or else the first person spoken with."""
        if answer.said_by:
            folded = answer.said_by.casefold()
            return next((p for p in self.people if p.name.casefold() == folded), None)
        return self.people[0] if self.people else None


class Opportunity(Document):
    """A role the user is considering, and everything learned about it."""

    id: str = Field(default="", exclude=True)
    """The file name without .toml; set by the store, never written."""
    company: str = Field(min_length=1, max_length=120)
    """The employer."""
    role: str = Field(min_length=1, max_length=120)
    """The job title."""
    link: str = ""
    """Where the ad is."""
    location: str = ""
    """Where the work is."""
    office_policy: str = ""
    """The office policy as the ad stated it, e.g. "hybrid, 2 days in the office"."""
    stage: Stage = Stage.LEAD
    """Lead, applied, screening, interviewing, offer, or how it ended."""
    contacts: list[Person] = Field(default_factory=list)
    """People at the company."""
    notes: str = ""
    """Free notes."""
    created: date = Field(default_factory=date.today)
    """When it was added."""
    updated: date = Field(default_factory=date.today)
    """When it last changed."""
    archived: bool = False
    """Hidden from the home screen and comparisons."""
    interviews: list[Interview] = Field(default_factory=list)
    """The conversations, in any order (shown by date)."""

    @property
    def name(self) -> str:
        return f"{self.company} — {self.role}"

    @property
    def is_open(self) -> bool:
        return self.stage.is_open and not self.archived

    @property
    def follow_up_interview(self) -> Interview | None:
        """The latest interview that set a follow-up date: its date is the one that stands."""
        dated = [i for i in self.interviews if i.next_follow_up is not None]
        return max(dated, key=lambda i: i.date) if dated else None

    @property
    def next_follow_up(self) -> date | None:
        """The follow-up date set at the latest interview that set one."""
        setter = self.follow_up_interview
        return setter.next_follow_up if setter else None


class Settings(Document):
    """Small preferences kept beside the data."""

    theme: str = "textual-dark"
    """The Textual theme last chosen."""
    profile: str = "balanced"
    """The name of the last active profile."""
