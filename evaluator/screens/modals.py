"""Small dialogs shared by the screens: confirm, pick a profile, show load problems."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from evaluator.model import Profile

TO_TRASH = "Its file moves to the trash in your data folder; Trash in the command palette restores it."
"""What deleting does, said where the user confirms it."""


class Confirm(ModalScreen[bool]):
    """Ask before anything destructive. Dismisses with True only on an explicit yes."""

    DEFAULT_CSS = """
    Confirm { align: center middle; }
    Confirm > Vertical {
        width: 60; height: auto; padding: 1 2;
        border: thick $warning; background: $surface;
    }
    Confirm #question { text-style: bold; margin-bottom: 1; }
    Confirm Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    Confirm Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, detail: str = "", yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question, self.detail, self.yes, self.no = question, detail, yes, no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question, id="question")
            if self.detail:
                yield Static(self.detail)
            with Horizontal():
                yield Button(f"{self.no} (n)", id="no")
                yield Button(f"{self.yes} (y)", id="yes", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


def leave_or_ask(screen: Screen, unsaved: bool, question: str, detail: str, leave: Callable[[], object]) -> None:
    """Leave at once when nothing changed; otherwise ask first, and leave only on "Discard"."""
    if not unsaved:
        leave()
        return
    screen.app.push_screen(
        Confirm(question, detail, yes="Discard", no="Keep editing"),
        lambda discard: leave() if discard else None,
    )


class PickProfile(ModalScreen[str | None]):
    """Choose the profile to score with."""

    DEFAULT_CSS = """
    PickProfile { align: center middle; }
    PickProfile > Vertical {
        width: 64; height: auto; max-height: 80%; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    PickProfile OptionList { height: auto; max-height: 16; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, profiles: Sequence[Profile], current: str, title: str = "Score with which profile?") -> None:
        super().__init__()
        self.profiles = list(profiles)
        self.current = current
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"[b]{self.title_text}[/b]")
            yield OptionList(
                *(
                    Option(
                        f"{'● ' if p.name == self.current else '  '}[b]{p.name}[/b]"
                        f"{'  [dim](built-in)[/dim]' if p.builtin else ''}\n    [dim]{p.description}[/dim]",
                        id=p.name,
                    )
                    for p in self.profiles
                )
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        names = [p.name for p in self.profiles]
        if self.current in names:
            options.highlighted = names.index(self.current)
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class ProblemsModal(ModalScreen[bool]):
    """Files that could not be read: named, explained, left untouched, and moved aside only on request.

    Dismisses with True when the user asks (and confirms) to move them into quarantine.
    """

    DEFAULT_CSS = """
    ProblemsModal { align: center middle; }
    ProblemsModal > Vertical {
        width: 90%; max-width: 110; height: auto; max-height: 80%; padding: 1 2;
        border: thick $error; background: $surface;
    }
    ProblemsModal VerticalScroll { height: auto; max-height: 45vh; margin: 1 0; }
    ProblemsModal Horizontal { height: auto; align-horizontal: right; }
    ProblemsModal Button { margin-left: 2; }
    """
    BINDINGS = [Binding("escape", "dismiss(False)", "Close"), Binding("m", "move", "Move aside")]

    def __init__(self, problems: Sequence[object]) -> None:
        super().__init__()
        self.problems = list(problems)

    def compose(self) -> ComposeResult:
        with Vertical():
            count = len(self.problems)
            yield Label(f"[b]{count} problem{'s' * (count != 1)} in files that cannot be read[/b]")
            yield Static(
                "They are skipped and left exactly as they are. Fix them in an editor and restart, "
                "or move them aside into the quarantine folder of your data folder."
            )
            with VerticalScroll():
                yield Static("\n\n".join(f"• {p}" for p in self.problems), markup=False)
            with Horizontal():
                yield Button("Move aside (m)", id="move", variant="warning")
                yield Button("Close (esc)", id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#move")
    def action_move(self) -> None:
        detail = "They go to the quarantine folder, unchanged; nothing is deleted. Fix one there and move it back."
        self.app.push_screen(
            Confirm("Move the files that cannot be read aside?", detail, yes="Move aside"),
            lambda yes: self.dismiss(True) if yes else None,
        )


class ConflictModal(ModalScreen[str | None]):
    """A file changed on disk since it was read: reload it, keep mine, or save mine as a new file.

    Dismisses with "reload", "replace", "new", or None to go back to editing.
    """

    DEFAULT_CSS = """
    ConflictModal { align: center middle; }
    ConflictModal > Vertical {
        width: 72; height: auto; padding: 1 2;
        border: thick $warning; background: $surface;
    }
    ConflictModal #question { text-style: bold; margin-bottom: 1; }
    ConflictModal Button { width: 100%; margin-top: 1; }
    """
    BINDINGS = [
        Binding("r", "choose('reload')", "Reload"),
        Binding("k", "choose('replace')", "Keep mine"),
        Binding("n", "choose('new')", "Save as new"),
        Binding("escape", "choose(None)", "Back"),
    ]

    def __init__(self, message: str, gone: bool) -> None:
        super().__init__()
        self.message, self.gone = message, gone

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Someone else changed this file", id="question")
            yield Static(f"{self.message}. Nothing has been saved yet.", markup=False)
            yield Button("Reload it and drop my changes (r)", id="reload", compact=True)
            keep = "Save mine again (k)" if self.gone else "Keep mine; back up the other version (k)"
            yield Button(keep, id="replace", variant="warning", compact=True)
            yield Button("Save mine as a new file (n)", id="new", variant="primary", compact=True)
            yield Button("Cancel: save nothing yet (esc)", id="back", compact=True)

    def on_mount(self) -> None:
        self.query_one("#new", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "back" else event.button.id)

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)
