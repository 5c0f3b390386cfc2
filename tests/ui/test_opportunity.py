"""One opportunity (its score criterion by criterion, what to ask next, its interviews) and the
form that adds or edits one.

Expected numbers and sentences come from `evaluator.scoring` and `evaluator.report` on the
example data; nothing about the examples' scores is hard-coded here.
"""

from __future__ import annotations

import tomllib
from datetime import date

from conftest import TODAY, steady
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, Input, Label, Select, Static, TabbedContent, TextArea

from evaluator import paths, report, scoring, store
from evaluator.app import EvaluatorApp
from evaluator.model import Interview, InterviewKind, Person, Stage
from evaluator.screens.home import HomeScreen
from evaluator.screens.modals import Confirm
from evaluator.screens.opportunity import OpportunityScreen, StagePicker
from evaluator.screens.opportunity_form import OpportunityForm

WINERY = "vallee-verte-wines"


def text(widget: Widget) -> str:
    return str(widget.render())


def texts(screen: Widget, selector: str) -> list[str]:
    return [text(w) for w in screen.query(selector)]


def opportunity_files() -> set[str]:
    folder = paths.opportunities_dir()
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def read(opportunity_id: str) -> dict:
    return tomllib.loads((paths.opportunities_dir() / f"{opportunity_id}.toml").read_text("utf-8"))


async def open_from_home(pilot: Pilot, opportunity_id: str) -> OpportunityScreen:
    """Put the home cursor on the opportunity's row and press enter, as a user would."""
    await pilot.pause()
    home = pilot.app.screen
    assert isinstance(home, HomeScreen)
    table = home.query_one("#opportunities", DataTable)
    table.move_cursor(row=table.get_row_index(opportunity_id))
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, OpportunityScreen)
    return screen


async def type_into(pilot: Pilot, selector: str, value: str) -> None:
    await pilot.click(selector)
    await pilot.press("end", *value)


async def new_form(pilot: Pilot) -> OpportunityForm:
    await pilot.pause()
    await pilot.press("n")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, OpportunityForm)
    return form


# --- the opportunity screen ---------------------------------------------------------------


async def test_winery_from_home_shows_growth_plans_unknown_and_whom_to_ask(app: EvaluatorApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_from_home(pilot, WINERY)
        assert screen.opportunity_id == WINERY
        assert screen.title == "Vallée Verte Wines"
        assert str(screen.query_one("#detail-role-value", Label).render()) == "Digital marketing coordinator"
        assert screen.sub_title == "Profile: balanced"

        winery = next(o for o in app.opportunities if o.id == WINERY)
        expected = scoring.score(winery, app.active_profile)
        line = f"Score {expected.score:.0f} · range {expected.low:.0f}–{expected.high:.0f}"
        assert text(screen.query_one("#score-line")) == f"{line} · {expected.unknowns} unknown"

        table = screen.query_one("#breakdown", DataTable)
        assert [str(key.value) for key in table.rows] == [cell.key for cell in expected.cells]
        growth = [str(value) for value in table.get_row("growth_plans")]
        criterion, value, confidence = growth[0], growth[2], growth[3]
        assert criterion == "Growth plans"
        assert value.startswith("unknown (counted ") and value == report.cell_value(
            expected.cell("growth_plans"), app.active_profile.criterion("growth_plans")
        )
        assert confidence == "—"
        # A known answer is shown as the answer, never as unknown.
        assert str(table.get_row("role_origin")[2]) == "like-for-like replacement"

        # What to ask next: growth plans, to the hiring manager rather than the HR screener.
        await pilot.press("2")
        await pilot.pause()
        assert screen.query_one(TabbedContent).active == "tab-ask"
        others = [o for o in app.open_opportunities() if o.id != WINERY]
        comparison = scoring.compare([winery, *others], app.active_profile, with_probabilities=False)
        asks = {ask.key: ask for ask in comparison.ask_next[WINERY]}
        growth_ask = asks["growth_plans"]
        assert "the hiring manager, not the HR screener" in growth_ask.ask_whom
        shown = "\n".join(texts(screen, "#ask-next .line"))
        assert f"Growth plans — “{growth_ask.question}”" in shown
        assert f"Ask {growth_ask.ask_whom}" in shown
        assert f"({growth_ask.why})" in shown
        assert len(screen.query("#ask-next .block")) == len(asks)


async def test_highlighted_criterion_shows_the_answer_it_came_from(app: EvaluatorApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_from_home(pilot, WINERY)
        table = screen.query_one("#breakdown", DataTable)
        table.move_cursor(row=table.get_row_index("growth_plans"))
        await pilot.pause()
        detail = text(screen.query_one("#cell-detail"))
        assert detail.startswith("Growth plans: unknown (counted ")
        assert "Claire Dumont (HR generalist), screening 2026-11-16" in detail
        assert "“She couldn't say; suggested I ask the marketing director." in detail

        table.move_cursor(row=table.get_row_index("team_manager"))
        await pilot.pause()
        assert "Not asked yet. Ask the hiring manager" in text(screen.query_one("#cell-detail"))


async def test_interviews_are_listed_in_date_order(app: EvaluatorApp) -> None:
    winery = store.find_opportunity(store.load_opportunities().items, WINERY)
    earlier = Interview(
        date=date(2026, 11, 9),
        kind=InterviewKind.INFORMATIONAL,
        people=[Person(name="Lucie Bernard", role="Former intern")],
        notes="Coffee with a former intern.",
    )
    winery.interviews.append(earlier)  # written after the screening, dated before it
    store.save_opportunity(winery)
    app.reload()  # the fixture's app read the files before this test changed one
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_from_home(pilot, WINERY)
        await pilot.press("3")
        await pilot.pause()
        assert screen.query_one(TabbedContent).active == "tab-interviews"
        headings = [text(block.query(".line").first()) for block in screen.query("#interviews .block")]
        assert headings == [
            "9 Nov 2026 · Informational with Lucie Bernard (Former intern)",
            "16 Nov 2026 · Screening with Claire Dumont (HR generalist)",
        ]
        shown = "\n".join(texts(screen, "#interviews .line"))
        assert "Growth plans: unknown (low confidence)" in shown
        assert "✓ thank-you sent 16 Nov 2026 · follow up 23 Nov 2026 (tomorrow)" in shown
        assert "✗ no thank-you sent yet" in shown


async def test_changing_the_stage_saves_it(app: EvaluatorApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_from_home(pilot, WINERY)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StagePicker)
        # From "screening", one down is "interviewing".
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert read(WINERY)["stage"] == "interviewing"
        assert next(o for o in app.opportunities if o.id == WINERY).stage is Stage.INTERVIEWING
        assert text(screen.query_one("#detail-stage-value")).startswith("interviewing")


async def test_escape_on_the_stage_picker_changes_nothing(app: EvaluatorApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_from_home(pilot, WINERY)
        before = (paths.opportunities_dir() / f"{WINERY}.toml").read_bytes()
        await pilot.press("s", "down", "escape")
        await pilot.pause()
        assert app.screen is screen
        assert (paths.opportunities_dir() / f"{WINERY}.toml").read_bytes() == before


# --- the form -------------------------------------------------------------------------------


async def test_new_opportunity_through_the_form_writes_its_file(app: EvaluatorApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        form = await new_form(pilot)
        assert form.title == "New opportunity"
        before = opportunity_files()
        await type_into(pilot, "#company", "Nordlicht Studio")
        await type_into(pilot, "#role", "Content designer")
        await type_into(pilot, "#office_policy", "remote-first")
        form.query_one("#contacts", TextArea).text = "Anna Berg, Head of design, anna@nordlicht.example\nJonas Weber"
        form.query_one("#stage", Select).value = Stage.APPLIED
        await pilot.press("ctrl+s")
        await pilot.pause()

        added = opportunity_files() - before
        assert added == {"nordlicht-studio-content-designer.toml"}
        saved = read("nordlicht-studio-content-designer")
        assert (saved["company"], saved["role"]) == ("Nordlicht Studio", "Content designer")
        assert saved["office_policy"] == "remote-first"
        assert saved["stage"] == "applied"
        assert saved["created"] == TODAY
        assert saved["contacts"] == [
            {"name": "Anna Berg", "role": "Head of design", "email": "anna@nordlicht.example"},
            {"name": "Jonas Weber", "role": "", "email": ""},
        ]
        # The user lands on the new opportunity, and the app knows it.
        assert isinstance(app.screen, OpportunityScreen)
        assert app.screen.opportunity_id == "nordlicht-studio-content-designer"
        assert any(o.company == "Nordlicht Studio" for o in app.opportunities)


async def test_empty_company_is_refused_inline_and_nothing_is_written(app: EvaluatorApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        form = await new_form(pilot)
        before = opportunity_files()
        await type_into(pilot, "#company", "   ")
        await type_into(pilot, "#role", "Content designer")
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert app.screen is form
        error = form.query_one("#company-error", Static)
        assert error.display and text(error) == "Company is required"
        assert form.query_one("#company", Input).has_class("-invalid")
        assert form.query_one("#company", Input).has_focus
        assert not form.query_one("#role-error", Static).display
        assert opportunity_files() == before

        # Correcting the field clears its message, and then it saves.
        await type_into(pilot, "#company", "Nordlicht")
        await pilot.pause()
        assert not error.display
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert opportunity_files() - before == {"nordlicht-content-designer.toml"}


async def test_a_contact_without_a_name_is_refused(app: EvaluatorApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        form = await new_form(pilot)
        before = opportunity_files()
        await type_into(pilot, "#company", "Nordlicht")
        await type_into(pilot, "#role", "Designer")
        form.query_one("#contacts", TextArea).text = "Anna Berg, Head of design\n\n, recruiter"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert text(form.query_one("#contacts-error")) == "The contact on line 3 needs a name"
        assert opportunity_files() == before


async def test_editing_then_escape_asks_before_discarding(app: EvaluatorApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_from_home(pilot, WINERY)
        file = paths.opportunities_dir() / f"{WINERY}.toml"
        before = file.read_bytes()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, OpportunityForm)
        assert form.query_one("#company", Input).value == "Vallée Verte Wines"
        assert form.query_one("#stage", Select).value is Stage.SCREENING
        contacts = form.query_one("#contacts", TextArea).text
        assert contacts.splitlines()[0] == "Claire Dumont, HR generalist, claire.dumont@valleeverte.example.com"

        await type_into(pilot, "#role", " (maternity cover)")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)

        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#role", Input).value.endswith("(maternity cover)")

        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # discard
        await pilot.pause()
        assert app.screen is screen
        assert file.read_bytes() == before


async def test_escape_without_changes_leaves_at_once(app: EvaluatorApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_from_home(pilot, WINERY)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, OpportunityForm)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_saving_an_edit_keeps_interviews_and_refreshes_the_screen(app: EvaluatorApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_from_home(pilot, WINERY)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, OpportunityForm)
        form.query_one("#role", Input).value = "Marketing coordinator"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        saved = read(WINERY)
        assert saved["role"] == "Marketing coordinator"
        assert saved["created"] == date(2026, 11, 4)
        assert len(saved["interviews"]) == 1 and len(saved["interviews"][0]["answers"]) == 7
        assert str(screen.query_one("#detail-role-value", Label).render()) == "Marketing coordinator"


# --- snapshots --------------------------------------------------------------------------------


def test_snapshot_winery(app: EvaluatorApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.app.push_screen(OpportunityScreen(WINERY))
        await steady(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


def test_snapshot_new_opportunity_form(app: EvaluatorApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.app.push_screen(OpportunityForm(None))
        await steady(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)
