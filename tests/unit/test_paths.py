"""Where evaluator keeps its files: --data-dir beats EVALUATOR_DATA_DIR beats the platform folder."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from evaluator import paths


def test_the_override_beats_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.ENV_VAR, str(tmp_path / "from-env"))
    paths.set_data_dir(tmp_path / "from-option")
    assert paths.data_dir() == (tmp_path / "from-option").resolve()


def test_the_environment_beats_the_platform_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths.set_data_dir(None)
    monkeypatch.setenv(paths.ENV_VAR, str(tmp_path / "from-env"))
    assert paths.data_dir() == (tmp_path / "from-env").resolve()


def test_without_either_the_platform_user_data_folder_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    paths.set_data_dir(None)
    monkeypatch.delenv(paths.ENV_VAR, raising=False)
    assert paths.data_dir() == platformdirs.user_data_path("evaluator", appauthor=False)
    if sys.platform.startswith("linux"):  # the autouse fixture moved XDG_DATA_HOME into tmp_path
        assert paths.data_dir().parent.name == "xdg"


def test_an_empty_environment_variable_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    paths.set_data_dir(None)
    monkeypatch.setenv(paths.ENV_VAR, "")
    assert paths.data_dir() == platformdirs.user_data_path("evaluator", appauthor=False)


def test_resetting_the_override_falls_back_to_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(paths.ENV_VAR, str(tmp_path / "from-env"))
    paths.set_data_dir(tmp_path / "x")
    paths.set_data_dir(None)
    assert paths.data_dir() == (tmp_path / "from-env").resolve()


def test_tests_use_a_temporary_data_folder(data_dir: Path, tmp_path: Path) -> None:
    assert paths.data_dir() == data_dir.resolve()
    assert paths.data_dir().is_relative_to(tmp_path.resolve())


def test_every_folder_lives_in_the_data_folder() -> None:
    root = paths.data_dir()
    assert paths.profiles_dir() == root / "profiles"
    assert paths.opportunities_dir() == root / "opportunities"
    assert paths.drafts_dir() == root / "drafts"
    assert paths.settings_file() == root / "settings.toml"


def test_folders_are_created_on_demand_only() -> None:
    assert not paths.profiles_dir().exists()
    assert paths.ensure(paths.profiles_dir()).is_dir()


def test_the_builtin_profiles_are_found() -> None:
    folder = paths.builtin_profiles_dir()
    names = {p.stem for p in folder.glob("*.toml")}
    assert "balanced" in names


def test_the_examples_folder_is_inside_the_package() -> None:
    assert paths.examples_dir().parent.name == "evaluator"
    assert any(paths.examples_dir().glob("*.toml"))
