"""Compare: opportunities side by side, criterion by criterion, under one or two profiles.

Every number comes from `scoring.compare`. The win probabilities (thousands of samples) are
computed in a thread worker. For a few opportunities it is done in milliseconds, so the screen
waits for it briefly (WAIT_FOR_PROBABILITIES) and is drawn once, complete; past that wait a
quick comparison without sampling is shown and the probabilities are filled in when they arrive.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, ScrollableContainer, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Static
from textual.worker import Worker, WorkerState, get_current_worker

from evaluator import report, scoring, store
from evaluator.model import Opportunity, Profile
from evaluator.widgets.bullet_list import BulletList, Item
from evaluator.widgets.criterion_cell import CONFIDENCE_LEGEND, MUTED, CriterionCell
from evaluator.widgets.ranking_column import RankingColumn
from evaluator.widgets.score_cell import WINNER, ScoreCell

MIN_COLUMN = 18
"""The narrowest an opportunity's column gets before the table scrolls sideways."""
WIDE_AT = 110
"""From this many cells wide the screen gets the -wide class (a wider criterion column)."""
LABEL_WIDTH = {False: 22, True: 28}
"""The criterion column on narrow and wide screens (as in app.tcss)."""
WAIT_FOR_PROBABILITIES = 0.1
"""Seconds the screen waits for the worker before drawing the table without win probabilities.

A few opportunities take milliseconds to sample: waiting that long draws the screen once,
complete, instead of drawing it, then laying it all out again when the numbers arrive."""


class CompareScreen(Screen[None]):
    """Two or more opportunities as columns, the profile's criteria as rows."""

    TITLE = "Compare"
    HELP = """\
## Compare

Opportunities side by side, best first. Each cell: the answer, how sure it is (●●● high,
●●○ medium, ●○○ low, ○○○ unknown) and the points it adds. On top: score and range, the
winner ★, dealbreakers, and how often each comes first (*clear* ≥ 80%, *leaning*, *toss-up*).
**v** adds a second profile; **p** changes the active profile app-wide; **x** exports the
comparison as a Markdown memo, a CSV sheet or JSON data.
"""
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE_AT, "-wide")]
    BINDINGS = [
        Binding("escape", "back", "Back", id="compare.back"),
        Binding("v", "versus", "Second profile", id="compare.versus"),
        Binding("p", "app.switch_profile", "Profile", id="compare.profile"),
        Binding("x", "export", "Export", id="compare.export"),
    ]

    def __init__(self, opportunity_ids: list[str]) -> None:
        super().__init__()
        self.opportunity_ids = list(dict.fromkeys(opportunity_ids))
        self.comparison: scoring.Comparison | None = None
        """Under the active profile; with win probabilities once the worker is done."""
        self.other: scoring.Comparison | None = None
        """Under the second profile, when one is chosen (key v)."""
        self.other_name: str | None = None
        self.computing = False
        self._generation = 0
        self._arrived = asyncio.Event()
        """Set when the worker of the current generation is done (or failed)."""
        self._sampled = 0
        """The generation whose win probabilities `comparison` holds."""

    # --- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # The breakpoint class Textual would set on the first resize, set before the table exists:
        # set after, it restyles every cell and lays the whole screen out a second time.
        wide = self.app.size.width >= WIDE_AT
        self.set_class(wide, "-wide")
        self.set_class(not wide, "-narrow")
        yield Header()
        with ScrollableContainer(id="compare-body"):
            yield Static(id="compare-status")
            with Vertical(id="compare-versus") as versus:
                versus.border_title = "Ranked under two profiles"
                with Horizontal(id="versus-columns"):
                    yield RankingColumn(id="ranking-a")
                    yield RankingColumn(id="ranking-b")
                yield Static(id="compare-contrast")
            yield Vertical(id="compare-table")
            yield Static(CONFIDENCE_LEGEND + " · bar: points out of the criterion's most", id="compare-legend")
            with Vertical(id="compare-notes"):
                yield Static("In short", classes="compare-heading")
                yield Static(id="compare-summary")
                yield Static("What would flip it", classes="compare-heading")
                yield BulletList(id="compare-flips")
                yield Static("What to ask next", classes="compare-heading")
                yield BulletList(id="compare-asks")
        yield Footer()

    async def on_mount(self) -> None:
        self.app.data_changed.subscribe(self, self._data_changed)
        await self.refresh_comparison()
        self.query_one("#compare-body").focus()

    async def _data_changed(self, _: object) -> None:
        await self.refresh_comparison()

    # --- computing --------------------------------------------------------------------

    def chosen(self) -> list[Opportunity]:
        """The opportunities asked for that still exist and are not archived, in the order given."""
        by_id = {o.id: o for o in self.app.opportunities}
        return [by_id[i] for i in self.opportunity_ids if i in by_id and not by_id[i].archived]

    def _other_profile(self, primary: Profile) -> Profile | None:
        if self.other_name is None:
            return None
        try:
            other = store.find_profile(self.app.profiles, self.other_name)
        except store.NotFound:
            other = None
        if other is None or other.name == primary.name:
            self.other_name = None
            return None
        return other

    async def refresh_comparison(self) -> None:
        """Start the worker for the win probabilities; if it is not done within
        WAIT_FOR_PROBABILITIES, show a quick comparison (no sampling) until it is."""
        profile = self.app.active_profile
        other_profile = self._other_profile(profile)
        self.sub_title = profile.name if other_profile is None else f"{profile.name}  vs  {other_profile.name}"
        self._generation += 1
        chosen = self.chosen()
        if not chosen:
            self.comparison = self.other = None
            self.computing = False
            await self._build_table()
            self._show_text()
            return
        self.computing = True
        self._arrived.clear()
        self._compute_win_probabilities(chosen, profile, other_profile, self._generation)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._arrived.wait(), WAIT_FOR_PROBABILITIES)
        if self._sampled != self._generation:
            self.comparison = scoring.compare(chosen, profile, with_probabilities=False)
            self.other = (
                scoring.compare(chosen, other_profile, with_probabilities=False) if other_profile is not None else None
            )
        await self._build_table()
        self._show_text()

    @work(thread=True, exclusive=True, group="compare-win", exit_on_error=False)
    def _compute_win_probabilities(
        self, chosen: Sequence[Opportunity], profile: Profile, other: Profile | None, generation: int
    ) -> None:
        worker = get_current_worker()
        full = scoring.compare(chosen, profile)
        other_full = scoring.compare(chosen, other) if other is not None else None
        if not worker.is_cancelled:
            self.app.call_from_thread(self._probabilities_ready, generation, full, other_full)

    def _probabilities_ready(self, generation: int, full: scoring.Comparison, other: scoring.Comparison | None) -> None:
        if generation != self._generation:
            return  # the data or the profiles changed meanwhile; a newer worker is on its way
        self.comparison, self.other, self.computing = full, other, False
        self._sampled = generation
        self._arrived.set()
        self._show_win_row()
        self._show_text()

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "compare-win" and event.state is WorkerState.ERROR:
            self.computing = False
            self._arrived.set()
            self._show_text()
            self.notify(f"Could not compute win probabilities: {event.worker.error}", severity="error")

    # --- the table --------------------------------------------------------------------

    async def _build_table(self) -> None:
        table = self.query_one("#compare-table", Vertical)
        await table.remove_children()
        c = self.comparison
        if c is None:
            return
        self._fit_table(self.size.width)
        rows = [self._head_row(c), self._total_row(c), self._win_row(c)]
        if any(self._status(c, s) for s in c.scores):
            rows.append(self._status_row(c))
        for index, criterion in enumerate(c.profile.criteria):
            rows.append(self._criterion_row(c, index, criterion.key))
        await table.mount_all(rows)
        self._show_win_row()

    def _fit_table(self, width: int) -> None:
        """Past a few opportunities, the table scrolls sideways rather than squeezing its columns."""
        columns = len(self.comparison.scores) if self.comparison else 0
        self.query_one("#compare-table").styles.min_width = LABEL_WIDTH[width >= WIDE_AT] + columns * MIN_COLUMN

    def on_resize(self, event: events.Resize) -> None:
        self._fit_table(event.size.width)

    def _column_classes(self, c: scoring.Comparison, s: scoring.Score, base: str) -> str:
        classes = [base]
        if s is c.leader:
            classes.append("-winner")
        if s.status == "excluded":
            classes.append("-excluded")
        return " ".join(classes)

    @staticmethod
    def _label(first: str, second: str = "") -> Static:
        content = Content.assemble((first, "bold"), *((("\n", ""), (second, MUTED)) if second else ()))
        return Static(content, classes="cmp-label")

    def _head_row(self, c: scoring.Comparison) -> Horizontal:
        cells: list[Widget] = [self._label(f"{len(c.scores)} opportunities", "criterion · weight")]
        for rank, s in zip(scoring.places(c.scores), c.scores, strict=True):
            if rank is None:
                place: tuple[str, str] = ("✗ ", "bold $text-error")
            else:
                place = (f"{WINNER} {rank} " if s is c.leader else f"{rank} ", "bold $text-accent")
            o = s.opportunity
            head = Static(
                Content.assemble(place, (o.company, "bold"), "\n", (o.role, MUTED)),
                name=o.id,
                classes=self._column_classes(c, s, "cmp-head"),
            )
            head.tooltip = o.name
            cells.append(head)
        return Horizontal(*cells, classes="cmp-row -head")

    def _total_row(self, c: scoring.Comparison) -> Horizontal:
        cells: list[Widget] = [self._label("Total", "score  low–high")]
        for s in c.scores:
            cell = ScoreCell(
                s.score,
                s.low,
                s.high,
                winner=s is c.leader,
                excluded=s.status == "excluded",
                name=s.opportunity.id,
                classes=self._column_classes(c, s, "cmp-total"),
            )
            cell.tooltip = f"{s.score:.0f} now; between {s.low:.0f} and {s.high:.0f} once the unknowns are answered"
            cells.append(cell)
        return Horizontal(*cells, classes="cmp-row -total")

    def _win_row(self, c: scoring.Comparison) -> Horizontal:
        cells: list[Widget] = [self._label("Comes first")]
        for s in c.scores:
            cells.append(Static(name=s.opportunity.id, classes=self._column_classes(c, s, "cmp-win")))
        return Horizontal(*cells, classes="cmp-row -win")

    def _show_win_row(self) -> None:
        c = self.comparison
        if c is None:
            return
        by_id = {s.opportunity.id: s for s in c.scores}
        for cell in self.query(".cmp-win").results(Static):
            s = by_id.get(cell.name or "")
            if s is not None:
                cell.update(self._win_text(c, s))

    def _win_text(self, c: scoring.Comparison, s: scoring.Score) -> Content:
        if c.win is None:
            return Content.styled("…", MUTED)
        if s.status == "excluded":
            return Content.styled("—", MUTED)
        shown = Content.styled(report.percent(c.win.first.get(s.opportunity.id, 0.0)), "bold")
        if s is c.leader and c.label:
            return Content.assemble(shown, "  ", (c.label, f"bold {LABEL_STYLE.get(c.label, '')}"))
        return shown

    @staticmethod
    def _status(c: scoring.Comparison, s: scoring.Score) -> Content:
        reasons = "; ".join(d.reason for d in s.dealbreakers)
        if s.status == "excluded":
            return Content.assemble(("✗ excluded", "bold $text-error"), "\n", (reasons, MUTED))
        if s.status == "possible-dealbreaker":
            return Content.assemble(("? possible — ask", "bold $text-warning"), "\n", (reasons, MUTED))
        better = c.dominated.get(s.opportunity.id)
        if better is not None:
            name = next(x.opportunity.company for x in c.scores if x.opportunity.id == better)
            return Content.assemble(("dominated", "bold"), "\n", (f"by {name}", MUTED))
        return Content("")

    def _status_row(self, c: scoring.Comparison) -> Horizontal:
        cells: list[Widget] = [self._label("Dealbreakers", "and dominance")]
        for s in c.scores:
            status = self._status(c, s)
            cell = Static(status, name=s.opportunity.id, classes=self._column_classes(c, s, "cmp-status"))
            cell.tooltip = "\n".join(f"{d.label}: {d.reason}" for d in s.dealbreakers) or None
            cells.append(cell)
        return Horizontal(*cells, classes="cmp-row -status")

    def _criterion_row(self, c: scoring.Comparison, index: int, key: str) -> Horizontal:
        criterion = c.profile.criterion(key)
        assert criterion is not None
        weight = c.weights[key]
        cells: list[Widget] = [self._label(criterion.label, f"weight {report.percent(weight)}")]
        cells[0].tooltip = criterion.description or None
        for s in c.scores:
            cell = s.cell(key)
            assert cell is not None
            evidence = cell.evidence.describe() if cell.evidence else "not asked yet"
            confidence = f"{cell.confidence.value} confidence, " if cell.known and cell.confidence else ""
            widget = CriterionCell(
                report.cell_value(cell, criterion),
                short="" if cell.known else "unknown",
                known=cell.known,
                confidence=cell.confidence,
                contribution=cell.contribution,
                most=100 * cell.weight,
                evidence=f"{criterion.label}: {confidence}{evidence}\n"
                f"{cell.contribution:.1f} of {100 * cell.weight:.1f} points",
                name=s.opportunity.id,
                classes=self._column_classes(c, s, f"cmp-cell -{key}"),
            )
            cells.append(widget)
        return Horizontal(*cells, classes=f"cmp-row -criterion {'-odd' if index % 2 else '-even'}")

    # --- the words ----------------------------------------------------------------------

    def _show_text(self) -> None:
        c = self.comparison
        status = self.query_one("#compare-status", Static)
        status.set_class(self.computing, "-computing")
        self.query_one("#compare-notes").display = c is not None
        self.query_one("#compare-legend").display = c is not None
        if c is None:
            status.update(
                "Nothing to compare: these opportunities were removed or archived. "
                "Go back (escape), mark two or more with space, and press c."
            )
            self.query_one("#compare-versus").display = False
            return
        status.update(self._status_line(c))
        self._show_versus()
        self.query_one("#compare-summary", Static).update(
            Content("\n".join([c.summary, *scoring.head_to_head(c)]))
        )
        self.query_one("#compare-flips", BulletList).show(self._flips_items(c))
        self.query_one("#compare-asks", BulletList).show(self._asks_items(c))

    def _status_line(self, c: scoring.Comparison) -> Content:
        if len(c.scores) == 1:
            return Content.styled("Only one opportunity here: mark two or more on the list to compare them.")
        if self.computing:
            return Content.styled(report.COMPUTING, "$text-warning")
        leader = c.leader
        if c.win is None or leader is None:
            return Content.styled("Every opportunity breaks a dealbreaker: none can lead.", "$text-error")
        share = report.percent(c.win.first[leader.opportunity.id])
        return Content.assemble(
            "Lead: ",
            (c.label, f"bold {LABEL_STYLE.get(c.label, '')}"),
            f" — {leader.opportunity.company} comes first in {share} of {c.win.samples:,} simulations.",
        )

    def _show_versus(self) -> None:
        versus = self.query_one("#compare-versus")
        versus.display = self.other is not None
        if self.other is None or self.comparison is None:
            return
        self.query_one("#ranking-a", RankingColumn).show(self.comparison)
        self.query_one("#ranking-b", RankingColumn).show(self.other)
        self.query_one("#compare-contrast", Static).update(Content(scoring.contrast(self.comparison, self.other)))

    @staticmethod
    def _flips_items(c: scoring.Comparison) -> list[Item]:
        items = [Item(f.sentence) for f in c.flips[:report.FLIPS_SHOWN]]
        if len(c.flips) > report.FLIPS_SHOWN:
            items.append(Item(Content.styled(f"… and {len(c.flips) - report.FLIPS_SHOWN} more, further away.", MUTED)))
        items += [Item(sentence) for sentence in c.order_robust]
        if items:
            return items
        if len([s for s in c.scores if s.status != "excluded"]) < 2:
            return [Item(Content.styled("Nothing to flip: fewer than two are in the running.", MUTED), "")]
        return [Item(Content.styled("No change to a single weight puts another one first.", MUTED), "")]

    @staticmethod
    def _asks_items(c: scoring.Comparison) -> list[Item]:
        items: list[Item] = []
        for s in c.scores:
            asks = c.ask_next.get(s.opportunity.id, [])
            items.append(Item(Content.styled(s.opportunity.company, "bold"), ""))
            if s.status == "excluded":
                items.append(Item(Content.styled("Excluded by a dealbreaker: nothing to ask.", MUTED)))
            elif not asks:
                items.append(Item(Content.styled("Nothing pressing: every answer is known well enough.", MUTED)))
            for ask in asks[:report.ASKS_SHOWN]:
                items.append(Item(Content.assemble((ask.label, "bold"), f": “{ask.question}”")))
                whom = Content.assemble((f"Ask {ask.ask_whom}.", MUTED))
                if ask.could_flip:
                    whom = Content.assemble(whom, ("  ⚑ could change the winner", "$text-warning"))
                items.append(Item(whom, "", 2))
            if len(asks) > report.ASKS_SHOWN:
                items.append(Item(Content.styled(f"… and {len(asks) - report.ASKS_SHOWN} more.", MUTED), "", 2))
        return items

    # --- actions ----------------------------------------------------------------------

    async def action_back(self) -> None:
        if self.other_name is not None:
            await self._set_other(None)
        else:
            self.dismiss()

    async def _set_other(self, name: str | None) -> None:
        self.other_name = name
        await self.refresh_comparison()
        if name is not None:
            self.query_one("#compare-body").scroll_home(animate=False)

    async def action_versus(self) -> None:
        if self.other_name is not None:
            await self._set_other(None)
            return
        from evaluator.screens.modals import PickProfile

        primary = self.app.active_profile.name

        async def chosen(name: str | None) -> None:
            if name:
                await self._set_other(name)

        others = [p for p in self.app.profiles if p.name != primary]
        self.app.push_screen(PickProfile(others, "", "Rank them under which other profile too?"), chosen)

    def action_export(self) -> None:
        from evaluator.screens.export import ExportModal

        chosen = self.chosen()
        if not chosen:
            self.notify("Nothing to export: these opportunities were removed or archived.", severity="warning")
            return
        self.app.push_screen(ExportModal(chosen, self.app.active_profile))


LABEL_STYLE = {"clear": "$text-success", "leaning": "$text-primary", "toss-up": "$text-warning"}
"""How the lead's label is coloured."""
