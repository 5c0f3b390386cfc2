"""Issue 6, scale: 5,000 opportunities with 10 interviews each load, and the app stays usable.

How fast is measured in `bench/` (`make bench`), never here: these tests check that everything
loads and that the keys a user presses still do what they should with that many.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from conftest import TODAY
from textual.widgets import DataTable, Static

from evaluator import paths, store
from evaluator.app import EvaluatorApp
from evaluator.model import Answer, Confidence, Interview, InterviewKind, Opportunity, Person, Stage
from evaluator.screens.home import COMPARE_AT_MOST, LIST_AT_MOST, HomeScreen
from evaluator.screens.opportunity import OpportunityScreen

COUNT = 5_000
INTERVIEWS = 10


@pytest.fixture
def thousands(examples: object) -> list[str]:
    """COUNT opportunity files of INTERVIEWS interviews each, beside the three examples; their ids."""
    profile = store.find_profile(store.load_profiles().items, "balanced")
    ratings = [c.key for c in profile.criteria if c.scale.kind == "rating"]
    interviews = [
        Interview(
            date=date(2026, 6, 1) + timedelta(days=7 * k),
            kind=list(InterviewKind)[k % len(InterviewKind)],
            people=[Person(name=f"Person {k}", role="Hiring manager")],
            notes=f"Call {k}: they were open about the team; the budget is still unknown.",
            answers=[
                Answer(criterion=key, text="Said so on the call", value=1 + (k + i) % 5, confidence=Confidence.MEDIUM)
                for i, key in enumerate(ratings)
            ],
        )
        for k in range(INTERVIEWS)
    ]
    written = store.save_opportunity(
        Opportunity(company="COMPANY", role="Designer", stage=Stage.INTERVIEWING, interviews=interviews)
    )
    template = written.read_bytes()
    written.unlink()
    folder = paths.opportunities_dir()
    ids = [f"scale-{n:05d}" for n in range(COUNT)]
    for n, stem in enumerate(ids):
        (folder / f"{stem}.toml").write_bytes(template.replace(b'"COMPANY"', f'"Company {n:05d}"'.encode()))
    return ids


def test_five_thousand_opportunities_load(thousands: list[str]) -> None:
    loaded = store.load_opportunities()
    assert loaded.problems == []
    by_id = {o.id: o for o in loaded.items}
    assert set(thousands) <= set(by_id)
    assert len(by_id) == COUNT + 3
    assert all(len(by_id[stem].interviews) == INTERVIEWS for stem in thousands)


async def test_the_app_stays_usable_with_five_thousand(thousands: list[str]) -> None:
    app = EvaluatorApp(today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        table = home.query_one(DataTable)
        # The best ranked are listed, and the screen says how to reach the others.
        assert table.row_count == LIST_AT_MOST
        more = str(home.query_one("#more-rows", Static).render())
        assert more.startswith(f"The first {LIST_AT_MOST} of {COUNT + 3:,} are listed")
        # Win probabilities for the whole list arrive in the background.
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(home.win) == COUNT + 3
        assert abs(sum(home.win.values()) - 1) < 1e-9
        # Jump to the bottom of the list and open that row.
        await pilot.press("end")
        last = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OpportunityScreen)
        assert app.screen.opportunity is not None and app.screen.opportunity.id == last
        await pilot.press("escape")
        await pilot.pause()
        # Filter down to one company by typing.
        await pilot.press("slash", *"Company 04321")
        await pilot.pause()
        assert [k.value for k in table.rows] == ["scale-04321"]
        assert not home.query_one("#more-rows", Static).display
        await pilot.press("escape")
        await pilot.pause()
        assert table.row_count == LIST_AT_MOST
        # Compare with nothing marked takes the top few, not five thousand columns.
        await pilot.press("c")
        await pilot.pause()
        assert len(app.screen.opportunity_ids) == COMPARE_AT_MOST
        await pilot.press("escape")
        await pilot.pause()
        # A save changes that one file and keeps every other one in memory as it was.
        before = list(app.opportunities)
        chosen = next(o for o in app.opportunities if o.id == "scale-00007")
        app.save_opportunity(chosen.model_copy(update={"stage": Stage.OFFER}))
        await pilot.pause()
        assert next(o for o in app.opportunities if o.id == "scale-00007").stage is Stage.OFFER
        assert sum(a is not b for a, b in zip(before, app.opportunities, strict=True)) == 1
    assert b'stage = "offer"' in (paths.opportunities_dir() / "scale-00007.toml").read_bytes()
