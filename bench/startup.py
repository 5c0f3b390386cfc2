"""Start-up to the first painted frame: evaluator against a bare Textual app, in fresh processes.

Each run spawns a new Python (the one running this file) and takes the time from just before
the spawn to the first frame painted in the child. The two apps alternate, after one warm-up
run each (which fills the bytecode caches and the disk cache).

- **ours**: `evaluator` exactly as the command line starts it (`evaluator.__main__.main([])`,
  with every import that implies), on a data folder of 200 opportunities × 3 interviews and
  4 profiles (see `bench/data.py`), headless;
- **bare**: a Textual app with a Header, a DataTable of 200 rows × 7 columns and a Footer.

"First painted frame" is the first time the compositor hands a frame to `App._display`: for
ours, the home screen (which `evaluator` paints before it reads the opportunities, saying
"Reading your opportunities…"); for the bare app, its table with the rows. "Listed" is the
first frame in which ours shows the ranked list too. Headless, `_display` writes nothing to a
terminal, so the hook also turns each of those frames into its terminal escape codes, as a real
terminal would have to: both apps pay it.

Memory is the child's peak resident set (`ru_maxrss`), read at the first frame and again once
the app has settled (every worker done: for ours, the win probabilities are computed and
shown). The budget is judged on the settled figure.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

SIZE = (120, 40)
"""The terminal size of every run (columns, rows)."""
ROWS = 200
RUNS = 15
"""Runs of each app, alternating; the issue asks for at least 10."""


@dataclass(frozen=True)
class Run:
    seconds: float
    """From just before the spawn to the first painted frame."""
    listed: float
    """From just before the spawn to the first frame with the list (the bare app: the same)."""
    rss_first_mib: float
    """Peak resident memory at the first painted frame."""
    rss_settled_mib: float
    """Peak resident memory once every worker is done."""


@dataclass(frozen=True)
class Startup:
    ours: list[Run]
    bare: list[Run]

    @staticmethod
    def _median(runs: list[Run], field: str) -> float:
        return statistics.median(getattr(r, field) for r in runs)

    @property
    def ours_s(self) -> float:
        return self._median(self.ours, "seconds")

    @property
    def bare_s(self) -> float:
        return self._median(self.bare, "seconds")

    @property
    def ours_listed_s(self) -> float:
        return self._median(self.ours, "listed")

    @property
    def ratio(self) -> float:
        return self.ours_s / self.bare_s

    @property
    def extra_mib(self) -> float:
        """Settled peak memory above the bare app's (medians)."""
        return self._median(self.ours, "rss_settled_mib") - self._median(self.bare, "rss_settled_mib")

    @property
    def extra_first_mib(self) -> float:
        return self._median(self.ours, "rss_first_mib") - self._median(self.bare, "rss_first_mib")


def _spawn(kind: str, folder: Path) -> Run:
    env = {**os.environ, "EVALUATOR_DATA_DIR": str(folder)}
    start = time.time()
    done = subprocess.run(
        [sys.executable, __file__, kind], env=env, capture_output=True, text=True, check=False, timeout=120
    )
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"the {kind} child failed ({done.returncode}):\n{done.stderr[-3000:]}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return Run(
        figures["painted"] - start,
        figures["listed"] - start,
        figures["rss_first"] / 1024,
        figures["rss_settled"] / 1024,
    )


def measure(folder: Path, runs: int = RUNS) -> Startup:
    """Alternate the two apps `runs` times each (after a warm-up of each)."""
    _spawn("ours", folder)
    _spawn("bare", folder)
    ours, bare = [], []
    for _ in range(runs):
        ours.append(_spawn("ours", folder))
        bare.append(_spawn("bare", folder))
    return Startup(ours, bare)


# --- In the child ---------------------------------------------------------------------------


def _child(kind: str) -> None:
    import resource

    from textual.app import App
    from textual.widgets import DataTable

    figures: dict[str, float] = {}

    def peak_kib() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux

    display = App._display

    def first_frame(app: App, screen, renderable) -> None:  # type: ignore[no-untyped-def]
        display(app, screen, renderable)
        if renderable is None or "listed" in figures:
            return
        listed = any(table.row_count for table in screen.query(DataTable))
        first = "painted" not in figures and (listed or type(screen).__name__ == "HomeScreen")
        if not (first or listed):
            return
        renderable.render_segments(app.console)
        now = time.time()
        if first:
            figures["painted"] = now
            figures["rss_first"] = peak_kib()
        if listed:
            figures["listed"] = now
            app.set_interval(0.02, lambda: settle(app))

    def settle(app: App) -> None:
        if not any(worker.is_running for worker in app.workers):
            figures["rss_settled"] = peak_kib()
            app.exit()

    App._display = first_frame  # type: ignore[method-assign]
    if kind == "ours":
        run = App.run
        App.run = lambda self, **_: run(self, headless=True, size=SIZE)  # type: ignore[method-assign]
        from evaluator.__main__ import main

        main([])
    else:
        _bare_app()().run(headless=True, size=SIZE)
    print(json.dumps(figures))


def _bare_app() -> type:
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable, Footer, Header

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield DataTable(cursor_type="row", zebra_stripes=True)
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("#", "Opportunity", "Stage", "Score", "Win", "?", "Due")
            table.add_rows(
                (str(n), f"Company {n}  Role", "interviewing", f"{n % 100:3d}", "12%", "2", "")
                for n in range(1, ROWS + 1)
            )
            table.focus()

    return Bare


if __name__ == "__main__":
    _child(sys.argv[1])
