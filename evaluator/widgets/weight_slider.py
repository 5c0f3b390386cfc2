"""One criterion's weight as a row: ``Pay   − ━━━━━●──────── +   12   18%``.

The row shows the points the user gave, a bar to click, and the criterion's share of the
total (computed by `evaluator.scoring`, passed in as `fraction`). Clicking the bar or the
− / + marks posts `WeightSlider.Changed`; the screen decides whether to apply it. With the
rank or pairwise method the row shows the rank and the share only, since points do not count.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from evaluator.report import percent

LABEL_WIDTH = 22
"""Cells kept for the label at most (less on narrow rows, to leave room for the bar)."""
TAIL_WIDTH = 2 + 6 + 6
"""Cells after the bar: " +", the points (6) and the percentage (6)."""
MIN_BAR = 8


def points_text(points: float) -> str:
    """Points as the user typed them: 12 rather than 12.0, 12.5 as it is."""
    return f"{points:g}" if abs(points) < 1e6 else f"{points:.3g}"


class WeightSlider(Widget):
    """A criterion's weight as a row you can click; nudged by the screen's keys."""

    DEFAULT_CSS = """
    WeightSlider {
        height: 1;
        width: 1fr;
    }
    """

    points: reactive[float] = reactive(0.0)
    """The criterion's points (used by the points method)."""
    fraction: reactive[float | None] = reactive(None)
    """Its share of the total weight, 0..1, or None when there is no valid total."""
    method: reactive[str] = reactive("points")
    """"points", "rank" or "pairwise": only points rows show the − / + marks and points."""
    rank: reactive[int] = reactive(0)
    """Its position, 1 for the most important (shown with the rank method)."""
    scale_max: reactive[float] = reactive(30.0)
    """The points at the right end of the bar."""
    label_width: reactive[int] = reactive(LABEL_WIDTH)
    """Cells for the label, the same for every row of a list so the bars line up."""

    @dataclass
    class Changed(Message):
        """The user clicked the bar or a − / + mark: they ask for these points."""

        slider: WeightSlider
        points: float

        @property
        def control(self) -> WeightSlider:
            return self.slider

    @dataclass
    class Picked(Message):
        """The user clicked the label: select this row (`open` on a double click)."""

        slider: WeightSlider
        open: bool = False

        @property
        def control(self) -> WeightSlider:
            return self.slider

    def __init__(self, key: str, label: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.key = key
        self.label = label

    # --- geometry ---------------------------------------------------------------------

    def _label_width(self) -> int:
        room = self.size.width - 3 - MIN_BAR - TAIL_WIDTH
        return max(6, min(self.label_width, room))

    def _bar_span(self) -> tuple[int, int]:
        """(first cell, cell count) of the bar."""
        start = self._label_width() + 3  # label, space, "−", space
        return start, max(MIN_BAR, self.size.width - start - TAIL_WIDTH)

    def _knob(self, cells: int) -> int:
        if self.method == "points":
            share = self.points / self.scale_max if self.scale_max > 0 else 0.0
        else:
            share = self.fraction or 0.0
        return min(cells - 1, max(0, round(share * (cells - 1))))

    def points_at(self, x: int) -> float | None:
        """The points a click at column x asks for, or None if x is not on the bar or a mark."""
        start, cells = self._bar_span()
        if x == start - 2:
            return max(0.0, self.points - 1)
        if x == start + cells + 1:
            return self.points + 1
        if start <= x < start + cells:
            return float(round((x - start) / max(1, cells - 1) * self.scale_max))
        return None

    # --- drawing ----------------------------------------------------------------------

    def render(self) -> Content:
        width = self._label_width()
        label = f"{self.rank}. {self.label}" if self.method == "rank" else self.label
        label_cell = Content(label).truncate(width, ellipsis=True, pad=True)
        _, cells = self._bar_span()
        knob = self._knob(cells)
        points_mode = self.method == "points"
        parts: list[tuple[str, str] | str | Content] = [label_cell, " "]
        parts.append(("−", "bold $accent") if points_mode else " ")
        parts.append(" ")
        if points_mode:
            parts += [("━" * knob, "$primary"), ("●", "bold $primary"), ("─" * (cells - knob - 1), "$text-muted")]
        else:
            filled = round((self.fraction or 0.0) * cells)
            parts += [("━" * filled, "bold $primary"), ("─" * (cells - filled), "$text-muted")]
        parts.append(" ")
        parts.append(("+", "bold $accent") if points_mode else " ")
        parts.append(points_text(self.points).rjust(6) if points_mode else " " * 6)
        share = "—" if self.fraction is None else percent(self.fraction)
        parts.append((share.rjust(6), "bold"))
        return Content.assemble(*parts)

    # --- mouse ------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        event.stop()
        wanted = self.points_at(event.x) if self.method == "points" else None
        if wanted is not None:
            self.post_message(self.Changed(self, wanted))
        else:
            self.post_message(self.Picked(self, open=event.chain >= 2))
