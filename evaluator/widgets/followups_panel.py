"""What is due: thank-you notes to send, follow-ups whose date has come, opportunities gone quiet.

It draws what `evaluator.followups.due` returns (the same list `evaluator followups` prints),
most overdue first, one option per item::

    4 days overdue  Lumen & Bell PR: send a thank-you note to Amara Nwosu
    1 day overdue   Vallée Verte Wines: follow up with Claire Dumont
    34 days quiet   Acme: mark as ghosted?

Up/down move, enter (or a click) posts `FollowupsPanel.Picked` with the item; the screen
decides what to do with it (open the opportunity, offer the "ghosted" stage...).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import on
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from evaluator.followups import Due, Kind

WHEN_WIDTH = 15
"""Cells for "10 days overdue", the longest usual urgency."""
EMPTY = "Nothing due: no thank-you note to send, no follow-up date reached, nothing gone quiet."


def _when(item: Due) -> Content:
    text = f"{item.when:<{WHEN_WIDTH}}"
    if item.kind is Kind.STALE:
        return Content.styled(text, "$text-warning")
    if item.days_overdue > 0:
        return Content.styled(text, "bold $text-error")
    if item.days_overdue == 0:
        return Content.styled(text, "bold $text-warning")
    return Content.styled(text, "$text-muted")


def prompt(item: Due) -> Content:
    """One item's line: urgency, company, what to do."""
    return Content.assemble(
        _when(item),
        " ",
        (item.opportunity.company, "bold"),
        ": ",
        item.action,
    )


DUE_AT_MOST = 50
"""Items the panel lists, most urgent first; the rest are counted (each costs layout time)."""


class FollowupsPanel(OptionList):
    """The due list; enter or a click on an item posts `FollowupsPanel.Picked`."""

    DEFAULT_CSS = """
    FollowupsPanel {
        height: auto;
        max-height: 8;
        border: round $panel;
        border-title-color: $text-muted;
        padding: 0 1;
        &:focus {
            border: round $primary;
            border-title-color: $text;
        }
    }
    """

    @dataclass
    class Picked(Message):
        """The user picked an item (enter or a click)."""

        panel: FollowupsPanel
        item: Due

        @property
        def control(self) -> FollowupsPanel:
            return self.panel

    def __init__(
        self,
        items: Sequence[Due] = (),
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.items: list[Due] = []
        self.show(items)

    def show(self, items: Sequence[Due]) -> None:
        """Replace the list (keep it in the order given); the highlighted item stays if still due."""
        current = self.highlighted_option.id if self.highlighted_option is not None else None
        self.items = list(items[:DUE_AT_MOST])
        self.clear_options()
        if self.items:
            self.add_options(Option(prompt(item), id=item.key) for item in self.items)
        else:
            self.add_option(Option(Content.styled(EMPTY, "$text-muted"), disabled=True))
        if len(items) > DUE_AT_MOST:
            more = f"…and {len(items) - DUE_AT_MOST:,} more, less urgent: `evaluator followups` lists them all"
            self.add_option(Option(Content.styled(more, "$text-muted"), disabled=True))
        self.set_class(not self.items, "-empty")
        self.border_title = f"Due ({len(items):,})" if self.items else "Due"
        keys = [item.key for item in self.items]
        if current in keys:
            self.highlighted = keys.index(current)
        elif self.items:
            self.highlighted = 0

    @property
    def current(self) -> Due | None:
        """The highlighted item, if any."""
        index = self.highlighted
        return self.items[index] if index is not None and index < len(self.items) else None

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.items:
            self.post_message(self.Picked(self, self.items[event.option_index]))
