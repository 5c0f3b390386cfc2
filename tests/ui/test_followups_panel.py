"""The follow-ups panel on its own: it shows the due list and posts Picked for the chosen item."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import App, ComposeResult
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import OptionDoesNotExist

from evaluator import followups, store
from evaluator.followups import Kind
from evaluator.widgets.followups_panel import EMPTY, FollowupsPanel

DAY = date(2026, 11, 24)


class PanelApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.items = followups.due(store.load_examples(), DAY)
        self.picked: list[followups.Due] = []
        self.raw_selections: list[OptionList.OptionSelected] = []

    def compose(self) -> ComposeResult:
        yield FollowupsPanel(self.items, id="due")

    @on(FollowupsPanel.Picked)
    def _picked(self, event: FollowupsPanel.Picked) -> None:
        self.picked.append(event.item)

    @on(OptionList.OptionSelected)
    def _raw(self, event: OptionList.OptionSelected) -> None:
        self.raw_selections.append(event)


def lines(panel: FollowupsPanel) -> list[str]:
    return [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]


async def test_panel_shows_the_due_list_and_posts_picked() -> None:
    app = PanelApp()
    seen: list[Message] = []
    async with app.run_test(size=(100, 30), message_hook=seen.append) as pilot:
        panel = app.query_one(FollowupsPanel)
        assert panel.border_title == "Due (3)"
        assert lines(panel) == [
            "4 days overdue  Lumen & Bell PR: send a thank-you note to Amara Nwosu",
            "4 days overdue  Pulseband: follow up with Tomás Reyes",
            "1 day overdue   Vallée Verte Wines: follow up with Claire Dumont",
        ]
        # What is on screen, not only in the options.
        shown = "\n".join(str(line.text) for line in [panel.render_line(y) for y in range(panel.size.height)])
        assert "Lumen & Bell PR: send a thank-you note to Amara Nwosu" in shown

        panel.focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert [(i.kind, i.opportunity.id) for i in app.picked] == [(Kind.FOLLOW_UP, "wearables-startup")]
        # The panel's own OptionSelected stops at the panel: only Picked reaches the app.
        picked = {id(m): m for m in seen if isinstance(m, FollowupsPanel.Picked)}
        assert [m.control for m in picked.values()] == [panel]
        assert app.raw_selections == []

        await pilot.click(FollowupsPanel, offset=(20, 3))  # the third line, under the border
        await pilot.pause()
        assert app.picked[-1].opportunity.id == "vallee-verte-wines"


async def test_show_replaces_the_items_and_keeps_the_highlight() -> None:
    app = PanelApp()
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.query_one(FollowupsPanel)
        panel.highlighted = 1
        assert panel.current is not None and panel.current.opportunity.id == "wearables-startup"

        # The PR agency's thank-you went out: the Pulseband item stays highlighted.
        panel.show(app.items[1:])
        await pilot.pause()
        assert panel.option_count == 2 and panel.border_title == "Due (2)"
        assert panel.current is not None and panel.current.opportunity.id == "wearables-startup"

        panel.show([])
        await pilot.pause()
        assert panel.has_class("-empty") and panel.border_title == "Due"
        assert lines(panel) == [EMPTY]
        assert panel.current is None
        panel.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.picked == []
        try:
            panel.get_option("vallee-verte-wines-followup-2026-11-23")
        except OptionDoesNotExist:
            pass
        else:
            raise AssertionError("an item that is no longer due is still listed")
