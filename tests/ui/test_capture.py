"""Capture interview: the live score, saving, bad input, leaving, and drafts that survive a crash.

Every expected number is computed with `evaluator.scoring` from the data the test builds;
nothing about the example data's scores is hard-coded.
"""

from __future__ import annotations

from collections.abc import Iterable

from conftest import TODAY, steady
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, Static

from evaluator import paths, scoring, store
from evaluator.app import EvaluatorApp
from evaluator.model import Answer, Confidence, Interview, InterviewKind, Opportunity, Person
from evaluator.screens.capture import CaptureScreen
from evaluator.screens.home import HomeScreen
from evaluator.screens.modals import Confirm
from evaluator.widgets.answer_row import COULD_NOT_SAY, UNKNOWN_LABEL, AnswerRow

WINERY = "vallee-verte-wines"
GROWTH_QUESTION = "What new initiatives are on the horizon for the next year?"


def winery_file() -> bytes:
    return (paths.opportunities_dir() / f"{WINERY}.toml").read_bytes()


def on_disk() -> dict[str, Opportunity]:
    loaded = store.load_opportunities()
    assert not loaded.problems
    return {o.id: o for o in loaded.items}


def ranked(opportunities: Iterable[Opportunity], app: EvaluatorApp) -> list[scoring.Score]:
    return scoring.rank(scoring.score(o, app.active_profile) for o in opportunities if o.is_open)


def with_interview(opportunity: Opportunity, interview: Interview) -> Opportunity:
    updated = opportunity.model_copy(deep=True)
    updated.interviews = [*updated.interviews, interview]
    return updated


async def open_capture(pilot: Pilot, opportunity_id: str = WINERY, index: int | None = None) -> CaptureScreen:
    pilot.app.push_screen(CaptureScreen(opportunity_id, index))
    await pilot.pause()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CaptureScreen)
    return screen


async def type_into(pilot: Pilot, selector: str, text: str) -> None:
    """Focus a field, empty it with the keyboard and type."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    await pilot.press("end", "ctrl+u", *text)
    await pilot.pause()


async def choose(pilot: Pilot, selector: str, search: str) -> None:
    """Open a select, type to find an option, and take it."""
    pilot.app.screen.query_one(selector, Select).focus()
    await pilot.press("enter", *search, "enter")
    await pilot.pause()


def score_line(screen: CaptureScreen) -> str:
    return str(screen.query_one("#capture-score-line", Static).render())


async def test_couldnt_say_is_saved_as_unknown_and_keeps_the_range(app: EvaluatorApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        winery = next(o for o in app.opportunities if o.id == WINERY)
        before = scoring.score(winery, app.active_profile)
        # Opened from the list, as a user would: the winery's row, then "i".
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(WINERY))
        await pilot.press("i")
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CaptureScreen) and screen.opportunity_id == WINERY

        # Untouched, every value reads "unknown" and the live range is the one on file.
        growth = screen.query_one("#row-growth_plans", AnswerRow)
        assert not growth.recorded
        assert score_line(screen).startswith(
            f"Score {before.score:.0f} · range {before.low:.0f}–{before.high:.0f}"
        )

        await type_into(pilot, "#text-growth_plans", "She couldn't say; ask the director")
        # Text without a value records "couldn't say", and the row says so.
        assert screen.query_one("#value-growth_plans", Select).value is COULD_NOT_SAY
        assert str(screen.query_one("#value-growth_plans #label", Static).render()) == UNKNOWN_LABEL
        expected = scoring.score(
            with_interview(
                winery,
                Interview(
                    date=TODAY,
                    answers=[Answer(criterion="growth_plans", question=GROWTH_QUESTION,
                                    text="She couldn't say; ask the director")],
                ),
            ),
            app.active_profile,
        )
        assert score_line(screen).startswith(
            f"Score {expected.score:.0f} · range {expected.low:.0f}–{expected.high:.0f}"
        )

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

    saved = on_disk()[WINERY]
    assert len(saved.interviews) == len(winery.interviews) + 1
    new = saved.interviews[-1]
    assert new.date == TODAY
    # Only the row that was touched is saved: one answer, with no value.
    assert [(a.criterion, a.value, a.text) for a in new.answers] == [
        ("growth_plans", None, "She couldn't say; ask the director")
    ]
    assert store.load_draft(WINERY) is None

    comparison = scoring.compare(
        [o for o in on_disk().values() if o.is_open], app.active_profile, with_probabilities=False
    )
    assert "growth_plans" in [ask.key for ask in comparison.ask_next[WINERY]]
    after = next(s for s in comparison.scores if s.id == WINERY)
    cell_before, cell_after = before.cell("growth_plans"), after.cell("growth_plans")
    assert cell_before is not None and cell_after is not None
    # "Couldn't say" never narrows anything: still unknown, the criterion's range is as wide
    # as before (equal here, as it was unknown before too), and so is the whole score's range.
    assert not cell_after.known
    assert cell_after.width >= cell_before.width
    assert cell_after.width == cell_before.width
    assert after.high - after.low >= before.high - before.low
    # The evidence is now the latest "couldn't say": today's interview.
    assert cell_after.evidence is not None and cell_after.evidence.interview.date == TODAY


async def test_hiring_manager_answer_narrows_the_range_and_reranks(app: EvaluatorApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        opportunities = list(app.opportunities)
        winery = next(o for o in opportunities if o.id == WINERY)
        order_before = [s.id for s in ranked(opportunities, app)]
        before = scoring.score(winery, app.active_profile)

        screen = await open_capture(pilot)
        await choose(pilot, "#kind", "hir")
        assert screen.query_one("#kind", Select).value is InterviewKind.HIRING_MANAGER
        await type_into(pilot, ".person-name", "Julien Marchand")
        await type_into(pilot, ".person-role", "Marketing director")
        await type_into(pilot, "#text-growth_plans", "Export to Japan, and an online shop by spring")
        await choose(pilot, "#value-growth_plans", "clear a")
        await choose(pilot, "#confidence-growth_plans", "h")
        assert screen.query_one("#value-growth_plans", Select).value == "clear and ambitious"
        assert screen.query_one("#confidence-growth_plans", Select).value is Confidence.HIGH

        interview = Interview(
            date=TODAY,
            kind=InterviewKind.HIRING_MANAGER,
            people=[Person(name="Julien Marchand", role="Marketing director")],
            answers=[
                Answer(
                    criterion="growth_plans",
                    question=GROWTH_QUESTION,
                    text="Export to Japan, and an online shop by spring",
                    value="clear and ambitious",
                    confidence=Confidence.HIGH,
                )
            ],
        )
        expected_all = [with_interview(o, interview) if o.id == WINERY else o for o in opportunities]
        expected_ranking = ranked(expected_all, app)
        expected = next(s for s in expected_ranking if s.id == WINERY)
        assert score_line(screen).startswith(
            f"Score {expected.score:.0f} · range {expected.low:.0f}–{expected.high:.0f}"
        )
        # The panel also says where the score came from.
        assert f"before: {before.score:.0f} ({before.low:.0f}–{before.high:.0f})" in score_line(screen)

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

    saved = on_disk()
    assert saved[WINERY].interviews[-1] == interview
    ranking_after = ranked(saved.values(), app)
    after = next(s for s in ranking_after if s.id == WINERY)
    # The range narrows: growth plans is now known with high confidence.
    assert (after.score, after.low, after.high) == (expected.score, expected.low, expected.high)
    assert after.high - after.low < before.high - before.low
    cell = after.cell("growth_plans")
    assert cell is not None and cell.known and cell.width == 0
    # The winery moves exactly as scoring.rank says it should.
    order_after = [s.id for s in ranking_after]
    assert order_after == [s.id for s in expected_ranking]
    assert order_after.index(WINERY) == [s.id for s in expected_ranking].index(WINERY)
    if after.score > before.score:
        assert order_after.index(WINERY) <= order_before.index(WINERY)


async def test_unknown_can_be_recorded_on_purpose_and_untouched_rows_save_nothing(app: EvaluatorApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_capture(pilot)
        await choose(pilot, "#value-role_origin", "unknown:")
        assert screen.query_one("#value-role_origin", Select).value is COULD_NOT_SAY
        await type_into(pilot, "#value-commute", "?")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    new = on_disk()[WINERY].interviews[-1]
    assert [(a.criterion, a.value, a.text) for a in new.answers] == [
        ("role_origin", None, ""),
        ("commute", None, ""),
    ]


async def test_bad_input_is_shown_inline_and_nothing_is_written(app: EvaluatorApp) -> None:
    original = winery_file()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_capture(pilot)
        await type_into(pilot, "#date", "2026-13-40")
        await pilot.press("tab")  # leaving the field checks it
        await pilot.pause()
        message = screen.query_one("#date-error", Static)
        assert message.display
        assert "not a real date" in str(message.render())
        assert screen.query_one("#date", Input).has_class("-invalid")

        await type_into(pilot, "#value-pay", "abc")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen  # still here
        pay = screen.query_one("#row-pay .answer-error", Static)
        assert pay.display and "not a number" in str(pay.render())
        assert winery_file() == original

        # A number far outside the anchors (40,000–90,000 EUR) is taken for a typo.
        await type_into(pilot, "#value-pay", "4600000")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "far outside" in str(pay.render())
        assert winery_file() == original

        # Fixed, it saves.
        await type_into(pilot, "#value-pay", "46000")
        await type_into(pilot, "#date", "2026-11-20")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    new = on_disk()[WINERY].interviews[-1]
    assert new.date.isoformat() == "2026-11-20"
    assert [(a.criterion, a.value) for a in new.answers] == [("pay", 46000)]


async def test_leaving_asks_first_and_the_draft_survives_a_crash(app: EvaluatorApp) -> None:
    original = winery_file()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_capture(pilot)
        await type_into(pilot, "#text-growth_plans", "Nobody knows yet")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert app.screen.question == "Discard this interview?"
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#text-growth_plans", Input).value == "Nobody knows yet"
        app.exit()  # the app stops without saving (a pending draft is written as it goes)
    assert winery_file() == original
    draft = store.load_draft(WINERY)
    assert draft is not None
    assert [(a.criterion, a.text) for a in draft.answers] == [("growth_plans", "Nobody knows yet")]

    # Next run: the draft is offered back, and restoring it fills the form.
    again = EvaluatorApp(today=TODAY)
    async with again.run_test(size=(100, 30)) as pilot:
        again.push_screen(CaptureScreen(WINERY))
        await pilot.pause()
        await pilot.pause()
        offer = again.screen
        assert isinstance(offer, Confirm)
        assert offer.question == f"Restore the unsaved interview from {TODAY.isoformat()}?"
        await pilot.press("y")
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, CaptureScreen)
        assert screen.query_one("#text-growth_plans", Input).value == "Nobody knows yet"
        assert screen.unsaved
        # Discarding on purpose forgets the draft and writes nothing.
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(again.screen, HomeScreen)
    assert store.load_draft(WINERY) is None
    assert winery_file() == original


async def test_the_draft_is_written_while_typing(app: EvaluatorApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await open_capture(pilot)
        await type_into(pilot, ".person-name", "Claire Dumont")
        for _ in range(40):  # the draft is written after half a second of quiet
            await pilot.pause(0.1)
            if store.load_draft(WINERY) is not None:
                break
        draft = store.load_draft(WINERY)
        assert draft is not None
        # A known contact's role is filled in from the opportunity's contacts.
        assert [(p.name, p.role) for p in draft.people] == [("Claire Dumont", "HR generalist")]


async def test_declining_the_draft_discards_it(app: EvaluatorApp) -> None:
    store.save_draft(WINERY, Interview(date=TODAY, answers=[Answer(criterion="pay", value=50000)]))
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(CaptureScreen(WINERY))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CaptureScreen)
        assert screen.query_one("#value-pay", Input).value == ""
        assert not screen.unsaved
        # Nothing changed, so escape leaves without asking.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert store.load_draft(WINERY) is None


async def test_editing_prefills_and_saves_only_what_changed(app: EvaluatorApp) -> None:
    original = winery_file()
    async with app.run_test(size=(100, 30)) as pilot:
        winery = next(o for o in app.opportunities if o.id == WINERY)
        screening = winery.interviews[0]
        screen = await open_capture(pilot, WINERY, 0)
        assert screen.query_one("#kind", Select).value is InterviewKind.SCREENING
        assert screen.query_one("#date", Input).value == screening.date.isoformat()
        assert screen.query_one(".person-name", Input).value == "Claire Dumont"
        assert screen.query_one("#value-role_origin", Select).value == "like-for-like replacement"
        assert screen.query_one("#value-growth_plans", Select).value is COULD_NOT_SAY
        assert screen.query_one("#value-pay", Input).value == "46000"
        assert screen.query_one("#text-commute", Input).value.startswith("At the estate in Beaujeu")
        assert not screen.unsaved
        await pilot.press("ctrl+s")  # nothing changed: nothing is written
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert winery_file() == original

        # Change one value: only that answer changes, the rest of the interview is kept as it was.
        screen = await open_capture(pilot, WINERY, 0)
        await type_into(pilot, "#value-commute", "30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    saved = on_disk()[WINERY]
    assert len(saved.interviews) == len(winery.interviews)
    expected = screening.model_dump()
    commute = next(a for a in expected["answers"] if a["criterion"] == "commute")
    commute["value"] = 30
    assert saved.interviews[0].model_dump() == expected


async def test_other_question_cycles_and_is_saved(app: EvaluatorApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_capture(pilot)
        await type_into(pilot, "#text-team_manager", "Weekly one-to-ones")
        await pilot.press("ctrl+o")
        await pilot.pause()
        row = screen.query_one("#row-team_manager", AnswerRow)
        assert row.question == row.criterion.questions[1]
        assert row.criterion.questions[1] in str(row.query_one(".answer-question", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
    answer = on_disk()[WINERY].interviews[-1].answers[0]
    assert (answer.criterion, answer.question) == ("team_manager", row.criterion.questions[1])


def test_snapshot(app: EvaluatorApp, snap_compare) -> None:
    async def run_before(pilot: Pilot) -> None:
        screen = await open_capture(pilot)
        await choose(pilot, "#kind", "hir")
        await type_into(pilot, ".person-name", "Julien Marchand")
        await type_into(pilot, ".person-role", "Marketing director")
        await type_into(pilot, "#text-growth_plans", "Export to Japan, and an online shop")
        await choose(pilot, "#value-growth_plans", "clear a")
        screen.query_one("#kind", Select).focus()
        await steady(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


async def test_renaming_the_person_keeps_answers_to_other_profiles_criteria(examples: None) -> None:
    """An answer this profile does not show (network, an early-career criterion) keeps its text,
    and no longer names a speaker who left the interview: it falls back to the first person."""
    winery = on_disk()[WINERY]
    claire = winery.interviews[0].people[0].name
    winery.interviews[0].answers.append(Answer(criterion="network", value=2, said_by=claire, text="Few events."))
    store.save_opportunity(winery)
    app = EvaluatorApp(today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_capture(pilot, WINERY, 0)
        await type_into(pilot, ".person-name", "Claire D.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    saved = on_disk()[WINERY].interviews[0]
    assert [p.name for p in saved.people] == ["Claire D."]
    network = next(a for a in saved.answers if a.criterion == "network")
    assert (network.value, network.text, network.said_by) == (2, "Few events.", "")
