"""Compare: columns in scoring's order, the winner, win probabilities from the worker, flip
thresholds, what to ask next, a second profile side by side, and refreshing on changes.

Every expected number and sentence is computed here with `evaluator.scoring` from the example
data; nothing about the examples' scores is hard-coded.
"""

from __future__ import annotations

import threading

import pytest
from conftest import TODAY, steady
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import OptionList, Static

from evaluator import report, scoring, store
from evaluator.app import EvaluatorApp
from evaluator.model import Answer, Confidence, Interview, InterviewKind
from evaluator.report import COMPUTING
from evaluator.screens import compare as compare_module
from evaluator.screens.compare import CompareScreen
from evaluator.screens.home import HomeScreen
from evaluator.screens.modals import PickProfile
from evaluator.widgets.bullet_list import BulletList
from evaluator.widgets.criterion_cell import CriterionCell
from evaluator.widgets.ranking_column import RankingColumn
from evaluator.widgets.score_cell import WINNER, ScoreCell

EXAMPLES = {"wearables-startup", "vallee-verte-wines", "pr-agency"}


def text(widget: Widget) -> str:
    return str(widget.render())


def profile(app: EvaluatorApp, name: str):  # -> Profile
    return store.find_profile(app.profiles, name)


def expected(app: EvaluatorApp, ids: list[str], name: str) -> scoring.Comparison:
    """What scoring itself says, with the same defaults (samples, seed) the screen uses."""
    chosen = [o for o in app.opportunities if o.id in ids]
    return scoring.compare(chosen, profile(app, name))


async def settle(pilot: Pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def pick(pilot: Pilot, name: str) -> None:
    """In the PickProfile dialog, move to `name` with the arrow keys and take it."""
    assert isinstance(pilot.app.screen, PickProfile)
    options = pilot.app.screen.query_one(OptionList)
    ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
    target = ids.index(name)
    if options.highlighted is None:
        await pilot.press("down")
    while options.highlighted != target:
        await pilot.press("down" if options.highlighted < target else "up")
    await pilot.press("enter")
    await settle(pilot)


async def open_compare(pilot: Pilot) -> CompareScreen:
    """From the list, with nothing marked: `c` compares every open opportunity."""
    await pilot.pause()
    assert isinstance(pilot.app.screen, HomeScreen)
    await pilot.press("c")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CompareScreen)
    return screen


def head_ids(screen: CompareScreen) -> list[str]:
    return [w.name or "" for w in screen.query(".cmp-head")]


def cell_widget(screen: CompareScreen, key: str, opportunity_id: str) -> CriterionCell:
    return next(w for w in screen.query(f".cmp-cell.-{key}").results(CriterionCell) if w.name == opportunity_id)


def win_texts(screen: CompareScreen) -> dict[str, str]:
    return {w.name or "": text(w) for w in screen.query(".cmp-win")}


async def test_three_opportunities_under_two_profiles(app: EvaluatorApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_compare(pilot)
        ids = list(screen.opportunity_ids)
        assert set(ids) == EXAMPLES

        await pilot.press("p")
        await pick(pilot, "creative impact")
        assert app.active_profile.name == "creative impact"
        await pilot.press("v")
        await pick(pilot, "return to work")

        main = expected(app, ids, "creative impact")
        other = expected(app, ids, "return to work")
        assert main.win is not None and other.win is not None
        assert screen.sub_title == "creative impact  vs  return to work"

        # Columns in scoring's order, the winner starred on its first opportunity only.
        order = [s.opportunity.id for s in main.scores]
        assert head_ids(screen) == order
        heads = {w.name: text(w) for w in screen.query(".cmp-head")}
        assert heads[order[0]].startswith(f"{WINNER} 1 ")
        assert all(WINNER not in heads[i] for i in order[1:])
        totals = {w.name: w for w in screen.query(ScoreCell)}
        assert [totals[i].winner for i in order] == [True, False, False]
        for s in main.scores:
            shown = text(totals[s.opportunity.id])
            assert f"{s.score:.0f}  {s.low:.0f}–{s.high:.0f}" in shown

        # Win probabilities: the worker's result, equal to scoring's, formatted; the label on the leader.
        assert screen.computing is False
        assert screen.comparison is not None and screen.comparison.win is not None
        assert screen.comparison.win.first == main.win.first
        wins = win_texts(screen)
        for s in main.scores:
            assert wins[s.opportunity.id].startswith(report.percent(main.win.first[s.opportunity.id]))
        assert main.label in ("clear", "leaning", "toss-up")
        assert wins[order[0]].endswith(main.label)
        status = text(screen.query_one("#compare-status", Static))
        assert main.label in status and COMPUTING not in status

        # Every criterion of the profile is a row; unknowns say so.
        cells = list(screen.query(".cmp-cell"))
        assert len(cells) == len(main.profile.criteria) * len(order)
        for s in main.scores:
            for cell in s.cells:
                criterion = main.profile.criterion(cell.key)
                assert criterion is not None
                widget = cell_widget(screen, cell.key, s.opportunity.id)
                assert widget.value == report.cell_value(cell, criterion)
                assert widget.known == cell.known
                if not cell.known:
                    assert widget.value.startswith("unknown")

        # What would flip it, the rank-order sentences, what to ask next, the summary.
        flips = screen.query_one("#compare-flips", BulletList).plain
        assert main.flips, "the examples have flip thresholds under creative impact"
        for flip in main.flips[:5]:
            assert flip.sentence in flips
        for sentence in main.order_robust:
            assert sentence in flips
        asks = screen.query_one("#compare-asks", BulletList).plain
        for s in main.scores:
            assert s.opportunity.company in asks
            for ask in main.ask_next[s.opportunity.id][:3]:
                assert ask.question in asks and ask.ask_whom in asks
        # The summary, then the leader head to head against each other one (pairwise win shares).
        head = scoring.head_to_head(main)
        assert head, "three ranked opportunities give two head-to-head sentences"
        assert text(screen.query_one("#compare-summary", Static)) == "\n".join([main.summary, *head])

        # The second profile side by side, and the contrast sentence.
        assert screen.query_one("#compare-versus").display
        ranking_a = text(screen.query_one("#ranking-a", RankingColumn))
        ranking_b = text(screen.query_one("#ranking-b", RankingColumn))
        assert ranking_a.startswith("creative impact") and ranking_b.startswith("return to work")
        b_lines = ranking_b.splitlines()[1:]
        assert len(b_lines) == 3
        for line, s in zip(b_lines, other.scores, strict=True):
            assert s.opportunity.company[:8] in line
            assert line.rstrip().endswith(report.percent(other.win.first[s.opportunity.id]))
        contrast = scoring.contrast(main, other)
        assert main.leader is not None and other.leader is not None
        assert main.leader.id != other.leader.id
        assert "which self you listen to" in contrast
        assert text(screen.query_one("#compare-contrast", Static)) == contrast

        # Escape clears the second profile first, then goes back to the list.
        await pilot.press("escape")
        await settle(pilot)
        assert screen.other is None and screen.other_name is None
        assert not screen.query_one("#compare-versus").display
        assert screen.sub_title == "creative impact"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_marked_rows_on_home_are_compared(app: EvaluatorApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        marked = [home.ranked[0].opportunity.id, home.ranked[2].opportunity.id]
        await pilot.press("space", "down", "down", "space")
        assert home.marked == set(marked)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert sorted(screen.opportunity_ids) == sorted(marked)
        main = expected(app, marked, app.active_profile.name)
        assert head_ids(screen) == [s.opportunity.id for s in main.scores]
        assert len(screen.query(ScoreCell)) == 2


async def test_says_it_is_computing_until_the_worker_is_done(
    app: EvaluatorApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real_compare = scoring.compare

    def slow_compare(*args, **kwargs):  # type: ignore[no-untyped-def]
        if kwargs.get("with_probabilities", True):
            assert release.wait(30), "the test never released the worker"
        return real_compare(*args, **kwargs)

    monkeypatch.setattr(compare_module.scoring, "compare", slow_compare)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        # The table is already there, scored; only the probabilities are pending.
        assert len(head_ids(screen)) == 3
        assert screen.computing
        assert COMPUTING in text(screen.query_one("#compare-status", Static))
        assert set(win_texts(screen).values()) == {"…"}
        release.set()
        await settle(pilot)
        assert not screen.computing
        assert COMPUTING not in text(screen.query_one("#compare-status", Static))
        assert all(shown.endswith("%") or "%" in shown for shown in win_texts(screen).values())


async def test_refreshes_when_an_answer_changes(app: EvaluatorApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_compare(pilot)
        winery = next(o for o in app.opportunities if o.id == "vallee-verte-wines")
        assert cell_widget(screen, "growth_plans", winery.id).value.startswith("unknown")

        updated = winery.model_copy(deep=True)
        updated.interviews.append(
            Interview(
                date=TODAY,
                kind=InterviewKind.HIRING_MANAGER,
                answers=[Answer(criterion="growth_plans", value="clear and ambitious", confidence=Confidence.HIGH)],
            )
        )
        app.save_opportunity(updated)
        await settle(pilot)

        after = cell_widget(screen, "growth_plans", winery.id)
        assert after.value == "clear and ambitious" and after.known
        main = expected(app, screen.opportunity_ids, app.active_profile.name)
        assert head_ids(screen) == [s.opportunity.id for s in main.scores]
        assert screen.comparison is not None and screen.comparison.win is not None
        assert main.win is not None and screen.comparison.win.first == main.win.first


def test_snapshot_three_examples(app: EvaluatorApp, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        await open_compare(pilot)
        await steady(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)
