"""Numbers as people type them and as they are shown back, so an edit never changes a value."""

from __future__ import annotations

import math

_SPACES = ("\u202f", "\u00a0", " ")
"""Spaces people put between thousands: narrow no-break, no-break and plain."""


def parse_number(text: str) -> float | None:
    """A number as people type it: "46000", "46,000", "46 000", "25.5", "2,5", "1.234,5", "1 234,5";
    None if it is not one.

    A comma after a dot is a decimal comma, the dots separating thousands ("1.234,5"); so is a
    single comma after thousands separated by spaces ("1 234,567"). Otherwise a comma followed by
    groups of three digits separates thousands ("46,000"), and any other comma is a decimal comma.
    Infinite and NaN values are not numbers here.
    """
    stripped = text.strip()
    spaced = any(space in stripped for space in _SPACES)
    cleaned = stripped
    for separator in (*_SPACES, "_"):
        cleaned = cleaned.replace(separator, "")
    comma, dot = cleaned.rfind(","), cleaned.rfind(".")
    if comma > dot >= 0:
        whole, _, fraction = cleaned.rpartition(",")
        groups = whole.split(".")
        if not all(len(g) == 3 for g in groups[1:]):
            return None
        cleaned = "".join(groups) + "." + fraction
    elif comma >= 0 and dot < 0:
        parts = cleaned.split(",")
        thousands = all(len(p) == 3 for p in parts[1:]) and not (spaced and len(parts) == 2)
        cleaned = "".join(parts) if thousands else cleaned.replace(",", ".")
    else:
        cleaned = cleaned.replace(",", "")
    try:
        number = float(cleaned)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def number_text(value: float) -> str:
    """The number as it reads back exactly: 1234567.0 → "1234567", 2.5 → "2.5", never "1.23e+06"
    for a number a person would type."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))
