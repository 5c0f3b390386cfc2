"""`make screenshots`: draw every screen from the example data into screenshots/*.svg.

Runs the real app headless with a fixed date on a throwaway data folder, the same way the
snapshot tests do, so the pictures in the README show exactly what a new user sees.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

from textual.pilot import Pilot

sys.path.insert(0, str(Path(__file__).parent))
from conftest import TODAY, steady

from evaluator import paths, store
from evaluator.app import EvaluatorApp
from evaluator.model import Settings, WeightSnapshot

Steps = Callable[[Pilot], Awaitable[None]]


async def settle(pilot: Pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await steady(pilot)


def keys(*pressed: str) -> Steps:
    async def run(pilot: Pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        for key in pressed:
            await pilot.press(key)
            await pilot.pause()
        await settle(pilot)

    return run


def my_profile() -> None:
    """A user copy of "balanced" with one earlier set of weights, for the profile screens."""
    (balanced,) = [p for p in store.load_profiles().items if p.name == "balanced"]
    mine = balanced.model_copy(deep=True)
    mine.name, mine.builtin = "my balanced", False
    earlier = {c.key: c.weight for c in mine.criteria} | {"pay": 30.0}
    total = sum(earlier.values())
    mine.history = [WeightSnapshot(date=date(2026, 10, 1), weights={k: v / total for k, v in earlier.items()})]
    store.save_profile(mine)


SHOTS: list[tuple[str, tuple[int, int], bool, Steps]] = [
    # name, terminal size, load the examples?, what to do before the picture
    ("welcome", (100, 30), False, settle),
    ("home", (100, 30), True, settle),
    ("home-80x24", (80, 24), True, settle),
    ("opportunity", (100, 30), True, keys("down", "down", "enter")),
    ("capture", (100, 30), True, keys("down", "down", "i")),
    ("compare", (100, 30), True, keys("c")),
    ("compare-two-profiles", (120, 40), True, keys("c", "v", "down", "down", "enter")),
    ("profiles", (100, 30), True, keys("w", "down", "down", "down", "down")),
    ("profile-editor", (100, 30), True, keys("w", "down", "down", "down", "down", "e", "down", "down", "down",
                                               "shift+right", "shift+right", "shift+right", "shift+right")),
    ("help", (100, 30), True, keys("f1")),
]


async def shoot(folder: Path, name: str, size: tuple[int, int], examples: bool, steps: Steps) -> Path:
    with tempfile.TemporaryDirectory(prefix="evaluator-shots-") as data:
        paths.set_data_dir(data)
        if examples:
            store.copy_examples(Path(data))
            store.save_settings(Settings(profile="balanced"))
            my_profile()
        app = EvaluatorApp(today=TODAY)
        async with app.run_test(size=size) as pilot:
            await steps(pilot)
            return Path(app.save_screenshot(f"{name}.svg", path=str(folder)))


def main(folder: str) -> None:
    out = Path(folder).resolve()
    out.mkdir(parents=True, exist_ok=True)
    for name, size, examples, steps in SHOTS:
        print(asyncio.run(shoot(out, name, size, examples, steps)))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
