"""Trash: deleted opportunities and profiles, and a key to bring one back."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from evaluator import store


class TrashScreen(ModalScreen[None]):
    """What was deleted, newest first; enter puts the highlighted one back where it was."""

    HELP = "Deleted opportunities and profiles wait here until you restore them. Nothing here is ever erased."
    DEFAULT_CSS = """
    TrashScreen { align: center middle; }
    TrashScreen > Vertical {
        width: 90%; max-width: 110; height: auto; max-height: 90%; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    TrashScreen DataTable { height: auto; max-height: 16; margin: 1 0; }
    TrashScreen #trash-empty { margin: 1 0; color: $text-muted; }
    """
    BINDINGS = [
        Binding("enter,r", "restore", "Restore", id="trash.restore"),
        Binding("escape", "dismiss", "Close"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("[b]Trash[/b]")
            yield Static(id="trash-empty")
            yield DataTable(id="trash-table", cursor_type="row")
            yield Static("[dim]enter[/dim] restore   [dim]esc[/dim] close", id="trash-keys")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("What", "Name", "Deleted")
        self._fill()

    def _fill(self) -> None:
        self.items = store.trashed()
        table = self.query_one(DataTable)
        table.clear()
        for item in self.items:
            table.add_row(item.kind, item.name, item.deleted.strftime("%Y-%m-%d %H:%M"), key=item.id)
        empty = self.query_one("#trash-empty", Static)
        empty.update("The trash is empty. Deleted opportunities and profiles wait here until you restore them.")
        empty.display = not self.items
        table.display = bool(self.items)
        if self.items:
            table.focus()

    @on(DataTable.RowSelected)
    def action_restore(self) -> None:
        table = self.query_one(DataTable)
        if not self.items:
            return
        item = self.items[table.cursor_row]
        try:
            restored = store.restore(item)
        except (ValueError, OSError) as error:
            self.notify(str(error), title="Not restored", severity="error", timeout=8)
            return
        self.app.changed()
        self.notify(f"Restored {item.name} ({restored.name}).", timeout=5)
        self._fill()
