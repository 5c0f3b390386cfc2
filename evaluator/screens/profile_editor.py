"""The profile editor: criteria, weights, and a live preview of how opportunities re-rank.

Every number comes from `evaluator.scoring`: the percentages beside each weight, the
ranking in the preview (plain scores, no sampling, so it follows every key press) and the
pairwise weights. Nothing is written until Ctrl+S, and only a profile that validates is
written; the weights it replaces go into the profile's history with today's date.
"""

from __future__ import annotations

import math

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Header, Input, Label, ListItem, ListView, Static

from evaluator import scoring, store, weights
from evaluator.model import (
    MAX_PAIRWISE,
    Criterion,
    Judgment,
    Profile,
    WeightingMethod,
)
from evaluator.screens.modals import Confirm, leave_or_ask
from evaluator.screens.pairwise import PairwiseQuiz, quiz_allowed
from evaluator.widgets.criterion_form import CriterionForm, FieldError, parse_number
from evaluator.widgets.ranking_preview import RankingPreview, places_by_id
from evaluator.widgets.weight_history import WeightHistory
from evaluator.widgets.weight_slider import LABEL_WIDTH, WeightSlider, points_text

METHOD_WORDS = {
    WeightingMethod.POINTS: "points",
    WeightingMethod.RANK: "rank order",
    WeightingMethod.PAIRWISE: "pairwise",
}


def _message(error: ValidationError) -> str:
    """The first problem of a validation error, in the user's words."""
    problem = error.errors()[0]
    return str(problem["msg"]).removeprefix("Value error, ")


class CriterionModal(ModalScreen[Criterion | None]):
    """Edit one criterion (or add one); returns it, or None when cancelled."""

    DEFAULT_CSS = """
    CriterionModal { align: center middle; }
    CriterionModal > Vertical {
        width: 90; max-width: 100%; height: auto; max-height: 100%; padding: 0 1 0 2;
        border: thick $primary; background: $surface;
    }
    CriterionModal #criterion-title { text-style: bold; margin-top: 1; }
    CriterionModal #criterion-buttons { height: auto; align-horizontal: right; margin: 1 1 1 0; }
    CriterionModal #criterion-buttons Button { margin-left: 1; }
    """
    BINDINGS = [
        Binding("ctrl+s", "done", "Keep", id="criterion.done", priority=True),
        Binding("escape", "cancel", "Cancel", id="criterion.cancel"),
    ]
    HELP = """\
## Criterion

What the criterion means, how an answer is valued (a 1–5 rating, a choice from a list,
or a number between a worst and a best value), an optional dealbreaker, and the questions
that reveal it. Ctrl+S keeps the changes in the profile being edited (save the profile
afterwards); Escape cancels.
"""

    def __init__(self, criterion: Criterion | None, taken_keys: set[str]) -> None:
        super().__init__()
        self.criterion = criterion
        self.taken_keys = taken_keys

    def compose(self) -> ComposeResult:
        with Vertical():
            title = f"Criterion: {self.criterion.label}" if self.criterion else "New criterion"
            yield Label(Content(title), id="criterion-title")
            yield CriterionForm(self.criterion, self.taken_keys, id="criterion-form")
            with Horizontal(id="criterion-buttons"):
                yield Button("Cancel", id="criterion-cancel")
                yield Button("Keep (ctrl+s)", id="criterion-done", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#c-label", Input).focus()

    def action_done(self) -> None:
        criterion = self.query_one(CriterionForm).criterion()
        if criterion is not None:
            self.dismiss(criterion)
        else:
            self.notify("Fix the fields marked ⚠ first.", severity="warning", timeout=3)

    def action_cancel(self) -> None:
        leave_or_ask(
            self,
            self.query_one(CriterionForm).changed,
            "Discard your changes to this criterion?",
            "The criterion goes back to how it was when you opened it.",
            lambda: self.dismiss(None),
        )

    @on(Button.Pressed, "#criterion-done")
    def _done(self) -> None:
        self.action_done()

    @on(Button.Pressed, "#criterion-cancel")
    def _cancel(self) -> None:
        self.action_cancel()


class ProfileEditor(Screen[None]):
    """Edit a user profile: criteria, their weights, and the weighting method."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="profile_editor.save", priority=True),
        Binding("escape", "leave", "Back", id="profile_editor.leave", show=False),
        Binding("right,plus,equals_sign", "nudge(1)", "Weight +1", id="profile_editor.more", show=False),
        Binding("left,minus", "nudge(-1)", "Weight −1", id="profile_editor.less", show=False),
        Binding("shift+right", "nudge(5)", "Weight +5", id="profile_editor.more5", show=False),
        Binding("shift+left", "nudge(-5)", "Weight −5", id="profile_editor.less5", show=False),
        Binding("ctrl+up,shift+up", "move(-1)", "Move up", id="profile_editor.up", show=False),
        Binding("ctrl+down,shift+down", "move(1)", "Move down", id="profile_editor.down", show=False),
        Binding("e", "edit_criterion", "Edit", id="profile_editor.edit"),
        Binding("a", "add_criterion", "Add", id="profile_editor.add"),
        Binding("delete", "remove_criterion", "Remove", id="profile_editor.remove"),
        Binding("t", "type_points", "Type points", id="profile_editor.type", show=False),
        Binding("r", "rank", "Rank", id="profile_editor.rank"),
        Binding("h", "hundred", "100 pts", id="profile_editor.hundred"),
        Binding("p", "pairwise", "Pairwise", id="profile_editor.pairwise"),
        Binding("y", "toggle_history", "History", id="profile_editor.history"),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    HELP = """\
## Profile editor

Say what matters to you and how much. Each criterion has a weight in **points**; its
share of the total is shown as a percentage. The **preview** ranks your open
opportunities under the weights on screen as you move them (↑2: two places higher
than with the saved weights).

- ←/→ or −/+ change the highlighted weight by 1, Shift+←/→ by 5; click on a bar to set
  it, or press **t** to type the points.
- **r** *just rank them*: order the criteria (Ctrl/Shift+↑/↓) and let the order set the weights.
- **h** *100 points*: turn the current weights into points that add up to 100.
- **p** *pairwise quiz*: compare criteria two at a time (up to 9 criteria).
- **e** or Enter edits a criterion (scale, dealbreaker, questions); **a** adds one, **Delete** removes one.
- **Ctrl+S** saves; the weights it replaces are kept in the history (**y**) with today's date.
"""

    def __init__(self, profile_name: str) -> None:
        super().__init__()
        self.profile_name = profile_name
        self.saved: Profile
        self.draft: Profile
        self.fractions: dict[str, float] | None = None
        self.before: dict[str, int | None] = {}
        self.points_error: str | None = None
        self.scale_max = 30.0
        self._shown: dict[str, Content] = {}

    # --- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="editor-method-bar"):
            yield Static(id="editor-method")
            yield Button("Rank them", id="editor-rank", compact=True)
            yield Button("100 points", id="editor-hundred", compact=True)
            yield Button("Pairwise quiz", id="editor-pairwise", compact=True)
        yield Static(id="editor-error")
        with Horizontal(id="editor-body"):
            with Vertical(id="editor-criteria-pane"):
                with Horizontal(id="editor-description-row"):
                    yield Label("Description ")
                    yield Input(id="editor-description", placeholder="who this profile is for", compact=True)
                yield Static(id="editor-criteria-title", classes="pane-title")
                yield ListView(id="editor-criteria")
                with Horizontal(id="editor-points-row"):
                    yield Label(id="editor-points-label")
                    yield Input(id="editor-points", compact=True)
                    yield Label(id="editor-points-error")
            with Vertical(id="editor-side-pane"):
                with Vertical(id="editor-preview-box"):
                    yield Static(
                        "Live preview [$text-muted]· ↑↓ places vs saved weights[/]",
                        id="editor-preview-title",
                        classes="pane-title",
                    )
                    yield RankingPreview(id="editor-preview")
                with Vertical(id="editor-history-box"):
                    yield Static("Earlier weights", classes="pane-title")
                    yield WeightHistory(id="editor-history")
                    yield Static(id="editor-history-empty")
        yield Footer()

    async def on_mount(self) -> None:
        self.saved = store.find_profile(self.app.profiles, self.profile_name).model_copy(deep=True)
        if self.saved.builtin:  # ProfilesScreen copies built-ins first; never write one back.
            self.saved = self.saved.model_copy(update={"builtin": False})
        self.draft = self.saved.model_copy(deep=True)
        self.sub_title = f"Editing “{self.saved.name}”"
        self.query_one("#editor-description", Input).value = self.draft.description
        top = max((c.weight for c in self.draft.criteria), default=10)
        self.scale_max = max(20.0, math.ceil(top * 1.5 / 10) * 10)
        self._remember_saved_ranking()
        await self._rebuild_rows(0)
        self._show_history()
        self.query_one("#editor-criteria", ListView).focus()

    # --- the pieces -------------------------------------------------------------------

    @property
    def index(self) -> int | None:
        return self.query_one("#editor-criteria", ListView).index

    @property
    def current(self) -> Criterion | None:
        index = self.index
        return self.draft.criteria[index] if index is not None and index < len(self.draft.criteria) else None

    @property
    def dirty(self) -> bool:
        return self.draft.model_dump() != self.saved.model_dump()

    def sliders(self) -> list[WeightSlider]:
        return list(self.query(WeightSlider))

    async def _rebuild_rows(self, index: int | None) -> None:
        """Show the draft's criteria afresh (after adding, removing or moving one)."""
        listing = self.query_one("#editor-criteria", ListView)
        await listing.clear()
        await listing.extend(ListItem(WeightSlider(c.key, c.label)) for c in self.draft.criteria)
        listing.index = min(index or 0, len(self.draft.criteria) - 1)
        self._refresh()

    def _remember_saved_ranking(self) -> None:
        try:
            ranked = scoring.rank(scoring.score_all(self.app.open_opportunities(), self.saved))
        except ValueError:
            ranked = []
        self.before = places_by_id(ranked)

    def _refresh(self) -> None:
        """Percentages, preview, method line and titles, from the draft as it is now."""
        draft = self.draft
        problem = ""
        try:
            self.fractions = scoring.weights(draft)
        except ValueError as error:
            self.fractions = None
            problem = str(error).removeprefix(f"profile {draft.name!r}: ")
        method = draft.method.value
        rank_room = 3 if draft.method is WeightingMethod.RANK else 0
        label_width = min(LABEL_WIDTH, max((len(c.label) for c in draft.criteria), default=8) + rank_room)
        for n, slider in enumerate(self.sliders()):
            if n >= len(draft.criteria):
                break
            criterion = draft.criteria[n]
            if slider.label != criterion.label:
                slider.label = criterion.label
                slider.refresh()
            slider.points = criterion.weight
            slider.scale_max = self.scale_max
            slider.method = method
            slider.rank = n + 1
            slider.label_width = label_width
            slider.fraction = self.fractions.get(criterion.key) if self.fractions else None
        problem = self._show_preview(problem)
        self._show_method()
        self._show_points_row()
        self._error(problem and f"⚠ {problem[0].upper()}{problem[1:]}")
        title = f"Editing “{self.saved.name}”"
        self.sub_title = f"{title} • unsaved changes" if self.dirty else title

    def _show_preview(self, problem: str) -> str:
        """Rank the open opportunities under the draft; returns what stops it, if anything."""
        preview = self.query_one("#editor-preview", RankingPreview)
        if self.fractions is None:
            preview.show_note(f"No ranking: {problem}.")
            return problem
        try:
            scores = scoring.score_all(self.app.open_opportunities(), self.draft, weights=self.fractions)
        except ValueError as error:  # an answer that no longer fits an edited scale
            preview.show_note(f"No ranking: {error}.")
            return f"an answer does not fit: {error}"
        preview.show(scoring.rank(scores), self.before)
        return ""

    def _show_method(self) -> None:
        method = self.draft.method
        parts: list[tuple[str, str] | str] = [("Weighed by ", "$text-muted")]
        parts.append((METHOD_WORDS[method], "bold $accent"))
        if method is WeightingMethod.PAIRWISE:
            result = weights.consistency(self.draft) if self.fractions is not None else None
            if result is not None:
                style = "$success" if result.consistent else "bold $warning"
                parts.append((f"  CR {result.consistency_ratio:.2f}", style))
        self._show("#editor-method", Content.assemble(*parts))
        count = len(self.draft.criteria)
        hint = {
            WeightingMethod.POINTS: "←/→ ±1 · shift ±5 · click a bar",
            WeightingMethod.RANK: "order sets the weights · ctrl/shift+↑↓ moves",
            WeightingMethod.PAIRWISE: "weights from the quiz (p)",
        }[method]
        title = Content.assemble((f"Criteria ({count})", "bold"), ("  " + hint, "$text-muted"))
        self._show("#editor-criteria-title", title)

    def _show_points_row(self) -> None:
        criterion = self.current
        field = self.query_one("#editor-points", Input)
        points_mode = self.draft.method is WeightingMethod.POINTS
        field.display = points_mode and criterion is not None
        if criterion is None:
            self._show("#editor-points-label", Content(""))
        elif points_mode:
            self._show("#editor-points-label", Content(f"Points for {criterion.label}: "))
            if not field.has_focus and not self.points_error:
                wanted = points_text(criterion.weight)
                if field.value != wanted:
                    field.value = wanted
        else:
            hint = Content.styled("Press h (100 points) to set weights by hand.", "$text-muted")
            self._show("#editor-points-label", hint)

    def _show_history(self) -> None:
        history = self.query_one("#editor-history", WeightHistory)
        empty = self.query_one("#editor-history-empty", Static)
        try:
            current = scoring.weights(self.saved)
        except ValueError:
            current = None
        history.show(self.saved, current)
        history.display = bool(self.saved.history)
        empty.display = not self.saved.history
        empty.update(Content.styled("None yet: saving changed weights keeps the old ones here.", "$text-muted"))

    def _show(self, selector: str, content: Content) -> None:
        """Update a Static or Label only when its text changes (every update costs a layout)."""
        if self._shown.get(selector) != content:
            self._shown[selector] = content
            self.query_one(selector, Static).update(content)

    def _error(self, message: str) -> None:
        self._show("#editor-error", Content(message))
        self.query_one("#editor-error").display = bool(message)

    # --- weights ----------------------------------------------------------------------

    def _set_points(self, index: int, points: float) -> None:
        self.draft.criteria[index].weight = points
        if points > self.scale_max:
            self.scale_max = math.ceil(points * 1.5 / 10) * 10
        self.points_error = None
        self._refresh()

    def action_nudge(self, step: int) -> None:
        index, criterion = self.index, self.current
        if index is None or criterion is None:
            return
        if self.draft.method is not WeightingMethod.POINTS:
            how = "move criteria up and down" if self.draft.method is WeightingMethod.RANK else "redo the quiz (p)"
            self.notify(
                f"Weighed by {METHOD_WORDS[self.draft.method]}: {how}, or press h to switch to points.",
                timeout=4,
            )
            return
        self._set_points(index, max(0.0, criterion.weight + step))
        self._sync_points_field()

    def _sync_points_field(self) -> None:
        criterion = self.current
        if criterion is not None:
            self.query_one("#editor-points", Input).value = points_text(criterion.weight)
            self._points_problem(None)

    def _points_problem(self, message: str | None) -> None:
        self.points_error = message
        self._show("#editor-points-error", Content(f"⚠ {message}" if message else ""))
        self.query_one("#editor-points-error").display = bool(message)

    @on(Input.Changed, "#editor-points")
    def _points_typed(self, event: Input.Changed) -> None:
        if event.value != event.input.value:  # an older value, already replaced
            return
        index, criterion = self.index, self.current
        if index is None or criterion is None:
            return
        try:
            points = parse_number(event.value, required=True)
            assert points is not None
            if points < 0:
                raise FieldError("points cannot be negative")
        except FieldError as error:
            self._points_problem(f"{error}; not applied")
            return
        self._points_problem(None)
        if points != criterion.weight:
            self._set_points(index, points)

    @on(Input.Submitted, "#editor-points")
    def _points_done(self) -> None:
        if not self.points_error:
            self.query_one("#editor-criteria", ListView).focus()

    @on(Input.Changed, "#editor-description")
    def _description_typed(self, event: Input.Changed) -> None:
        if event.value.strip() != self.draft.description:
            self.draft.description = event.value.strip()
            self._refresh()

    @on(WeightSlider.Changed)
    def _slider_clicked(self, event: WeightSlider.Changed) -> None:
        index = self.sliders().index(event.slider)
        self.query_one("#editor-criteria", ListView).index = index
        self.query_one("#editor-criteria", ListView).focus()
        self._set_points(index, max(0.0, event.points))
        self._sync_points_field()

    @on(WeightSlider.Picked)
    def _slider_picked(self, event: WeightSlider.Picked) -> None:
        listing = self.query_one("#editor-criteria", ListView)
        listing.index = self.sliders().index(event.slider)
        listing.focus()
        if event.open:
            self.action_edit_criterion()

    @on(ListView.Highlighted, "#editor-criteria")
    def _highlighted(self) -> None:
        self._points_problem(None)
        self._sync_points_field()
        self._show_points_row()

    @on(ListView.Selected, "#editor-criteria")
    def _selected(self) -> None:
        self.action_edit_criterion()

    def action_type_points(self) -> None:
        if self.draft.method is WeightingMethod.POINTS and self.current is not None:
            self.query_one("#editor-points", Input).focus()

    # --- helpers: rank, 100 points, pairwise ------------------------------------------

    def action_rank(self) -> None:
        if self.draft.method is WeightingMethod.RANK:
            self.notify("Already weighed by rank: move criteria with ctrl+↑/↓ (or shift+↑/↓).", timeout=4)
            return
        self.draft.method = WeightingMethod.RANK
        self._refresh()
        self.notify("Weighed by rank order now: the most important first. Move criteria with ctrl+↑/↓.", timeout=5)

    def action_hundred(self) -> None:
        if self.fractions is None:
            self.notify("Give at least one criterion some points first.", severity="warning")
            return
        points = weights.hundred_points([self.fractions[c.key] for c in self.draft.criteria])
        for criterion, share in zip(self.draft.criteria, points, strict=True):
            criterion.weight = share
        self.scale_max = max(20.0, math.ceil(max(points) * 1.5 / 10) * 10)
        self.draft.method = WeightingMethod.POINTS
        self._refresh()
        self._sync_points_field()
        self.notify("Weighed by points now, adding up to 100.", timeout=3)

    def action_pairwise(self) -> None:
        count = len(self.draft.criteria)
        if not quiz_allowed(count):
            self.notify(
                f"The pairwise quiz compares 2 to {MAX_PAIRWISE} criteria; this profile has {count}. "
                "Remove some, or weigh by points or rank.",
                severity="warning",
                timeout=6,
            )
            return

        def done(judgments: list[Judgment] | None) -> None:
            if judgments is None:
                return
            self.draft.judgments = judgments
            self.draft.method = WeightingMethod.PAIRWISE
            self._refresh()

        self.app.push_screen(PairwiseQuiz(self.draft), done)

    @on(Button.Pressed, "#editor-rank")
    def _rank_pressed(self) -> None:
        self.action_rank()

    @on(Button.Pressed, "#editor-hundred")
    def _hundred_pressed(self) -> None:
        self.action_hundred()

    @on(Button.Pressed, "#editor-pairwise")
    def _pairwise_pressed(self) -> None:
        self.action_pairwise()

    # --- criteria: edit, add, remove, move --------------------------------------------

    def action_edit_criterion(self) -> None:
        index, criterion = self.index, self.current
        if index is None or criterion is None:
            return

        def done(edited: Criterion | None) -> None:
            if edited is None:
                return
            edited.weight = self.draft.criteria[index].weight
            self.draft.criteria[index] = edited
            self._refresh()

        self.app.push_screen(CriterionModal(criterion, {c.key for c in self.draft.criteria}), done)

    def action_add_criterion(self) -> None:
        async def done(added: Criterion | None) -> None:
            if added is None:
                return
            self.draft.criteria.append(added)
            await self._rebuild_rows(len(self.draft.criteria) - 1)
            if self.draft.method is WeightingMethod.PAIRWISE:
                self.notify("Redo the pairwise quiz (p) to place the new criterion.", timeout=5)

        # A new criterion never takes a key another profile uses: the answers recorded for that
        # key were given on that criterion's scale, not on this one.
        known = {c.key for p in self.app.profiles for c in p.criteria}
        self.app.push_screen(CriterionModal(None, known | {c.key for c in self.draft.criteria}), done)

    def action_remove_criterion(self) -> None:
        index, criterion = self.index, self.current
        if index is None or criterion is None:
            return
        if len(self.draft.criteria) == 1:
            self.notify("A profile needs at least one criterion.", severity="warning")
            return

        async def answered(yes: bool | None) -> None:
            if not yes:
                return
            del self.draft.criteria[index]
            self.draft.judgments = [j for j in self.draft.judgments if criterion.key not in (j.more, j.less)]
            await self._rebuild_rows(index)

        self.app.push_screen(
            Confirm(
                f"Remove “{criterion.label}” from this profile?",
                "Answers already recorded for it stay in your opportunity files. Nothing is written until you save.",
                yes="Remove",
            ),
            answered,
        )

    async def action_move(self, step: int) -> None:
        index = self.index
        if index is None:
            return
        target = index + step
        criteria = self.draft.criteria
        if not 0 <= target < len(criteria):
            return
        criteria[index], criteria[target] = criteria[target], criteria[index]
        await self._rebuild_rows(target)

    def action_toggle_history(self) -> None:
        self.toggle_class("-show-history")

    # --- saving and leaving -----------------------------------------------------------

    def _unreadable_after(self, edited: Profile) -> str:
        """Why saving would leave an opportunity unreadable (an answer no profile fits), or ""."""
        others = [p for p in self.app.profiles if p.name.casefold() != self.saved.name.casefold()]
        found = store.first_unreadable(self.app.opportunities, [*others, edited])
        return f"{found[0].name}: {found[1]}" if found else ""

    def action_save(self) -> None:
        if self.points_error:
            self._error(f"⚠ Not saved: the points field says “{self.points_error}”.")
            self.query_one("#editor-points", Input).focus()
            return
        data = self.draft.model_dump(mode="python", by_alias=True)
        try:
            checked = Profile.model_validate(data)
        except ValidationError as error:
            self._error(f"⚠ Not saved: {_message(error)}")
            return
        edited = self.saved.model_copy(update=dict(checked))  # still knows which file it was read from
        try:
            scoring.score_all(self.app.opportunities, edited)
        except ValueError as error:
            self._error(f"⚠ Not saved: {error}. Change the scale back, or change that answer first.")
            return
        unreadable = self._unreadable_after(edited)
        if unreadable:
            self._error(f"⚠ Not saved: an opportunity would no longer fit — {unreadable}")
            return
        edited = scoring.with_history(self.saved, edited, self.app.today())

        def saved() -> None:
            self.saved = edited.model_copy(deep=True)
            self.draft = edited.model_copy(deep=True)
            self._remember_saved_ranking()
            self._show_history()
            self._refresh()
            self.notify(f"Saved “{edited.name}”.", timeout=3)

        self.app.save_profile(edited, then=saved, drop=self.dismiss, failed=lambda why: self._error(f"⚠ {why}"))

    def action_leave(self) -> None:
        focused = self.focused
        if isinstance(focused, Input):
            self.query_one("#editor-criteria", ListView).focus()
            return
        leave_or_ask(
            self,
            self.dirty,
            f"Discard your changes to “{self.saved.name}”?",
            "The weights and criteria go back to how they were last saved.",
            self.dismiss,
        )
