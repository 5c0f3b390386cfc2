"""Fixtures shared by every test: a private data folder, and small valid models to start from."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from evaluator import paths, store
from evaluator.__main__ import main
from evaluator.model import Answer, Criterion, Interview, Opportunity, Profile, Settings


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point every location at `tmp_path/data`, so no test touches the real user folders.

    The environment variable is cleared and XDG_DATA_HOME moved into tmp_path too, so even a
    test that resets the override cannot reach the real folder on Linux.
    """
    monkeypatch.delenv(paths.ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    folder = tmp_path / "data"
    paths.set_data_dir(folder)
    yield folder
    paths.set_data_dir(None)


Cli = Callable[..., tuple[int, str, str]]
"""The `cli` fixture: run the command line in-process, get (exit code, stdout, stderr)."""


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def examples() -> Path:
    """The example opportunities in the test's data folder, scored with the balanced profile."""
    store.copy_examples(paths.data_dir())
    store.save_settings(Settings(profile="balanced"))
    return paths.data_dir()


@pytest.fixture
def make_profile() -> Callable[..., Profile]:
    """Build a small valid profile; keyword arguments override its fields."""

    def make(**fields: Any) -> Profile:
        values: dict[str, Any] = {
            "name": "test profile",
            "criteria": [
                Criterion(key="growth", label="Growth", weight=10),
                Criterion(
                    key="office",
                    label="Office",
                    weight=5,
                    scale={
                        "kind": "choice",
                        "options": [
                            {"label": "remote", "value": 1},
                            {"label": "on-site", "value": 0},
                        ],
                    },
                ),
                Criterion(
                    key="commute",
                    label="Commute",
                    weight=5,
                    scale={"kind": "number", "worst": 90, "best": 0, "unit": "min"},
                ),
            ],
        }
        values.update(fields)
        return Profile(**values)

    return make


@pytest.fixture
def make_opportunity() -> Callable[..., Opportunity]:
    """Build a valid opportunity with one interview answering the `make_profile` criteria."""

    def make(**fields: Any) -> Opportunity:
        values: dict[str, Any] = {
            "company": "Acme",
            "role": "Marketing lead",
            "created": date(2024, 5, 1),
            "updated": date(2024, 5, 2),
            "interviews": [
                Interview(
                    date=date(2024, 5, 2),
                    answers=[
                        Answer(criterion="growth", value=4),
                        Answer(criterion="office", value="remote"),
                        Answer(criterion="commute", value=35.5),
                    ],
                )
            ],
        }
        values.update(fields)
        return Opportunity(**values)

    return make
