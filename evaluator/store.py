"""Reading and writing evaluator's TOML files under the data folder.

One file per profile and per opportunity (its interviews live inside it), plus
`settings.toml` and drafts of unsaved interviews. Reading is forgiving: each bad file
becomes a `Problem` and every other file still loads. Writing is atomic, and a file that
could not be read is never overwritten or deleted. `write_file` and `check_target` are the one
way evaluator writes any file, exports and calendars included. This module never imports Textual.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import re
import secrets
import time
import tomllib
import unicodedata
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

import rtoml
import tomli_w
from pydantic import BaseModel, ValidationError

from evaluator import paths
from evaluator.migrations import migrate
from evaluator.model import (
    PROFILE_NAME_MAX,
    RATING_MAX,
    RATING_MIN,
    SCHEMA_VERSION,
    AnswerValue,
    ChoiceScale,
    Criterion,
    Document,
    Interview,
    NumberScale,
    Opportunity,
    Profile,
    RatingScale,
    Scale,
    Settings,
)

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)
Loc = tuple[str | int, ...]
"""A place in a file as keys and indexes, e.g. ("interviews", 0, "answers", 1, "value")."""

SLUG_LENGTH = 60
SUFFIX = ".toml"
NEW_DRAFT = "_new"
"""The draft name for an interview of an opportunity that has no file yet (slugs never hold `_`)."""

_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{port}{n}" for port in ("com", "lpt") for n in range(10)}
)
_FOLD = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "đ": "d", "ł": "l", "þ": "th", "ð": "d"})
"""Lower-case letters that Unicode does not decompose into ASCII, folded by hand."""


# --- Results and errors -----------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """Something wrong with one file, said so that the user can find and fix it."""

    path: Path
    """The file."""
    message: str
    """What is wrong, in plain words."""
    line: int | None = None
    """The line, when it can be told."""
    field: str = ""
    """Where in the file, e.g. "interviews[0].answers[1].value"; empty for the whole file."""

    def __str__(self) -> str:
        where = _display(self.path) + (f", line {self.line}" if self.line else "")
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


@dataclass
class Loaded(Generic[T]):
    """What loaded, and what did not (so one bad file never hides the others)."""

    items: list[T] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class NotFound(LookupError):
    """No profile or opportunity matches; the message says what does exist."""


class BadFile(ValueError):
    """The file on disk could not be read, so it is left alone rather than overwritten."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class CannotWrite(OSError):
    """A file that cannot be written where asked; the message says why in words. Nothing was written.

    An OSError, like the failures it reports, so callers that already catch OSError keep working.
    """

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        """The file that was to be written."""
        self.reason = reason


class TargetExists(CannotWrite):
    """The file is already there and replacing it was not asked for; it was left as it is."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, f"{path} already exists and was left as it is")


class ChangedOnDisk(Exception):
    """The file changed on disk since evaluator read it (another window, an editor, a sync tool).

    Nothing was written. Save again with `if_changed="replace"` (the other version is kept in
    the backups folder) or `if_changed="new"` (written to a new file), or read the file again.
    """

    def __init__(self, path: Path, gone: bool) -> None:
        self.path = path
        """The file that changed."""
        self.gone = gone
        """True when the file was deleted or moved away rather than edited."""
        what = "was deleted or moved" if gone else "changed on disk"
        super().__init__(
            f"{_display(path)} {what} since evaluator read it (another window, a text editor or a sync tool?)"
        )


def _display(path: Path) -> str:
    """The path relative to the data folder when it is inside, e.g. "opportunities/winery.toml"."""
    try:
        return path.relative_to(paths.data_dir()).as_posix()
    except ValueError:
        return str(path)


# --- File names -------------------------------------------------------------------------


def slugify(name: str, fallback: str = "untitled") -> str:
    """A safe file stem for a name: lower-case ASCII letters, digits and single dashes.

    Accents are folded ("Café" -> "cafe"); a name with nothing left (empty, emoji, CJK)
    becomes `fallback`, and Windows' reserved device names ("con", "nul", "com1"...) get
    `-fallback` appended, so the stem is always a plain file inside its folder.
    """
    folded = unicodedata.normalize("NFKD", name.lower().translate(_FOLD)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:SLUG_LENGTH].rstrip("-")
    if not slug:
        return fallback
    if slug in _WINDOWS_RESERVED:
        return f"{slug}-{fallback}"
    return slug


def unique_slug(name: str, taken: Iterable[str], fallback: str = "untitled") -> str:
    """`slugify(name)`, with -2, -3... appended while the stem is already taken (case-insensitive)."""
    used = {stem.casefold() for stem in taken}
    base = slugify(name, fallback)
    slug, n = base, 1
    while slug.casefold() in used:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _stems(folder: Path) -> set[str]:
    """Every stem used by a .toml entry in the folder, readable or not."""
    if not folder.is_dir():
        return set()
    return {entry.name[: -len(SUFFIX)] for entry in folder.iterdir() if entry.name.endswith(SUFFIX)}


def _file_in(folder: Path, stem: str) -> Path:
    """`folder/stem.toml`, refusing any stem that would lead elsewhere."""
    if not stem or stem != stem.strip() or stem in {".", ".."} or any(c in stem for c in "/\\\0:"):
        raise ValueError(f"{stem!r} cannot be used as a file name")
    path = folder / f"{stem}{SUFFIX}"
    if Path(os.path.abspath(path)).parent != Path(os.path.abspath(folder)):
        raise ValueError(f"{stem!r} would lead outside {folder}")
    return path


def _entries(folder: Path) -> list[Path]:
    """The folder's .toml entries in name order (none if the folder is missing)."""
    if not folder.is_dir():
        return []
    entries = [e for e in folder.iterdir() if e.name.endswith(SUFFIX)]
    return sorted(entries, key=lambda e: e.name[: -len(SUFFIX)])  # "a" before "a-2"


# --- Reading ----------------------------------------------------------------------------


def _fingerprint(content: bytes) -> str:
    """A digest of a file's bytes, to tell whether it changed since it was read."""
    return hashlib.blake2b(content, digest_size=16).hexdigest()


def _read(path: Path) -> bytes | None:
    """The file's bytes, or None if there is no readable file there now."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def _parse(path: Path) -> tuple[dict[str, Any] | None, str, list[Problem], bytes]:
    """The file's TOML table, text and bytes, or None and the reason it cannot be read."""
    if path.is_dir():
        return None, "", [Problem(path, "is a folder, not a file")], b""
    if not path.is_file():
        return None, "", [Problem(path, "is not a regular file (a broken link or a device?)")], b""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, "", [Problem(path, f"cannot be read: {error.strerror or error}")], b""
    if not raw.strip():
        empty = "is empty (cut short by a crash or a sync?): restore it from a backup, or move it aside"
        return None, "", [Problem(path, empty, 1)], raw
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        bad = raw[error.start]
        return None, "", [Problem(path, f"is not UTF-8 text (byte 0x{bad:02x}); save it as UTF-8", line)], raw
    try:
        return _toml(text), text, [], raw
    except tomllib.TOMLDecodeError as error:
        line, message = _toml_error(error, text)
        return None, text, [Problem(path, f"is not valid TOML: {message}", line)], raw
    except ValueError:  # tomllib refuses a whole number of over 4,300 digits (sys.get_int_max_str_digits)
        long = re.search(r"\d[\d_]{4299,}", text)
        line = text.count("\n", 0, long.start()) + 1 if long else None
        message = "holds a number too long to read (over 4,300 digits); shorten it or write it like 1e400"
        return None, text, [Problem(path, message, line)], raw


def _toml(text: str) -> dict[str, Any]:
    """The TOML table of `text`.

    rtoml (Rust) reads a file about ten times faster than tomllib, which is what makes thousands
    of opportunities load in a moment. tomllib stays the reference: whatever rtoml refuses is read
    again by tomllib, which either accepts it (e.g. a whole number beyond 64 bits, for the model to
    judge) or raises the error that names the line.
    """
    try:
        return rtoml.loads(text)
    except Exception:  # rtoml's errors carry no line we can use; tomllib's do
        return tomllib.loads(text)


def _toml_error(error: tomllib.TOMLDecodeError, text: str) -> tuple[int | None, str]:
    """The line and the message of a TOML error (tomllib only puts the line in its message)."""
    message = str(error)
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if found:
        return int(found[1]), f"{message[: found.start()]} (column {found[2]})"
    if message.endswith("(at end of document)"):
        return text.count("\n") + 1, message.removesuffix(" (at end of document)") + " at the end of the file"
    return None, message


def _check_schema(path: Path, data: dict[str, Any], text: str) -> list[Problem]:
    """Problems with the file's `schema` version (files of another version are never read)."""
    if "schema" not in data:
        return [Problem(path, f"has no `schema` version; add `schema = {SCHEMA_VERSION}` at the top", 1)]
    version = data["schema"]
    if type(version) is not int or version < 1:
        message = f"should be a whole number like {SCHEMA_VERSION}, not {_show(version)}"
    elif version > SCHEMA_VERSION:
        message = (
            f"written by a newer evaluator (schema {_show(version)}; this one reads up to {SCHEMA_VERSION}): "
            "upgrade evaluator to open it; the file is left as it is"
        )
    else:
        return []
    return [Problem(path, message, _line_of(text, ("schema",)), "schema")]


def _load(path: Path, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Read one file into a model (migrating an older schema in memory), or say why not."""
    data, text, problems, raw = _parse(path)
    if data is None:
        return None, problems
    problems = _check_schema(path, data, text)
    if problems:
        return None, problems
    try:
        item = model.model_validate(migrate(data))
    except ValidationError as error:
        return None, _explain(error, data, path, text)
    if isinstance(item, Document):
        item._read_as = (str(path), _fingerprint(raw))
    return item, []


def _explain(error: ValidationError, data: Any, path: Path, text: str) -> list[Problem]:
    """One problem per place in the file, with pydantic's union noise condensed."""
    places: dict[Loc, list[Any]] = {}
    for detail in error.errors():
        places.setdefault(_data_loc(detail["loc"], data), []).append(detail)
    return [
        Problem(path, _plain(details), _line_of(text, loc), _loc_text(loc)) for loc, details in places.items()
    ]


_UNION_TAG = re.compile(r"^(int|float|str|bool|constrained-str|rating|choice|number|[a-z-]+\[.*\])$")


def _data_loc(loc: Loc, data: Any) -> Loc:
    """The error location as keys and indexes of the file, without pydantic's union member tags."""
    kept: list[str | int] = []
    node = data
    for part in loc:
        in_table = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_table or in_list:
            node = node[part]
        elif isinstance(part, str) and _UNION_TAG.match(part):
            continue
        else:
            node = None
        kept.append(part)
    return tuple(kept)


def _loc_text(loc: Sequence[str | int]) -> str:
    """("interviews", 0, "answers", 1, "value") -> "interviews[0].answers[1].value"."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


_EXPECTED = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "finite_number": "a finite number",
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "date_type": "a date like 2024-05-31",
    "date_parsing": "a date like 2024-05-31",
    "date_from_datetime_parsing": "a date like 2024-05-31",
    "list_type": "a list",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
}


def _plain(details: list[Any]) -> str:
    """Pydantic's messages for one place, as one plain sentence."""
    first = details[0]
    shown = _show(first.get("input"))
    if len(details) > 1 and all(d["type"] in _EXPECTED for d in details):
        wanted = list(dict.fromkeys(_EXPECTED[d["type"]] for d in details))
        if "a number" in wanted or "a finite number" in wanted:
            wanted = [w for w in wanted if w != "a whole number"]
        return f"should be {' or '.join(wanted)}, not {shown}"
    kind = first["type"]
    if kind == "missing":
        return "is missing"
    if kind == "extra_forbidden":
        return "is not a key evaluator knows here (check the spelling)"
    if kind == "union_tag_invalid":
        ctx = first.get("ctx", {})
        return f"`kind` should be {ctx.get('expected_tags', 'a known kind')}, not {ctx.get('tag')!r}"
    if kind in _EXPECTED:
        return f"should be {_EXPECTED[kind]}, not {shown}"
    message = "; ".join(dict.fromkeys(str(d["msg"]) for d in details))
    message = message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if kind == "string_pattern_mismatch" and first.get("ctx", {}).get("pattern") == _KEY_PATTERN:
        return f"should be lower-case letters, digits and _, starting with a letter, not {shown}"
    for noun in ("Input ", "String "):
        if message.startswith(noun + "should "):
            message = message.removeprefix(noun)
            if not isinstance(first.get("input"), dict | list):
                message += f", not {shown}"
    return message.removeprefix("List ").replace(" after validation", "")


_KEY_PATTERN = next(m.pattern for m in Criterion.model_fields["key"].metadata if getattr(m, "pattern", None))


def _show(value: Any) -> str:
    """A short rendering of a wrong value for a message."""
    try:
        text = repr(value)
    except ValueError:  # an int of over 4,300 digits (sys.get_int_max_str_digits), alone or in a table
        return "a whole number of over 4,300 digits"
    return text if len(text) <= 60 else text[:57] + "..."


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r'^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|\'[^\']*\')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"))*)\s*=')


def _key_lines(text: str) -> dict[Loc, int]:
    """Where each table and key starts, as data locations -> line numbers (a best effort)."""
    lines: dict[Loc, int] = {}
    counts: dict[Loc, int] = {}
    table: Loc = ()
    open_quote = ""
    for number, line in enumerate(text.splitlines(), 1):
        if open_quote:
            if line.count(open_quote) % 2:
                open_quote = ""
            continue
        header = _HEADER.match(line)
        if header:
            names = [n.strip().strip("\"'") for n in header[2].split(".")]
            resolved: list[str | int] = []
            for i, name in enumerate(names):
                resolved.append(name)
                key = tuple(resolved)
                if i == len(names) - 1 and header[1] == "[[":
                    lines.setdefault(key, number)
                    counts[key] = counts.get(key, -1) + 1
                    resolved.append(counts[key])
                elif key in counts:
                    resolved.append(counts[key])
            table = tuple(resolved)
            lines.setdefault(table, number)
            continue
        found = _KEY.match(line)
        if found:
            names = [n.strip().strip("\"'") for n in found[1].split(".")]
            lines.setdefault((*table, *names), number)
            rest = line[found.end() :]
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2:
                    open_quote = quote
    return lines


def _line_of(text: str, loc: Sequence[str | int]) -> int | None:
    """The line of the deepest table or key of `loc` found in the text."""
    if not text:
        return None
    lines = _key_lines(text)
    for end in range(len(loc), 0, -1):
        if tuple(loc[:end]) in lines:
            return lines[tuple(loc[:end])]
    return None


def _load_folder(folder: Path, model: type[M]) -> Loaded[tuple[Path, M]]:
    """Every .toml file of a folder, each as (path, model) or as problems."""
    loaded: Loaded[tuple[Path, M]] = Loaded()
    with _collector_paused():
        for path in _entries(folder):
            item, problems = _load(path, model)
            loaded.problems += problems
            if item is not None:
                loaded.items.append((path, item))
    return loaded


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while files load: thousands of new models are no
    garbage, and the collections they trigger scan the whole growing heap again and again (loading
    5,000 opportunities took twice as long, see docs/performance.md)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# --- Writing ----------------------------------------------------------------------------


def _dump(model: BaseModel) -> bytes:
    """The model as TOML: native dates, `schema` first, absent values left out."""
    return tomli_w.dumps(model.model_dump(mode="python", by_alias=True, exclude_none=True)).encode("utf-8")


def check_target(path: str | os.PathLike[str], *, replace: bool) -> Path:
    """The absolute file that `path` names, once it is clear that `write_file` may write it.

    `~` is expanded. Raises CannotWrite for an empty name, a folder given as the file, or a
    folder that is missing or is not a folder; TargetExists when the file (or a link by that
    name) is already there and `replace` is false.
    """
    if not os.fspath(path).strip():
        raise CannotWrite(Path(), "give a file name to write to")
    target = Path(path).expanduser().absolute()
    if target.is_dir():
        raise CannotWrite(target, f"{target} is a folder: give a file name inside it")
    folder = target.parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise CannotWrite(target, f"cannot write {target.name}: the folder {folder} {what}")
    if not replace and (target.exists() or target.is_symlink()):
        raise TargetExists(target)
    return target


def write_file(path: str | os.PathLike[str], content: bytes, *, replace: bool) -> Path:
    """Write `content` to `path` whole or not at all, and return the absolute file written.

    The bytes go to a temporary file in the same folder and are flushed to disk (fsync); then
    the file moves into place in one step. With `replace` that is `os.replace`, over any file
    there. Without it, a hard link, which fails rather than replace a file that appeared since
    the check; on a file system without hard links, a second check and a rename (which Windows
    refuses over an existing file; elsewhere a tiny window remains). Last, the folder is synced
    so that the rename itself survives a crash (POSIX).

    Every file evaluator writes is private to the user (mode 0o600 on POSIX): interview notes,
    and the memos and calendars made from them, are nobody else's business.

    Raises CannotWrite (TargetExists when the file is there and `replace` is false): the target
    is then as it was, and no temporary file is left behind.
    """
    target = check_target(path, replace=replace)
    temporary, descriptor = _new_temporary(target)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        if replace:
            os.replace(temporary, target)
        else:
            _place_new(temporary, target)
    except CannotWrite:
        raise
    except OSError as error:
        raise CannotWrite(target, f"cannot write {target}: {error.strerror or error}") from error
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)  # after a link, the temporary name; after a failure, the whole file
    _sync_folder(target.parent)
    return target


_TEMPORARY = re.compile(r"^\..+\.(\d+)-[0-9a-f]{8}\.tmp$")
"""A temporary file of `write_file`: `.<name>.<pid>-<random>.tmp`, hidden and never read as data."""
STALE_TEMPORARY_SECONDS = 3600
"""A temporary file older than this is left over, even if a process with its pid is running."""


def _new_temporary(target: Path) -> tuple[Path, int]:
    """A new empty file beside `target`, hidden, opened for writing with mode 0o600."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    name = target.name[:80]
    while len(os.fsencode(name)) > 80:  # a name of 80 CJK characters is 240 bytes: too long with the suffix
        name = name[:-1]
    for _ in range(100):
        temporary = target.with_name(f".{name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
        try:
            return temporary, os.open(temporary, flags, 0o600)
        except FileExistsError:
            continue
        except OSError as error:
            raise CannotWrite(target, f"cannot write {target}: {error.strerror or error}") from error
    raise CannotWrite(target, f"cannot write {target}: no free name for a temporary file in {target.parent}")


def _place_new(temporary: Path, target: Path) -> None:
    """Move a finished file into place, never over a file that appeared meanwhile."""
    try:
        os.link(temporary, target)  # fails with FileExistsError rather than replacing
    except FileExistsError:
        raise TargetExists(target) from None
    except OSError:  # a file system without hard links: check, then rename
        if target.exists() or target.is_symlink():
            raise TargetExists(target) from None
        try:
            os.rename(temporary, target)
        except FileExistsError:
            raise TargetExists(target) from None


def clean_temporaries() -> list[Path]:
    """Remove the temporary files that a crash or a kill left in the data folders; return them.

    A save in progress is never disturbed: only files whose process is gone (or that are
    older than an hour, for a pid reused or a file synced from another machine) are removed.
    They are never read as data in any case (their names do not end in .toml).
    """
    removed = []
    backups = paths.backups_dir()
    folders = [paths.data_dir(), paths.profiles_dir(), paths.opportunities_dir(), paths.drafts_dir(), backups]
    folders += [backups / name for name in ("profiles", "opportunities", "drafts")]
    for folder in folders:
        try:
            entries = list(folder.iterdir()) if folder.is_dir() else []
        except OSError:  # unreadable: nothing evaluator could have left there either
            continue
        for entry in entries:
            found = _TEMPORARY.match(entry.name)
            if found and _left_over(entry, int(found[1])):
                with contextlib.suppress(OSError):
                    entry.unlink()
                    removed.append(entry)
    return removed


def _left_over(temporary: Path, pid: int) -> bool:
    try:
        if time.time() - temporary.lstat().st_mtime > STALE_TEMPORARY_SECONDS:
            return True
    except OSError:
        return False
    if pid == os.getpid() or os.name != "posix":  # Windows has no way to ask: the age decides
        return False
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return True
    except OSError:  # alive, under another user
        return False
    return False


def _sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; elsewhere there is nothing to do)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _save(path: Path, content: bytes, document: Document | None = None) -> None:
    """Write one of the store's own files, creating its folder first; any file there is replaced.

    A file of an older schema is first copied to the backups folder, so the original survives
    the migration. `document` (when given) then remembers what it was written as.
    """
    paths.ensure(path.parent)
    data = _parse(path)[0] if path.is_file() else None
    if data is not None and type(data.get("schema")) is int and data["schema"] < SCHEMA_VERSION:
        backup(path, f"schema{data['schema']}")
    write_file(path, content, replace=True)
    if document is not None:
        document._read_as = (str(path), _fingerprint(content))


_STAMP = "%Y%m%d-%H%M%S"
"""The date and time in the names of backups and trashed files."""

IfChanged = Literal["refuse", "replace", "new"]
"""What a save does when the file changed on disk since it was read: raise ChangedOnDisk,
replace it (keeping the other version in the backups folder), or write to a new file."""


def _changed_on_disk(path: Path, document: Document) -> ChangedOnDisk | None:
    """Whether the file at `path` is no longer what `document` was read from (or last saved as)."""
    if document._read_as is None or document._read_as[0] != str(path):
        return None  # a new record, or one that was not read from this file
    current = _read(path)
    if current is not None and _fingerprint(current) == document._read_as[1]:
        return None
    return ChangedOnDisk(path, gone=current is None)


def _as_new(path: Path, document: Document, if_changed: IfChanged) -> bool:
    """Deal with a change on disk since `document` was read from `path`, as `if_changed` says:
    raise ChangedOnDisk, keep the other version in the backups folder (then write over it), or
    answer True: write the document to a new file."""
    changed = _changed_on_disk(path, document)
    if changed is None:
        return False
    if if_changed == "refuse":
        raise changed
    if if_changed == "new":
        return True
    if not changed.gone:
        backup(path, "other")
    return False


def backup(path: Path, why: str) -> Path:
    """Copy a data file into the backups folder before it is replaced, and return the copy.

    The copy is `backups/<folder>/<stem>.<why>.<date-time>.toml`; nothing is ever overwritten.
    """
    stamp = datetime.now().strftime(_STAMP)
    folder = paths.ensure(paths.backups_dir() / path.parent.relative_to(paths.data_dir()))
    content = path.read_bytes()
    for n in range(1, 1000):
        name = f"{path.stem}.{why}.{stamp}" + (f"-{n}" if n > 1 else "")
        try:
            return write_file(_file_in(folder, name), content, replace=False)
        except TargetExists:
            continue
    raise CannotWrite(path, f"cannot back up {path}: too many backups named {path.stem}.{why}.{stamp}")


def _move(source: Path, target: Path) -> Path:
    """Move a file to `target`, which must not exist (it is never replaced); return `target`."""
    paths.ensure(target.parent)
    try:
        _place_new(source, target)
    except TargetExists:
        raise
    except OSError as error:
        raise CannotWrite(target, f"cannot move {source} to {target}: {error.strerror or error}") from error
    with contextlib.suppress(FileNotFoundError):  # after a rename it is gone already
        os.unlink(source)
    _sync_folder(source.parent)
    _sync_folder(target.parent)
    return target


def _move_to_free_name(source: Path, folder: Path, stem: str) -> Path:
    """Move `source` into `folder` as `stem.toml`, or `stem-2.toml`... if that is taken."""
    for n in range(1, 1000):
        try:
            return _move(source, _file_in(folder, stem if n == 1 else f"{stem}-{n}"))
        except TargetExists:
            continue
    raise CannotWrite(source, f"cannot move {source}: no free name in {folder}")


def _refuse_if_bad(path: Path, model: type[BaseModel]) -> None:
    """Raise BadFile if a file exists at `path` and does not read cleanly as `model`."""
    if path.exists() or path.is_symlink():
        _, problems = _load(path, model)
        if problems:
            raise BadFile(problems)


# --- Profiles ---------------------------------------------------------------------------


def _builtin_profiles() -> Loaded[Profile]:
    """The read-only profiles shipped with evaluator, marked builtin=True."""
    found = _load_folder(paths.builtin_profiles_dir(), Profile)
    for _, profile in found.items:
        profile.builtin = True
    return Loaded(_unique_names(found.items, found.problems), found.problems)


def _unique_names(found: list[tuple[Path, Profile]], problems: list[Problem]) -> list[Profile]:
    """The profiles, reporting (and dropping) any whose name an earlier file already uses."""
    seen: dict[str, Path] = {}
    kept = []
    for path, profile in found:
        folded = profile.name.casefold()
        if folded in seen:
            problems.append(
                Problem(
                    path, f"uses the same name as {_display(seen[folded])}; rename one of them", None, "name"
                )
            )
            continue
        seen[folded] = path
        kept.append(profile)
    return kept


def _same_answers(a: Scale, b: Scale) -> bool:
    """Whether an answer recorded on one scale reads the same on the other.

    Weights, option values and anchors may differ between profiles (they are priorities);
    the kind of answer may not: ratings, the same choice labels, numbers in the same unit.
    """
    if isinstance(a, ChoiceScale) and isinstance(b, ChoiceScale):
        return {o.label.casefold() for o in a.options} == {o.label.casefold() for o in b.options}
    if isinstance(a, NumberScale) and isinstance(b, NumberScale):
        return a.unit.casefold() == b.unit.casefold()
    return a.kind == b.kind


def key_conflicts(profile: Profile, others: Sequence[Profile]) -> list[str]:
    """Criteria of `profile` whose key another profile uses for a different kind of answer.

    Answers are stored by criterion key and read by every profile, so a key must take the
    same kind of answer everywhere; otherwise an answer that fits one profile breaks another.
    """
    first: dict[str, tuple[Scale, str]] = {}
    for other in others:
        if other.name.casefold() != profile.name.casefold():
            for criterion in other.criteria:
                first.setdefault(criterion.key, (criterion.scale, other.name))
    conflicts = []
    for criterion in profile.criteria:
        if criterion.key in first and not _same_answers(criterion.scale, first[criterion.key][0]):
            scale, name = first[criterion.key]
            conflicts.append(
                f"criterion {criterion.key!r} takes {_expects(criterion.scale)} here but {_expects(scale)} in "
                f"profile {name!r}; answers are shared by key, so give this criterion a key of its own"
            )
    return conflicts


def load_profiles() -> Loaded[Profile]:
    """The built-in profiles and the user's, each user profile shadowing a built-in of its name.

    A user profile that uses a criterion key for another kind of answer than the built-ins
    (or an earlier user profile) do is reported and left out: see `key_conflicts`.
    """
    builtins = _builtin_profiles()
    users = _load_folder(paths.profiles_dir(), Profile)
    problems = builtins.problems + users.problems
    accepted: list[tuple[Path, Profile]] = []
    for path, profile in users.items:
        conflicts = key_conflicts(profile, [*builtins.items, *(p for _, p in accepted)])
        problems += [Problem(path, message, None, "criteria") for message in conflicts]
        if not conflicts:
            accepted.append((path, profile))
    mine = {p.name.casefold(): p for p in _unique_names(accepted, problems)}
    items = [mine.pop(p.name.casefold(), p) for p in builtins.items]
    return Loaded(items + list(mine.values()), problems)


def _user_profile_file(name: str) -> Path | None:
    """The user's file holding the profile of this name, or None; BadFile if that file is bad."""
    folded = name.strip().casefold()
    for path in _entries(paths.profiles_dir()):
        data = _parse(path)[0]
        if data is None or not isinstance(data.get("name"), str) or data["name"].strip().casefold() != folded:
            continue
        _refuse_if_bad(path, Profile)
        return path
    return None


def save_profile(profile: Profile, *, if_changed: IfChanged = "refuse") -> Path:
    """Write a user profile and return its file; its file name is kept across saves.

    Saving a profile named like a built-in writes the user's own copy, which then shadows
    the built-in. Built-in profiles themselves (builtin=True) are refused. If its file changed on
    disk since it was read, see `IfChanged`; a profile saved as new is named "<name> (2)"...
    """
    if profile.builtin:
        raise ValueError(
            f"{profile.name!r} is a built-in profile and cannot be changed; save a copy with builtin=False"
        )
    conflicts = key_conflicts(profile, load_profiles().items)
    if conflicts:
        raise ValueError(f"profile {profile.name!r} not saved: " + "; ".join(conflicts))
    folder = paths.profiles_dir()
    path = _user_profile_file(profile.name)
    if path is None and profile._read_as is not None:
        read_from = Path(profile._read_as[0])
        if read_from.parent == folder and not (read_from.exists() or read_from.is_symlink()):
            path = read_from  # deleted or moved by another program: ChangedOnDisk(gone=True)
    if path is not None and _as_new(path, profile, if_changed):
        taken = {p.name.casefold() for p in load_profiles().items}
        names = (f"{profile.name[: PROFILE_NAME_MAX - len(f' ({n})')]} ({n})" for n in range(2, 10_000))
        profile.name = next(name for name in names if name.casefold() not in taken)
        path = None
    if path is None:
        path = _file_in(folder, unique_slug(profile.name, _stems(folder), "profile"))
    _save(path, _dump(profile), profile)
    return path


def _users_own(name: str, builtin: str) -> Path:
    """The file of the user's profile of this name; ValueError(`builtin`) if only a built-in has
    it, NotFound (listing the profiles) if none does."""
    path = _user_profile_file(name)
    if path is not None:
        return path
    if any(p.name.casefold() == name.strip().casefold() for p in _builtin_profiles().items):
        raise ValueError(builtin)
    raise NotFound(_not_found("profile", name, [p.name for p in load_profiles().items]))


def delete_profile(name: str) -> Path:
    """Move the user's profile of this name to the trash and return where it went.

    Deleting a user copy of a built-in brings the built-in back. Built-ins cannot be deleted.
    """
    return _to_trash(_users_own(name, f"{name!r} is a built-in profile and cannot be deleted"))


def rename_profile(old: str, new: str) -> Path:
    """Give the user's profile `old` the name `new`, moving it to a file named after `new`."""
    path = _users_own(old, f"{old!r} is a built-in profile; save a copy under a new name instead")
    if new.strip().casefold() != old.strip().casefold() and any(
        p.name.casefold() == new.strip().casefold() for p in load_profiles().items
    ):
        raise ValueError(f"a profile named {new.strip()!r} already exists")
    profile, problems = _load(path, Profile)
    if profile is None:
        raise BadFile(problems)
    profile.name = new
    folder = paths.profiles_dir()
    taken = _stems(folder) - {path.stem}
    target = _file_in(folder, unique_slug(profile.name, taken, "profile"))
    if target.name.casefold() == path.name.casefold():  # the same file on case-insensitive disks
        target = path
    _save(target, _dump(profile), profile)
    if target != path:
        path.unlink()
    return target


def find_profile(profiles: Sequence[Profile], name: str) -> Profile:
    """The profile whose name (or file-name slug) matches, ignoring case; NotFound otherwise."""
    folded = name.strip().casefold()
    for profile in profiles:
        if profile.name.strip().casefold() == folded:
            return profile
    by_slug = [p for p in profiles if slugify(p.name, "profile") == slugify(name, "profile")]
    if len(by_slug) == 1:
        return by_slug[0]
    if by_slug:
        raise NotFound(_not_found("profile", name, [p.name for p in by_slug], ambiguous=True))
    raise NotFound(_not_found("profile", name, [p.name for p in profiles]))


def _not_found(what: str, query: str, names: Sequence[str], ambiguous: bool = False) -> str:
    """A message naming what was asked for and listing what exists."""
    listed = ", ".join(names) if names else "none yet"
    if ambiguous:
        return f"{query!r} matches more than one {what}: {listed}"
    return f"no {what} matches {query!r}; there are: {listed}"


# --- Opportunities ----------------------------------------------------------------------


def _fits(value: AnswerValue, scale: Scale) -> bool:
    """Whether an answer value can be read on this scale."""
    if isinstance(scale, RatingScale):
        return type(value) is int and RATING_MIN <= value <= RATING_MAX
    if isinstance(scale, ChoiceScale):
        return isinstance(value, str) and scale.option(value) is not None
    return isinstance(value, int | float) and not isinstance(value, bool)


def _expects(scale: Scale) -> str:
    """What an answer on this scale looks like, in words."""
    if isinstance(scale, RatingScale):
        return f"a whole number from {RATING_MIN} to {RATING_MAX}"
    if isinstance(scale, ChoiceScale):
        return "one of: " + ", ".join(repr(o.label) for o in scale.options)
    assert isinstance(scale, NumberScale)
    return "a number" + (f" (in {scale.unit})" if scale.unit else "")


@dataclass
class _AnswerRules:
    """What answers the profiles accept: built once, then checked against each opportunity."""

    defined: dict[str, dict[str, list[str]]]
    """Criterion key -> what it expects, in words -> the profiles that say so."""
    scales: dict[str, list[Scale]]
    """Criterion key -> every scale it has."""
    seen: dict[tuple[str, type, AnswerValue], bool] = field(default_factory=dict)
    """(key, type, value) -> whether some scale takes it: ratings and choice labels repeat."""

    def fits(self, key: str, value: AnswerValue) -> bool:
        """Whether some profile's scale for `key` can read this value."""
        found = self.seen.get((key, type(value), value))
        if found is None:
            found = self.seen[key, type(value), value] = any(_fits(value, s) for s in self.scales[key])
        return found

    @classmethod
    def of(cls, profiles: Sequence[Profile]) -> _AnswerRules:
        rules = cls({}, {})
        for profile in profiles:
            for criterion in profile.criteria:
                names = rules.defined.setdefault(criterion.key, {}).setdefault(_expects(criterion.scale), [])
                if profile.name not in names:
                    names.append(profile.name)
                rules.scales.setdefault(criterion.key, []).append(criterion.scale)
        return rules


def _answer_issues(opportunity: Opportunity, rules: _AnswerRules) -> list[tuple[Loc, str]]:
    """(location, message) for each answer no profile defines, or whose value fits no scale."""
    defined = rules.defined
    issues = []
    for i, interview in enumerate(opportunity.interviews):
        when = f"interview on {interview.date.isoformat()}"
        for j, answer in enumerate(interview.answers):
            where = ("interviews", i, "answers", j)
            if answer.criterion not in defined:
                known = ", ".join(sorted(defined)) or "none (no profile is loaded)"
                issues.append(
                    (
                        (*where, "criterion"),
                        f"{when}: the answer names criterion {answer.criterion!r}, which no profile defines; "
                        f"known keys: {known}",
                    )
                )
                continue
            value = answer.value
            if value is not None and not rules.fits(answer.criterion, value):
                expected = "; or ".join(
                    f"{words} (profile {', '.join(repr(n) for n in names)})"
                    for words, names in defined[answer.criterion].items()
                )
                issues.append(
                    (
                        (*where, "value"),
                        f"{when}: {answer.value!r} does not fit criterion {answer.criterion!r}, "
                        f"which expects {expected}",
                    )
                )
    return issues


def check_answers(opportunity: Opportunity, profiles: Sequence[Profile]) -> list[str]:
    """What is wrong with the opportunity's answers given these profiles (empty if nothing).

    An answer must name a criterion some profile defines, and its value must fit that
    criterion's scale in at least one profile that defines it.
    """
    return _issue_texts(opportunity, _AnswerRules.of(profiles))


def _issue_texts(opportunity: Opportunity, rules: _AnswerRules) -> list[str]:
    return [f"{_loc_text(loc)}: {message}" for loc, message in _answer_issues(opportunity, rules)]


def first_unreadable(
    opportunities: Sequence[Opportunity], profiles: Sequence[Profile]
) -> tuple[Opportunity, str] | None:
    """The first opportunity whose answers these profiles could not read, and why (see
    `check_answers`); None when they can read them all."""
    rules = _AnswerRules.of(profiles)
    for opportunity in opportunities:
        issues = _issue_texts(opportunity, rules)
        if issues:
            return opportunity, issues[0]
    return None


def load_opportunities(profiles: Sequence[Profile] | None = None) -> Loaded[Opportunity]:
    """Every opportunity of the data folder, with `id` set to its file stem.

    An opportunity whose answers do not match the known profiles (these, plus every
    built-in, even one a user copy shadows) is reported and left out, so it is never
    rewritten. `profiles` defaults to `load_profiles().items`.
    """
    if profiles is None:
        profiles = load_profiles().items
    with _collector_paused():
        return _checked(_load_folder(paths.opportunities_dir(), Opportunity), [*profiles, *_builtin_profiles().items])


def _checked(found: Loaded[tuple[Path, Opportunity]], profiles: Sequence[Profile]) -> Loaded[Opportunity]:
    """The opportunities whose answers these profiles can read; the others become problems."""
    rules = _AnswerRules.of(profiles)
    loaded: Loaded[Opportunity] = Loaded(problems=found.problems)
    for path, opportunity in found.items:
        opportunity.id = path.stem
        issues = _answer_issues(opportunity, rules)
        if not issues:
            loaded.items.append(opportunity)
            continue
        text = path.read_text("utf-8-sig")
        loaded.problems += [
            Problem(path, message, _line_of(text, loc), _loc_text(loc)) for loc, message in issues
        ]
    return loaded


def save_opportunity(
    opportunity: Opportunity, today: date | None = None, *, if_changed: IfChanged = "refuse"
) -> Path:
    """Write the opportunity, bump `updated` to today, and return its file.

    A new opportunity (id "") gets a unique file named after company and role, and its id
    is set. If its file changed on disk since it was read, see `IfChanged`. If the file on disk
    cannot be read cleanly it is left alone and BadFile is raised.
    """
    folder = paths.opportunities_dir()
    path = _file_in(folder, opportunity.id) if opportunity.id else None
    if path is not None and _as_new(path, opportunity, if_changed):
        path = None
    if path is not None:
        _refuse_if_bad(path, Opportunity)
    if path is None:
        name = f"{opportunity.company} {opportunity.role}"
        path = _file_in(folder, unique_slug(name, _stems(folder), "opportunity"))
    opportunity.updated = today or date.today()
    _save(path, _dump(opportunity), opportunity)
    opportunity.id = path.stem
    return path


def delete_opportunity(opportunity: Opportunity) -> Path:
    """Move the opportunity's file to the trash and return where it went (`restore` brings it back)."""
    path = _file_in(paths.opportunities_dir(), opportunity.id)
    if not (path.exists() or path.is_symlink()):
        raise NotFound(f"{_display(path)} is not there any more (deleted or moved by another program?)")
    return _to_trash(path)


def find_opportunity(opportunities: Sequence[Opportunity], query: str) -> Opportunity:
    """The opportunity whose id is `query`, else the one whose id or company starts with it
    (then: contains it), ignoring case. Several or none raise NotFound listing candidates."""
    return _find(opportunities, query, "opportunity", lambda o: (o.id, o.company), _label)


def _label(opportunity: Opportunity) -> str:
    return f"{opportunity.id} ({opportunity.name})" if opportunity.id else opportunity.name


def _find(items: Sequence[T], query: str, what: str, names: Any, label: Any) -> T:
    """The item whose id (the first of `names(item)`) is `query`, else the one whose id or other
    name starts with it (then: contains it), ignoring case; NotFound listing candidates otherwise."""
    for item in items:
        if names(item)[0] == query:
            return item
    folded = query.strip().casefold()
    exact = [item for item in items if names(item)[0].casefold() == folded]
    if len(exact) == 1:
        return exact[0]
    for test in (str.startswith, str.__contains__):
        matches = [item for item in items if any(test(n.casefold(), folded) for n in names(item))]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise NotFound(_not_found(what, query, [label(item) for item in matches], ambiguous=True))
    raise NotFound(_not_found(what, query, [label(item) for item in items]))


# --- Trash and quarantine ---------------------------------------------------------------

_KINDS = {"opportunities": "opportunity", "profiles": "profile"}
_TRASHED = re.compile(r"^(?P<stem>.+)\.(?P<when>\d{8}-\d{6})(-\d+)?$")


@dataclass(frozen=True)
class Trashed:
    """A deleted opportunity or profile, waiting in the trash."""

    path: Path
    """The file in the trash folder."""
    kind: str
    """"opportunity" or "profile"."""
    name: str
    """What it is, e.g. "Pulseband — Product designer" or a profile's name."""
    stem: str
    """Its file name before it was deleted (without .toml)."""
    deleted: datetime
    """When it was deleted."""

    @property
    def id(self) -> str:
        """The name `evaluator trash restore` takes, e.g. "pulseband-designer.20261122-101500"."""
        return self.path.stem


def _to_trash(path: Path) -> Path:
    """Move a data file into the trash, stamped with the time; return where it went."""
    stamp = datetime.now().strftime(_STAMP)
    return _move_to_free_name(path, paths.trash_dir() / path.parent.name, f"{path.stem}.{stamp}")


def trashed() -> list[Trashed]:
    """What is in the trash, most recently deleted first."""
    found = []
    for folder, kind in _KINDS.items():
        for path in _entries(paths.trash_dir() / folder):
            named = _TRASHED.match(path.stem)
            if named is None:
                continue
            data = _parse(path)[0] or {}
            company_role = f"{data.get('company')} — {data.get('role')}"
            name = str(data.get("name", "(no name)")) if kind == "profile" else company_role
            deleted = datetime.strptime(named["when"], _STAMP)
            found.append(Trashed(path, kind, name if data else "(a file that cannot be read)", named["stem"], deleted))
    return sorted(found, key=lambda t: (t.deleted, t.path.name), reverse=True)


def find_trashed(items: Sequence[Trashed], query: str) -> Trashed:
    """The trashed item whose id is `query`, else whose id or name starts with (then contains) it."""
    return _find(items, query, "deleted item", lambda t: (t.id, t.name), lambda t: f"{t.id} ({t.name})")


def restore(item: Trashed) -> Path:
    """Move a deleted file back where it was (as `stem-2` if its old name is taken now); return it.

    A profile is not restored while another of the user's profiles has its name.
    """
    if item.kind == "profile" and any(
        p.name.casefold() == item.name.casefold() and not p.builtin for p in load_profiles().items
    ):
        raise ValueError(f"a profile named {item.name!r} exists; rename or delete it before restoring this one")
    folder = paths.profiles_dir() if item.kind == "profile" else paths.opportunities_dir()
    return _move_to_free_name(item.path, folder, item.stem)


def bad_files(problems: Iterable[Problem]) -> list[Path]:
    """The files of the data folder, among those these problems name, that cannot be read at all.

    Built-in files are not the user's; and a file that reads but is left out (answers no profile
    reads, a profile name used twice) is fixed elsewhere, not by moving it aside.
    """
    kinds: dict[Path, type[BaseModel]] = {
        paths.opportunities_dir(): Opportunity,
        paths.profiles_dir(): Profile,
        paths.drafts_dir(): _Draft,
    }
    found = []
    for path in dict.fromkeys(p.path for p in problems):
        model = Settings if path == paths.settings_file() else kinds.get(path.parent)
        if model is not None and (path.is_file() or path.is_symlink()) and _load(path, model)[1]:
            found.append(path)
    return found


def quarantine_bad(problems: Iterable[Problem]) -> tuple[list[tuple[Path, Path]], list[str]]:
    """Move every file these problems name that cannot be read into quarantine (see `quarantine`):
    (from, to) for each file moved, and why for each that could not be."""
    moved, failed = [], []
    for path in bad_files(problems):
        try:
            moved.append((path, quarantine(path)))
        except (ValueError, OSError) as error:
            failed.append(f"{_display(path)}: {error}")
    return moved, failed


def quarantine(path: Path) -> Path:
    """Move a file that could not be read out of the way, into the quarantine folder; return where.

    Only a file inside the data folder is moved, and only when the user asks: evaluator never
    moves or deletes a bad file by itself.
    """
    path = Path(os.path.abspath(path))  # "data/opportunities/../../x.toml" is not in the data folder
    if not path.is_relative_to(paths.data_dir()) or path == paths.data_dir():
        raise ValueError(f"{path} is not in the data folder {paths.data_dir()}")
    folder = paths.quarantine_dir() / path.parent.relative_to(paths.data_dir())
    return _move_to_free_name(path, folder, path.stem)


# --- Examples ---------------------------------------------------------------------------


def load_examples() -> list[Opportunity]:
    """The example opportunities shipped with evaluator; a bad one is skipped with a warning."""
    found = _load_folder(paths.examples_dir(), Opportunity)
    for problem in found.problems:
        warnings.warn(str(problem), stacklevel=2)
    for path, opportunity in found.items:
        opportunity.id = path.stem
    return [opportunity for _, opportunity in found.items]


def copy_examples(dest: Path) -> list[Path]:
    """Copy the example files into the opportunities folder of data folder `dest`.

    Never overwrites an existing file; returns the files it wrote.
    """
    target = Path(dest) / paths.opportunities_dir().name
    written = []
    for source in _entries(paths.examples_dir()):
        path = _file_in(target, source.stem)
        if not source.is_file():
            continue
        paths.ensure(target)
        try:
            write_file(path, source.read_bytes(), replace=False)
        except TargetExists:
            continue
        written.append(path)
    return written


# --- Settings ---------------------------------------------------------------------------


def settings_problems() -> list[Problem]:
    """What is wrong with settings.toml (empty if it is fine or absent)."""
    path = paths.settings_file()
    if not (path.exists() or path.is_symlink()):
        return []
    return _load(path, Settings)[1]


def load_settings() -> Settings:
    """The saved settings; defaults when the file is missing or bad (a bad file is left as it is)."""
    path = paths.settings_file()
    if not (path.exists() or path.is_symlink()):
        return Settings()
    settings, _ = _load(path, Settings)
    return settings or Settings()


def save_settings(settings: Settings) -> Path:
    """Write settings.toml; BadFile if the existing file is bad (it is never overwritten)."""
    path = paths.settings_file()
    _refuse_if_bad(path, Settings)
    _save(path, _dump(settings))
    return path


# --- Drafts of unsaved interviews -------------------------------------------------------


class _Draft(Document):
    """A draft file: the interview being written for one opportunity."""

    opportunity: str = ""
    """The id of the opportunity the interview belongs to ("" for a new one)."""
    interview: Interview
    """The interview as far as it was written."""


def _draft_file(opportunity_id: str) -> Path:
    return _file_in(paths.drafts_dir(), opportunity_id or NEW_DRAFT)


def save_draft(opportunity_id: str, interview: Interview) -> Path:
    """Keep an unsaved interview, so a crash or Ctrl+C loses nothing."""
    path = _draft_file(opportunity_id)
    _save(path, _dump(_Draft(opportunity=opportunity_id, interview=interview)))
    return path


def load_draft(opportunity_id: str) -> Interview | None:
    """The kept draft for this opportunity, or None (with a warning if the draft is bad)."""
    path = _draft_file(opportunity_id)
    if not (path.exists() or path.is_symlink()):
        return None
    draft, problems = _load(path, _Draft)
    for problem in problems:
        warnings.warn(str(problem), stacklevel=2)
    return draft.interview if draft else None


def discard_draft(opportunity_id: str) -> None:
    """Forget the draft for this opportunity, if there is one."""
    _draft_file(opportunity_id).unlink(missing_ok=True)
