"""Import opportunities from a CSV file: preview what would happen (a dry run), then import.

The dialog only gathers the path and the merge choice and shows the plan; every decision
(columns, stages, duplicates, merges) is made by `evaluator.importing`, the same code the
`evaluator import` command runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Collapsible, DataTable, Input, Label, Static

from evaluator import importing
from evaluator.importing import Action, ImportPlan, RowOutcome

ACTION_TEXT = {Action.IMPORT: "import", Action.MERGE: "merge", Action.SKIP: "skip"}
ACTION_STYLE = {Action.IMPORT: "bold", Action.MERGE: "italic", Action.SKIP: "dim"}
ROW_WIDTH, ACTION_WIDTH, STAGE_WIDTH = 4, 6, 12


class ImportDialog(ModalScreen[list[str]]):
    """Pick a CSV file, see what importing it would do, then import it.

    Dismisses with the ids of the opportunities written (new and merged), empty if none.
    """

    HELP = """\
Bring in opportunities from a **CSV export** of a job tracker (Huntr, Teal, Simplify, LinkedIn)
or a spreadsheet saved as *CSV UTF-8*. It needs a company and a role column; status, link,
location, notes and date applied are read too, and other columns are kept in the notes.

**Enter** in the path shows a dry run: each row, what would happen to it and why. Nothing is
written until you press **Import**. An opportunity you already have is never overwritten: a
likely duplicate is skipped, or, with *merge*, only its empty fields are filled.
"""

    DEFAULT_CSS = """
    ImportDialog { align: center middle; }
    ImportDialog > #import-box {
        width: 94%; max-width: 130; height: auto; max-height: 94%; padding: 0 1;
        border: thick $primary; background: $surface;
    }
    ImportDialog > #import-box.-planned { height: 94%; }
    ImportDialog #import-title { text-style: bold; }
    ImportDialog .hint { color: $text-muted; }
    ImportDialog #import-path-row { height: auto; }
    ImportDialog #import-path-label { width: 6; padding-top: 0; }
    ImportDialog #import-path, ImportDialog #import-path.-textual-compact { width: 1fr; background: $boost; }
    ImportDialog #import-error { color: $error; padding-left: 6; }
    ImportDialog #import-merge { margin-left: 6; }
    ImportDialog #import-summary { height: auto; margin-top: 1; }
    ImportDialog #import-columns-box { border-top: none; padding: 0; background: $surface; }
    ImportDialog #import-columns-box CollapsibleTitle { padding: 0; }
    ImportDialog #import-columns-box Contents { padding: 0 0 0 2; max-height: 6; overflow-y: auto; }
    ImportDialog #import-preview { width: 100%; height: 1fr; min-height: 3; }
    ImportDialog #import-detail { height: auto; max-height: 3; color: $text-muted; }
    ImportDialog #import-buttons { height: auto; align-horizontal: right; }
    ImportDialog #import-buttons Button { margin-left: 2; }
    """

    BINDINGS: ClassVar = [
        Binding("escape", "close", "Close", id="import.close"),
        Binding("ctrl+s", "run_import", "Import", id="import.run", priority=True),
    ]

    def __init__(self, path: str = "") -> None:
        super().__init__()
        self.initial_path = path
        self.plan: ImportPlan | None = None
        """The last plan shown (a dry run, or what was imported)."""
        self.written: list[str] = []
        """The ids of the opportunities written by the import (new and merged)."""

    # --- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="import-box"):
            yield Label("Import opportunities from a CSV file", id="import-title")
            yield Static(
                "A job tracker's CSV export, or a sheet saved as CSV UTF-8.",
                classes="hint",
            )
            with Horizontal(id="import-path-row"):
                yield Label("File", id="import-path-label")
                yield Input(
                    self.initial_path, placeholder="e.g. ~/Downloads/teal-jobs.csv", id="import-path", compact=True
                )
            yield Static("", id="import-error", markup=False)
            yield Checkbox(
                "Merge duplicates (fill their empty fields)",
                id="import-merge",
                compact=True,
            )
            yield Static("", id="import-summary")
            with Collapsible(title="Columns", id="import-columns-box"):
                yield Static("", id="import-columns", markup=False)
            yield DataTable(id="import-preview", cursor_type="row", zebra_stripes=True)
            yield Static("", id="import-detail", markup=False)
            with Horizontal(id="import-buttons"):
                yield Button("Close (esc)", id="import-close", compact=True)
                yield Button("Dry run (enter)", id="import-dry-run", compact=True)
                yield Button("Import (ctrl+s)", id="import-run", variant="primary", compact=True)

    def on_mount(self) -> None:
        self._show_error("")
        self._show(None, dry_run=True)
        self.query_one("#import-path", Input).focus()

    def on_resize(self) -> None:
        if self.plan is not None:  # the columns' widths follow the dialog's
            self.call_after_refresh(self._show, self.plan, dry_run=not self.written)

    # --- reading the form -------------------------------------------------------------

    def _path(self) -> Path | None:
        text = self.query_one("#import-path", Input).value.strip()
        return Path(text).expanduser() if text else None

    def _show_error(self, message: str) -> None:
        error = self.query_one("#import-error", Static)
        error.update(message)
        error.display = bool(message)

    def _plan(self) -> ImportPlan | None:
        """Plan the import of the typed path; show the reason inline if it cannot be imported."""
        path = self._path()
        if path is None:
            self._show_error("Type the path of a CSV file.")
            return None
        merge = self.query_one("#import-merge", Checkbox).value
        try:
            plan = importing.plan_import(path, self.app.opportunities, merge=merge, today=self.app.today())
        except importing.CannotImport as error:
            self._show_error(str(error))
            self._show(None, dry_run=True)
            return None
        self._show_error("")
        return plan

    # --- showing a plan ---------------------------------------------------------------

    def _show(self, plan: ImportPlan | None, *, dry_run: bool) -> None:
        self.plan = plan
        table = self.query_one("#import-preview", DataTable)
        summary = self.query_one("#import-summary", Static)
        table.clear(columns=True)
        for widget in (table, summary, self.query_one("#import-columns-box")):
            widget.display = plan is not None
        self.query_one("#import-box").set_class(plan is not None, "-planned")
        if plan is None:
            self.query_one("#import-detail", Static).update("")
            return
        name_width, why_width = self._widths()
        table.add_column("Row", width=ROW_WIDTH)
        table.add_column("Action", width=ACTION_WIDTH)
        table.add_column("Company — role", width=name_width)
        table.add_column("Stage", width=STAGE_WIDTH)
        table.add_column("Why", width=why_width)
        for outcome in plan.rows:
            table.add_row(*self._cells(outcome), key=str(outcome.row), height=None)
        totals = plan.totals(dry_run=dry_run) + (" Nothing is written until you import." if dry_run else "")
        lines = [Text(totals, style="bold"), Text(plan.source.describe())]
        lines += [Text(f"Note: {warning}") for warning in plan.warnings]
        summary.update(Text("\n").join(lines))
        source = plan.source
        kept = f", {len(source.kept)} more kept in the notes" if source.kept else ""
        self.query_one("#import-columns-box", Collapsible).title = f"Columns: {len(source.columns)} read{kept}"
        details = f"Read: {source.mapping()}"
        if source.kept:
            details += "\nKept in the notes: " + ", ".join(f"“{h}”" for h in source.kept)
        self.query_one("#import-columns", Static).update(details)
        self._describe_row(0)

    def _widths(self) -> tuple[int, int]:
        """The widths of the name and the "why" columns: halves of what the fixed columns leave."""
        box = self.query_one("#import-box", Vertical).content_region.width
        table = self.query_one("#import-preview", DataTable)
        padding = 2 * table.cell_padding
        scrollbar = table.styles.scrollbar_size_vertical
        free = box - ROW_WIDTH - ACTION_WIDTH - STAGE_WIDTH - 5 * padding - scrollbar
        name = max(16, free // 2)
        return name, max(16, free - name)

    @staticmethod
    def _cells(outcome: RowOutcome) -> tuple[Text, ...]:
        if outcome.action is Action.IMPORT:
            why = "; ".join(outcome.remarks) or "new"
        elif outcome.action is Action.MERGE:
            why = f"into {outcome.target}: {outcome.reason}"
        else:
            why = outcome.reason
        stage = outcome.stage.value if outcome.stage else ""
        return (
            Text(str(outcome.row)),
            Text(ACTION_TEXT[outcome.action], style=ACTION_STYLE[outcome.action]),
            Text(f"{outcome.company or '(no company)'} — {outcome.role or '(no role)'}"),
            Text(stage),
            Text(why),
        )

    def _describe_row(self, index: int) -> None:
        detail = self.query_one("#import-detail", Static)
        if self.plan is None or not 0 <= index < len(self.plan.rows):
            detail.update("")
            return
        outcome = self.plan.rows[index]
        detail.update(f"Row {outcome.row}: {outcome.describe()}")

    @on(DataTable.RowHighlighted, "#import-preview")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._describe_row(event.cursor_row)

    # --- actions ----------------------------------------------------------------------

    @on(Input.Submitted, "#import-path")
    @on(Button.Pressed, "#import-dry-run")
    def action_dry_run(self) -> None:
        """Show what importing the file would do, writing nothing."""
        plan = self._plan()
        if plan is not None:
            self._show(plan, dry_run=True)
            self._ready_to_import(True)

    @on(Checkbox.Changed, "#import-merge")
    def _merge_changed(self) -> None:
        if self.plan is not None and not self.written:
            self.action_dry_run()

    @on(Input.Changed, "#import-path")
    def _path_changed(self) -> None:
        self._show_error("")

    @on(Button.Pressed, "#import-run")
    def action_run_import(self) -> None:
        """Plan again (the data may have changed since the dry run), then write."""
        if self.written:
            return
        plan = self._plan()
        if plan is None:
            return
        if not plan.create and not plan.update:
            self._show(plan, dry_run=True)
            self._show_error("Nothing to import: every row is skipped (see why below).")
            return
        try:
            importing.apply_import(plan)
        except importing.CannotImport as error:
            self._show_error(str(error))
            self.app.changed()  # whatever was written before the failure is shown
            return
        self.written = [o.id for o in [*plan.create, *plan.update]]
        self.app.changed()
        self._show(plan, dry_run=False)
        self._ready_to_import(False)
        self.notify(plan.totals(dry_run=False), title=f"Imported {plan.path.name}", timeout=4)

    def _ready_to_import(self, ready: bool) -> None:
        self.query_one("#import-run", Button).disabled = not ready
        if not ready:
            close = self.query_one("#import-close", Button)
            close.variant = "primary"
            close.focus()

    @on(Button.Pressed, "#import-close")
    def action_close(self) -> None:
        self.dismiss(self.written)
