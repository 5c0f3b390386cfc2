"""Saaty's 1–9 scale between two criteria: ``9 8 7 6 5 4 3 2 1 2 3 4 5 6 7 8 9``.

The position is a number from -8 to 8: negative leans to the left criterion, positive to
the right one, 0 means "equally important". The strength is ``abs(position) + 1``.
Left/right (or a click) moves it; the widget posts `SaatyScale.Changed`.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

SPAN = 8
CELL = 3

STRENGTH_WORDS = {
    1: "equally important",
    2: "equally to moderately more important",
    3: "moderately more important",
    4: "moderately to strongly more important",
    5: "strongly more important",
    6: "strongly to very strongly more important",
    7: "very strongly more important",
    8: "very strongly to extremely more important",
    9: "extremely more important",
}
"""Saaty's verbal scale, as said of the criterion that matters more."""


def strength_of(position: int) -> int:
    """The Saaty strength (1–9) of a position (-8..8)."""
    return abs(position) + 1


class SaatyScale(Widget, can_focus=True):
    """Pick a side and a strength from 1 (equal) to 9 (extremely more important)."""

    DEFAULT_CSS = """
    SaatyScale {
        width: 51;
        height: 2;
    }
    SaatyScale:focus {
        background: $boost;
    }
    """
    BINDINGS = [
        Binding("left", "move(-1)", "Left matters more", show=False),
        Binding("right", "move(1)", "Right matters more", show=False),
        Binding("home", "set(-8)", "Left extremely", show=False),
        Binding("end", "set(8)", "Right extremely", show=False),
        Binding("1", "set(0)", "Equal", show=False),
    ]

    position: reactive[int] = reactive(0)

    @dataclass
    class Changed(Message):
        """The position moved."""

        scale: SaatyScale
        position: int

        @property
        def control(self) -> SaatyScale:
            return self.scale

    def render(self) -> Content:
        cells: list[tuple[str, str] | str] = []
        for position in range(-SPAN, SPAN + 1):
            text = f"{strength_of(position)}".center(CELL)
            if position == self.position:
                cells.append((text, "reverse bold $accent"))
            elif position == 0:
                cells.append((text, "bold"))
            else:
                cells.append((text, "$text-muted" if abs(position) % 2 else ""))
        left = "◀ left matters more"
        right = "right matters more ▶"
        gap = SPAN * CELL * 2 + CELL - len(left) - len(right)
        return Content.assemble(*cells, "\n", (left, "$text-muted"), " " * max(1, gap), (right, "$text-muted"))

    def watch_position(self, position: int) -> None:
        self.post_message(self.Changed(self, position))

    def action_move(self, step: int) -> None:
        self.position = max(-SPAN, min(SPAN, self.position + step))

    def action_set(self, position: int) -> None:
        self.position = position

    def on_click(self, event: events.Click) -> None:
        if event.y == 0 and 0 <= event.x < (2 * SPAN + 1) * CELL:
            self.position = event.x // CELL - SPAN
        self.focus()
