"""Opportunities (home): every role, ranked under the active profile."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from evaluator import followups, report, scoring
from evaluator.model import Opportunity
from evaluator.widgets.followups_panel import FollowupsPanel
from evaluator.widgets.range_bar import range_bar

MARK = "●"


LIST_AT_MOST = 300
"""Rows the list shows at once (the best ranked, or the best that match the filter): more could
not be read, and each one costs the table time to lay out."""
COMPARE_AT_MOST = 12
"""With no rows marked, Compare takes the open opportunities ranked first, at most this many:
side by side, more columns than that cannot be read."""


class HomeScreen(Screen[None]):
    """The ranked list of opportunities."""

    HELP = f"""\
## Opportunities

Every role you are considering, ranked under the active profile (its name is in the title).
**Score** is out of 100 with its range drawn as a bar: the range is what the score could be
once the unknowns and unsure answers are settled. **Win** is how often it comes first when
the weights and uncertain answers vary; **?** counts unknown criteria. Excluded ones
(a certain dealbreaker) are listed last and marked ✗.

Mark rows with **space** and press **c** to compare them (none marked: the best {COMPARE_AT_MOST}).
Below the list, **Due** shows thank-you notes to send, follow-ups whose date has come and
quiet opportunities (tab to it, enter to act on one).

Closed opportunities (accepted, declined, withdrawn, rejected, ghosted) are hidden; **h** lists
them after the open ones, unranked. **a** archives the highlighted one (after asking);
**delete** moves it to the trash, and *Trash* in the command palette (ctrl+p) brings it back.
"""

    BINDINGS = [
        Binding("enter", "open", "Open", show=False),
        Binding("n", "new", "New", id="home.new"),
        Binding("e", "edit", "Edit", id="home.edit"),
        Binding("i", "capture", "Interview", id="home.capture"),
        Binding("space", "mark", "Mark", id="home.mark", show=False),
        Binding("c", "compare", "Compare", id="home.compare"),
        Binding("p", "app.switch_profile", "Profile", id="home.profile"),
        Binding("w", "profiles", "Weights", id="home.profiles"),
        Binding("a", "archive", "Archive", id="home.archive"),
        Binding("delete", "delete", "Delete", id="home.delete", show=False),
        Binding("h", "toggle_closed", "Show closed", id="home.closed", show=False),
        Binding("slash", "filter", "Filter", id="home.filter", show=False),
        Binding("escape", "clear_filter", "Clear filter", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.marked: set[str] = set()
        self.win: dict[str, float] = {}
        self.ranked: list[scoring.Score] = []
        self.show_closed = False
        self._generation = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="home-bar"):
            yield Input(placeholder="Filter by company, role or stage  (/)", id="filter")
            yield Static(id="win-status")
        yield DataTable(id="opportunities", cursor_type="row", zebra_stripes=True)
        yield Static(id="more-rows")
        yield Static(id="empty-state")
        yield FollowupsPanel(id="due")
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        self.app.data_changed.subscribe(self, lambda _: self.refresh_table())
        self.refresh_table()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        self._fill()

    # --- rendering --------------------------------------------------------------------

    def refresh_table(self) -> None:
        profile = self.app.active_profile
        self.sub_title = f"Profile: {profile.name}"
        self.ranked = self.app.scores()
        if self.show_closed:
            self.ranked += self.app.scores(self.app.closed_opportunities())
        self.query_one(FollowupsPanel).show(followups.due(self.app.opportunities, self.app.today()))
        self.win = {}
        self._fill()
        self._empty_state()
        # A thread cannot be stopped: a result computed for older data or another profile is
        # recognised by its generation and dropped.
        self._generation += 1
        open_ones = [s for s in self.ranked if s.opportunity.is_open]
        # After the list is on screen: the simulations share the interpreter with the first paint.
        self.call_after_refresh(self._compute_win_probabilities, open_ones, self._generation)

    def _visible(self) -> list[scoring.Score]:
        words = self.query_one("#filter", Input).value.casefold().split()
        if not words:
            return self.ranked

        def matches(score: scoring.Score) -> bool:
            o = score.opportunity
            haystack = f"{o.company} {o.role} {o.stage} {o.location}".casefold()
            return all(word in haystack for word in words)

        return [s for s in self.ranked if matches(s)]

    # Fixed columns: rank+mark, stage, score with its bar, win, unknowns, follow-up.
    _FIXED = {"rank": 3, "stage": 12, "score": 14, "win": 4, "unknowns": 2, "follow": 6}

    def _fill(self) -> None:
        if not self.size.width:
            return  # not laid out yet (on mount): the first resize fills it, at its real width
        table = self.query_one(DataTable)
        current = self._current_id()
        table.clear(columns=True)
        padding = 2 * table.cell_padding * (len(self._FIXED) + 1)
        # A follow-up in another year carries its year ("5 Jan 2027"): the column grows to fit it.
        due_width = max([self._FIXED["follow"], *(len(self._follow_up(s.opportunity)) for s in self.ranked)])
        fixed = sum(self._FIXED.values()) - self._FIXED["follow"] + due_width
        flexible = max(16, table.size.width - fixed - padding - 2)
        table.add_column("#", key="rank", width=self._FIXED["rank"])
        table.add_column("Opportunity", key="opportunity", width=flexible)
        table.add_column("Stage", key="stage", width=self._FIXED["stage"])
        table.add_column("Score", key="score", width=self._FIXED["score"])
        table.add_column("Win", key="win", width=self._FIXED["win"])
        table.add_column("?", key="unknowns", width=self._FIXED["unknowns"])
        table.add_column("Due", key="follow", width=due_width)
        visible = self._visible()
        more = self.query_one("#more-rows", Static)
        more.display = len(visible) > LIST_AT_MOST
        if more.display:
            more.update(
                f"The first {LIST_AT_MOST} of {len(visible):,} are listed: type / and part of a name to find others."
            )
        # Closed opportunities are out of the race: they show "–" and take no place.
        places = iter(scoring.places([s for s in visible if s.opportunity.is_open]))
        for score in visible[:LIST_AT_MOST]:
            o = score.opportunity
            excluded = score.status == "excluded"
            closed = not o.is_open
            place = None if closed else next(places)
            label = Text(o.company, style="bold strike" if excluded else "bold")
            label.append(f"  {o.role}", style="dim")
            label.truncate(flexible, overflow="ellipsis")
            table.add_row(
                Text(f"{MARK if o.id in self.marked else ' '}{'–' if closed else '✗' if place is None else place:>2}"),
                label,
                o.stage.value,
                self._score_cell(score),
                "" if closed else self._win_cell(o.id),
                str(score.unknowns) if score.unknowns else "",
                self._follow_up(o),
                key=o.id,
            )
        if current is not None and current in table.rows:
            table.move_cursor(row=table.get_row_index(current))

    def _score_cell(self, score: scoring.Score) -> Text:
        cell = Text(f"{score.score:3.0f} ")
        cell.append_text(range_bar(score.score, score.low, score.high, width=8))
        if score.status == "excluded":
            cell.append(" ✗", style="bold")
        elif score.status == "possible-dealbreaker":
            cell.append(" ?", style="bold")
        return cell

    def _win_cell(self, opportunity_id: str) -> str:
        if not self.win:
            return "…"
        return report.percent(self.win.get(opportunity_id, 0))

    def _follow_up(self, opportunity: Opportunity) -> Text:
        due = opportunity.next_follow_up
        if due is None:
            return Text("")
        today = self.app.today()
        return Text(report.day(due, today), style="bold" if due <= today else "")

    def _empty_state(self) -> None:
        empty = self.query_one("#empty-state", Static)
        table = self.query_one(DataTable)
        if self.app.opportunities:
            empty.display = False
            table.display = True
            return
        table.display = False
        empty.display = True
        if self.app.reading:  # said only if it takes a moment, so a quick start does not flicker
            empty.update("")
            self.set_timer(0.3, lambda: empty.update("Reading your opportunities…" if self.app.reading else ""))
            return
        empty.update(
            "[b]No opportunities yet.[/b]\n\n"
            "Press [b]n[/b] to add the role you are considering, or open the command palette "
            "([b]ctrl+p[/b]) and choose [i]Load the example opportunities[/i] to look around first."
        )

    @work(thread=True, exclusive=True, group="win")
    def _compute_win_probabilities(self, open_ones: list[scoring.Score], generation: int) -> None:
        status = self.query_one("#win-status", Static)
        self.app.call_from_thread(status.update, report.COMPUTING)
        leader, win, label = scoring.standing(open_ones, self.app.active_profile)
        self.app.call_from_thread(self._show_win, leader, win.first, label, generation)

    def _show_win(self, leader: scoring.Score | None, first: dict[str, float], label: str, generation: int) -> None:
        if generation != self._generation:
            return
        self.win = first
        status = f"{leader.opportunity.company} leads: {label}" if self.win and leader else ""
        self.query_one("#win-status", Static).update(status)
        self._fill()

    # --- actions ----------------------------------------------------------------------

    def _current_id(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return key.value

    def _current(self) -> Opportunity | None:
        current = self._current_id()
        return self.app.opportunity(current)

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one(DataTable).focus()

    @on(FollowupsPanel.Picked)
    def _follow_up_picked(self, event: FollowupsPanel.Picked) -> None:
        item = event.item
        if item.suggested_stage is None:
            from evaluator.screens.opportunity import OpportunityScreen

            self.app.push_screen(OpportunityScreen(item.opportunity_id))
            return
        from evaluator.screens.modals import Confirm

        stage = item.suggested_stage

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.save_opportunity(item.opportunity.model_copy(update={"stage": stage}))

        self.app.push_screen(
            Confirm(f"Mark {item.opportunity.name} as {stage.value}?", item.detail(self.app.today())), confirmed
        )

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open()

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""
        self.query_one(DataTable).focus()

    def action_mark(self) -> None:
        current = self._current_id()
        if current is None:
            return
        self.marked ^= {current}
        self._fill()

    def action_open(self) -> None:
        opportunity = self._current()
        if opportunity is not None:
            from evaluator.screens.opportunity import OpportunityScreen

            self.app.push_screen(OpportunityScreen(opportunity.id))

    def action_new(self) -> None:
        from evaluator.screens.opportunity_form import OpportunityForm

        self.app.push_screen(OpportunityForm(None))

    def action_edit(self) -> None:
        opportunity = self._current()
        if opportunity is not None:
            from evaluator.screens.opportunity_form import OpportunityForm

            self.app.push_screen(OpportunityForm(opportunity.id))

    def action_capture(self) -> None:
        opportunity = self._current()
        if opportunity is not None:
            from evaluator.screens.capture import CaptureScreen

            self.app.push_screen(CaptureScreen(opportunity.id))

    def action_compare(self) -> None:
        from evaluator.screens.compare import CompareScreen

        chosen = [s.opportunity.id for s in self.ranked if s.opportunity.id in self.marked]
        if len(chosen) == 1:
            self.notify(
                "Mark at least two opportunities (space), or none to compare the best ranked.", severity="warning"
            )
            return
        if not chosen:
            chosen = [s.opportunity.id for s in self.ranked if s.opportunity.is_open]
            if len(chosen) > COMPARE_AT_MOST:
                chosen = chosen[:COMPARE_AT_MOST]
                self.notify(
                    f"Comparing the top {COMPARE_AT_MOST} by score; mark rows (space) to compare others.", timeout=6
                )
        if not chosen:
            self.notify("There is nothing open to compare yet.", severity="warning")
            return
        self.app.push_screen(CompareScreen(chosen))

    def action_profiles(self) -> None:
        from evaluator.screens.profiles import ProfilesScreen

        self.app.push_screen(ProfilesScreen())

    def action_followups(self) -> None:
        """Go to the Due list (below the opportunities)."""
        panel = self.query_one(FollowupsPanel)
        if panel.items:
            panel.focus()
        else:
            self.notify("Nothing is due: no thank-you note or follow-up is waiting.", timeout=3)

    def action_toggle_closed(self) -> None:
        self.show_closed = not self.show_closed
        self.refresh_table()
        closed = len(self.app.closed_opportunities())
        self.notify(
            f"Showing {closed} closed opportunities after the open ones."
            if self.show_closed
            else "Hiding closed opportunities.",
            timeout=3,
        )

    def action_delete(self) -> None:
        opportunity = self._current()
        if opportunity is not None:
            self.app.delete_opportunity(opportunity)

    def action_archive(self) -> None:
        opportunity = self._current()
        if opportunity is None:
            return
        from evaluator.screens.modals import Confirm

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.save_opportunity(
                    opportunity.model_copy(update={"archived": True}),
                    then=lambda: self.notify(f"Archived {opportunity.name}. Its file is kept."),
                )

        self.app.push_screen(
            Confirm(f"Archive {opportunity.name}?", "It leaves the list and comparisons; its file is kept."),
            confirmed,
        )
