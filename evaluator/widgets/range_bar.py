"""A score and its range drawn in a few cells: ``72 ──━━━●━━──``."""

from __future__ import annotations

from rich.text import Text


def range_bar(score: float, low: float, high: float, width: int = 12) -> Text:
    """Draw low..high on a 0..100 track, with the point score as a dot.

    Colours come from the theme through the `$text-*` style names resolved by the caller's
    widget; here only the shape is drawn, with "dim" for the empty track.
    """
    cells = max(width, 3)

    def cell(value: float) -> int:
        return min(cells - 1, max(0, round(value / 100 * (cells - 1))))

    lo, hi, at = cell(low), cell(high), cell(score)
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
