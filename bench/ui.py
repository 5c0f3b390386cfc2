"""Typing in the profile editor and opening Compare, measured in-process with Pilot.

Both run the real app (`EvaluatorApp`, `app.run_test()`, headless) on the data folder of
200 opportunities from `bench/data.py`, after home's win probabilities are done. Times are
wall-clock, from just before the key is sent:

- **typing**: in the profile editor, → 21 times then ← 21 times on the first criterion's
  weight (+1 each, then −1 each), each re-ranking the live preview of the 200 opportunities.
  The first press of each run is left out: it changes the subtitle ("• unsaved changes"),
  which costs Textual a layout of the whole screen (a person sees that once per edit). "applied" is when
  `RankingPreview.show` has the new ranking; "applied painted" is the first frame the
  compositor hands to `App._display` after that (turned into terminal escape codes, as a
  terminal would need them). The target is judged on "applied", as the issue states it.
- **compare**: on home, 10 opportunities marked, `c` opens Compare (10 × 15 criteria). The
  screen is complete at the first frame painted after the win probabilities (the thread
  worker's result) are shown ("complete painted"); the first frame of the table without
  them ("table painted") is reported too.

Between two measurements the app is left to go idle, as between a person's key presses.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from data import PROFILE_NAME
from textual.app import App
from textual.pilot import Pilot

from evaluator import paths
from evaluator.app import EvaluatorApp
from evaluator.screens.compare import CompareScreen
from evaluator.screens.home import HomeScreen
from evaluator.screens.profile_editor import ProfileEditor
from evaluator.widgets.ranking_preview import RankingPreview

SIZE = (120, 40)
PRESSES = 40
OPENS = 15
COMPARED = 10


@dataclass(frozen=True)
class Timing:
    """Milliseconds for each repeat, from the key to each stage."""

    stages: dict[str, list[float]]

    def median(self, stage: str) -> float:
        return statistics.median(self.stages[stage])

    def fastest(self, stage: str) -> float:
        return min(self.stages[stage])


class Clock:
    """Marks stages after a key is sent, and the first frame painted after each ("… painted")."""

    def __init__(self, app: App) -> None:
        self.start = 0.0
        self.marks: dict[str, float] = {}
        self._pending: list[str] = []
        self._frame = asyncio.Event()
        display = app._display

        def painted(screen, renderable) -> None:  # type: ignore[no-untyped-def]
            display(screen, renderable)
            if renderable is not None and self._pending:
                renderable.render_segments(app.console)
                for stage in self._pending:
                    self.marks[f"{stage} painted"] = time.perf_counter()
                self._pending = []
                self._frame.set()

        app._display = painted  # type: ignore[method-assign]

    def go(self) -> None:
        self.start = time.perf_counter()
        self.marks = {}
        self._pending = []

    def mark(self, stage: str) -> None:
        """This stage is done: the next frame painted shows it."""
        self.marks[stage] = time.perf_counter()
        self._pending.append(stage)

    async def painted(self, stage: str) -> None:
        """Wait for the first frame painted after `stage`."""
        async with asyncio.timeout(30):
            while f"{stage} painted" not in self.marks:
                self._frame.clear()
                await self._frame.wait()

    def elapsed(self) -> dict[str, float]:
        return {stage: (at - self.start) * 1000 for stage, at in self.marks.items()}


def _after(method: Callable, then: Callable[[], None]) -> Callable:
    def wrapped(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = method(*args, **kwargs)
        then()
        return result

    return wrapped


async def _settled(pilot: Pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _collect(runs: list[dict[str, float]]) -> Timing:
    return Timing({stage: [run[stage] for run in runs] for stage in runs[0]})


async def typing(folder: Path, presses: int = PRESSES) -> Timing:
    paths.set_data_dir(folder)
    app = EvaluatorApp()
    runs = []
    try:
        async with app.run_test(size=SIZE) as pilot:
            await _settled(pilot)
            await app.push_screen(ProfileEditor(PROFILE_NAME))
            await _settled(pilot)
            clock = Clock(app)
            preview = app.screen.query_one(RankingPreview)
            preview.show = _after(preview.show, lambda: clock.mark("applied"))  # type: ignore[method-assign]
            half = presses // 2
            for n in range(2 * half + 2):
                clock.go()
                cpu = time.process_time()
                await pilot.press("right" if n < half + 1 else "left")
                await clock.painted("applied")
                if n not in (0, half + 1):  # the first of each direction changes the subtitle: see below
                    runs.append(clock.elapsed() | {"cpu": (time.process_time() - cpu) * 1000})
                await pilot.pause(0.05)
    finally:
        paths.set_data_dir(None)
    return _collect(runs)


async def compare(folder: Path, opens: int = OPENS) -> Timing:
    paths.set_data_dir(folder)
    app = EvaluatorApp()
    runs = []
    ready = CompareScreen._probabilities_ready
    mounted = CompareScreen.on_mount
    try:
        async with app.run_test(size=SIZE) as pilot:
            await _settled(pilot)
            clock = Clock(app)

            def probabilities_ready(screen: CompareScreen, *args) -> None:  # type: ignore[no-untyped-def]
                ready(screen, *args)
                clock.mark("complete")

            async def on_mount(screen: CompareScreen) -> None:
                await mounted(screen)
                clock.mark("table")

            CompareScreen._probabilities_ready = probabilities_ready  # type: ignore[method-assign]
            CompareScreen.on_mount = on_mount  # type: ignore[method-assign]
            home = app.screen
            assert isinstance(home, HomeScreen)
            for n in range(opens + 1):
                home.marked = {s.opportunity.id for s in home.ranked[:COMPARED]}
                clock.go()
                await pilot.press("c")
                await clock.painted("complete")
                screen = app.screen
                assert isinstance(screen, CompareScreen) and screen.comparison is not None
                assert len(screen.comparison.scores) == COMPARED and screen.comparison.win is not None
                if n >= 1:  # the first warms up
                    runs.append(clock.elapsed())
                await pilot.press("escape")
                await _settled(pilot)
    finally:
        CompareScreen._probabilities_ready = ready  # type: ignore[method-assign]
        CompareScreen.on_mount = mounted  # type: ignore[method-assign]
        paths.set_data_dir(None)
    return _collect(runs)
