"""Profiles: the list, the editor's live weights and preview, saving with history, bad input,
built-ins copied before editing, rename/delete safety, and the pairwise quiz's consistency.

Every expected number and order is computed here with `evaluator.scoring` from the example
data and the built-in "balanced" profile; nothing about their scores is hard-coded.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

from conftest import TODAY, steady
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, Input, Static

from evaluator import paths, scoring, store, weights
from evaluator.app import EvaluatorApp
from evaluator.model import Judgment, Profile, WeightingMethod, WeightSnapshot
from evaluator.screens.modals import Confirm
from evaluator.screens.pairwise import PairwiseQuiz
from evaluator.screens.profile_editor import CriterionModal, ProfileEditor
from evaluator.screens.profiles import ProfilesScreen
from evaluator.widgets.ranking_preview import RankingPreview
from evaluator.widgets.saaty_scale import SaatyScale
from evaluator.widgets.weight_slider import WeightSlider

MINE = "my balanced"
STEP = 5
"""What one shift+right adds to a weight."""


def text(widget: Widget) -> str:
    return str(widget.render())


def balanced(app: EvaluatorApp) -> Profile:
    return store.find_profile(app.profiles, "balanced")


def save_mine() -> Profile:
    """A user copy of the built-in "balanced", saved before the app starts."""
    loaded = store.find_profile(store.load_profiles().items, "balanced")
    mine = loaded.model_copy(deep=True, update={"name": MINE, "builtin": False})
    store.save_profile(mine)
    return mine


def user_file(name: str) -> Path:
    """The file in the user's profiles folder that holds the profile of this name."""
    for path in sorted(paths.profiles_dir().glob("*.toml")):
        if tomllib.loads(path.read_text("utf-8"))["name"] == name:
            return path
    raise AssertionError(f"no file in {paths.profiles_dir()} holds {name!r}")


def ranked_ids(app: EvaluatorApp, profile: Profile, weights: dict[str, float] | None = None) -> list[str]:
    scores = scoring.score_all(app.open_opportunities(), profile, weights=weights)
    return [s.opportunity.id for s in scoring.rank(scores)]


def flipping_boost(app: EvaluatorApp, profile: Profile) -> tuple[int, int]:
    """(criterion index, shift+right presses) whose boost swaps the top two, found with scoring."""
    before = ranked_ids(app, profile)
    for index, criterion in enumerate(profile.criteria):
        for presses in range(1, 7):
            points = {c.key: c.weight for c in profile.criteria}
            points[criterion.key] += presses * STEP
            after = ranked_ids(app, profile, points)
            if after[:2] == [before[1], before[0]]:
                return index, presses
    raise AssertionError("no single boost swaps the top two opportunities")


async def open_profiles(pilot: Pilot) -> ProfilesScreen:
    await pilot.pause()
    await pilot.press("w")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ProfilesScreen)
    return screen


async def highlight(pilot: Pilot, name: str) -> None:
    """Move the profiles table's cursor to `name` with the arrow keys."""
    table = pilot.app.screen.query_one("#profiles-table", DataTable)
    target = table.get_row_index(name)
    while table.cursor_row != target:
        await pilot.press("down" if table.cursor_row < target else "up")
    await pilot.pause()


async def open_editor(pilot: Pilot, name: str) -> ProfileEditor:
    await open_profiles(pilot)
    await highlight(pilot, name)
    await pilot.press("e")
    await pilot.pause()
    editor = pilot.app.screen
    assert isinstance(editor, ProfileEditor)
    return editor


def preview_lines(editor: ProfileEditor) -> list[str]:
    return editor.query_one(RankingPreview).text().splitlines()[1:]


def shown_order(app: EvaluatorApp, editor: ProfileEditor) -> list[str]:
    """The opportunity ids in the order the preview draws their names."""
    names = {o.id: o.company for o in app.opportunities}
    order = []
    for line in preview_lines(editor):
        order += [oid for oid, company in names.items() if company in line]
    return order


async def test_raising_a_weight_rerenders_percent_and_preview_then_saves_with_history(
    examples: None,
) -> None:
    save_mine()
    app = EvaluatorApp(today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_editor(pilot, MINE)
        mine = editor.saved
        index, presses = flipping_boost(app, mine)
        criterion = mine.criteria[index]
        old_fractions = scoring.weights(mine)
        saved_order = ranked_ids(app, mine)
        assert shown_order(app, editor) == saved_order

        for _ in range(index):
            await pilot.press("down")
        slider = editor.sliders()[index]
        old_percent = f"{old_fractions[criterion.key] * 100:.0f}%"
        assert text(slider).rstrip().endswith(old_percent)
        for _ in range(presses):
            await pilot.press("shift+right")
        await pilot.pause()

        points = {c.key: c.weight for c in mine.criteria}
        points[criterion.key] += presses * STEP
        new_fraction = points[criterion.key] / sum(points.values())
        assert editor.draft.criteria[index].weight == points[criterion.key]
        assert scoring.weights(editor.draft)[criterion.key] == new_fraction
        new_percent = f"{new_fraction * 100:.0f}%"
        assert new_percent != old_percent
        assert text(slider).rstrip().endswith(new_percent)
        # The preview shows what scoring says for these weights, and the top two swapped.
        wanted = ranked_ids(app, mine, points)
        assert shown_order(app, editor) == wanted
        assert wanted[:2] == [saved_order[1], saved_order[0]]
        assert "↑1" in preview_lines(editor)[0] and "↓1" in preview_lines(editor)[1]

        await pilot.press("ctrl+s")
        await pilot.pause()
        written = tomllib.loads(user_file(MINE).read_text("utf-8"))
        weights = {c["key"]: c["weight"] for c in written["criteria"]}
        assert weights[criterion.key] == points[criterion.key]
        assert len(written["history"]) == 1
        snapshot = written["history"][0]
        assert snapshot["date"] == TODAY
        assert snapshot["method"] == "points"
        assert snapshot["weights"] == old_fractions
        assert not editor.dirty
        assert "unsaved" not in editor.sub_title


async def test_points_abc_is_refused_inline_and_nothing_is_written(examples: None) -> None:
    save_mine()
    file = user_file(MINE)
    before = file.read_bytes()
    app = EvaluatorApp(today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_editor(pilot, MINE)
        first = editor.draft.criteria[0]
        weight = first.weight
        await pilot.press("t")
        field = editor.query_one("#editor-points", Input)
        assert field.has_focus
        for _ in field.value:
            await pilot.press("backspace")
        await pilot.press("a", "b", "c")
        await pilot.pause()
        error = editor.query_one("#editor-points-error")
        assert error.display
        assert "“abc” is not a number" in text(error)
        assert "not applied" in text(error)
        assert editor.draft.criteria[0].weight == weight
        assert text(editor.sliders()[0]).rstrip().endswith(f"{scoring.weights(editor.saved)[first.key] * 100:.0f}%")

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert file.read_bytes() == before
        message = editor.query_one("#editor-error", Static)
        assert message.display and "Not saved" in text(message)
        # Leaving asks nothing: the bad text was never applied to the profile.
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ProfilesScreen)
    assert file.read_bytes() == before


async def test_all_weights_zero_is_refused_inline(examples: None) -> None:
    save_mine()
    file = user_file(MINE)
    before = file.read_bytes()
    app = EvaluatorApp(today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_editor(pilot, MINE)
        for index, criterion in enumerate(editor.draft.criteria):
            if index:
                await pilot.press("down")
            for _ in range(int(criterion.weight)):
                await pilot.press("left")
        await pilot.pause()
        assert all(c.weight == 0 for c in editor.draft.criteria)
        assert "all weights are zero" in editor.query_one(RankingPreview).text()
        await pilot.press("ctrl+s")
        await pilot.pause()
        message = editor.query_one("#editor-error", Static)
        assert "Not saved" in text(message) and "all weights are zero" in text(message)
        assert file.read_bytes() == before


async def test_builtin_opens_as_duplicate_to_edit(app: EvaluatorApp) -> None:
    repo_file = paths.builtin_profiles_dir() / "balanced.toml"
    repo_bytes = repo_file.read_bytes()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_profiles(pilot)
        await highlight(pilot, "balanced")
        await pilot.press("enter")
        await pilot.pause()
        field = screen.query_one("#profiles-name", Input)
        assert field.has_focus and field.value == MINE
        assert "built-in" in text(screen.query_one("#profiles-name-prompt"))
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, ProfileEditor)
        assert editor.saved.name == MINE and not editor.saved.builtin
        await pilot.press("right")
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert repo_file.read_bytes() == repo_bytes
    written = tomllib.loads(user_file(MINE).read_text("utf-8"))
    assert written["criteria"][0]["weight"] == balanced(app).criteria[0].weight + 1
    assert user_file(MINE).parent == paths.profiles_dir()
    assert store.find_profile(store.load_profiles().items, "balanced").builtin


async def test_rename_refuses_an_empty_or_taken_name_inline(examples: None) -> None:
    save_mine()
    app = EvaluatorApp(today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_profiles(pilot)
        await highlight(pilot, MINE)
        await pilot.press("r")
        field = screen.query_one("#profiles-name", Input)
        for _ in field.value:
            await pilot.press("backspace")
        await pilot.press("enter")
        await pilot.pause()
        error = screen.query_one("#profiles-name-error")
        assert error.display and "needs a name" in text(error)
        assert screen.query_one("#profiles-name-bar").display
        await pilot.press(*"balanced")
        await pilot.press("enter")
        await pilot.pause()
        assert "already taken" in text(error)
        assert [p.name for p in store.load_profiles().items].count(MINE) == 1
        assert user_file(MINE).exists()

        await pilot.press("escape")
        await pilot.press("r")
        for _ in field.value:
            await pilot.press("backspace")
        await pilot.press(*"weekdays")
        await pilot.press("enter")
        await pilot.pause()
        names = [p.name for p in store.load_profiles().items]
        assert "weekdays" in names and MINE not in names
        assert screen.current() is not None and screen.current().name == "weekdays"


async def test_delete_asks_first_and_refuses_builtins(examples: None) -> None:
    save_mine()
    file = user_file(MINE)
    app = EvaluatorApp(today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_profiles(pilot)
        await highlight(pilot, MINE)
        await pilot.press("u")
        await pilot.pause()
        assert app.active_profile.name == MINE
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await pilot.pause()
        assert file.exists()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await pilot.pause()
        assert not file.exists()
        assert app.active_profile.name == "balanced"
        assert store.load_settings().profile == "balanced"

        await highlight(pilot, "balanced")
        await pilot.press("delete")
        await pilot.pause()
        assert app.screen is screen
        assert (paths.builtin_profiles_dir() / "balanced.toml").exists()


async def test_new_profile_starts_with_four_core_criteria(app: EvaluatorApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await open_profiles(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, ProfileEditor)
        keys = [c.key for c in editor.draft.criteria]
        assert set(keys) == {"pay", "office_policy", "growth_plans", "team_manager"}
        assert {c.weight for c in editor.draft.criteria} == {10}
        assert tomllib.loads(user_file("my profile").read_text("utf-8"))["name"] == "my profile"


async def answer_quiz(pilot: Pilot, quiz: PairwiseQuiz, wanted: dict[tuple[int, int], int]) -> None:
    """Answer every pair with the arrow keys: position -8..8 (negative: the left one matters more)."""
    scale = quiz.query_one(SaatyScale)
    for pair in quiz.pairs:
        target = wanted.get(pair, 0)
        while scale.position != target:
            await pilot.press("left" if scale.position > target else "right")
        await pilot.press("enter")
        await pilot.pause()


async def test_pairwise_quiz_names_the_weakest_judgment_when_inconsistent(examples: None) -> None:
    save_mine()
    app = EvaluatorApp(today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_editor(pilot, MINE)
        for _ in range(len(editor.draft.criteria) - 4):  # keep four criteria: six pairs
            await pilot.press("delete")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
        assert len(editor.draft.criteria) == 4
        await pilot.press("p")
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, PairwiseQuiz)
        assert len(quiz.pairs) == 6
        # A circle: the first beats the second, the second the third, the third the first.
        circle = {(0, 1): -8, (1, 2): -8, (0, 2): 8}
        await answer_quiz(pilot, quiz, circle)
        assert quiz.finished

        a, b, c = (criterion.key for criterion in editor.draft.criteria[:3])
        judged = editor.draft.model_copy(
            update={
                "method": WeightingMethod.PAIRWISE,
                "judgments": [
                    Judgment(more=a, less=b, strength=9),
                    Judgment(more=b, less=c, strength=9),
                    Judgment(more=c, less=a, strength=9),
                ],
            }
        )
        result = weights.consistency(judged)
        assert result is not None and result.consistency_ratio > 0.10 and result.most_inconsistent
        i, j = result.most_inconsistent
        shown = text(quiz.query_one("#quiz-consistency"))
        assert f"Consistency ratio {result.consistency_ratio:.2f}" in shown
        assert "above 0.10" in shown
        first, second = judged.criteria[i].label, judged.criteria[j].label
        assert f"Revisit {first} versus {second}" in shown
        assert quiz.query_one("#quiz-revisit").display

        await pilot.press("v")
        await pilot.pause()
        assert not quiz.finished
        assert quiz.pairs[quiz.step] == (min(i, j), max(i, j))

        # Accepting (even as it is) weighs the profile pairwise with these judgments.
        for _ in range(len(quiz.pairs) - quiz.step):
            await pilot.press("enter")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert app.screen is editor
        assert editor.draft.method is WeightingMethod.PAIRWISE
        assert scoring.weights(editor.draft) == dict(zip([k.key for k in judged.criteria], result.weights, strict=True))
        assert "CR" in text(editor.query_one("#editor-method"))


async def test_just_rank_them_and_hundred_points(examples: None) -> None:
    save_mine()
    app = EvaluatorApp(today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_editor(pilot, MINE)
        await pilot.press("r")
        await pilot.pause()
        assert editor.draft.method is WeightingMethod.RANK
        roc = weights.roc_weights(len(editor.draft.criteria))
        assert text(editor.sliders()[0]).rstrip().endswith(f"{roc[0] * 100:.0f}%")
        second = editor.draft.criteria[1].key
        await pilot.press("down", "ctrl+up")
        await pilot.pause()
        assert editor.draft.criteria[0].key == second
        assert scoring.weights(editor.draft)[second] == roc[0]
        assert shown_order(app, editor) == ranked_ids(app, editor.draft)

        await pilot.press("h")
        await pilot.pause()
        assert editor.draft.method is WeightingMethod.POINTS
        assert sum(c.weight for c in editor.draft.criteria) == 100


def test_snapshot_profiles(examples: None, snap_compare) -> None:  # type: ignore[no-untyped-def]
    mine = save_mine()
    points = {c.key: c.weight for c in mine.criteria}
    points["pay"] = 30
    earlier = {k: v / sum(points.values()) for k, v in points.items()}
    mine.history = [WeightSnapshot(date=date(2026, 10, 1), weights=earlier)]
    store.save_profile(mine)

    async def run_before(pilot: Pilot) -> None:
        await open_profiles(pilot)
        await highlight(pilot, MINE)
        await steady(pilot)

    assert snap_compare(EvaluatorApp(today=TODAY), terminal_size=(100, 30), run_before=run_before)


def test_snapshot_profile_editor(examples: None, snap_compare) -> None:  # type: ignore[no-untyped-def]
    save_mine()

    async def run_before(pilot: Pilot) -> None:
        await open_editor(pilot, MINE)
        await pilot.press("down", "down", "down", *["shift+right"] * 4)  # office policy 10 → 30
        await steady(pilot)

    assert snap_compare(EvaluatorApp(today=TODAY), terminal_size=(100, 30), run_before=run_before)


async def test_leaving_with_unsaved_changes_asks_first(examples: None) -> None:
    save_mine()
    file = user_file(MINE)
    before = file.read_bytes()
    app = EvaluatorApp(today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_editor(pilot, MINE)
        await pilot.press("right")
        await pilot.pause()
        assert editor.dirty and "unsaved changes" in editor.sub_title
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is editor and editor.dirty
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ProfilesScreen)
    assert file.read_bytes() == before


async def test_mouse_sets_a_weight_on_the_bar_and_the_plus_mark(examples: None) -> None:
    save_mine()
    app = EvaluatorApp(today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_editor(pilot, MINE)
        slider = editor.sliders()[2]
        assert isinstance(slider, WeightSlider)
        start, cells = slider._bar_span()
        await pilot.click(slider, offset=(start + cells - 1, 0))
        await pilot.pause()
        assert editor.index == 2
        assert editor.draft.criteria[2].weight == slider.scale_max
        top = editor.draft.criteria[2].weight
        await pilot.click(slider, offset=(start + cells + 1, 0))
        await pilot.pause()
        assert editor.draft.criteria[2].weight == top + 1
        share = scoring.weights(editor.draft)[editor.draft.criteria[2].key]
        assert text(slider).rstrip().endswith(f"{share * 100:.0f}%")
        assert editor.query_one("#editor-points", Input).value == f"{top + 1:g}"
        assert shown_order(app, editor) == ranked_ids(app, editor.draft)


async def test_add_a_number_criterion_with_a_dealbreaker_and_questions(examples: None) -> None:
    save_mine()
    app = EvaluatorApp(today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_editor(pilot, MINE)
        count = len(editor.draft.criteria)
        await pilot.press("a")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, CriterionModal)
        await pilot.press(*"Bike commute")
        assert "key: bike_commute" in text(modal.query_one("#c-key"))
        modal.query_one("#c-kind").focus()
        await pilot.press("enter", "down", "down", "enter")
        await pilot.pause()
        assert modal.query_one("#c-number-box").display
        modal.query_one("#c-worst").focus()
        await pilot.press(*"abc")
        await pilot.pause()
        error = modal.query_one("#c-number-error")
        assert error.display and "“abc” is not a number" in text(error)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is modal  # refused: nothing handed back

        worst = modal.query_one("#c-worst", Input)
        for _ in worst.value:
            await pilot.press("backspace")
        await pilot.press(*"60")
        modal.query_one("#c-best").focus()
        await pilot.press(*"10")
        modal.query_one("#c-unit").focus()
        await pilot.press(*"min")
        modal.query_one("#c-above").focus()
        await pilot.press(*"45")
        modal.query_one("#c-questions").focus()
        await pilot.press(*"Is there a bike shed?")
        await pilot.pause()
        assert not error.display
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor
        assert len(editor.draft.criteria) == count + 1
        added = editor.draft.criteria[-1]
        assert editor.index == count
        assert added.key == "bike_commute" and added.label == "Bike commute"
        assert added.scale.kind == "number"
        assert (added.scale.worst, added.scale.best, added.scale.unit) == (60, 10, "min")
        assert added.dealbreaker is not None and added.dealbreaker.above == 45
        assert added.questions == ["Is there a bike shed?"]

        await pilot.press("ctrl+up")
        await pilot.pause()
        assert editor.draft.criteria[-2].key == "bike_commute"
        await pilot.press("ctrl+s")
        await pilot.pause()
    written = tomllib.loads(user_file(MINE).read_text("utf-8"))
    bike = written["criteria"][-2]
    assert bike["key"] == "bike_commute"
    assert bike["scale"] == {"kind": "number", "worst": 60.0, "best": 10.0, "unit": "min"}
    assert bike["dealbreaker"]["above"] == 45 and "below" not in bike["dealbreaker"]
    # Adding a criterion changes everyone's share, so the old weights went into the history.
    assert len(written["history"]) == 1


async def test_a_scale_that_recorded_answers_no_longer_fit_is_never_saved(examples: None) -> None:
    save_mine()
    file = user_file(MINE)
    before = file.read_bytes()
    app = EvaluatorApp(today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_editor(pilot, MINE)
        pay = [c.key for c in editor.draft.criteria].index("pay")
        for _ in range(pay):
            await pilot.press("down")
        await pilot.press("e")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, CriterionModal)
        modal.query_one("#c-kind").focus()
        await pilot.press("enter", "up", "up", "enter")  # number → rating
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor
        assert editor.draft.criteria[pay].scale.kind == "rating"
        message = text(editor.query_one("#editor-error"))
        assert "does not fit" in message and "is not a rating from 1 to 5" in message
        assert "No ranking" in editor.query_one(RankingPreview).text()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Not saved" in text(editor.query_one("#editor-error"))
    assert file.read_bytes() == before
