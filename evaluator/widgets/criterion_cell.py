"""One criterion of one opportunity in the comparison: value, confidence and points.

Two lines, sized to the cell::

    ●●○ hybrid, fixed days
    ██████▍       5.0

The dots are how sure the answer is (●●● high, ●●○ medium, ●○○ low, ○○○ unknown); the bar is
the points this criterion adds to the score, out of the most it could add (100 × its weight).
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from evaluator.model import Confidence
from evaluator.widgets.range_bar import percent_bar

MUTED = "$foreground 60%"
"""Muted text inside Content ("$text-muted" is not resolved there on every theme)."""

CONFIDENCE_MARK = {
    Confidence.HIGH: ("●●●", "$text-success"),
    Confidence.MEDIUM: ("●●○", "$text-warning"),
    Confidence.LOW: ("●○○", "$text-error"),
}
UNKNOWN_MARK = ("○○○", MUTED)
CONFIDENCE_LEGEND = "●●● high  ●●○ medium  ●○○ low confidence  ○○○ unknown"


def confidence_mark(known: bool, confidence: Confidence | None) -> tuple[str, str]:
    """The dots for an answer's confidence, and their style."""
    if not known or confidence is None:
        return UNKNOWN_MARK
    return CONFIDENCE_MARK[confidence]


class CriterionCell(Widget):
    """A comparison cell: the value as the user gave it, how sure it is, and its contribution."""

    DEFAULT_CSS = """
    CriterionCell {
        width: 1fr;
        height: 2;
        padding: 0 1;
    }
    CriterionCell.-unknown {
        text-style: italic;
    }
    """

    def __init__(
        self,
        value: str,
        *,
        short: str = "",
        known: bool,
        confidence: Confidence | None,
        contribution: float,
        most: float,
        evidence: str = "",
        name: str | None = None,
        classes: str | None = None,
    ) -> None:
        """`value` is already formatted (report.cell_value) and `short` is shown instead when `value`
        does not fit (e.g. "unknown" for "unknown (counted 50%)"); `most` is the most this criterion
        can add (100 × its weight)."""
        super().__init__(name=name, classes=classes)
        self.value = value
        self.short = short
        self.known = known
        self.confidence = confidence
        self.contribution = contribution
        self.most = most
        self.set_class(not known, "-unknown")
        self.tooltip = evidence or None

    @property
    def fraction(self) -> float:
        """The contribution as a fraction of the most this criterion could add."""
        return self.contribution / self.most if self.most > 0 else 0.0

    def render(self) -> Content:
        width = max(self.content_size.width, 4)
        mark, mark_style = confidence_mark(self.known, self.confidence)
        value_style = "" if self.known else "$text-warning"
        value = self.value
        if self.short and len(mark) + 1 + len(value) > width:
            value = self.short
        first = Content.assemble((mark, mark_style), " ", (value, value_style)).truncate(width, ellipsis=True)
        points = f"{self.contribution:.1f}"
        bar_width = max(width - len(points) - 1, 1)
        bar_style = "$primary" if self.known else "$foreground 25%"
        bar = Content.styled(percent_bar(self.fraction, bar_width).plain, bar_style)
        second = Content.assemble(bar, " ", (points, MUTED)).truncate(width)
        return Content("\n").join([first, second])
