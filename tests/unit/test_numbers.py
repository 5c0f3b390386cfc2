"""Typed numbers: what people write is read as they mean it, and shown back without change."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evaluator.numbers import number_text, parse_number


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("46000", 46000),
        ("46,000", 46000),
        ("46 000", 46000),
        ("1,234,567", 1234567),
        ("25.5", 25.5),
        ("2,5", 2.5),
        ("-3.5", -3.5),
        (" 90 ", 90),
    ],
)
def test_numbers_as_people_type_them(typed: str, number: float) -> None:
    assert parse_number(typed) == number


@pytest.mark.parametrize("typed", ["abc", "", "nan", "inf", "1.2.3", "12 abc"])
def test_what_is_not_a_number(typed: str) -> None:
    assert parse_number(typed) is None


def test_large_whole_numbers_read_back_whole() -> None:
    assert number_text(1234567.0) == "1234567"
    assert number_text(40000) == "40000"
    assert number_text(2.5) == "2.5"


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_showing_then_reading_a_number_gives_it_back(value: float) -> None:
    parsed = parse_number(number_text(value))
    assert parsed is not None and math.isclose(parsed, value, rel_tol=0, abs_tol=0)
