"""Issue 6 in the app: another window's or program's edit is never overwritten silently,
and deleting is undoable.

Each test drives the app as a user would (keys on the real screens) and checks the files.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import TODAY, notes
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from evaluator import paths, store
from evaluator.app import EvaluatorApp
from evaluator.screens.capture import CaptureScreen
from evaluator.screens.home import HomeScreen
from evaluator.screens.modals import ConflictModal
from evaluator.screens.opportunity_form import OpportunityForm
from evaluator.screens.profile_editor import ProfileEditor
from evaluator.screens.trash import TrashScreen

WINERY = "vallee-verte-wines"


def winery_path():
    return paths.opportunities_dir() / f"{WINERY}.toml"


def winery(app: EvaluatorApp):
    return next(o for o in app.opportunities if o.id == WINERY)


async def capture_notes(pilot: Pilot, text: str) -> CaptureScreen:
    """Open Capture for the winery, as from its row, and write a note."""
    pilot.app.push_screen(CaptureScreen(WINERY, None))
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CaptureScreen)
    field = screen.query_one("#text-growth_plans", Input)
    field.focus()
    await pilot.press(*text)
    await pilot.pause()
    return screen


@pytest.mark.parametrize("choice", ["r", "k", "n"])
async def test_two_windows_on_one_folder_never_overwrite_each_other(examples: None, choice: str) -> None:
    """Two app instances open the same folder; the second to save is asked, and nothing is lost."""
    first, second = EvaluatorApp(today=TODAY), EvaluatorApp(today=TODAY)
    async with first.run_test(size=(100, 30)) as one, second.run_test(size=(100, 30)) as two:
        # Window one captures an interview and saves it.
        await capture_notes(one, "Japan next year")
        await one.press("ctrl+s")
        await one.pause()
        assert isinstance(first.screen, HomeScreen)
        theirs = winery_path().read_bytes()
        assert b"Japan next year" in theirs
        # Window two, opened before that save, captures another and saves: it is asked first.
        await capture_notes(two, "No plans at all")
        await two.press("ctrl+s")
        await two.pause()
        assert isinstance(second.screen, ConflictModal)
        assert winery_path().read_bytes() == theirs, "nothing is written before the user chooses"
        await two.press(choice)
        await two.pause()
        assert isinstance(second.screen, HomeScreen)
        if choice == "r":  # reload: window two now shows window one's interview; its own is a draft
            assert "Japan next year" in str(winery(second).interviews[-1].answers)
            assert winery_path().read_bytes() == theirs
            draft = store.load_draft(WINERY)
            assert draft is not None and "No plans at all" in str(draft.answers)
        elif choice == "k":  # keep mine: window one's version is in the backups folder, byte for byte
            assert b"No plans at all" in winery_path().read_bytes()
            (kept,) = (paths.backups_dir() / "opportunities").glob(f"{WINERY}.other.*.toml")
            assert kept.read_bytes() == theirs
            assert any("backups" in note for note in notes(second))
        else:  # save as new: both versions are opportunities now
            assert winery_path().read_bytes() == theirs
            (mine,) = [o for o in second.opportunities if o.company == winery(second).company and o.id != WINERY]
            assert b"No plans at all" in (paths.opportunities_dir() / f"{mine.id}.toml").read_bytes()
        assert store.load_opportunities().problems == []


async def test_an_edit_by_another_program_is_never_overwritten(examples: None) -> None:
    """A text editor (here: another process) changes the file while the app has it open."""
    app = EvaluatorApp(today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await capture_notes(pilot, "Export to Japan")
        script = (
            "import sys, pathlib; p = pathlib.Path(sys.argv[1]); "
            "p.write_text(p.read_text(encoding='utf-8').replace('Wines\"', 'Wines (EDITED BY HAND)\"', 1), "
            "encoding='utf-8')"
        )
        subprocess.run([sys.executable, "-c", script, str(winery_path())], check=True)
        edited = winery_path().read_bytes()
        assert b"EDITED BY HAND" in edited
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictModal)
        await pilot.press("escape")  # back to editing: still nothing written, the form intact
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)
        assert winery_path().read_bytes() == edited
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("k")  # keep mine
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    saved = store.load_opportunities().items
    (mine,) = [o for o in saved if o.id == WINERY]
    assert "Export to Japan" in str(mine.interviews[-1].answers)
    (kept,) = (paths.backups_dir() / "opportunities").glob(f"{WINERY}.other.*.toml")
    assert kept.read_bytes() == edited


async def test_a_profile_edited_elsewhere_is_not_overwritten_by_the_editor(examples: None) -> None:
    mine = store.find_profile(store.load_profiles().items, "balanced").model_copy(update={"builtin": False})
    mine.name = "mine"
    path = store.save_profile(mine)
    app = EvaluatorApp(today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(ProfileEditor("mine"))
        await pilot.pause()
        assert isinstance(app.screen, ProfileEditor)
        other = re.sub(r"weight = [0-9.]+", "weight = 42", path.read_text(encoding="utf-8"), count=1)
        path.write_text(other, encoding="utf-8")
        await pilot.press("plus", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictModal)
        assert path.read_text(encoding="utf-8") == other
        await pilot.press("n")  # save mine as a new profile
        await pilot.pause()
    names = {p.name for p in store.load_profiles().items}
    assert {"mine", "mine (2)"} <= names
    assert path.read_text(encoding="utf-8") == other


async def test_deleting_moves_to_the_trash_and_the_app_brings_it_back(app: EvaluatorApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        row = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        content = (paths.opportunities_dir() / f"{row}.toml").read_bytes()
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert row not in {o.id for o in app.opportunities}
        assert not (paths.opportunities_dir() / f"{row}.toml").exists()
        (trashed,) = store.trashed()
        assert trashed.path.read_bytes() == content
        app.action_trash()
        await pilot.pause()
        assert isinstance(app.screen, TrashScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert row in {o.id for o in app.opportunities}
        assert store.trashed() == []
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert row in {k.value for k in app.screen.query_one(DataTable).rows}
    assert (paths.opportunities_dir() / f"{row}.toml").read_bytes() == content


async def test_the_edit_form_never_overwrites_another_programs_edit(examples: None) -> None:
    """The form rebuilds the record from its fields; it still knows which file it was read from."""
    app = EvaluatorApp(today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(OpportunityForm(WINERY))
        await pilot.pause()
        field = app.screen.query_one("#location", Input)
        field.focus()
        await pilot.press("end", *" (or Lyon)")
        edited = winery_path().read_text(encoding="utf-8").replace('Wines"', 'Wines (THEIRS)"', 1)
        winery_path().write_text(edited, encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictModal)
        await pilot.press("r")  # reload: the form closes, their version stays
        await pilot.pause()
        assert not isinstance(app.screen, OpportunityForm)
        assert winery(app).company.endswith("(THEIRS)")
    assert winery_path().read_text(encoding="utf-8") == edited
