"""Help: what the current screen is for, and its keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Markdown


def _keys(binding: Binding | tuple[str, ...]) -> list[str]:
    """The keys of a BINDINGS entry (a Binding or a (keys, action, description) tuple)."""
    keys = binding.key if isinstance(binding, Binding) else binding[0]
    return [key.strip() for key in keys.split(",")]


class HelpScreen(ModalScreen[None]):
    """The keys of the screen it was opened from, read from its live bindings."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 80%; max-width: 90; height: auto; max-height: 90%; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    HelpScreen Markdown { margin: 0; padding: 0; }
    HelpScreen DataTable { height: auto; max-height: 20; }
    """
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close")]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.about = screen.HELP or "Keys for this screen."
        # The keys this screen declares first, then the app's, then the focused widget's and
        # Textual's generic ones. Where the screen binds a key itself, show its meaning (a list's
        # "scroll left" must not hide "lower the weight").
        declared = {key for b in type(screen).__dict__.get("BINDINGS", []) for key in _keys(b)}
        own = screen._bindings.key_to_bindings
        found: list[tuple[int, str, str]] = []
        for key, active in screen.active_bindings.items():
            binding = own[key][0] if key in own else active.binding
            order = 0 if key in declared else 1 if active.node is self.app else 2
            if binding.description:
                found.append((order, self.app.get_key_display(binding), binding.description))
        self.keys = [(key, description) for _, key, description in sorted(found, key=lambda item: item[0])]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Markdown(self.about)
            table: DataTable[str] = DataTable(cursor_type="none", show_cursor=False)
            table.add_columns("Key", "Does")
            seen: set[tuple[str, str]] = set()
            for key, description in self.keys:
                if (key, description) not in seen:
                    seen.add((key, description))
                    table.add_row(key, description)
            yield table
