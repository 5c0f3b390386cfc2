"""A score and its range drawn in a few cells: ``72 ──━━━●━━──``."""

from __future__ import annotations

from functools import lru_cache

from rich.text import Text
from textual.content import Content


def range_cells(score: float, low: float, high: float, width: int = 12) -> tuple[int, int, int, int]:
    """(low cell, high cell, score cell, cells): where the bar's pieces fall on its track.

    Two bars with the same cells look the same, whatever their exact numbers.
    """
    cells = max(width, 3)

    def cell(value: float) -> int:
        return min(cells - 1, max(0, round(value / 100 * (cells - 1))))

    return cell(low), cell(high), cell(score), cells


def range_bar(score: float, low: float, high: float, width: int = 12) -> Text:
    """Draw low..high on a 0..100 track, with the point score as a dot.

    Colours come from the theme through the `$text-*` style names resolved by the caller's
    widget; here only the shape is drawn, with "dim" for the empty track.
    """
    return _drawn(*range_cells(score, low, high, width))


def range_bar_content(score: float, low: float, high: float, width: int = 12) -> Content:
    """`range_bar` as Textual Content, for widgets that draw Content.

    Converting rich Text costs more than drawing it, and a list redrawn on every key press
    holds the same few bars over and over: equal bars share one (immutable) Content.
    """
    return _content(*range_cells(score, low, high, width))


@lru_cache(maxsize=2048)
def _content(lo: int, hi: int, at: int, cells: int) -> Content:
    return Content.from_rich_text(_drawn(lo, hi, at, cells))


def _drawn(lo: int, hi: int, at: int, cells: int) -> Text:
    bar = Text()
    for i in range(cells):
        if i == at:
            bar.append("●", style="bold")
        elif lo <= i <= hi:
            bar.append("━")
        else:
            bar.append("─", style="dim")
    return bar


def percent_bar(fraction: float, width: int = 10) -> Text:
    """A plain horizontal bar for a fraction from 0 to 1 (weights, contributions)."""
    eighths = " ▏▎▍▌▋▊▉█"
    total = max(0.0, min(1.0, fraction)) * width * 8
    full, rest = divmod(round(total), 8)
    text = "█" * full + (eighths[rest] if rest else "")
    return Text(text.ljust(width))
