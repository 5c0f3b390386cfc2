"""Bad input, fuzzed (issue 6): whatever text or number goes in comes back out exactly, or is
refused with a message that names the field. Never a crash, never a silent change.

Every hypothesis test runs 1,000 examples, derandomized and without an example database, so a
run in CI is the run here. Each example starts from an empty data folder.

- Text: every text field of a profile, an opportunity, an interview draft and the settings holds
  emoji, right-to-left text, control characters, TOML's own quotes, backslashes and newlines, and
  reads back exactly as it was saved (surrounding spaces are trimmed when the model is built,
  before saving). Text a field cannot hold (blank, too long, not a key) is refused with a pydantic
  ValidationError that names the field.
- Numbers the app puts in a model (weights, answers, option values, scale anchors, dealbreaker
  limits, judgments, past weights): accepted and read back bit for bit (1 stays 1, 1.0 stays 1.0,
  -0.0 stays -0.0; a whole number in a decimal field is the nearest float, as in TOML; a whole
  answer beyond TOML's 64 bits is the same number as a float), or refused with a ValidationError
  naming the field. Whatever is accepted can be scored.
- Numbers written into a file by hand (`weight = 1e400`, `nan`, `0xff`, `99999999999999999999999`,
  `true`, `01`): the file loads with exactly the number TOML reads there, or is reported as a
  `store.Problem` naming the field and left as it is. Loading never raises.
- Numbers typed into a form (`evaluator.numbers`): a number shown and read back is the same number;
  a number typed the way people write it is read as that number; any typed text is a finite number
  or nothing.
"""

from __future__ import annotations

import math
import os
import tomllib
import warnings
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from evaluator import numbers, paths, scoring, store
from evaluator.model import (
    SCHEMA_VERSION,
    TOML_INT_MAX,
    TOML_INT_MIN,
    Answer,
    ChoiceOption,
    Criterion,
    Interview,
    Opportunity,
    Person,
    Profile,
    Settings,
)

FUZZ = settings(
    max_examples=1000,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
"""At least 1,000 examples per test, the same ones on every run."""


@pytest.fixture(autouse=True)
def only_what_is_fuzzed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No built-in profiles (the criteria here have keys of their own) and no fsync (durability is
    test_store's business): 1,000 examples a test would otherwise spend most of their time on both."""
    nothing = tmp_path / "no-builtin-profiles"
    nothing.mkdir()
    monkeypatch.setattr(paths, "builtin_profiles_dir", lambda: nothing)
    monkeypatch.setattr(os, "fsync", lambda descriptor: None)


def fresh(folder: Path) -> None:
    """Empty the test's data folder (the fixture gives one folder to all examples of a test)."""
    for path in folder.rglob("*"):
        if path.is_file():
            path.unlink()


def exactly(record: Any) -> str:
    """A record's dump as text that tells 1 from 1.0 and 0.0 from -0.0, which == does not."""
    return repr(record.model_dump() if hasattr(record, "model_dump") else record)


def user_profiles(loaded: store.Loaded[Profile]) -> list[Profile]:
    return [p for p in loaded.items if not p.builtin]


# --- Text -------------------------------------------------------------------------------

NASTY = [
    '"""',
    "'''",
    '"',
    "'",
    "\\",
    "\\\\",
    '\\"',
    "\\n",
    "\\u0041",
    "\"\"\"\n'''",
    "\n",
    "\r\n",
    "\r",
    "\t",
    *(chr(c) for c in range(0x20)),
    "\x7f",
    "\x85",
    "\u00a0",
    "\u2028",
    "\u2029",
    "\u3000",
    "\u202e",  # right-to-left override
    "\u202d",
    "\u200f",
    "\u2066",
    "שלום",
    "مرحبا بكم",
    "👩‍👩‍👧‍👦",  # joined with ZWJ
    "🏳️‍🌈",
    "👍🏽",
    "e\u0301",
    "\u0301",  # a combining mark with nothing to combine with
    "Z\u0351\u036b\u0343",
    "\ufeff",  # byte-order mark
    "\u200b",
    "\ufffd",
    "\U0010ffff",
    "# not a comment",
    "[table]",
    "[[criteria]]",
    "key = 1",
    "ß",
    "İ",
    "ﬃ",
]
"""Fragments that break naive writers: TOML's quotes and escapes, line ends, controls, bidi, emoji."""

VISIBLE = ["a", "Ω", "שלום", "مرحبا", "👩‍👩‍👧‍👦", "e\u0301", '"""', "'''", "\\", "ß", "İ", "漢字"]
"""Fragments that are not white space, so a required text has something left after trimming."""

_pieces = st.one_of(st.sampled_from(NASTY), st.text(max_size=5))


def texts(pieces: int = 4) -> st.SearchStrategy[str]:
    """Any text, biased towards the nasty fragments."""
    return st.lists(_pieces, max_size=pieces).map("".join)


def required_texts(limit: int) -> st.SearchStrategy[str]:
    """Any text with something visible in it, at most `limit` characters."""
    return st.tuples(texts(2), st.sampled_from(VISIBLE), texts(2)).map("".join).filter(lambda s: len(s) <= limit)


def _folded(text: str) -> str:
    return text.strip().casefold()


choice_labels = st.lists(required_texts(60), min_size=2, max_size=4, unique_by=_folded)
"""The labels of a choice criterion: any text, no two alike ignoring case."""


def choice_scale(labels: list[str]) -> dict[str, Any]:
    return {"kind": "choice", "options": [{"label": label, "value": i / len(labels)} for i, label in enumerate(labels)]}


@st.composite
def profiles_with_any_text(draw: st.DrawFn) -> Profile:
    labels = draw(choice_labels)
    return Profile(
        name=draw(required_texts(60)),
        description=draw(texts()),
        criteria=[
            Criterion(
                key="fz_rating",
                label=draw(required_texts(60)),
                description=draw(texts()),
                questions=draw(st.lists(texts(), max_size=3)),
            ),
            Criterion(
                key="fz_choice",
                label=draw(required_texts(60)),
                questions=draw(st.lists(texts(), max_size=2)),
                scale=choice_scale(labels),
                dealbreaker={"one_of": [labels[0]]},
            ),
            Criterion(
                key="fz_number",
                label=draw(required_texts(60)),
                description=draw(texts()),
                scale={"kind": "number", "worst": 90, "best": 0, "unit": draw(texts())},
            ),
        ],
        history=[{"date": date(2024, 1, 1), "weights": {"fz_rating": 0.5, draw(texts()): 0.5}}],
    )


def answered_profile(labels: list[str]) -> Profile:
    """A profile whose criteria the fuzzed opportunities answer, with these choice labels."""
    return Profile(
        name="answered",
        criteria=[
            Criterion(key="fz_rating", label="Rating"),
            Criterion(key="fz_choice", label="Choice", scale=choice_scale(labels)),
            Criterion(key="fz_number", label="Number", scale={"kind": "number", "worst": 90, "best": 0}),
        ],
    )


@st.composite
def people(draw: st.DrawFn) -> list[Person]:
    names = draw(st.lists(required_texts(80), max_size=3, unique_by=_folded))
    return [Person(name=name, role=draw(texts()), email=draw(texts())) for name in names]


@st.composite
def opportunities_with_any_text(draw: st.DrawFn, labels: list[str]) -> Opportunity:
    interviews = []
    for day in (2, 9)[: draw(st.integers(1, 2))]:
        met = draw(people())
        speakers = st.sampled_from(["", *(p.name for p in met)])
        answers = [
            Answer(criterion="fz_rating", question=draw(texts()), text=draw(texts()), value=draw(st.integers(1, 5))),
            Answer(
                criterion="fz_choice", question=draw(texts()), text=draw(texts()), value=draw(st.sampled_from(labels))
            ),
            Answer(criterion="fz_number", text=draw(texts()), value=draw(st.floats(-1e6, 1e6))),
        ]
        for answer in answers:
            answer.said_by = draw(speakers) if met else ""
        interviews.append(Interview(date=date(2024, 5, day), people=met, notes=draw(texts(8)), answers=answers))
    return Opportunity(
        company=draw(required_texts(120)),
        role=draw(required_texts(120)),
        link=draw(texts()),
        location=draw(texts()),
        office_policy=draw(texts()),
        notes=draw(texts(8)),
        contacts=draw(people()),
        created=date(2024, 5, 1),
        interviews=interviews,
    )


@FUZZ
@given(profile=profiles_with_any_text(), theme=texts())
def test_any_text_in_a_profile_and_the_settings_round_trips_exactly(
    profile: Profile, theme: str, data_dir: Path
) -> None:
    """Guards: names, descriptions, labels, questions, option labels, units and past-weight keys
    with any characters are saved and read back unchanged; so are the settings."""
    fresh(data_dir)
    store.save_profile(profile)
    loaded = store.load_profiles()
    assert loaded.problems == []
    assert [exactly(p) for p in user_profiles(loaded)] == [exactly(profile)]

    chosen = Settings(theme=theme, profile=profile.name)
    store.save_settings(chosen)
    assert store.settings_problems() == []
    assert exactly(store.load_settings()) == exactly(chosen)


@FUZZ
@given(data=st.data())
def test_any_text_in_an_opportunity_and_its_draft_round_trips_exactly(data: st.DataObject, data_dir: Path) -> None:
    """Guards: company, role, link, location, office policy, notes, contacts, the people of an
    interview, its notes, and every answer's question, text, choice and speaker, with any
    characters, are saved and read back unchanged, in the opportunity file and in a draft."""
    fresh(data_dir)
    labels = data.draw(choice_labels, "choice labels")
    profile = answered_profile(labels)
    opportunity = data.draw(opportunities_with_any_text(labels), "opportunity")
    store.save_opportunity(opportunity)
    loaded = store.load_opportunities([profile])
    assert loaded.problems == []
    assert [exactly(o) for o in loaded.items] == [exactly(opportunity)]

    interview = opportunity.interviews[-1]
    store.save_draft(opportunity.id, interview)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a draft that cannot be read only warns
        draft = store.load_draft(opportunity.id)
    assert exactly(draft) == exactly(interview)


REQUIRED_TEXT = {
    "company": (120, lambda text: Opportunity(company=text, role="Writer")),
    "role": (120, lambda text: Opportunity(company="Acme", role=text)),
    "name": (60, lambda text: Profile(name=text, criteria=[Criterion(key="a", label="A")])),
    "label": (60, lambda text: Criterion(key="a", label=text)),
    "key": (40, lambda text: Criterion(key=text, label="A")),
    "person": (None, lambda text: Person(name=text)),
    "option": (None, lambda text: ChoiceOption(label=text, value=1)),
    "criterion": (None, lambda text: Answer(criterion=text)),
}
"""Text fields that must hold something: (their length limit, a record built around them)."""
FIELD_OF = {"person": "name", "option": "label"}


@FUZZ
@given(
    which=st.sampled_from(sorted(REQUIRED_TEXT)),
    text=st.one_of(
        texts(),
        st.text(),
        st.text(" \t\n\r\x0b\x0c\x85\u00a0\u2028\u3000\ufeff\x1c"),
        st.text(min_size=30, max_size=200),
        st.from_regex(r"[a-z][a-z0-9_]{0,45}", fullmatch=True),
    ),
)
def test_text_a_field_cannot_hold_is_refused_naming_the_field(which: str, text: str) -> None:
    """Guards: blank, over-long or malformed text in a required field is refused with a
    ValidationError naming that field, never another exception; text that is taken is kept
    (trimmed only) within the field's limit."""
    limit, build = REQUIRED_TEXT[which]
    field = FIELD_OF.get(which, which)
    try:
        record = build(text)
    except ValidationError as error:
        assert error.errors()
        assert all(e["loc"] == (field,) for e in error.errors()), error.errors()
        assert f"\n{field}\n" in f"\n{error}"
        return
    kept = getattr(record, field)
    assert kept and kept in text
    assert limit is None or len(kept) <= limit


# --- Numbers ----------------------------------------------------------------------------

EDGE_NUMBERS = [
    0,
    0.0,
    -0.0,
    1,
    -1,
    0.5,
    3,
    3.0,
    9,
    10,
    5e-324,
    -5e-324,
    2.2250738585072014e-308,
    1e-320,
    1e308,
    -1e308,
    1.7976931348623157e308,
    -1.7976931348623157e308,
    math.inf,
    -math.inf,
    math.nan,
    2**53,
    2**53 + 1,
    2**63 - 1,
    2**63,
    -(2**63),
    -(2**63) - 1,
    2**64,
    10**20,
    99999999999999999999999,
    10**308,
    10**309,
    -(10**309),
    10**400,
    2**1024,
    True,
    False,
]

any_numbers = st.one_of(
    st.sampled_from(EDGE_NUMBERS),
    st.floats(),
    st.floats(0, 1),
    st.floats(-100, 100),
    st.integers(),
    st.integers(-(2**70), 2**70),
    st.integers(1, 9),
)
"""Floats of every kind (nan, inf, -0.0, subnormal, huge), whole numbers beyond 64 bits, and true/false."""

Place = tuple[str | int, ...]


@dataclass(frozen=True)
class Slot:
    """A place a number goes: the places it is written to (a place with sign -1 gets -x)."""

    name: str
    file: str
    places: tuple[tuple[Place, int], ...]
    kind: str
    """"float" (a decimal field), "int" (a whole-number field) or "answer" (a whole or decimal answer)."""
    words: tuple[str, ...]
    """Words a message about the whole record uses for this field."""
    method: str = "points"

    def __repr__(self) -> str:
        return self.name


def _slot(name: str, file: str, path: Place, kind: str = "float", *words: str, method: str = "points") -> Slot:
    return Slot(name, file, ((path, 1),), kind, words or (str(path[-1]),), method)


SLOTS = [
    _slot("weight", "profile", ("criteria", 0, "weight")),
    Slot("every weight", "profile", tuple((("criteria", i, "weight"), 1) for i in range(3)), "float", ("weight",)),
    _slot("worst", "profile", ("criteria", 1, "scale", "worst")),
    _slot("best", "profile", ("criteria", 1, "scale", "best")),
    Slot(
        "worst -x, best x",
        "profile",
        ((("criteria", 1, "scale", "worst"), -1), (("criteria", 1, "scale", "best"), 1)),
        "float",
        ("worst", "best"),
    ),
    _slot("above", "profile", ("criteria", 1, "dealbreaker", "above")),
    _slot("below", "profile", ("criteria", 0, "dealbreaker", "below")),
    _slot("option value", "profile", ("criteria", 2, "scale", "options", 0, "value")),
    _slot("strength", "profile", ("judgments", 0, "strength"), "int", method="pairwise"),
    _slot("past weight", "profile", ("history", 0, "weights", "fz_rating"), "float", "weights"),
    _slot("number answer", "opportunity", ("interviews", 0, "answers", 1, "value"), "answer"),
    _slot("rating answer", "opportunity", ("interviews", 0, "answers", 0, "value"), "answer"),
]


def records(slot: Slot, values: list[Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A profile and an opportunity (as TOML tables) with `values` in the slot's places."""
    profile: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "name": "fuzzed numbers",
        "method": slot.method,
        "criteria": [
            {"key": "fz_rating", "label": "Rating", "weight": 10, "dealbreaker": {"below": 2}},
            {
                "key": "fz_number",
                "label": "Commute",
                "weight": 10,
                "scale": {"kind": "number", "worst": 90, "best": 0, "unit": "min"},
                "dealbreaker": {"above": 75},
            },
            {
                "key": "fz_choice",
                "label": "Office",
                "weight": 10,
                "scale": {
                    "kind": "choice",
                    "options": [{"label": "remote", "value": 1}, {"label": "on-site", "value": 0}],
                },
            },
        ],
        "judgments": [{"more": "fz_rating", "less": "fz_number", "strength": 3}],
        "history": [{"date": date(2024, 1, 1), "weights": {"fz_rating": 0.5, "fz_number": 0.5}}],
    }
    opportunity: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "company": "Fuzz",
        "role": "Numbers",
        "created": date(2024, 5, 1),
        "updated": date(2024, 5, 2),
        "interviews": [
            {
                "date": date(2024, 5, 2),
                "answers": [
                    {"criterion": "fz_rating", "value": 4},
                    {"criterion": "fz_number", "value": 30},
                    {"criterion": "fz_choice", "value": "remote"},
                ],
            }
        ],
    }
    table = profile if slot.file == "profile" else opportunity
    for (path, _), value in zip(slot.places, values, strict=True):
        node = table
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value
    return profile, opportunity


def dig(data: Any, path: Place) -> Any:
    for part in path:
        data = data[part]
    return data


def loc_text(path: Place) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


UNION_TAGS = {"int", "float", "str", "constrained-str", "rating", "choice", "number"}
"""Tags pydantic puts in a location to say which member of a union it tried."""


def names_the_slot(loc: Place, message: str, slot: Slot) -> bool:
    """Whether an error at `loc` with `message` is plainly about the slot's field."""
    where = tuple(p for p in loc if p not in UNION_TAGS)
    for path, _ in slot.places:
        if where == path:
            return True
        if where == path[: len(where)] and any(word in message for word in slot.words):
            return True
    return False


def kept(value: Any, kind: str) -> Any:
    """What a record must hold when it accepts `value` in a field of this kind."""
    assert not isinstance(value, bool), f"true/false was taken as the number {float(value)}"
    if kind == "answer" and value == "":
        return None  # an empty answer is an unknown one, as documented
    assert isinstance(value, int | float), f"{value!r} was taken as a number"
    if kind == "float":
        return float(value)
    if kind == "int":
        assert value == int(value)
        return int(value)
    if isinstance(value, int) and not TOML_INT_MIN <= value <= TOML_INT_MAX:
        assert float(value) == value, f"{value} was rounded to {float(value)}"
        return float(value)
    return value


def assert_holds(table: dict[str, Any], slot: Slot, values: list[Any]) -> None:
    for (path, _), value in zip(slot.places, values, strict=True):
        held, expected = dig(table, path), kept(value, slot.kind)
        assert (type(held), repr(held)) == (type(expected), repr(expected)), f"{value!r} became {held!r}"


def assert_scores(opportunity: Opportunity, profile: Profile) -> None:
    """Whatever was accepted can be scored: the weights share 100%, and the score is finite, inside
    its finite range, from 0 to 100."""
    result = scoring.score(opportunity, profile)
    assert math.isclose(sum(cell.weight for cell in result.cells), 1)
    low, point, high = result.low, result.score, result.high
    assert all(math.isfinite(x) for x in (low, point, high)), (low, point, high)
    assert 0 <= low <= point <= high <= 100


def negate(x: Any) -> Any:
    return x if isinstance(x, bool) else -x


@FUZZ
@given(slot=st.sampled_from(SLOTS), x=any_numbers)
def test_numbers_the_app_puts_in_a_model_round_trip_exactly_or_are_refused(slot: Slot, x: Any, data_dir: Path) -> None:
    """Guards: a number in a weight, an answer, an option value, an anchor, a limit, a judgment or
    a past weight is either refused with a ValidationError naming its field, or kept as given and
    read back from the file bit for bit; and what is kept can be scored."""
    fresh(data_dir)
    values = [x if sign == 1 else negate(x) for _, sign in slot.places]
    profile_table, opportunity_table = records(slot, values)
    try:
        profile = Profile.model_validate(profile_table)
        opportunity = Opportunity.model_validate(opportunity_table)
    except ValidationError as error:
        event(f"{slot.name}: refused")
        for detail in error.errors():
            assert names_the_slot(detail["loc"], detail["msg"], slot), detail
        return
    record = profile if slot.file == "profile" else opportunity
    assert_holds(record.model_dump(by_alias=True), slot, values)

    issues = store.check_answers(opportunity, [profile])
    store.save_profile(profile)
    store.save_opportunity(opportunity)
    profiles = store.load_profiles()
    assert profiles.problems == []
    [loaded_profile] = user_profiles(profiles)
    assert exactly(loaded_profile) == exactly(profile)
    opportunities = store.load_opportunities([loaded_profile])
    if issues:  # an answer that fits no scale: the app's check and the store both refuse it, naming it
        event(f"{slot.name}: does not fit the scale")
        where = loc_text(slot.places[0][0])
        assert slot.kind == "answer" and all(issue.startswith(f"{where}: ") for issue in issues)
        assert opportunities.items == [] and [p.field for p in opportunities.problems] == [where]
        return
    event(f"{slot.name}: kept")
    assert opportunities.problems == []
    [loaded] = opportunities.items
    assert exactly(loaded) == exactly(opportunity)
    assert_scores(loaded, loaded_profile)


INVALID = object()
"""What TOML makes of a literal that is not valid TOML."""


def toml_value(literal: str) -> Any:
    try:
        return tomllib.loads(f"v = {literal}")["v"]
    except tomllib.TOMLDecodeError:
        return INVALID


ODD_LITERALS = [
    "nan",
    "+nan",
    "-nan",
    "inf",
    "+inf",
    "-inf",
    "-0.0",
    "+0.0",
    "-0",
    "+0",
    "0e0",
    "-0e0",
    "1e400",
    "-1e400",
    "1e-400",
    "4.9e-324",
    "2.5e-324",
    "1_000",
    "1_000.000_1",
    "99999999999999999999999",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "0x7fffffffffffffff",
    "0xffffffffffffffffffff",
    "true",
    "false",
    '"abc"',
    '""',
    "[]",
    "[1, 2]",
    "{}",
    "{ a = 1 }",
    "1979-05-27",
    "07:32:00",
    "1979-05-27T07:32:00Z",
    # not valid TOML
    "01",
    "1__0",
    "_1",
    "1_",
    ".5",
    "5.",
    "1.e5",
    "Infinity",
    "NaN",
    "0x-1",
    "-0x1",
    "+0x1",
    "0X10",
    "--1",
    "1e",
    "1,5",
    "1e1.5",
    "0b2",
    "0o8",
]


@st.composite
def toml_numbers(draw: st.DrawFn) -> str:
    """A number as someone might write it in a TOML file: any float, any whole number in any base."""
    form = draw(st.sampled_from(["float", "int", "grouped", "based", "exponent", "odd"]))
    if form == "float":
        x = draw(st.floats())
        return "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf") if math.isinf(x) else repr(x)
    if form in ("int", "grouped"):
        n = draw(st.one_of(st.integers(), st.integers(-(10**40), 10**40), st.sampled_from(EDGE_NUMBERS[:14])))
        n = int(n)
        text = f"{n:_}" if form == "grouped" else str(n)
        return "+" + text if n >= 0 and draw(st.booleans()) else text
    if form == "based":
        n = draw(st.integers(0, 2**80))
        prefix = draw(st.sampled_from(["0x", "0o", "0b"]))
        return prefix + format(n, {"0x": "x", "0o": "o", "0b": "b"}[prefix])
    if form == "exponent":
        mantissa = draw(st.sampled_from(["1", "-1", "5", "2.5", "9.99", "-0", "0.1"]))
        return f"{mantissa}{draw(st.sampled_from('eE'))}{draw(st.integers(-400, 400))}"
    return draw(st.sampled_from(ODD_LITERALS))


def negated(literal: str) -> str:
    if literal.startswith("-"):
        return literal[1:]
    return "-" + literal.removeprefix("+")


def hand_written(slot: Slot, literals: list[str]) -> tuple[Path, Profile | None]:
    """Write the slot's file by hand with the literals in its places; return it and the profile
    the opportunity is read with."""
    marks = [f"@@{i}@@" for i in range(len(literals))]
    profile_table, opportunity_table = records(slot, marks)
    if slot.file == "profile":
        folder, table, profile = paths.profiles_dir(), profile_table, None
    else:
        folder, table, profile = paths.opportunities_dir(), opportunity_table, Profile.model_validate(profile_table)
    text = tomli_w.dumps(table)
    for mark, literal in zip(marks, literals, strict=True):
        text = text.replace(f'"{mark}"', literal)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "fuzz.toml"
    path.write_text(text, "utf-8")
    return path, profile


@FUZZ
@given(slot=st.sampled_from(SLOTS), literal=toml_numbers())
def test_numbers_written_by_hand_load_exactly_or_are_reported(slot: Slot, literal: str, data_dir: Path) -> None:
    """Guards: a file edited by hand with any number literal in a numeric field loads with
    exactly the number TOML reads there, or is reported as a Problem naming that field (or as
    invalid TOML, with its line), and is left as it is; reading it never raises."""
    fresh(data_dir)
    literals = [literal if sign == 1 else negated(literal) for _, sign in slot.places]
    values = [toml_value(lit) for lit in literals]
    path, profile = hand_written(slot, literals)
    before = path.read_bytes()

    if profile is None:
        loaded: store.Loaded[Any] = store.load_profiles()
        items = user_profiles(loaded)
    else:
        loaded = store.load_opportunities([profile])
        items = loaded.items
    problems = [p for p in loaded.problems if p.path == path]
    assert path.read_bytes() == before
    assert len(items) + bool(problems) == 1, (items, problems)
    assert not [p for p in loaded.problems if p.path != path]

    if INVALID in values:
        event("not valid TOML")
        [problem] = problems
        assert problem.message.startswith("is not valid TOML") and problem.line is not None
        return
    if items:
        event(f"{slot.name}: loaded")
        [item] = items
        assert_holds(item.model_dump(by_alias=True), slot, values)
        if profile is None:
            assert_scores(Opportunity.model_validate(records(slot, values)[1]), item)
        else:
            assert_scores(item, profile)
        return
    event(f"{slot.name}: reported")
    for problem in problems:
        assert names_the_slot(_as_loc(problem.field), problem.message, slot), str(problem)
        assert problem.message and len(problem.message) < 300, str(problem)


def _as_loc(field: str) -> Place:
    """ "criteria[1].scale" -> ("criteria", 1, "scale")."""
    loc: list[str | int] = []
    for part in field.replace("[", ".[").split("."):
        if part.startswith("["):
            loc.append(int(part.strip("[]")))
        elif part:
            loc.append(part)
    return tuple(loc)


TOO_LONG_FOR_PYTHON = {
    "decimal": "1" + "0" * 5000,
    "negative": "-" + "9" * 4301,
    "hex": "0x" + "f" * 5000,
}
"""Whole numbers of more than 4,300 digits, which Python will not turn into or out of text."""


@pytest.mark.parametrize("slot", [SLOTS[0], SLOTS[10]], ids=lambda s: s.name)
@pytest.mark.parametrize("literal", TOO_LONG_FOR_PYTHON.values(), ids=TOO_LONG_FOR_PYTHON.keys())
def test_a_number_too_long_for_python_is_reported_not_raised(slot: Slot, literal: str) -> None:
    """Guards: a hand-edited number of thousands of digits makes a short Problem naming its file and
    its field or line, not a crash."""
    path, profile = hand_written(slot, [literal])
    loaded = store.load_profiles() if profile is None else store.load_opportunities([profile])
    problems = [p for p in loaded.problems if p.path == path]
    assert problems and all(len(p.message) < 300 and (p.field or p.line) for p in problems)


def test_a_schema_too_long_for_python_is_reported_not_raised() -> None:
    """Guards: `schema = 0xfff...` (thousands of digits) is refused as a newer schema, not a crash."""
    folder = paths.opportunities_dir()
    folder.mkdir(parents=True)
    (folder / "fuzz.toml").write_text(f'schema = {TOO_LONG_FOR_PYTHON["hex"]}\ncompany = "A"\nrole = "B"\n', "utf-8")
    [problem] = store.load_opportunities([]).problems
    assert problem.field == "schema" and len(problem.message) < 300


# --- Numbers typed into a form ------------------------------------------------------------


@FUZZ
@given(x=st.floats(allow_nan=False, allow_infinity=False))
def test_a_number_shown_in_a_form_reads_back_as_the_same_number(x: float) -> None:
    """Guards: editing a form never changes a number nobody touched: any finite number, shown
    as text and read back, is the same number (-0.0 shows as "0")."""
    assert numbers.parse_number(numbers.number_text(x)) == x


@st.composite
def typed_numbers(draw: st.DrawFn) -> tuple[str, float]:
    """A decimal number as people type it (thousands separated, decimal point or comma), and its value."""
    whole = draw(st.one_of(st.integers(0, 999), st.integers(0, 10**15)))
    fraction = draw(st.text("0123456789", max_size=6))
    sign = draw(st.sampled_from(["", "-"]))
    value = float(f"{sign}{whole}.{fraction or 0}")
    styles = ["plain", "comma thousands", "space thousands", "no-break space", "narrow no-break", "underscore"]
    if fraction:
        styles += ["decimal comma", "dot thousands, decimal comma", "narrow no-break, decimal comma"]
    style = draw(st.sampled_from(styles))
    separator, point = {
        "plain": ("", "."),
        "comma thousands": (",", "."),
        "space thousands": (" ", "."),
        "no-break space": ("\u00a0", "."),
        "narrow no-break": ("\u202f", "."),
        "underscore": ("_", "."),
        "decimal comma": ("", ","),
        "dot thousands, decimal comma": (".", ","),
        "narrow no-break, decimal comma": ("\u202f", ","),
    }[style]
    grouped = f"{whole:,}".replace(",", separator)
    # "1234,567" and "1,567" read as thousands by design (as "46,000" must): no way to tell them apart
    assume(not (point == "," and len(fraction) == 3 and grouped.isdigit()))
    return sign + grouped + (point + fraction if fraction else ""), value


@FUZZ
@given(typed=typed_numbers())
def test_a_number_typed_the_way_people_write_it_is_read_as_that_number(typed: tuple[str, float]) -> None:
    """Guards: "1,234.5", "1 234,5", "1.234,5" and "1234.5" are all 1234.5, never 1.2345."""
    text, value = typed
    assert numbers.parse_number(text) == value


@FUZZ
@given(text=st.one_of(st.text(), st.text("0123456789,._ -+e\u00a0\u202fnaif"), texts()))
def test_typed_text_is_a_finite_number_or_nothing(text: str) -> None:
    """Guards: whatever is typed into a number field, the form gets a finite number or None, never
    an exception, nan or infinity."""
    number = numbers.parse_number(text)
    assert number is None or (type(number) is float and math.isfinite(number))
