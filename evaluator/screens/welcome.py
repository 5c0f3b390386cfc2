"""First run: pick a starting profile and, if wanted, load the example opportunities."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Label, OptionList, Static
from textual.widgets.option_list import Option

from evaluator.model import Profile


class WelcomeScreen(ModalScreen[tuple[str, bool] | None]):
    """Dismisses with (profile name, load examples?), or None to start empty."""

    DEFAULT_CSS = """
    WelcomeScreen { align: center middle; }
    WelcomeScreen > Vertical {
        width: 76; max-width: 95%; height: auto; max-height: 100%; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    WelcomeScreen #intro { margin: 1 0; }
    WelcomeScreen #pick { height: auto; }
    WelcomeScreen OptionList { width: 22; height: auto; max-height: 8; }
    WelcomeScreen #about-profile { width: 1fr; height: auto; color: $text-muted; padding: 1 0 0 2; }
    WelcomeScreen Checkbox { width: 100%; margin-top: 1; }
    WelcomeScreen #buttons { height: auto; align-horizontal: right; }
    WelcomeScreen Button { margin-left: 2; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "Start empty")]

    def __init__(self, profiles: list[Profile]) -> None:
        super().__init__()
        self.profiles = [p for p in profiles if p.builtin]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("[b]Welcome to evaluator[/b]")
            yield Static(
                "An interview tests the company as much as you. Weigh what matters to you, note what "
                "each conversation revealed, and compare roles honestly.\n"
                "Start from a priority profile; you can change its weights later.",
                id="intro",
            )
            with Horizontal(id="pick"):
                yield OptionList(*(Option(p.name, id=p.name) for p in self.profiles))
                yield Static(id="about-profile")
            yield Checkbox("Also load the example opportunities, to look around first", True, compact=True)
            with Horizontal(id="buttons"):
                yield Button("Start empty", id="empty")
                yield Button("Start", id="start", variant="primary")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionHighlighted)
    def _describe(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#about-profile", Static).update(self.profiles[event.option_index].description)

    @on(OptionList.OptionSelected)
    def _picked(self) -> None:
        self.query_one("#start", Button).focus()

    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        options = self.query_one(OptionList)
        index = options.highlighted or 0
        self.dismiss((self.profiles[index].name, self.query_one(Checkbox).value))

    @on(Button.Pressed, "#empty")
    def _empty(self) -> None:
        self.dismiss(None)
