"""Numbers as people type them and as they are shown back, so an edit never changes a value."""

from __future__ import annotations

import math


def parse_number(text: str) -> float | None:
    """A number as people type it: "46000", "46,000", "46 000", "25.5", "2,5"; None if it is not one.

    A comma followed by groups of three digits separates thousands; any other comma is a decimal
    comma. Infinite and NaN values are not numbers here.
    """
    cleaned = text.strip().replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace("_", "")
    if "," in cleaned and "." not in cleaned:
        parts = cleaned.split(",")
        cleaned = "".join(parts) if all(len(p) == 3 for p in parts[1:]) else cleaned.replace(",", ".")
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
