"""Export from the app: the dialog on Compare and Opportunity writes the same file as the command line,
asks before replacing a file, and refuses a bad path inline without writing anything."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from conftest import TODAY
from textual.pilot import Pilot
from textual.widgets import Input, RadioSet, Static

from evaluator import export, scoring
from evaluator.app import EvaluatorApp
from evaluator.screens.compare import CompareScreen
from evaluator.screens.export import ExportModal
from evaluator.screens.home import HomeScreen
from evaluator.screens.modals import Confirm
from evaluator.screens.opportunity import OpportunityScreen


async def settle(pilot: Pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_export_on_compare(pilot: Pilot) -> tuple[CompareScreen, ExportModal]:
    await pilot.pause()
    assert isinstance(pilot.app.screen, HomeScreen)
    await pilot.press("c")
    await settle(pilot)
    compare = pilot.app.screen
    assert isinstance(compare, CompareScreen)
    await pilot.press("x")
    await pilot.pause()
    modal = pilot.app.screen
    assert isinstance(modal, ExportModal)
    return compare, modal


def message(modal: ExportModal) -> Static:
    return modal.query_one("#export-message", Static)


async def export_to(pilot: Pilot, modal: ExportModal, path: Path | str) -> None:
    """Type the path (replacing the default) and press enter in the field."""
    field = modal.query_one("#export-path", Input)
    field.focus()
    field.value = str(path)
    await pilot.press("enter")
    await settle(pilot)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The current folder while the app runs: where the dialog proposes to write."""
    where = tmp_path / "exports"
    where.mkdir()
    monkeypatch.chdir(where)
    return where


async def test_export_from_compare_writes_the_memo_in_the_current_folder(app: EvaluatorApp, folder: Path) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        compare, modal = await open_export_on_compare(pilot)
        assert [o.id for o in modal.opportunities] == [o.id for o in compare.chosen()]
        assert modal.profile.name == "balanced"
        field = modal.query_one("#export-path", Input)
        assert field.value == str(folder / "evaluator-2026-11-22.md")

        await pilot.press("tab")  # from the formats to the file name
        assert modal.focused is field
        await pilot.press("enter")
        await settle(pilot)

        target = folder / "evaluator-2026-11-22.md"
        expected = export.export_markdown(scoring.compare(compare.chosen(), app.active_profile), TODAY)
        assert target.read_text(encoding="utf-8") == expected
        assert modal.written == target
        assert str(message(modal).render()) == f"✓ Written to {target}"
        assert message(modal).has_class("-done")

        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is compare


async def test_csv_from_an_opportunity_exports_that_one(app: EvaluatorApp, folder: Path) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        winery = next(o for o in app.opportunities if o.company == "Vallée Verte Wines")
        app.push_screen(OpportunityScreen(winery.id))
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ExportModal)
        assert [o.id for o in modal.opportunities] == [winery.id]
        assert modal.focused is modal.query_one(RadioSet)

        await pilot.press("down", "space")  # Markdown → CSV
        field = modal.query_one("#export-path", Input)
        assert modal.format == "csv"
        assert field.value == str(folder / f"evaluator-{winery.id}-2026-11-22.csv")
        await pilot.press("tab", "enter")
        await settle(pilot)

        data = (folder / f"evaluator-{winery.id}-2026-11-22.csv").read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        (row,) = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
        score = scoring.score(winery, app.active_profile)
        assert row["company"] == "Vallée Verte Wines"
        assert float(row["score"]) == pytest.approx(score.score, abs=0.005)
        assert row["growth_plans value"] == "unknown"


async def test_an_existing_file_is_replaced_only_after_confirming(app: EvaluatorApp, tmp_path: Path) -> None:
    target = tmp_path / "memo.md"
    target.write_text("my own notes\n", encoding="utf-8")
    async with app.run_test(size=(100, 30)) as pilot:
        _, modal = await open_export_on_compare(pilot)
        await export_to(pilot, modal, target)
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is modal
        assert target.read_text(encoding="utf-8") == "my own notes\n"
        assert "left as it is" in str(message(modal).render())
        assert modal.written is None

        await pilot.press("enter")  # the field has the focus back: try again, and replace this time
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await settle(pilot)
        assert target.read_text(encoding="utf-8").startswith("# Decision memo: 3 opportunities")
        assert modal.written == target


@pytest.mark.parametrize(
    ("path", "says"),
    [("no/such/folder/memo.md", "does not exist"), ("", "give a file name"), (".", "is a folder")],
)
async def test_a_bad_path_is_refused_inline_and_nothing_is_written(
    app: EvaluatorApp, folder: Path, path: str, says: str
) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        _, modal = await open_export_on_compare(pilot)
        await export_to(pilot, modal, path)
        assert app.screen is modal
        assert says in str(message(modal).render())
        assert message(modal).has_class("-error")
        field = modal.query_one("#export-path", Input)
        assert field.has_class("-invalid") and modal.focused is field
        assert list(folder.iterdir()) == []

        await pilot.press("x")  # typing again clears the message
        assert not message(modal).has_class("-error")
        assert not field.has_class("-invalid")
