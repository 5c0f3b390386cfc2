"""One opportunity: its details and stage, the score criterion by criterion, what to ask next,
and the interviews in date order."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.style import Style
from textual.widget import Widget
from textual.widgets import (
    Button,
    DataTable,
    Digits,
    Footer,
    Header,
    Label,
    OptionList,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option

from evaluator import report, scoring
from evaluator.model import SELF_REVIEW_LABELS, Criterion, Interview, Opportunity, Profile, Stage
from evaluator.widgets.range_bar import percent_bar, range_bar

DETAILS = ("role", "stage", "location", "office", "link", "contacts", "follow")
"""The rows of the details block, in order (each hidden when empty)."""

DETAIL_LABELS = {
    "role": "Role",
    "stage": "Stage",
    "location": "Location",
    "office": "Office",
    "link": "Link",
    "contacts": "Contacts",
    "follow": "Follow up",
}

FULL_DETAILS = ("company", "role", "stage", "location", "office", "link", "contacts", "follow", "dates")
"""The rows of the Details tab, in order (each hidden when empty)."""

FULL_LABELS = {**DETAIL_LABELS, "company": "Company", "dates": "On file"}

STAGE_HINTS = {
    Stage.LEAD: "spotted it, not applied yet",
    Stage.APPLIED: "application sent",
    Stage.SCREENING: "first calls with HR",
    Stage.INTERVIEWING: "interviews with the team",
    Stage.OFFER: "an offer is on the table",
    Stage.ACCEPTED: "you said yes",
    Stage.DECLINED: "you said no",
    Stage.WITHDRAWN: "you stepped out",
    Stage.REJECTED: "they said no",
    Stage.GHOSTED: "they stopped answering",
}

COLUMNS = ("criterion", "weight", "value", "confidence", "points", "evidence")
"""The breakdown table's column keys."""

WIDE = 100
"""From this many columns on, the breakdown shows bars beside the points."""

MIN_EVIDENCE = 20
"""The narrowest evidence column worth showing in the breakdown."""


def line(content: Content, classes: str = "") -> Static:
    """One paragraph of the Ask next and Interviews tabs (classes indent it)."""
    return Static(content, classes=f"line {classes}".strip())


class StagePicker(ModalScreen[Stage | None]):
    """Choose where the application stands now."""

    DEFAULT_CSS = """
    StagePicker { align: center middle; }
    StagePicker > Vertical {
        width: 52; max-width: 95%; height: auto; max-height: 95%; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    StagePicker OptionList { height: auto; max-height: 14; margin-top: 1; }
    """
    BINDINGS: ClassVar = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, current: Stage, company: str) -> None:
        super().__init__()
        self.current = current
        self.company = company

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Content.from_markup("[b]Where does $company stand?[/b]", company=self.company))
            yield OptionList(
                *(
                    Option(
                        Content.from_markup(
                            f"{'●' if stage is self.current else ' '} [b]$stage[/b]  [$text-muted]$hint[/]",
                            stage=f"{stage.value:<12}",
                            hint=STAGE_HINTS[stage],
                        ),
                        id=stage.value,
                    )
                    for stage in Stage
                )
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = list(Stage).index(self.current)
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(Stage(event.option.id))


class OpportunityScreen(Screen[None]):
    """Everything about one opportunity, scored under the active profile."""

    HELP = """\
One opportunity under the active profile: its **score** and the range its unknowns leave
open, each criterion with the answer it came from, any **dealbreaker**, **what to ask next**
and whom, and the **interviews** in date order. An unknown counts at the middle of its
scale, never as zero. **x** exports it as a Markdown memo, a CSV sheet or JSON data;
**delete** moves it to the trash (*Trash* in the command palette brings it back).
"""

    BINDINGS: ClassVar = [
        Binding("i", "capture", "Interview", id="opportunity.capture"),
        Binding("e", "edit", "Edit", id="opportunity.edit"),
        Binding("s", "stage", "Stage", id="opportunity.stage"),
        Binding("x", "export", "Export", id="opportunity.export"),
        Binding("delete", "delete", "Delete", id="opportunity.delete", show=False),
        Binding("escape,backspace", "back", "Back", id="opportunity.back"),
        Binding("1", "tab('tab-score')", "Score tab", show=False),
        Binding("2", "tab('tab-ask')", "Ask next tab", show=False),
        Binding("3", "tab('tab-interviews')", "Interviews tab", show=False),
        Binding("4", "tab('tab-details')", "Details tab", show=False),
    ]

    VERTICAL_BREAKPOINTS: ClassVar = [(0, "-short"), (30, "-tall")]

    def __init__(self, opportunity_id: str) -> None:
        super().__init__()
        self.opportunity_id = opportunity_id
        self.opportunity: Opportunity | None = None
        self.score: scoring.Score | None = None
        self.asks: list[scoring.Ask] = []
        self._table_width = 0

    # --- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="opp-top"):
            with Vertical(id="opp-details"):
                for key in DETAILS:
                    with Horizontal(id=f"detail-{key}", classes="detail"):
                        yield Label(DETAIL_LABELS[key], classes="detail-key")
                        yield Label("", id=f"detail-{key}-value", classes="detail-value")
            with Vertical(id="opp-score"):
                yield Digits("", id="score-digits")
                yield Static(id="score-line")
                yield Static(id="score-bar")
                yield Static(id="score-status")
        with TabbedContent(id="opp-tabs"):
            with TabPane("1 Score", id="tab-score"), VerticalScroll(id="score-scroll"):
                yield Static(id="dealbreakers")
                yield DataTable(id="breakdown", cursor_type="row", zebra_stripes=True)
                yield Static(id="cell-detail")
            with TabPane("2 Ask next", id="tab-ask"), VerticalScroll():
                yield Vertical(id="ask-next")
            with TabPane("3 Interviews", id="tab-interviews"), VerticalScroll():
                yield Vertical(id="interviews")
            with TabPane("4 Details", id="tab-details"), VerticalScroll():
                for key in FULL_DETAILS:
                    with Horizontal(id=f"full-{key}", classes="full-detail"):
                        yield Label(FULL_LABELS[key], classes="detail-key")
                        yield Static("", id=f"full-{key}-value", classes="full-value")
                yield Static(id="notes")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#breakdown", DataTable)
        self.app.data_changed.subscribe(self, lambda _: self.refresh_all())
        self.refresh_all()
        table.focus()

    # --- rendering --------------------------------------------------------------------

    def _find(self) -> Opportunity | None:
        return self.app.opportunity(self.opportunity_id)

    def refresh_all(self) -> None:
        opportunity = self._find()
        if opportunity is None:
            # Its file went away (or no longer loads): nothing left to show here.
            self.opportunity = None
            if self.is_current:
                self.notify("This opportunity could not be found any more.", severity="warning")
                self.app.pop_screen()
            return
        profile = self.app.active_profile
        self.opportunity = opportunity
        # The company alone in the title, so the profile's name still fits at 80 columns.
        self.title = opportunity.company
        self.sub_title = f"Profile: {profile.name}"
        others = [o for o in self.app.open_opportunities() if o.id != opportunity.id]
        ranked = self.app.scores([opportunity, *others])
        self.score = next(s for s in ranked if s.id == opportunity.id)
        # What to ask next, judged against the other open opportunities (no sampling: fast).
        self.asks = scoring.ask_next(ranked, profile, only=opportunity.id)[opportunity.id]
        self._show_details(opportunity)
        self._show_score(self.score)
        self._show_breakdown(self.score, profile)
        self._show_dealbreakers(self.score)
        self._show_ask_next(profile)
        self._show_interviews(opportunity, profile)
        self._show_full_details(opportunity)

    def on_screen_resume(self) -> None:
        """Leave if the opportunity went away while another screen was on top."""
        if self.is_mounted and self._find() is None:
            self.refresh_all()

    def _detail(self, key: str, value: str | Content) -> None:
        self.query_one(f"#detail-{key}", Horizontal).display = bool(value)
        label = self.query_one(f"#detail-{key}-value", Label)
        label.update(value if isinstance(value, Content) else Content(value))

    def _show_details(self, o: Opportunity) -> None:
        stage = o.stage.value + (" (archived)" if o.archived else "")
        self._detail("role", o.role)
        self._detail("stage", Content.from_markup("[b]$stage[/b]  [$text-muted]s to change[/]", stage=stage))
        self._detail("location", o.location)
        self._detail(
            "office",
            Content.from_markup("$policy  [$text-muted](as the ad says)[/]", policy=o.office_policy)
            if o.office_policy
            else "",
        )
        self._detail("link", Content(o.link).stylize(Style(link=o.link)) if o.link else "")
        self._detail("contacts", ", ".join(report.person(p.name, p.role) for p in o.contacts))
        due = o.next_follow_up
        if due is None:
            self._detail("follow", "")
        else:
            today = self.app.today()
            style = "$warning bold" if due <= today else ""
            self._detail(
                "follow",
                Content.from_markup(
                    f"[{style}]$day[/] [$text-muted]($when)[/]" if style else "$day [$text-muted]($when)[/]",
                    day=report.day(due),
                    when=report.relative_day(due, today),
                ),
            )

    def _show_score(self, score: scoring.Score) -> None:
        box = self.query_one("#opp-score", Vertical)
        box.set_class(score.status == "excluded", "-excluded")
        box.set_class(score.status == "possible-dealbreaker", "-possible")
        box.border_title = "Score"
        self.query_one("#score-digits", Digits).update(f"{score.score:.0f}")
        summary = f"Score {score.score:.0f} · range {report.range_text(score)}"
        if score.unknowns:
            summary += f" · {score.unknowns} unknown"
        self.query_one("#score-line", Static).update(Content(summary))
        bar = range_bar(score.score, score.low, score.high, width=34)
        self.query_one("#score-bar", Static).update(bar)
        self.query_one("#score-status", Static).update(self._status(score))

    @staticmethod
    def _status(score: scoring.Score) -> Content:
        violated = [d for d in score.dealbreakers if d.state == "violated"]
        possible = [d for d in score.dealbreakers if d.state == "possible"]
        if violated:
            return Content.from_markup("[$error b]✗ Excluded[/]: $what", what=", ".join(d.label for d in violated))
        if possible:
            return Content.from_markup(
                "[$warning b]? Possible dealbreaker — ask[/]: $what",
                what=", ".join(d.label for d in possible),
            )
        return Content.from_markup("[$success]✓ No dealbreaker[/]")

    def _show_breakdown(self, score: scoring.Score, profile: Profile) -> None:
        """The criteria table, fitted to the screen: on narrow screens the points bars and the
        evidence column make way for the rest (the evidence is always in full under the table)."""
        table = self.query_one("#breakdown", DataTable)
        current = None
        if table.row_count:
            current = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        self._table_width = self.size.width
        wide = self.size.width >= WIDE
        # One scale for every bar, so the bars compare across rows: the heaviest weight's full points.
        full = max((cell.weight for cell in score.cells), default=0) * 100 or 1
        rows = []
        for cell in score.cells:
            criterion = profile.criterion(cell.key)
            unknown = "" if cell.known else "italic"
            points = Text(f"{cell.contribution:4.1f}", style=unknown, justify="left" if wide else "right")
            if wide:
                points.append(" ")
                points.append_text(percent_bar(cell.contribution / full, width=6))
            rows.append(
                [
                    Text(cell.label),
                    Text(report.percent(cell.weight), justify="right"),
                    Text(report.cell_value(cell, criterion) if criterion else str(cell.raw), style=unknown),
                    Text(cell.confidence.value if cell.confidence else "—"),
                    points,
                ]
            )
        headers = ["Criterion", "Weight", "Value", "Confidence" if wide else "Conf.", "Points"]
        widths = [max(len(h), *(r[n].cell_len for r in rows)) for n, h in enumerate(headers)]
        # What is left of the line (less cell padding and a scrollbar) goes to the evidence,
        # when that is enough to be worth a column; it is always shown in full under the table.
        room = self.size.width - 6 - sum(w + 2 for w in widths)
        if room >= MIN_EVIDENCE:
            headers.append("Evidence")
            for cell, row in zip(score.cells, rows, strict=True):
                evidence = (
                    Text(cell.evidence.describe()) if cell.evidence else Text("not asked yet", style="dim italic")
                )
                evidence.truncate(room, overflow="ellipsis")
                row.append(evidence)
        table.clear(columns=True)
        for header, key in zip(headers, COLUMNS, strict=False):
            right = key == "weight" or (key == "points" and not wide)
            table.add_column(Text(header, justify="right") if right else header, key=key)
        for cell, row in zip(score.cells, rows, strict=True):
            table.add_row(*row, key=cell.key)
        if current is not None and current in table.rows:
            table.move_cursor(row=table.get_row_index(current))
        self._show_cell_detail()

    def on_resize(self) -> None:
        if self.score is not None and self.size.width != self._table_width:
            self._show_breakdown(self.score, self.app.active_profile)

    @on(DataTable.RowHighlighted, "#breakdown")
    def _row_highlighted(self) -> None:
        self._show_cell_detail()

    def _show_cell_detail(self) -> None:
        """The highlighted criterion in full: the answer behind its value, or whom to ask."""
        detail = self.query_one("#cell-detail", Static)
        table = self.query_one("#breakdown", DataTable)
        if self.score is None or not table.row_count:
            detail.update("")
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        cell = next((c for c in self.score.cells if c.key == key), None)
        criterion = self.app.active_profile.criterion(key) if key else None
        if cell is None or criterion is None:
            detail.update("")
            return
        detail.update(self._cell_text(cell, criterion))

    def _cell_text(self, cell: scoring.Cell, criterion: Criterion) -> Content:
        parts = [
            Content.from_markup("[b]$label[/b]: $value", label=cell.label, value=report.cell_value(cell, criterion))
        ]
        if cell.confidence:
            parts.append(Content(f", {cell.confidence.value} confidence"))
        rule = report.dealbreaker_text(criterion)
        if rule:
            parts.append(Content.from_markup("  [$text-muted]dealbreaker: $rule[/]", rule=rule))
        evidence = cell.evidence
        if evidence is None:
            parts.append(Content.from_markup("\n[$text-muted]Not asked yet. Ask $who[/]", who=criterion.ask_in.who))
            if criterion.questions:
                parts.append(Content.from_markup("[$text-muted]: “$q”[/]", q=criterion.questions[0]))
            return Content("").join(parts)
        parts.append(Content.from_markup("\n[$text-muted]$source[/]", source=evidence.describe()))
        answer = evidence.answer
        if answer.question:
            parts.append(Content.from_markup("\n[$text-muted]Asked: [/]“$q”", q=answer.question))
        if answer.text:
            parts.append(Content.from_markup("\n[$text-muted]Heard: [/]“$t”", t=" ".join(answer.text.split())))
        return Content("").join(parts)

    def _show_dealbreakers(self, score: scoring.Score) -> None:
        widget = self.query_one("#dealbreakers", Static)
        widget.display = bool(score.dealbreakers)
        lines = []
        for check in score.dealbreakers:
            if check.state == "violated":
                lines.append(Content.from_markup("[$error b]✗ Excluded[/] · $reason", reason=check.reason))
            else:
                lines.append(
                    Content.from_markup("[$warning b]? Possible dealbreaker — ask[/] · $reason", reason=check.reason)
                )
        widget.update(Content("\n").join(lines))

    def _show_ask_next(self, profile: Profile) -> None:
        tab = self.query_one(TabbedContent).get_tab("tab-ask")
        tab.label = Content(f"2 Ask next ({len(self.asks)})" if self.asks else "2 Ask next")
        if not self.asks:
            excluded = self.score is not None and self.score.status == "excluded"
            message = (
                "A dealbreaker excludes this opportunity, so there is nothing more to ask unless that answer was wrong."
                if excluded
                else "Nothing pressing to ask under “$profile”: no criterion is unknown or "
                "low-confidence, and no medium-confidence answer could change the ranking."
            )
            blocks = [line(Content.from_markup(f"[$text-muted]{message}[/]", profile=profile.name))]
        else:
            blocks = [
                Vertical(
                    line(
                        Content.from_markup(
                            ("[b $accent]$label[/]" if ask.could_flip else "[b]$label[/b]") + " — “$question”",
                            label=ask.label,
                            question=ask.question,
                        ),
                        "ask-question",
                    ),
                    line(Content.from_markup("Ask [b]$whom[/b]", whom=ask.ask_whom), "indent"),
                    *([line(Content(f"({ask.why})"), "indent muted")] if ask.why else []),
                    classes="block",
                )
                for ask in self.asks
            ]
        self._replace("#ask-next", blocks)

    def _replace(self, selector: str, widgets: list[Widget]) -> None:
        """Swap a container's children for freshly built ones."""
        container = self.query_one(selector, Vertical)
        container.remove_children()
        container.mount_all(widgets)

    def _show_interviews(self, o: Opportunity, profile: Profile) -> None:
        count = len(o.interviews)
        tab = self.query_one(TabbedContent).get_tab("tab-interviews")
        tab.label = Content(f"3 Interviews ({count})" if count else "3 Interviews")
        if not o.interviews:
            message = "[$text-muted]No interviews yet. Press [b]i[/b] to capture what one revealed.[/]"
            self._replace("#interviews", [line(Content.from_markup(message))])
            return
        ordered = sorted(enumerate(o.interviews), key=lambda pair: pair[1].date)
        self._replace("#interviews", [self._interview_block(index, i, profile) for index, i in ordered])

    def _interview_block(self, index: int, interview: Interview, profile: Profile) -> Vertical:
        today = self.app.today()
        people = report.people_text(interview)
        heading = line(
            Content.from_markup(
                "[b $primary]$day · $kind[/]" + (" with $people" if people else ""),
                day=report.day(interview.date),
                kind=interview.kind.label,
                people=people,
            )
        )
        edit = Button("Edit", id=f"edit-interview-{index}", classes="edit-interview", compact=True)
        edit.tooltip = "Change what this interview revealed"
        lines: list[Widget] = [Horizontal(heading, edit, classes="interview-heading")]
        status = []
        if interview.thank_you_sent:
            status.append(Content(f"✓ thank-you sent {report.day(interview.thank_you_sent)}"))
        else:
            status.append(Content.from_markup("[$warning]✗ no thank-you sent yet[/]"))
        if interview.next_follow_up:
            due = interview.next_follow_up
            status.append(Content(f"follow up {report.day(due)} ({report.relative_day(due, today)})"))
        lines.append(line(Content(" · ").join(status), "indent"))
        several = len(interview.people) > 1
        for answer in interview.answers:
            _, label, shown, speaker = report.described(profile, interview, answer)
            who = f", said by {speaker.name}" if speaker and several else ""
            lines.append(
                line(
                    Content.from_markup(
                        "[b]$label[/b]: "
                        + ("[$warning]$shown[/]" if answer.value is None else "$shown")
                        + " [$text-muted]($confidence confidence$who)[/]",
                        label=label,
                        shown=shown,
                        confidence=answer.confidence.value,
                        who=who,
                    ),
                    "indent answer",
                )
            )
            if answer.text:
                quote = Content.from_markup("[i]“$text”[/i]", text=" ".join(answer.text.split()))
                lines.append(line(quote, "quote"))
        if interview.notes:
            notes = Content.from_markup("[b]Notes[/b]: $notes", notes=" ".join(interview.notes.split()))
            lines.append(line(notes, "indent answer"))
        review = interview.self_review
        done = [name for name in SELF_REVIEW_LABELS if getattr(review, name)]
        missed = [
            SELF_REVIEW_LABELS[name].rstrip(".").lower() for name in SELF_REVIEW_LABELS if not getattr(review, name)
        ]
        if done:
            text = f"Self-review: {len(done)} of {len(SELF_REVIEW_LABELS)}"
            text += f" — not done: {'; '.join(missed)}" if missed else " ✓"
            lines.append(line(Content(text), "indent answer muted"))
        return Vertical(*lines, classes="block")

    def _show_full_details(self, o: Opportunity) -> None:
        """Everything the top of the screen shortens, in full, and the notes."""
        due = o.next_follow_up
        values = {
            "company": o.company,
            "role": o.role,
            "stage": o.stage.value + (" (archived)" if o.archived else ""),
            "location": o.location,
            "office": f"{o.office_policy} (as the ad says)" if o.office_policy else "",
            "link": o.link,
            "contacts": report.contacts_text(o.contacts),
            "follow": f"{report.day(due)} ({report.relative_day(due, self.app.today())})" if due else "",
            "dates": f"added {report.day(o.created)}, updated {report.day(o.updated)}",
        }
        for key, value in values.items():
            self.query_one(f"#full-{key}", Horizontal).display = bool(value)
            self.query_one(f"#full-{key}-value", Static).update(Content(value))
        notes = o.notes.strip()
        self.query_one("#notes", Static).update(
            Content("\n\n").join(Content(" ".join(p.split())) for p in notes.split("\n\n"))
            if notes
            else Content.from_markup("[$text-muted]No notes yet. Press [b]e[/b] to add some.[/]")
        )

    # --- actions ----------------------------------------------------------------------

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        if tab == "tab-score":
            self.query_one("#breakdown", DataTable).focus()

    def action_back(self) -> None:
        self.dismiss()

    def action_capture(self) -> None:
        from evaluator.screens.capture import CaptureScreen

        self.app.push_screen(CaptureScreen(self.opportunity_id))

    @on(Button.Pressed, ".edit-interview")
    def _edit_interview(self, event: Button.Pressed) -> None:
        from evaluator.screens.capture import CaptureScreen

        assert event.button.id is not None
        index = int(event.button.id.removeprefix("edit-interview-"))
        self.app.push_screen(CaptureScreen(self.opportunity_id, index))

    def action_edit(self) -> None:
        from evaluator.screens.opportunity_form import OpportunityForm

        self.app.push_screen(OpportunityForm(self.opportunity_id))

    def action_export(self) -> None:
        from evaluator.screens.export import ExportModal

        if self.opportunity is not None:
            self.app.push_screen(ExportModal([self.opportunity], self.app.active_profile))

    def action_delete(self) -> None:
        if self.opportunity is not None:
            self.app.delete_opportunity(self.opportunity)

    def action_stage(self) -> None:
        opportunity = self.opportunity
        if opportunity is None:
            return

        def chosen(stage: Stage | None) -> None:
            if stage is None or stage is opportunity.stage:
                return
            changed = opportunity.model_copy(deep=True)
            changed.stage = stage
            self.app.save_opportunity(
                changed, then=lambda: self.notify(f"{opportunity.company}: {opportunity.stage.value} → {stage.value}")
            )

        self.app.push_screen(StagePicker(opportunity.stage, opportunity.company), chosen)
