"""The models are the file format: what they accept, and what they refuse with a message naming the field."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from evaluator.model import (
    SCHEMA_VERSION,
    Answer,
    ChoiceScale,
    Confidence,
    Criterion,
    Dealbreaker,
    Interview,
    InterviewKind,
    Judgment,
    NumberScale,
    Opportunity,
    Person,
    Profile,
    RatingScale,
    Settings,
    Stage,
    WeightingMethod,
    WeightSnapshot,
)


def refusal(model: type[BaseModel], **data: Any) -> str:
    """Every error of validating `data`, as "loc: message" lines."""
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return "\n".join(f"{'.'.join(str(part) for part in e['loc'])}: {e['msg']}" for e in caught.value.errors())


def criteria(*keys: str, **fields: Any) -> list[dict[str, Any]]:
    return [{"key": key, "label": key.title(), **fields} for key in keys]


# --- Criteria and scales ----------------------------------------------------------------


def test_a_criterion_has_sensible_defaults() -> None:
    criterion = Criterion(key="growth_plans", label="Growth plans")
    assert criterion.weight == 10
    assert isinstance(criterion.scale, RatingScale)
    assert criterion.dealbreaker is None
    assert criterion.ask_in is InterviewKind.HIRING_MANAGER


def test_a_negative_weight_is_refused() -> None:
    assert "weight: Input should be greater than or equal to 0" in refusal(
        Criterion, key="a", label="A", weight=-1
    )


@pytest.mark.parametrize("weight", [float("nan"), float("inf")])
def test_a_weight_that_is_not_finite_is_refused(weight: float) -> None:
    assert "weight: Input should be a finite number" in refusal(Criterion, key="a", label="A", weight=weight)


@pytest.mark.parametrize("key", ["Growth", "1st", "growth plans", "growth-plans", "", "a" * 41])
def test_a_criterion_key_is_lower_case_letters_digits_and_underscores(key: str) -> None:
    assert refusal(Criterion, key=key, label="A").startswith("key: ")


def test_an_empty_label_is_refused_even_when_only_spaces() -> None:
    assert "label: String should have at least 1 character" in refusal(Criterion, key="a", label="   ")


def test_the_scale_kind_chooses_the_scale() -> None:
    number = Criterion(key="pay", label="Pay", scale={"kind": "number", "worst": 40000, "best": 90000})
    assert isinstance(number.scale, NumberScale)
    assert number.scale.best == 90000


def test_an_unknown_scale_kind_is_refused() -> None:
    assert "scale: Input tag 'stars'" in refusal(Criterion, key="a", label="A", scale={"kind": "stars"})


def test_a_number_scale_needs_different_anchors() -> None:
    message = refusal(NumberScale, worst=30, best=30)
    assert "worst and best must differ (both are 30)" in message


def test_a_number_scale_may_run_downwards() -> None:
    assert NumberScale(worst=90, best=0).worst == 90


def test_a_choice_scale_needs_two_options() -> None:
    assert "options: List should have at least 2 items" in refusal(
        ChoiceScale, options=[{"label": "only", "value": 1}]
    )


def test_a_choice_option_value_is_between_0_and_1() -> None:
    message = refusal(ChoiceScale, options=[{"label": "a", "value": 1.5}, {"label": "b", "value": 0}])
    assert "options.0.value: Input should be less than or equal to 1" in message


def test_choice_labels_are_unique_ignoring_case() -> None:
    message = refusal(ChoiceScale, options=[{"label": "Remote", "value": 1}, {"label": "remote", "value": 0}])
    assert message.startswith("options: ") and "'remote' is listed twice" in message


def test_a_choice_option_is_found_ignoring_case() -> None:
    scale = ChoiceScale(options=[{"label": "Fully remote", "value": 1}, {"label": "On-site", "value": 0}])
    assert scale.option("fully REMOTE") is scale.options[0]
    assert scale.option("hybrid") is None


# --- Dealbreakers -----------------------------------------------------------------------


def test_a_dealbreaker_needs_a_limit() -> None:
    assert "a dealbreaker needs `above`, `below` or `one_of`" in refusal(Dealbreaker)


def test_a_choice_dealbreaker_must_name_known_options() -> None:
    message = refusal(
        Criterion,
        key="office",
        label="Office",
        scale={
            "kind": "choice",
            "options": [{"label": "remote", "value": 1}, {"label": "hybrid", "value": 0.5}],
        },
        dealbreaker={"one_of": ["fully on-site"]},
    )
    assert "dealbreaker names unknown option(s) ['fully on-site']" in message
    assert "options are: remote, hybrid" in message


def test_a_choice_dealbreaker_uses_one_of() -> None:
    message = refusal(
        Criterion,
        key="office",
        label="Office",
        scale={
            "kind": "choice",
            "options": [{"label": "remote", "value": 1}, {"label": "hybrid", "value": 0.5}],
        },
        dealbreaker={"below": 2},
    )
    assert "a choice dealbreaker uses `one_of`" in message


def test_a_number_dealbreaker_uses_above_or_below() -> None:
    message = refusal(
        Criterion,
        key="commute",
        label="Commute",
        scale={"kind": "number", "worst": 90, "best": 0},
        dealbreaker={"one_of": ["far"]},
    )
    assert "a number dealbreaker uses `above`/`below`, not `one_of`" in message


def test_a_rating_dealbreaker_is_accepted() -> None:
    assert Criterion(key="team", label="Team", dealbreaker={"below": 2}).dealbreaker == Dealbreaker(below=2)


# --- Profiles ---------------------------------------------------------------------------


def test_a_profile_needs_criteria() -> None:
    assert "criteria: List should have at least 1 item" in refusal(Profile, name="x", criteria=[])


def test_duplicate_criterion_keys_are_refused_and_named() -> None:
    message = refusal(Profile, name="x", criteria=criteria("pay", "team", "pay"))
    assert "criterion key(s) used twice: pay" in message


def test_all_zero_points_are_refused() -> None:
    message = refusal(Profile, name="x", criteria=criteria("pay", "team", weight=0))
    assert "all weights are zero" in message


def test_all_zero_points_are_fine_when_ranking() -> None:
    profile = Profile(name="x", method="rank", criteria=criteria("pay", "team", weight=0))
    assert profile.method is WeightingMethod.RANK


def test_pairwise_takes_at_most_nine_criteria() -> None:
    keys = [f"c{n}" for n in range(10)]
    message = refusal(Profile, name="x", method="pairwise", criteria=criteria(*keys))
    assert "pairwise weighting takes at most 9 criteria, not 10" in message
    assert (
        Profile(name="x", method="pairwise", criteria=criteria(*keys[:9])).method is WeightingMethod.PAIRWISE
    )


def test_a_judgment_must_name_criteria_of_the_profile() -> None:
    message = refusal(
        Profile,
        name="x",
        method="pairwise",
        criteria=criteria("pay", "team"),
        judgments=[{"more": "pay", "less": "commute", "strength": 3}],
    )
    assert "judgment names unknown criterion 'commute'" in message


@pytest.mark.parametrize("strength", [0, 10])
def test_a_judgment_strength_is_on_saatys_1_to_9_scale(strength: int) -> None:
    assert refusal(Judgment, more="a", less="b", strength=strength).startswith("strength: ")


def test_an_unknown_key_is_refused_and_named() -> None:
    message = refusal(Profile, name="x", criteria=criteria("pay"), colour="blue")
    assert message == "colour: Extra inputs are not permitted"


def test_an_unknown_key_deep_inside_is_named_with_its_place() -> None:
    message = refusal(Profile, name="x", criteria=[{"key": "pay", "label": "Pay", "wieght": 3}])
    assert message == "criteria.0.wieght: Extra inputs are not permitted"


def test_a_profile_reads_schema_and_never_writes_builtin() -> None:
    profile = Profile.model_validate({"schema": SCHEMA_VERSION, "name": "x", "criteria": criteria("pay")})
    profile.builtin = True
    dumped = profile.model_dump(by_alias=True)
    assert dumped["schema"] == SCHEMA_VERSION
    assert "builtin" not in dumped


def test_a_profile_name_is_required_and_at_most_60_characters() -> None:
    assert "name: Field required" in refusal(Profile, criteria=criteria("pay"))
    assert refusal(Profile, name="x" * 61, criteria=criteria("pay")).startswith("name: ")


def test_a_criterion_is_found_by_key() -> None:
    profile = Profile(name="x", criteria=criteria("pay", "team"))
    assert profile.criterion("team") is profile.criteria[1]
    assert profile.criterion("nope") is None


def test_a_weight_snapshot_keeps_a_date_and_weights() -> None:
    snapshot = WeightSnapshot(date=date(2024, 1, 2), weights={"pay": 0.5, "team": 0.5})
    assert snapshot.method is WeightingMethod.POINTS
    assert "date: Field required" in refusal(WeightSnapshot, weights={})


# --- Interviews and answers -------------------------------------------------------------


def test_an_answer_value_may_be_a_rating_a_label_or_a_number() -> None:
    assert Answer(criterion="team", value=4).value == 4
    assert Answer(criterion="office", value="remote").value == "remote"
    assert Answer(criterion="commute", value=42.5).value == 42.5


def test_an_empty_answer_value_means_unknown() -> None:
    assert Answer(criterion="team", value="  ").known is False
    assert Answer(criterion="team").confidence is Confidence.MEDIUM


def test_true_or_false_is_not_an_answer_value() -> None:
    assert "true/false is not an answer" in refusal(Answer, criterion="team", value=True)


def test_an_answer_value_must_be_finite() -> None:
    assert "value" in refusal(Answer, criterion="team", value=float("nan"))


def test_a_criterion_answered_twice_in_one_interview_is_refused() -> None:
    message = refusal(
        Interview, date=date(2024, 5, 1), answers=[{"criterion": "pay"}, {"criterion": "pay", "value": 3}]
    )
    assert "criterion answered twice in one interview: pay" in message


def test_an_answer_said_by_a_stranger_is_refused() -> None:
    message = refusal(
        Interview,
        date=date(2024, 5, 1),
        people=[{"name": "Claire Dumont"}],
        answers=[{"criterion": "pay", "said_by": "Etienne"}],
    )
    assert "said by 'Etienne', who is not among the people of this interview" in message


def test_the_speaker_defaults_to_the_first_person() -> None:
    interview = Interview(
        date=date(2024, 5, 1),
        people=[Person(name="Claire"), Person(name="Étienne")],
        answers=[Answer(criterion="a"), Answer(criterion="b", said_by="étienne")],
    )
    assert interview.speaker(interview.answers[0]).name == "Claire"
    assert interview.speaker(interview.answers[1]).name == "Étienne"


def test_an_interview_needs_a_date_and_a_known_kind() -> None:
    assert "date: Field required" in refusal(Interview)
    assert refusal(Interview, date=date(2024, 5, 1), kind="coffee").startswith("kind: Input should be")


def test_interview_kinds_have_labels_and_whom_you_speak_with() -> None:
    assert InterviewKind.HIRING_MANAGER.label == "Hiring manager"
    assert InterviewKind.SCREENING.who == "the HR screener"


# --- Opportunities and settings ---------------------------------------------------------


def test_an_opportunity_needs_company_and_role() -> None:
    message = refusal(Opportunity, company=" ", role="")
    assert "company: String should have at least 1 character" in message
    assert "role: String should have at least 1 character" in message


def test_an_opportunity_id_is_never_written() -> None:
    opportunity = Opportunity(company="Acme", role="Writer", id="acme-writer")
    assert "id" not in opportunity.model_dump()


def test_an_unknown_stage_is_refused() -> None:
    assert refusal(Opportunity, company="A", role="B", stage="hired").startswith(
        "stage: Input should be 'lead'"
    )


def test_open_means_in_play_and_not_archived() -> None:
    assert Opportunity(company="A", role="B", stage=Stage.OFFER).is_open
    assert not Opportunity(company="A", role="B", stage=Stage.REJECTED).is_open
    assert not Opportunity(company="A", role="B", archived=True).is_open


def test_assignments_are_validated_too() -> None:
    opportunity = Opportunity(company="A", role="B")
    with pytest.raises(ValidationError, match="company"):
        opportunity.company = ""


def test_settings_have_defaults() -> None:
    settings = Settings()
    assert (settings.theme, settings.profile, settings.schema_) == (
        "textual-dark",
        "balanced",
        SCHEMA_VERSION,
    )
    assert refusal(Settings, colour="red") == "colour: Extra inputs are not permitted"
