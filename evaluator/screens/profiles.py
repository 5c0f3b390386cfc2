"""Profiles: every priority profile, built-in and your own; create, copy, rename, delete.

Built-in profiles are read-only: editing one first saves your own copy under a name you
choose. The detail pane shows the weights `evaluator.scoring` derives from the selected
profile and its earlier weights.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, Static

from evaluator import scoring, store
from evaluator.model import PROFILE_NAME_MAX, Profile
from evaluator.report import dealbreaker_text, percent
from evaluator.widgets.range_bar import percent_bar
from evaluator.widgets.weight_history import WeightHistory

ACTIVE = "●"
STARTER_PROFILE = "balanced"
STARTER_KEYS = ("pay", "office_policy", "growth_plans", "team_manager")
"""A new profile starts with these criteria of "balanced", at equal weight."""


class ProfilesScreen(Screen[None]):
    """The list of profiles and the selected one's weights and history."""

    BINDINGS = [
        Binding("enter", "edit", "Edit", id="profiles.edit", show=False),
        Binding("e", "edit", "Edit", id="profiles.edit_e"),
        Binding("n", "new", "New", id="profiles.new"),
        Binding("d", "duplicate", "Duplicate", id="profiles.duplicate"),
        Binding("r", "rename", "Rename", id="profiles.rename"),
        Binding("delete", "delete", "Delete", id="profiles.delete"),
        Binding("u", "use", "Use", id="profiles.use"),
        Binding("escape", "back", "Back", id="profiles.back"),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    HELP = """\
## Profiles

A profile is one version of what you want: criteria, how much each matters, and your
dealbreakers. **●** marks the profile scoring your opportunities now.

- **Enter** or **e** edits a profile. Built-in profiles are read-only: you first name
  your own copy, then edit that.
- **n** creates a profile (it starts with pay, office policy, growth plans and team at
  equal weight), **d** duplicates, **r** renames, **Delete** deletes one of yours.
- **u** scores your opportunities with the selected profile.
"""

    def __init__(self) -> None:
        super().__init__()
        self.naming: tuple[str, Profile | None] | None = None
        """While the name field is open: what the name is for ("new", "duplicate", "edit", "rename")."""

    # --- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="profiles-body"):
            with Vertical(id="profiles-left"):
                yield DataTable(id="profiles-table", cursor_type="row", zebra_stripes=True)
                with Vertical(id="profiles-name-bar"):
                    yield Static(id="profiles-name-prompt")
                    yield Input(id="profiles-name", compact=True, max_length=PROFILE_NAME_MAX + 1)
                    yield Label(id="profiles-name-error")
            with VerticalScroll(id="profiles-detail"):
                yield Static(id="profiles-about")
                yield Static(id="profiles-weights")
                yield Static("Earlier weights", classes="pane-title")
                yield WeightHistory(id="profiles-history")
                yield Static(id="profiles-history-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Profiles"
        table = self.query_one("#profiles-table", DataTable)
        table.add_column(" ", key="active", width=1)
        table.add_column("Profile", key="name")
        table.add_column("Kind", key="kind")
        table.add_column("Method", key="method")
        table.add_column("Criteria", key="criteria")
        self.query_one("#profiles-name-bar").display = False
        self.app.data_changed.subscribe(self, lambda _: self.refresh_list())
        self.refresh_list(self.app.active_profile.name)
        table.focus()

    # --- rendering --------------------------------------------------------------------

    def refresh_list(self, select: str | None = None) -> None:
        table = self.query_one("#profiles-table", DataTable)
        current = select or self._current_name()
        active = self.app.active_profile.name
        table.clear()
        for profile in self.app.profiles:
            table.add_row(
                Text(ACTIVE, style="bold") if profile.name == active else "",
                Text(profile.name, style="bold" if profile.name == active else ""),
                Text("built-in", style="dim") if profile.builtin else "yours",
                profile.method.value,
                Text(str(len(profile.criteria)), justify="right"),
                key=profile.name,
            )
        if current is not None and current in table.rows:
            table.move_cursor(row=table.get_row_index(current))
        self._show_detail()

    def _current_name(self) -> str | None:
        table = self.query_one("#profiles-table", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def current(self) -> Profile | None:
        name = self._current_name()
        return next((p for p in self.app.profiles if p.name == name), None)

    def _show_detail(self) -> None:
        profile = self.current()
        about = self.query_one("#profiles-about", Static)
        weights = self.query_one("#profiles-weights", Static)
        history = self.query_one("#profiles-history", WeightHistory)
        empty = self.query_one("#profiles-history-empty", Static)
        if profile is None:
            about.update("")
            weights.update("")
            return
        kind = "built-in · read-only: editing makes your own copy" if profile.builtin else "your own profile"
        lines = [Content.styled(profile.name, "bold"), Content.styled(kind, "$text-muted")]
        if profile.name == self.app.active_profile.name:
            lines.append(Content.styled("● scoring your opportunities now", "$success"))
        lines.append(
            Content(profile.description) if profile.description else Content.styled("No description.", "$text-muted")
        )
        about.update(Content("\n").join(lines))
        try:
            shares = scoring.weights(profile)
        except ValueError as error:
            shares = None
            weights.update(Content.styled(f"⚠ {error}", "$error"))
        if shares is not None:
            width = min(24, max(len(c.label) for c in profile.criteria))
            largest = max(shares.values()) or 1.0
            lines = [Content.styled(f"Weights ({profile.method.value})", "bold")]
            for criterion in profile.criteria:
                share = shares[criterion.key]
                lines.append(
                    Content.assemble(
                        Content(criterion.label).truncate(width, ellipsis=True, pad=True),
                        f" {percent(share):>4} ",
                        Content.from_rich_text(percent_bar(share / largest, 12)),
                    )
                )
                rule = dealbreaker_text(criterion)
                if rule:
                    lines.append(Content.styled(f"  ✗ dealbreaker: {rule}", "$warning"))
            weights.update(Content("\n").join(lines))
        history.show(profile, shares)
        history.display = bool(profile.history)
        empty.display = not profile.history
        empty.update(Content.styled("None yet: saving changed weights keeps the old ones here.", "$text-muted"))

    @on(DataTable.RowHighlighted, "#profiles-table")
    def _highlighted(self) -> None:
        self._show_detail()

    @on(DataTable.RowSelected, "#profiles-table")
    def _selected(self) -> None:
        self.action_edit()

    # --- the name field (new, duplicate, edit a built-in, rename) ---------------------

    def _free_name(self, base: str) -> str:
        taken = {p.name.casefold() for p in self.app.profiles}
        name, n = base, 1
        while name.casefold() in taken:
            n += 1
            name = f"{base} {n}"
        return name

    def _ask_name(self, purpose: str, profile: Profile | None, prompt: str, suggestion: str) -> None:
        self.naming = (purpose, profile)
        self.query_one("#profiles-name-prompt", Static).update(
            Content.assemble(prompt, ("  Enter saves · Esc cancels", "$text-muted"))
        )
        self.query_one("#profiles-name-bar").display = True
        field = self.query_one("#profiles-name", Input)
        field.value = suggestion
        self._name_problem(None)
        field.focus()

    def _close_name(self) -> None:
        self.naming = None
        self.query_one("#profiles-name-bar").display = False
        self.query_one("#profiles-table", DataTable).focus()

    def _name_problem(self, message: str | None) -> None:
        error = self.query_one("#profiles-name-error", Label)
        error.update(Content(f"⚠ {message}") if message else "")
        error.display = bool(message)

    def name_problem(self, name: str, keep: str | None = None) -> str | None:
        """What is wrong with this name for a profile (None when fine); `keep` is the name being renamed."""
        name = name.strip()
        if not name:
            return "a profile needs a name"
        if len(name) > PROFILE_NAME_MAX:
            return f"at most {PROFILE_NAME_MAX} characters"
        if keep is not None and name.casefold() == keep.casefold():
            return None
        if any(p.name.casefold() == name.casefold() for p in self.app.profiles):
            return f"“{name}” is already taken"
        return None

    @on(Input.Changed, "#profiles-name")
    def _name_typed(self, event: Input.Changed) -> None:
        if self.naming is None:
            return
        purpose, profile = self.naming
        keep = profile.name if purpose == "rename" and profile else None
        self._name_problem(self.name_problem(event.value, keep))

    @on(Input.Submitted, "#profiles-name")
    def _name_given(self, event: Input.Submitted) -> None:
        if self.naming is None:
            return
        purpose, profile = self.naming
        keep = profile.name if purpose == "rename" and profile else None
        problem = self.name_problem(event.value, keep)
        if problem:
            self._name_problem(problem)
            return
        name = event.value.strip()
        self._close_name()
        if purpose == "rename" and profile is not None:
            self._rename(profile, name)
        elif purpose == "new":
            self._create(name)
        elif profile is not None:
            self._copy(profile, name, edit=purpose == "edit")

    # --- doing it ---------------------------------------------------------------------

    def _save(self, profile: Profile, then: Callable[[], object]) -> None:
        def saved() -> None:
            self.refresh_list(profile.name)
            then()

        self.app.save_profile(profile, then=saved)

    def _copy(self, source: Profile, name: str, *, edit: bool) -> None:
        copy = source.model_copy(deep=True, update={"name": name, "builtin": False})
        copy = Profile.model_validate(copy.model_dump(by_alias=True))

        def saved() -> None:
            self.notify(f"Saved your copy “{name}”.", timeout=3)
            if edit:
                self._open_editor(name)

        self._save(copy, saved)

    def starter(self, name: str) -> Profile:
        """A new profile: the core criteria of "balanced" at equal weight."""
        try:
            base = store.find_profile(self.app.profiles, STARTER_PROFILE)
            criteria = [c for c in base.criteria if c.key in STARTER_KEYS] or base.criteria[:4]
        except store.NotFound:
            criteria = []
        data = [c.model_dump() | {"weight": 10} for c in criteria] or [
            {"key": "overall", "label": "Overall impression", "weight": 10}
        ]
        return Profile.model_validate({"name": name, "description": "", "criteria": data})

    def _create(self, name: str) -> None:
        self._save(self.starter(name), lambda: self._open_editor(name))

    def _rename(self, profile: Profile, name: str) -> None:
        if name == profile.name:
            return
        was_active = profile.name == self.app.active_profile.name
        try:
            store.rename_profile(profile.name, name)
        except (ValueError, LookupError, OSError) as error:
            self.notify(str(error), title="Not renamed", severity="error")
            return
        if was_active:
            self.app.use_profile(name)
        else:
            self.app.changed()
        self.refresh_list(name)
        self.notify(f"Renamed to “{name}”.", timeout=3)

    def _open_editor(self, name: str) -> None:
        from evaluator.screens.profile_editor import ProfileEditor

        self.app.push_screen(ProfileEditor(name))

    # --- actions ----------------------------------------------------------------------

    def action_edit(self) -> None:
        profile = self.current()
        if profile is None:
            return
        if profile.builtin:
            self._ask_name(
                "edit",
                profile,
                f"“{profile.name}” is built-in. Name your copy to edit:",
                self._free_name(f"my {profile.name}"),
            )
            return
        self._open_editor(profile.name)

    def action_new(self) -> None:
        self._ask_name(
            "new",
            None,
            "Name the new profile (it starts with pay, office, growth and team at equal weight):",
            self._free_name("my profile"),
        )

    def action_duplicate(self) -> None:
        profile = self.current()
        if profile is not None:
            self._ask_name(
                "duplicate", profile, f"Name the copy of “{profile.name}”:", self._free_name(f"{profile.name} copy")
            )

    def action_rename(self) -> None:
        profile = self.current()
        if profile is None:
            return
        if profile.builtin:
            self.notify(
                "Built-in profiles keep their names. Duplicate it (d) to have your own.", severity="warning", timeout=4
            )
            return
        self._ask_name("rename", profile, f"Rename “{profile.name}” to:", profile.name)

    def action_delete(self) -> None:
        profile = self.current()
        if profile is None:
            return
        if profile.builtin:
            self.notify("Built-in profiles cannot be deleted.", severity="warning", timeout=4)
            return
        from evaluator.screens.modals import TO_TRASH, Confirm

        active = profile.name == self.app.active_profile.name
        detail = TO_TRASH
        if active:
            detail += f" Your opportunities will be scored with “{STARTER_PROFILE}” instead."

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                store.delete_profile(profile.name)
            except (ValueError, LookupError, OSError) as error:
                self.notify(str(error), title="Not deleted", severity="error")
                return
            if active:
                self.app.use_profile(STARTER_PROFILE)
            else:
                self.app.changed()
            self.notify(f"Moved “{profile.name}” to the trash. Trash (ctrl+p) brings it back.", timeout=5)

        self.app.push_screen(Confirm(f"Delete the profile “{profile.name}”?", detail, yes="Delete"), answered)

    def action_use(self) -> None:
        profile = self.current()
        if profile is not None:
            self.app.use_profile(profile.name)

    def action_back(self) -> None:
        if self.naming is not None:
            self._close_name()
            return
        self.dismiss()
