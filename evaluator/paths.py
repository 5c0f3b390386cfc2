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


def backups_dir() -> Path:
    """Copies kept before a file is replaced: the original of a migrated file, or another
    program's version of a file the user chose to overwrite."""
    return data_dir() / "backups"


def trash_dir() -> Path:
    """Deleted opportunities and profiles, until restored (`evaluator trash`)."""
    return data_dir() / "trash"


def quarantine_dir() -> Path:
    """Files that could not be read, moved aside when the user asked (`evaluator repair`)."""
    return data_dir() / "quarantine"


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


PRIVATE_FOLDER = 0o700
"""The mode of every folder evaluator creates (POSIX): the data folder is the user's alone."""


def ensure(folder: Path) -> Path:
    """Create the folder (and any missing parents) if missing, private to the user, and return it.

    Only folders evaluator creates get mode 0o700; an existing folder is left as it is.
    """
    missing = []
    for parent in [folder, *folder.parents]:
        if parent.is_dir():
            break
        missing.append(parent)
    for created in reversed(missing):
        created.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)
        if os.name == "posix":
            os.chmod(created, PRIVATE_FOLDER)  # mkdir's mode is reduced by the umask
    return folder
