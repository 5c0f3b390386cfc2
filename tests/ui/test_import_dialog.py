"""The import dialog: a dry run shows the plan and writes nothing; Import writes the files."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Checkbox, DataTable, Input, Static

from evaluator import paths
from evaluator.app import EvaluatorApp
from evaluator.screens.import_dialog import ImportDialog

FILES = Path(__file__).parent.parent / "data" / "import"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def text(dialog: ImportDialog, selector: str) -> str:
    return str(dialog.query_one(selector, Static).content)


def cells(table: DataTable) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_dry_run_shows_the_plan_then_import_writes(app: EvaluatorApp) -> None:
    results: list[list[str]] = []
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = ImportDialog()
        app.push_screen(dialog, results.append)
        await pilot.pause()
        before = snapshot(paths.data_dir())

        await pilot.click("#import-path")
        await pilot.press(*str(FILES / "google_sheets.csv"), "enter")
        await pilot.pause()
        table = dialog.query_one("#import-preview", DataTable)
        rows = cells(table)
        assert [row[:2] for row in rows] == [
            ["2", "skip"],
            ["3", "skip"],
            ["4", "import"],
            ["5", "import"],
            ["6", "import"],
            ["7", "skip"],
            ["8", "skip"],
            ["9", "skip"],
            ["10", "import"],
        ]
        assert rows[2][2:4] == ["Atelier Sauvage — Marketing assistant", "applied"]
        assert rows[0][4] == "already in your data as wearables-startup (merge to fill its empty fields)"
        assert (rows[6][4], rows[7][4]) == ("no company", "no role")
        summary = text(dialog, "#import-summary")
        assert "Would import 4, skipped 5. Nothing is written until you import." in summary
        assert "google_sheets.csv: UTF-8, comma-separated, header on row 1" in summary
        assert snapshot(paths.data_dir()) == before  # a dry run writes nothing

        await pilot.press("ctrl+s")
        await pilot.pause()
        after = snapshot(paths.data_dir())
        assert {name: after[name] for name in before} == before  # nothing overwritten
        new = sorted(set(after) - set(before))
        assert new == [
            "opportunities/atelier-sauvage-marketing-assistant.toml",
            "opportunities/cafe-lumiere-community-manager.toml",
            "opportunities/fabrique-21-content-lead.toml",
            "opportunities/maison-kleber-brand-manager.toml",
        ]
        assert "Imported 4, skipped 5." in text(dialog, "#import-summary")
        assert {"Atelier Sauvage", "Café Lumière"} <= {o.company for o in app.opportunities}  # the app reloaded

        await pilot.press("ctrl+s")  # importing again from the same dialog does nothing
        await pilot.pause()
        assert snapshot(paths.data_dir()) == after

        await pilot.press("escape")
        await pilot.pause()
        assert results == [
            [
                "atelier-sauvage-marketing-assistant",
                "cafe-lumiere-community-manager",
                "maison-kleber-brand-manager",
                "fabrique-21-content-lead",
            ]
        ]
        assert not isinstance(app.screen, ImportDialog)


async def test_merge_checkbox_replans_with_merges(app: EvaluatorApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = ImportDialog(str(FILES / "google_sheets.csv"))
        app.push_screen(dialog)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        dialog.query_one("#import-merge", Checkbox).value = True
        await pilot.pause()
        rows = cells(dialog.query_one("#import-preview", DataTable))
        assert rows[1][1] == "merge"
        assert rows[1][4] == "into vallee-verte-wines: added to notes"
        assert rows[5][1:2] == ["merge"]
        assert "Would import 4, would merge 2, skipped 3." in text(dialog, "#import-summary")


async def test_a_bad_file_is_explained_inline_and_nothing_is_written(app: EvaluatorApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = ImportDialog()
        app.push_screen(dialog)
        await pilot.pause()
        before = snapshot(paths.data_dir())

        await pilot.press("enter")
        await pilot.pause()
        error = dialog.query_one("#import-error", Static)
        assert error.display
        assert str(error.content) == "Type the path of a CSV file."

        dialog.query_one("#import-path", Input).value = str(FILES / "cp1252.csv")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error.display
        assert "cp1252.csv is not UTF-8 (byte 0xE9 on line 3" in str(error.content)
        assert not dialog.query_one("#import-preview", DataTable).display
        assert snapshot(paths.data_dir()) == before

        await pilot.press("x")  # typing clears the message
        await pilot.pause()
        assert not error.display
        assert isinstance(app.screen, ImportDialog)
