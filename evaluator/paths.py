"""Every location evaluator reads or writes comes from here.

The data folder is, in order: `--data-dir DIR`, `$EVALUATOR_DATA_DIR`, or the platform's
user data folder (platformdirs). Folders are created on demand.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "evaluator"
ENV_VAR = "EVALUATOR_DATA_DIR"

_override: Path | None = None


def set_data_dir(path: str | Path | None) -> None:
    """Use this folder for the rest of the process (the --data-dir option); None resets."""
    global _override
    _override = Path(path).expanduser().resolve() if path is not None else None


def data_dir() -> Path:
    """The folder that holds the user's profiles, opportunities and settings."""
    if _override is not None:
        return _override
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env).expanduser().resolve()
    return user_data_path(APP_NAME, appauthor=False)


def profiles_dir() -> Path:
    """The user's own profiles (one TOML file each)."""
    return data_dir() / "profiles"


def opportunities_dir() -> Path:
    """The user's opportunities (one TOML file each, interviews inside)."""
    return data_dir() / "opportunities"


def drafts_dir() -> Path:
    """Unsaved interview drafts, kept so a crash or Ctrl+C loses nothing."""
    return data_dir() / "drafts"


def settings_file() -> Path:
    """Theme and last active profile."""
    return data_dir() / "settings.toml"


def builtin_profiles_dir() -> Path:
    """The read-only profiles shipped with evaluator.

    Inside an installed wheel they sit in the package (`evaluator/builtin_profiles`);
    in a source checkout or editable install they are the top-level `profiles/` folder.
    """
    package = Path(__file__).resolve().parent
    installed = package / "builtin_profiles"
    if installed.is_dir():
        return installed
    return package.parent / "profiles"


def examples_dir() -> Path:
    """The example opportunities used by `evaluator demo` and the tests."""
    return Path(__file__).resolve().parent / "examples"


def ensure(folder: Path) -> Path:
    """Create the folder (and parents) if missing, and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    return folder
