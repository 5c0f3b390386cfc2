"""EvaluatorApp: the screens, bindings, command palette and themes.

The app holds the loaded data and saves through the store; every number it shows comes
from `evaluator.scoring`. Screens subscribe to `data_changed` to refresh.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.signal import Signal

from evaluator import paths, scoring, store
from evaluator.model import Opportunity, Profile, Settings

PROBLEMS_SHOWN = 8
"""Unreadable files listed in the start-up notification; the rest are counted."""


class EvaluatorApp(App[None]):
    """Score job opportunities from what interviews revealed."""

    CSS_PATH = "app.tcss"
    TITLE = "evaluator"
    BINDINGS = [
        Binding("f1", "help", "Help", id="help"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True, show=False),
    ]

    def __init__(self, *, today: date | None = None, read_after_first_frame: bool = False) -> None:
        """`read_after_first_frame`: read the opportunities in a worker once the home screen is
        painted (how `evaluator` starts), instead of before the app runs (as tests and
        screenshots want: the data is there from the start)."""
        super().__init__()
        self._today = today
        self.settings: Settings = store.load_settings()
        self.profiles: list[Profile] = []
        self.opportunities: list[Opportunity] = []
        self.problems: list[store.Problem] = []
        self._unreadable: list[store.Problem] = []
        self.data_changed: Signal[None] = Signal(self, "data-changed")
        self.reading = False
        """True until the opportunities are read: the home screen says so, and saving waits."""
        self.reload(opportunities=not read_after_first_frame)
        self.reading = read_after_first_frame

    # --- data -------------------------------------------------------------------------

    def today(self) -> date:
        """Today's date (fixed in tests and screenshots)."""
        return self._today or date.today()

    def reload(self, opportunities: bool = True) -> None:
        """Read the files again (the opportunities only if asked); bad files are kept aside in
        `problems`, never rewritten."""
        profiles = store.load_profiles()
        self.profiles = profiles.items
        if opportunities:
            loaded = store.load_opportunities(profiles.items)
            self.opportunities = loaded.items
            self._unreadable = loaded.problems
            self.reading = False
        self.problems = [*profiles.problems, *self._unreadable, *store.settings_problems()]
        self.active_profile: Profile = self._find_profile(self.settings.profile)
        """The profile every screen scores with (the saved choice, else "balanced")."""

    def _find_profile(self, name: str) -> Profile:
        try:
            return store.find_profile(self.profiles, name)
        except store.NotFound:
            return store.find_profile(self.profiles, "balanced")

    def changed(self, saved: Opportunity | None = None, *, opportunities: bool = True) -> None:
        """Bring the data up to date and tell every screen that subscribed.

        `saved` is an opportunity just written: it alone replaces its old self in memory. With
        `opportunities=False` only profiles or settings changed. Otherwise every file is read
        again: with thousands of opportunities that takes a moment, so saving one never does it.
        """
        if saved is not None:
            others = [o for o in self.opportunities if o.id != saved.id]
            self.opportunities = sorted([*others, saved], key=lambda o: o.id)  # the order files load in
        else:
            self.reload(opportunities)
        self.data_changed.publish(None)

    def use_profile(self, name: str) -> None:
        """Make this profile active and remember it for next time."""
        self.settings.profile = name
        self._save_settings()
        self.active_profile = self._find_profile(name)
        self.data_changed.publish(None)
        self.notify(f"Scoring with profile “{self.active_profile.name}”", timeout=3)

    def save_opportunity(
        self,
        opportunity: Opportunity,
        then: Callable[[], object] | None = None,
        drop: Callable[[], object] | None = None,
    ) -> None:
        """Write it, refresh every screen, then call `then`; see `_save` for a file changed on disk."""
        self._save(opportunity, then, drop)

    def save_profile(
        self,
        profile: Profile,
        then: Callable[[], object] | None = None,
        drop: Callable[[], object] | None = None,
        failed: Callable[[str], object] | None = None,
    ) -> None:
        """Write a user profile like `save_opportunity`; `failed` shows why it was refused (a notification
        by default)."""
        self._save(profile, then, drop, failed)

    def _save(
        self,
        document: Opportunity | Profile,
        then: Callable[[], object] | None,
        drop: Callable[[], object] | None,
        failed: Callable[[str], object] | None = None,
        if_changed: store.IfChanged = "refuse",
    ) -> None:
        """Save `document`, then update the data, tell every screen, and call `then`.

        If the file changed on disk since it was read (another window, an editor, a sync tool),
        nothing is written yet: the user chooses to reload it (then `drop` is called, so the
        editing screen can close; its edits are lost, a capture's draft is kept), to keep theirs
        (the other version is kept in the backups folder) or to save it as a new file. On any
        failure the reason is shown and nothing on screen is lost.
        """
        if self.reading:  # the file may be read, and shown, as it was before this save
            self.notify(f"Still reading your files: save {document.name} again in a moment.", severity="warning")
            return
        try:
            if isinstance(document, Opportunity):
                store.save_opportunity(document, today=self.today(), if_changed=if_changed)
            else:
                store.save_profile(document, if_changed=if_changed)
        except store.ChangedOnDisk as change:
            from evaluator.screens.modals import ConflictModal

            def chosen(choice: str | None) -> None:
                if choice == "reload":
                    self.changed()
                    self.notify(f"Reloaded {document.name} as it is on disk now.", timeout=5)
                    if drop is not None:
                        drop()
                elif choice in ("replace", "new"):
                    self._save(document, then, drop, failed, choice)

            self.push_screen(ConflictModal(str(change), change.gone), chosen)
            return
        except (ValueError, OSError) as error:
            message = f"Could not save {document.name}: {error}"
            if failed is None:
                self.notify(message, severity="error", timeout=10)
            else:
                failed(message)
            return
        if if_changed != "refuse":  # the other version is on disk or in backups: read it all again
            self.changed()
        elif isinstance(document, Opportunity):
            self.changed(saved=document)
        else:
            self.changed(opportunities=False)
        if if_changed == "replace":
            self.notify(f"Saved your version. The other one is kept in {paths.backups_dir()}.", timeout=8)
        elif if_changed == "new":
            self.notify(f"Saved your version as a new file; the other one is as it was ({document.name}).", timeout=8)
        if then is not None:
            then()

    def delete_opportunity(self, opportunity: Opportunity) -> None:
        """Ask, then move its file to the trash (Trash in the palette brings it back)."""
        from evaluator.screens.modals import TO_TRASH, Confirm

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                store.delete_opportunity(opportunity)
            except (store.NotFound, OSError) as error:
                self.notify(str(error), title="Not deleted", severity="error")
                return
            self._go_home()
            self.changed()
            self.notify(f"Moved {opportunity.name} to the trash. Trash (ctrl+p) brings it back.", timeout=6)

        self.push_screen(Confirm(f"Delete {opportunity.name}?", TO_TRASH, yes="Delete"), confirmed)

    def opportunity(self, opportunity_id: str | None) -> Opportunity | None:
        """The loaded opportunity with this id, or None (its file went away, or no longer loads)."""
        return next((o for o in self.opportunities if o.id == opportunity_id), None)

    def open_opportunities(self) -> list[Opportunity]:
        """The opportunities still in play: not archived, and not accepted, declined, withdrawn,
        rejected or ghosted. Comparisons, exports, previews and win probabilities use these."""
        return [o for o in self.opportunities if o.is_open]

    def closed_opportunities(self) -> list[Opportunity]:
        """Not archived, but their story has ended (home lists them on request)."""
        return [o for o in self.opportunities if not o.archived and not o.is_open]

    def scores(self, opportunities: Iterable[Opportunity] | None = None) -> list[scoring.Score]:
        """Plain scores (fast, no sampling) under the active profile, ranked."""
        chosen = self.open_opportunities() if opportunities is None else opportunities
        return scoring.rank(scoring.score_all(chosen, self.active_profile))

    # --- app life ---------------------------------------------------------------------

    def on_mount(self) -> None:
        from evaluator.screens.home import HomeScreen

        self.theme = self.settings.theme if self.settings.theme in self.available_themes else "textual-dark"
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.push_screen(HomeScreen())
        if self.reading:
            self.call_after_refresh(self._read_opportunities)
        else:
            self._greet()

    @work(thread=True, exclusive=True, group="read")
    def _read_opportunities(self) -> None:
        """Read every opportunity off the first frame's path (5,000 take seconds), then show them."""
        loaded = store.load_opportunities(self.profiles)
        self.call_from_thread(self._opportunities_read, loaded)

    def _opportunities_read(self, loaded: store.Loaded[Opportunity]) -> None:
        if self.reading:  # else everything was read again meanwhile (examples loaded, an item restored...)
            self.opportunities, self._unreadable = loaded.items, loaded.problems
            self.problems = [*self.problems, *loaded.problems]
            self.reading = False
            self.data_changed.publish(None)
        self._greet()

    def _greet(self) -> None:
        """Once the data is read: the welcome on a first run, and any file that cannot be read."""
        if not self.opportunities and not paths.settings_file().exists():
            from evaluator.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen(self.profiles), self._welcomed)
        if self.problems:
            self.notify(self._problems_text(), title="Some files cannot be read", severity="error", timeout=30)

    def _problems_text(self) -> str:
        """Every file that cannot be read, with its line and problem, for one notification."""
        shown = [f"• {p}" for p in self.problems[:PROBLEMS_SHOWN]]
        if len(self.problems) > PROBLEMS_SHOWN:
            shown.append(f"…and {len(self.problems) - PROBLEMS_SHOWN} more.")
        shown.append("They are skipped and left as they are. ctrl+p → “Files that cannot be read” to move them aside.")
        return "\n".join(shown)

    def action_problems(self) -> None:
        """The files that cannot be read, with a button to move them aside."""
        from evaluator.screens.modals import ProblemsModal

        def answered(move: bool | None) -> None:
            if not move:
                return
            moved, failed = store.quarantine_bad(self.problems)
            self.changed()
            if moved:
                files = f"{len(moved)} file{'s' * (len(moved) != 1)}"
                self.notify(f"Moved {files} into {paths.quarantine_dir()}.", timeout=8)
            if failed:
                self.notify("\n".join(failed), title="Not moved", severity="error", timeout=15)

        self.clear_notifications()  # the start-up list would cover the dialog that shows it in full
        self.push_screen(ProblemsModal(self.problems), answered)

    def action_trash(self) -> None:
        """Deleted opportunities and profiles, to bring back."""
        from evaluator.screens.trash import TrashScreen

        self.push_screen(TrashScreen())

    def _welcomed(self, choice: tuple[str, bool] | None) -> None:
        if choice is None:
            self._save_settings()
            return
        name, examples = choice
        if examples:
            self.load_examples()
        self.use_profile(name)

    def load_examples(self) -> None:
        """Copy the example opportunities into the data folder (existing files are kept)."""
        try:
            store.copy_examples(paths.data_dir())
        except OSError as error:
            self.notify(str(error), title="Examples not loaded", severity="error")
            return
        self.changed()

    def _remember_theme(self, _theme: object) -> None:
        if self.settings.theme != self.theme:
            self.settings.theme = self.theme
            self._save_settings()

    def _save_settings(self) -> None:
        """Remember theme and profile; a settings file we could not read is left untouched."""
        try:
            store.save_settings(self.settings)
        except (store.BadFile, OSError) as error:
            self.notify(str(error), title="Settings not saved", severity="error")

    def action_switch_profile(self) -> None:
        """Pick the profile to score with (from any screen)."""
        from evaluator.screens.modals import PickProfile

        def chosen(name: str | None) -> None:
            if name:
                self.use_profile(name)

        self.push_screen(PickProfile(self.profiles, self.active_profile.name), chosen)

    def action_help(self) -> None:
        from evaluator.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        home = self._home()
        if home is None:
            return
        yield SystemCommand("Home", "Go to the opportunities list", self._go_home)
        yield SystemCommand("New opportunity", "Add a role you are considering", home.action_new)
        yield SystemCommand(
            "Capture an interview", "Note what a call revealed, for the highlighted opportunity", home.action_capture
        )
        yield SystemCommand("Archive", "Archive the highlighted opportunity (asks first)", home.action_archive)
        yield SystemCommand("Delete", "Move the highlighted opportunity to the trash (asks first)", home.action_delete)
        yield SystemCommand("Trash", "Bring back a deleted opportunity or profile", self.action_trash)
        if self.problems:
            yield SystemCommand(
                "Files that cannot be read", "See why, and move them aside into quarantine", self.action_problems
            )
        yield SystemCommand(
            "Show or hide closed opportunities", "Accepted, declined, rejected…", home.action_toggle_closed
        )
        yield SystemCommand("Follow-ups", "Thank-you notes and follow-ups that are due", home.action_followups)
        yield SystemCommand("Switch profile", "Score with another priority profile", self.action_switch_profile)
        yield SystemCommand("Edit profiles", "Create, duplicate and weigh priority profiles", home.action_profiles)
        yield SystemCommand("Compare", "Compare the marked (or all open) opportunities", home.action_compare)
        yield SystemCommand("Export", "Write a decision memo, CSV or JSON of the open opportunities", self._export)
        yield SystemCommand(
            "Import from CSV", "Add opportunities from a job tracker's or a spreadsheet's CSV", self._import
        )
        yield SystemCommand(
            "Load the example opportunities", "Add the start-up, winery and PR agency examples", self.load_examples
        )
        yield SystemCommand("Help", "The keys of the current screen", self.action_help)

    def _export(self) -> None:
        from evaluator.screens.export import ExportModal

        chosen = self.open_opportunities()
        if not chosen:
            self.notify("There are no open opportunities to export.", severity="warning")
            return
        self.push_screen(ExportModal(chosen, self.active_profile))

    def _import(self) -> None:
        from evaluator.screens.import_dialog import ImportDialog

        self.push_screen(ImportDialog())

    def _home(self):  # -> HomeScreen | None
        from evaluator.screens.home import HomeScreen

        return next((s for s in self.screen_stack if isinstance(s, HomeScreen)), None)

    def _go_home(self) -> None:
        while len(self.screen_stack) > 2 and self._home() is not self.screen:
            self.pop_screen()
