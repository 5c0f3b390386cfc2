"""The home screen: first run, the ranked list, filter, marks, archive, profile switch, help."""

from __future__ import annotations

import threading
import tomllib

import pytest
from conftest import TODAY, notes, steady
from textual.widgets import DataTable, Input, Static

from evaluator import followups, paths, scoring, store
from evaluator.app import EvaluatorApp
from evaluator.model import Opportunity
from evaluator.screens.help import HelpScreen
from evaluator.screens.home import HomeScreen
from evaluator.screens.modals import Confirm, PickProfile
from evaluator.screens.opportunity import OpportunityScreen
from evaluator.screens.welcome import WelcomeScreen
from evaluator.widgets.followups_panel import FollowupsPanel


def row_ids(app: EvaluatorApp) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [str(key.value) for key in table.rows]


async def test_first_run_welcome_picks_a_profile_and_loads_the_examples() -> None:
    app = EvaluatorApp(today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("down", "enter")  # "creative impact", then Start
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.active_profile.name == "creative impact"
        assert sorted(p.stem for p in paths.opportunities_dir().glob("*.toml")) == [
            "pr-agency",
            "vallee-verte-wines",
            "wearables-startup",
        ]
        settings = tomllib.loads(paths.settings_file().read_text(encoding="utf-8"))
        assert settings["profile"] == "creative impact"
        expected = [s.opportunity.id for s in scoring.rank(scoring.score_all(app.opportunities, app.active_profile))]
        assert row_ids(app) == expected


async def test_first_run_start_empty_shows_what_to_do_not_a_blank_screen() -> None:
    app = EvaluatorApp(today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        empty = app.screen.query_one("#empty-state")
        assert empty.display
        assert "No opportunities yet" in str(empty.render())
        assert not list(paths.opportunities_dir().glob("*.toml"))
        assert paths.settings_file().exists(), "the welcome is not shown again"


async def test_list_is_ranked_with_excluded_last(app: EvaluatorApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        ranked = app.scores()
        assert row_ids(app) == [s.opportunity.id for s in ranked]
        statuses = [s.status for s in ranked]
        assert statuses == sorted(statuses, key=lambda status: status == "excluded")
        assert "Profile: balanced" in app.screen.sub_title


async def test_win_probabilities_come_from_the_worker(app: EvaluatorApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        expected = scoring.compare(app.open_opportunities(), app.active_profile).win
        assert expected is not None
        assert home.win == expected.first
        table = home.query_one(DataTable)
        leader = row_ids(app)[0]
        assert str(table.get_cell(leader, "win")) == f"{expected.first[leader]:.0%}"


async def test_filter_narrows_the_list_and_escape_clears_it(app: EvaluatorApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"wine")
        await pilot.pause()
        assert row_ids(app) == ["vallee-verte-wines"]
        await pilot.press("enter")  # back to the table, filter kept
        assert row_ids(app) == ["vallee-verte-wines"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#filter", Input).value == ""
        assert len(row_ids(app)) == 3


async def test_archive_asks_first_and_keeps_the_file(app: EvaluatorApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        first = row_ids(app)[0]
        path = paths.opportunities_dir() / f"{first}.toml"
        before = path.read_bytes()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await pilot.pause()
        assert path.read_bytes() == before
        assert first in row_ids(app)
        await pilot.press("a", "y")
        await pilot.pause()
        assert first not in row_ids(app)
        assert tomllib.loads(path.read_text(encoding="utf-8"))["archived"] is True


async def test_switch_profile_reranks_and_is_remembered(app: EvaluatorApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PickProfile)
        names = [p.name for p in app.profiles]
        await pilot.press(*["down"] * (names.index("return to work") - names.index("balanced")), "enter")
        await pilot.pause()
        assert app.active_profile.name == "return to work"
        assert store.load_settings().profile == "return to work"
        expected = scoring.rank(scoring.score_all(app.open_opportunities(), app.active_profile))
        assert row_ids(app) == [s.opportunity.id for s in expected]


async def test_help_lists_the_keys_of_the_current_screen(app: EvaluatorApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = dict(app.screen.keys)
        assert keys.get("n") == "New"
        assert keys.get("i") == "Interview"
        assert keys.get("c") == "Compare"
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


BAD_FILES = {
    "broken.toml": b'schema = 2\ncompany = "Oops\n',  # malformed TOML
    "wrong-type.toml": b'schema = 2\ncompany = "Oops"\nrole = 7\n',
    "future.toml": b'schema = 9\ncompany = "Later"\nrole = "Lead"\n',
    "empty.toml": b"",
}


async def test_bad_files_are_listed_in_one_notification_and_left_alone(examples: None) -> None:
    """Issue 6: the app starts anyway; one notification names each bad file, its line and its problem."""
    for name, content in BAD_FILES.items():
        (paths.opportunities_dir() / name).write_bytes(content)
    app = EvaluatorApp(today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert len(row_ids(app)) == 3
        (message,) = notes(app)
        assert "opportunities/broken.toml, line 2: is not valid TOML" in message
        assert "opportunities/wrong-type.toml, line 3: role: should be text, not 7" in message
        assert "opportunities/future.toml, line 1: schema: written by a newer evaluator (schema 9" in message
        assert "opportunities/empty.toml, line 1: is empty" in message
    for name, content in BAD_FILES.items():
        assert (paths.opportunities_dir() / name).read_bytes() == content


async def test_bad_files_move_aside_only_when_asked(examples: None) -> None:
    """Issue 6: the "repair" action moves bad files into quarantine, after a confirmation, never by itself."""
    for name, content in BAD_FILES.items():
        (paths.opportunities_dir() / name).write_bytes(content)
    app = EvaluatorApp(today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        app.action_problems()
        await pilot.pause()
        await pilot.press("m")  # move aside...
        await pilot.pause()
        await pilot.press("n")  # ...no, not now
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert all((paths.opportunities_dir() / name).exists() for name in BAD_FILES)
        app.action_problems()
        await pilot.pause()
        await pilot.press("m", "y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.problems == []
        assert len(row_ids(app)) == 3
    for name, content in BAD_FILES.items():
        assert not (paths.opportunities_dir() / name).exists()
        assert (paths.quarantine_dir() / "opportunities" / name).read_bytes() == content


def test_snapshot_home(app: EvaluatorApp, snap_compare) -> None:
    async def ready(pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        await steady(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=ready)


def test_snapshot_home_80x24(app: EvaluatorApp, snap_compare) -> None:
    async def ready(pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        await steady(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)


def test_snapshot_welcome(snap_compare) -> None:
    assert snap_compare(EvaluatorApp(today=TODAY), terminal_size=(100, 30), run_before=steady)


def test_snapshot_help(app: EvaluatorApp, snap_compare) -> None:
    async def help_open(pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.press("f1")
        await steady(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=help_open)


async def test_due_panel_shows_the_followups_and_opens_the_opportunity(app: EvaluatorApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(FollowupsPanel)
        expected = followups.due(app.opportunities, TODAY)
        assert expected, "the examples have a thank-you note and a follow-up due on TODAY"
        assert [item.key for item in panel.items] == [item.key for item in expected]
        panel.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OpportunityScreen)
        assert app.screen.opportunity_id == expected[0].opportunity_id


async def test_evaluator_paints_home_first_then_reads_the_opportunities(
    examples: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 7: the first frame never waits for the files; the list follows, and no save can race them."""
    release = threading.Event()
    read = store.load_opportunities

    def slow_read(*args: object, **kwargs: object) -> store.Loaded[Opportunity]:
        release.wait(10)
        return read(*args, **kwargs)

    monkeypatch.setattr(store, "load_opportunities", slow_read)
    app = EvaluatorApp(today=TODAY, read_after_first_frame=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.reading
        await pilot.pause(0.4)  # a quick start shows nothing; a slow one says why the list is empty
        assert str(app.screen.query_one("#empty-state", Static).render()) == "Reading your opportunities…"
        app.save_opportunity(Opportunity(company="Early Bird", role="Writer"))
        await pilot.pause()
        assert "Still reading your files" in notes(app)[-1]
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.reading
        assert len(row_ids(app)) == 3
    assert not any("early" in p.name for p in paths.opportunities_dir().iterdir())
