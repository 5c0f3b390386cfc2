"""Export: write the opportunities on screen to a file, as a Markdown memo, a CSV sheet or JSON data.

The text comes from `export.export`, the same function `evaluator export` uses, and the file is
written by `export.write_export`: the app and the command line write the very same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static
from textual.worker import get_current_worker

from evaluator import export, scoring
from evaluator.model import Opportunity, Profile
from evaluator.report import COMPUTING

FORMAT_HINTS = {
    "markdown": ("Markdown", "a decision memo to read or send"),
    "csv": ("CSV", "one row each, for a spreadsheet"),
    "json": ("JSON", "all the data and the scores"),
}


def default_name(opportunities: Sequence[Opportunity], today: date, format: str) -> str:
    """E.g. "evaluator-2026-11-22.md", or "evaluator-pulseband-2026-11-22.csv" for one opportunity."""
    only = f"{opportunities[0].id}-" if len(opportunities) == 1 and opportunities[0].id else ""
    return f"evaluator-{only}{today.isoformat()}{export.EXPORT_SUFFIX[format]}"


class ExportModal(ModalScreen[Path | None]):
    """Choose a format and a file; dismisses with the path written, or None if nothing was."""

    HELP = """\
## Export

Write these opportunities, scored under the active profile, to a file:

- **Markdown**: a decision memo for a mentor or a friend: weights, ranking with ranges and win
  probabilities, criterion by criterion, dealbreakers, what would flip it, what to ask next, and
  who said what in each interview.
- **CSV**: one row per opportunity, for a spreadsheet.
- **JSON**: everything, for other programs (docs/export.schema.json).

An existing file is only replaced after you say so.
"""

    DEFAULT_CSS = """
    ExportModal { align: center middle; }
    ExportModal > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    ExportModal #export-title { text-style: bold; }
    ExportModal #export-what { color: $text-muted; margin-bottom: 1; }
    ExportModal .export-label { margin-top: 0; color: $text-muted; }
    ExportModal RadioSet { width: 100%; }
    ExportModal #export-message { height: auto; min-height: 1; }
    ExportModal #export-message.-error { color: $text-error; text-style: bold; }
    ExportModal #export-message.-busy { color: $text-warning; }
    ExportModal #export-message.-done { color: $text-success; }
    ExportModal Input.-invalid { border: tall $error; }
    ExportModal Horizontal { height: auto; align-horizontal: right; }
    ExportModal Button { margin-left: 2; }
    """
    BINDINGS = [Binding("escape", "close", "Close", id="export.close")]

    def __init__(self, opportunities: Sequence[Opportunity], profile: Profile) -> None:
        super().__init__()
        self.opportunities = list(opportunities)
        self.profile = profile
        self.format = export.EXPORT_FORMATS[0]
        self.written: Path | None = None
        """The last file written, once there is one."""
        self.busy = False

    def compose(self) -> ComposeResult:
        count = len(self.opportunities)
        with Vertical():
            yield Label(
                Content.assemble(
                    f"Export {count} opportunit{'y' if count == 1 else 'ies'} under “", self.profile.name, "”"
                ),
                id="export-title",
            )
            yield Static(Content(", ".join(o.company for o in self.opportunities)), id="export-what")
            yield Label("Format", classes="export-label")
            with RadioSet(id="export-format"):
                for index, format in enumerate(export.EXPORT_FORMATS):
                    name, hint = FORMAT_HINTS[format]
                    yield RadioButton(
                        Content.assemble((f"{name:<9}", "bold"), (hint, "$text-muted")),
                        value=index == 0,
                        name=format,
                    )
            yield Label("File", classes="export-label")
            path = Path.cwd() / default_name(self.opportunities, self.app.today(), self.format)
            yield Input(str(path), id="export-path", placeholder="a file name, e.g. ~/comparison.md")
            yield Static("", id="export-message")
            with Horizontal():
                yield Button("Cancel", id="export-cancel")
                yield Button("Export", id="export-go", variant="primary")

    def on_mount(self) -> None:
        self.query_one(RadioSet).focus()

    # --- choosing -----------------------------------------------------------------------

    @on(RadioSet.Changed)
    def _format_chosen(self, event: RadioSet.Changed) -> None:
        chosen = event.pressed.name or export.EXPORT_FORMATS[0]
        if chosen == self.format:
            return
        field = self.query_one("#export-path", Input)
        path = Path(field.value)
        if path.suffix.lower() in export.EXPORT_SUFFIX.values():  # keep the name, change what it ends with
            field.value = str(path.with_suffix(export.EXPORT_SUFFIX[chosen]))
        self.format = chosen

    @on(Input.Changed, "#export-path")
    def _path_edited(self) -> None:
        if self.query_one("#export-message").has_class("-error"):
            self._say("")
        self.query_one("#export-path", Input).remove_class("-invalid")

    def _say(self, text: str, kind: str = "") -> None:
        message = self.query_one("#export-message", Static)
        message.update(Content(text))
        for name in ("-error", "-busy", "-done"):
            message.set_class(name == kind, name)
        self.query_one("#export-path", Input).set_class(kind == "-error", "-invalid")

    # --- writing ------------------------------------------------------------------------

    @on(Button.Pressed, "#export-go")
    @on(Input.Submitted, "#export-path")
    def action_export(self) -> None:
        if self.busy:
            return
        text = self.query_one("#export-path", Input).value
        try:
            target = export.export_target(text)
        except export.ExportExists:
            self._confirm_replace(Path(text).expanduser().absolute())
            return
        except export.ExportError as error:
            self._say(str(error), "-error")
            self.query_one("#export-path", Input).focus()
            return
        self._start(target, overwrite=False)

    def _confirm_replace(self, target: Path) -> None:
        from evaluator.screens.modals import Confirm

        def answered(replace: bool | None) -> None:
            if replace:
                self._start(target, overwrite=True)
            else:
                self._say(f"{target.name} is left as it is: choose another name.", "-error")
                self.query_one("#export-path", Input).focus()

        self.app.push_screen(
            Confirm(f"Replace {target.name}?", f"{target} already exists.", yes="Replace", no="Keep it"), answered
        )

    def _start(self, target: Path, overwrite: bool) -> None:
        self.busy = True
        self.query_one("#export-go", Button).disabled = True
        self._say(COMPUTING, "-busy")
        self._write(target, overwrite, self.format, self.app.today())

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _write(self, target: Path, overwrite: bool, format: str, today: date) -> None:
        worker = get_current_worker()
        try:
            comparison = scoring.compare(self.opportunities, self.profile)
            text = export.export(comparison, format, today)
            if worker.is_cancelled:
                return
            written: Path | None = export.write_export(text, target, format, overwrite=overwrite)
            error = ""
        except export.ExportError as problem:
            written, error = None, str(problem)
        except Exception as problem:  # a bug in scoring: shown in the dialog, never silently lost
            written, error = None, f"Could not export: {problem}"
        if not worker.is_cancelled:
            self.app.call_from_thread(self._finished, written, error)

    def _finished(self, written: Path | None, error: str) -> None:
        self.busy = False
        self.query_one("#export-go", Button).disabled = False
        if written is None:
            self._say(error, "-error")
            self.query_one("#export-path", Input).focus()
            return
        self.written = written
        self._say(f"✓ Written to {written}", "-done")
        cancel = self.query_one("#export-cancel", Button)
        cancel.label = "Close"
        cancel.focus()

    # --- leaving ------------------------------------------------------------------------

    @on(Button.Pressed, "#export-cancel")
    def action_close(self) -> None:
        self.workers.cancel_group(self, "export")
        self.dismiss(self.written)
