"""An opportunity's total in the comparison: score, range and a range bar, winner starred.

::

    ★ 72   58–84
    ───━━━━●━━━━──
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from evaluator.widgets.criterion_cell import MUTED
from evaluator.widgets.range_bar import range_bar_content

WINNER = "★"


class ScoreCell(Widget):
    """Score, low–high and the range drawn to the cell's width."""

    DEFAULT_CSS = """
    ScoreCell {
        width: 1fr;
        height: 2;
        padding: 0 1;
    }
    """

    def __init__(
        self,
        score: float,
        low: float,
        high: float,
        *,
        winner: bool = False,
        excluded: bool = False,
        name: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, classes=classes)
        self.score, self.low, self.high = score, low, high
        self.winner = winner
        self.excluded = excluded

    def render(self) -> Content:
        width = max(self.content_size.width, 4)
        mark = (f"{WINNER} ", "bold $text-accent") if self.winner else ("✗ " if self.excluded else "  ", "$text-error")
        first = Content.assemble(
            mark,
            (f"{self.score:.0f}", "bold"),
            (f"  {self.low:.0f}–{self.high:.0f}", MUTED),
        ).truncate(width, ellipsis=True)
        bar = range_bar_content(self.score, self.low, self.high, width=width)
        if self.excluded:
            bar = bar.stylize(MUTED)
        return Content("\n").join([first, bar])
