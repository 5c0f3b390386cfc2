"""Import opportunities from CSV exports of job trackers and plain spreadsheets.

`plan_import(path, existing)` reads the file and decides, row by row, what would be
imported, merged or skipped and why, without writing anything. `apply_import(plan)` writes
the plan through the store. The command line (`evaluator import`) and the app's import
dialog call these same two functions. This module never imports Textual.

What it reads:
- UTF-8 with or without a byte-order mark, and UTF-16 with a byte-order mark (Excel's
  "Unicode text"); any other encoding is refused with a message naming the first bad byte.
- `,`, `;`, tab or `|` separators (csv.Sniffer, checked against the header, with a
  fallback), quoted cells holding separators, quotes and newlines, and Excel's `sep=;` line.
- A header row among the first few rows: column names are matched ignoring case, accents,
  spaces, punctuation and anything in brackets, against the synonyms in `COLUMNS`.

What it never does: overwrite an existing opportunity. A likely duplicate (same company
and role, ignoring case, accents and spacing; among your opportunities and the earlier rows
of the file) is skipped and reported, unless `merge=True`; a merge fills only the existing
opportunity's empty fields and appends everything else to its notes (see `_merge`).
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from pydantic import ValidationError

from evaluator import store
from evaluator.model import Opportunity, Stage

HEADER_SEARCH_ROWS = 10
"""How many rows from the top may hold the header (a title line often comes first)."""
SAMPLE_SIZE = 64 * 1024
"""How much of the file csv.Sniffer looks at."""
DELIMITERS = (",", ";", "\t", "|")
"""The separators tried, in this order when the sniffer's guess does not give a usable header."""
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


class Column(StrEnum):
    """A column evaluator understands."""

    COMPANY = "company"
    ROLE = "role"
    STATUS = "status"
    LINK = "link"
    LOCATION = "location"
    OFFICE_POLICY = "office policy"
    NOTES = "notes"
    APPLIED = "date applied"
    CREATED = "date created"


def _words(text: str) -> tuple[str, ...]:
    """ "a, b c, d" -> ("a", "b c", "d"): keeps the tables below readable."""
    return tuple(word.strip() for word in text.split(","))


COLUMNS: dict[Column, tuple[str, ...]] = {
    Column.COMPANY: _words(
        "company, company name, companies, organization, organisation, organization name, organisation name, "
        "org, employer, employer name, hiring company, entreprise, societe"
    ),
    Column.ROLE: _words(
        "title, role, position, job title, job, job position, position title, position name, role title, "
        "job role, job name, opening, vacancy, poste, intitule du poste"
    ),
    # "list": Huntr calls its board columns lists.
    Column.STATUS: _words(
        "status, stage, application status, application stage, job status, current status, pipeline stage, list, "
        "statut, etape"
    ),
    Column.LINK: _words(
        "url, link, job link, job url, posting url, posting link, job posting, job posting url, listing url, "
        "job listing, application url, application link, ad link, link to job, lien, lien annonce"
    ),
    Column.LOCATION: _words("location, city, job location, office location, place, lieu, ville"),
    Column.OFFICE_POLICY: _words(
        "office policy, remote, remote policy, work model, workplace type, workplace, work arrangement"
    ),
    Column.NOTES: _words("notes, note, comments, comment, remarks, my notes, remarques, commentaires"),
    Column.APPLIED: _words(
        "date applied, applied on, applied, application date, applied date, date of application, applied at, "
        "submitted, date submitted, submitted on, date de candidature, candidature le"
    ),
    Column.CREATED: _words(
        "created, date created, created on, created at, date added, added, added on, date saved, saved on, "
        "saved, date bookmarked, date"
    ),
}
"""Header synonyms, already normalized (see `normalize`), in English and a little French.
Only exact matches count: "Company size" is not a company column."""

IGNORED = _words("color, colour, id, uuid, logo, company logo, job id, card id")
"""Columns that trackers export for their own use (Huntr's card colour, ids): neither read nor kept."""

REQUIRED = (Column.COMPANY, Column.ROLE)

_STATUS_SYNONYMS = {
    Stage.LEAD: "wishlist, wish list, saved, save, bookmarked, bookmark, interested, to apply, applying, "
    "not applied, not yet applied, prospect, prospective, researching, considering, idea, new, a postuler",
    Stage.APPLIED: "application sent, application submitted, submitted, sent, in review, under review, pending, "
    "waiting, awaiting response, candidature envoyee, postule",
    Stage.SCREENING: "screen, phone screen, phone screening, phone call, recruiter screen, recruiter call, "
    "hr screen, hr call, hr interview, initial call, first call",
    Stage.INTERVIEWING: "interview, interviews, interview scheduled, onsite, on site, on site interview, "
    "onsite interview, final round, final interview, first interview, second interview, technical interview, "
    "assessment, take home, case study, entretien, entretiens",
    Stage.OFFER: "offered, offer received, got offer, negotiating, negotiation, offre",
    Stage.ACCEPTED: "offer accepted, accepted offer, hired, signed",
    Stage.REJECTED: "rejection, declined by company, not selected, not moving forward, no offer, position filled, "
    "unsuccessful, turned down by company, refus, refuse, refusee",
    Stage.WITHDRAWN: "withdrew, i withdrew, withdrew application, withdrawn by me, no longer interested",
    Stage.GHOSTED: "no response, no reply, no answer, unresponsive, never heard back",
    Stage.DECLINED: "declined by me, i declined, offer declined, declined offer, turned down offer",
}
STATUS_WORDS: dict[str, Stage] = {
    word: stage for stage, words in _STATUS_SYNONYMS.items() for word in (stage.value, *_words(words))
}
"""Status words of common trackers (normalized) and the stage each one means; each stage's own
name means itself. Words that merely repeat a number ("Interview 2", "3. Applied") are matched
without it."""


class CannotImport(ValueError):
    """The file cannot be imported at all; the message names the file and says what to do."""


# --- Normalizing ------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Lower case without accents: "Vallée" -> "vallee"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize(header: str) -> str:
    """A header or status word as the tables above spell it: "Job Title*" -> "job title",
    "Date Applied (MM/DD/YYYY)" -> "date applied", "No Response 🔇" -> "no response"."""
    without_brackets = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", header)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", _fold(without_brackets)).split())


def duplicate_key(company: str, role: str) -> tuple[str, str]:
    """What makes two opportunities "likely the same": company and role, ignoring case,
    accents and spacing (punctuation counts: "C++ developer" is not "C developer")."""
    return (" ".join(_fold(company).split()), " ".join(_fold(role).split()))


def read_status(word: str) -> Stage | None:
    """The stage a tracker's status word means, or None when the word is not known."""
    folded = normalize(word)
    if folded in STATUS_WORDS:
        return STATUS_WORDS[folded]
    without_numbers = " ".join(part for part in folded.split() if not part.isdigit())
    return STATUS_WORDS.get(without_numbers)


def _column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _header(headers: Sequence[str], index: int) -> str:
    """The header of a column, or "column F" when it has none."""
    name = headers[index] if index < len(headers) else ""
    return name or f"column {_column_letter(index)}"


# --- Reading the file -------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """How the file was read."""

    path: Path
    encoding: str
    """"UTF-8", "UTF-8 with BOM" or "UTF-16"."""
    delimiter: str
    header_row: int
    """The spreadsheet row number of the header (1 unless title lines come first)."""
    headers: tuple[str, ...]
    columns: dict[Column, int]
    """Which column (0-based) holds each understood field."""
    kept: tuple[str, ...]
    """The other non-empty columns' headers: their values are kept in the notes."""
    ignored: tuple[int, ...] = ()
    """Columns named in `IGNORED` (0-based): neither read nor kept."""

    def describe(self) -> str:
        separator = DELIMITER_NAMES.get(self.delimiter, repr(self.delimiter))
        return f"{self.path.name}: {self.encoding}, {separator}-separated, header on row {self.header_row}"

    def mapping(self) -> str:
        """ "company ← "Company", role ← "Job Title", ..." in file order."""
        pairs = sorted(self.columns.items(), key=lambda item: item[1])
        return ", ".join(f"{column.value} ← “{self.headers[index]}”" for column, index in pairs)


def _decode(path: Path) -> tuple[str, str]:
    """The file's text and the name of its encoding; CannotImport if it cannot be read as text."""
    shown = str(path)
    if not path.exists():
        raise CannotImport(f"{shown}: no such file")
    if path.is_dir():
        raise CannotImport(f"{shown} is a folder, not a CSV file")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CannotImport(f"{shown} cannot be read: {error.strerror or error}") from error
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise CannotImport(
            f"{shown} is a spreadsheet workbook (.xlsx, .xls, .ods or .numbers), not a CSV file; "
            "export it as “CSV UTF-8” first and import that"
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as error:
            raise CannotImport(f"{shown} starts like UTF-16 text but is not ({error.reason})") from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        guess = ""
        try:
            raw.decode("cp1252")
            guess = "; it looks like Windows-1252 (Latin-1), which older Excel versions write"
        except UnicodeDecodeError:
            pass
        raise CannotImport(
            f"{shown} is not UTF-8 (byte 0x{raw[error.start]:02X} on line {line}, at byte {error.start}){guess}. "
            "Save it as “CSV UTF-8” (Excel: File › Save As › CSV UTF-8) and try again"
        ) from error
    return text, "UTF-8 with BOM" if raw.startswith(b"\xef\xbb\xbf") else "UTF-8"


def _records(text: str, delimiter: str) -> list[list[str]]:
    """Every record of the text, quoted newlines kept inside their cell (as plain "\n")."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=True, strict=False)
    return [[cell.replace("\r\n", "\n").replace("\r", "\n") for cell in record] for record in reader]


def _blank(record: Sequence[str]) -> bool:
    return not any(cell.strip() for cell in record)


def _map_columns(headers: Sequence[str]) -> dict[Column, int]:
    """Which column holds each understood field; the first matching column wins."""
    found: dict[Column, int] = {}
    for index, header in enumerate(headers):
        name = normalize(header)
        for column, synonyms in COLUMNS.items():
            if column not in found and name in synonyms:
                found[column] = index
                break
    return found


def _find_header(records: list[list[str]]) -> tuple[int, dict[Column, int]] | None:
    """The index of the first record among the top ones naming a company and a role column."""
    for index, record in enumerate(records[:HEADER_SEARCH_ROWS]):
        columns = _map_columns(record)
        if all(c in columns for c in REQUIRED):
            return index, columns
    return None


def _delimiter_candidates(text: str) -> list[str]:
    """The sniffer's guess first, then the usual separators."""
    candidates: list[str] = []
    sample = text[:SAMPLE_SIZE]
    with contextlib.suppress(csv.Error):
        candidates.append(csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter)
    return candidates + [d for d in DELIMITERS if d not in candidates]


def _no_header(path: Path, text: str, forced: str | None) -> CannotImport:
    """The refusal for a file without a usable header, naming what was found and what is expected."""
    firsts: list[list[str]] = []
    for delimiter in [forced] if forced else DELIMITERS:
        try:
            firsts.append(next((r for r in _records(text, delimiter) if not _blank(r)), []))
        except csv.Error:
            continue
    first = max(firsts, key=len, default=[])
    found = ", ".join(f"“{cell.strip()}”" for cell in first if cell.strip()) or "nothing"
    columns = _map_columns(first)
    missing = [c for c in REQUIRED if c not in columns]
    expected = " and ".join(f"a {c.value} column ({', '.join(COLUMNS[c][:5])}…)" for c in REQUIRED)
    lacking = " or ".join(c.value for c in missing)
    return CannotImport(
        f"{path} has no usable header: its first row holds {found}; expected at least {expected}, "
        f"and found no {lacking} column"
    )


def read_source(path: Path) -> tuple[Source, list[tuple[int, list[str]]], list[str]]:
    """How the file is laid out, its data records (with spreadsheet row numbers) and warnings.

    Raises CannotImport for a missing, unreadable, empty or header-less file, or one that is
    not UTF-8.
    """
    text, encoding = _decode(path)
    if not text.strip():
        raise CannotImport(f"{path} is empty: there is nothing to import")
    warnings: list[str] = []
    forced: str | None = None
    first_line, _, rest = text.partition("\n")
    announced = re.fullmatch(r"\s*\"?sep=(.)\"?\s*", first_line)
    if announced:  # Excel's "sep=;" line: it names the separator and is not a row
        forced, text = announced[1], rest
    for delimiter in [forced] if forced else _delimiter_candidates(text):
        try:
            records = _records(text, delimiter)
        except csv.Error as error:
            raise CannotImport(f"{path} is not a CSV file that can be read: {error}") from error
        found = _find_header(records)
        if found is None:
            continue
        index, columns = found
        headers = tuple(cell.strip() for cell in records[index])
        offset = 2 if forced else 1  # spreadsheet rows count from 1 (Excel hides the sep= line)
        rows = [(offset + index + 1 + i, r) for i, r in enumerate(records[index + 1 :])]
        width = max([len(headers), *(len(r) for _, r in rows)])
        ignored = tuple(i for i, h in enumerate(headers) if normalize(h) in IGNORED and i not in columns.values())
        kept = tuple(
            _header(headers, i)
            for i in range(width)
            if i not in (*columns.values(), *ignored) and any(i < len(r) and r[i].strip() for _, r in rows)
        )
        if index:
            skipped = f"row {offset}" if index == 1 else f"rows {offset}–{offset + index - 1}"
            warnings.append(f"{skipped} above the header ignored")
        source = Source(path, encoding, delimiter, offset + index, headers, columns, kept, ignored)
        return source, rows, warnings
    raise _no_header(path, text, forced)


# --- Dates ------------------------------------------------------------------------------

_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[ T,])")
_NUMERIC = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:$|[ T,])")
_TEXT_FORMATS = ("%b %d %Y", "%B %d %Y", "%d %b %Y", "%d %B %Y", "%a %b %d %Y", "%A %B %d %Y")


class DayOrder(StrEnum):
    DAY_FIRST = "day/month/year"
    MONTH_FIRST = "month/day/year"


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)


def _numeric_parts(text: str) -> tuple[int, int, int, str] | None:
    found = _NUMERIC.match(text.strip())
    if not found:
        return None
    return int(found[1]), int(found[3]), _year(found[4]), found[2]


def guess_day_order(values: Iterable[str], delimiter: str) -> tuple[DayOrder, str]:
    """How to read dates like 03/04/2024 in this file, and a warning when it is a guess.

    A first number above 12 means day first; a second one above 12 means month first. When
    every date could be either, a `;`-separated file (written by Excel in day-first
    locales) is read day first and any other file month first, and the warning says so.
    """
    day_first = month_first = ambiguous = False
    example = ""
    for value in values:
        parts = _numeric_parts(value)
        if parts is None or parts[3] == ".":  # 04.03.2024 is always day first
            continue
        first, second, _, _ = parts
        day_first |= first > 12
        month_first |= second > 12
        if first <= 12 and second <= 12 and first != second:
            ambiguous = True
            example = example or value.strip()
    if day_first and not month_first:
        return DayOrder.DAY_FIRST, ""
    if month_first and not day_first:
        return DayOrder.MONTH_FIRST, ""
    order = DayOrder.DAY_FIRST if delimiter == ";" else DayOrder.MONTH_FIRST
    if day_first and month_first:
        return order, f"dates mix day/month and month/day order; ambiguous ones read as {order.value}: check them"
    if ambiguous:
        why = "as Excel writes in Europe" if delimiter == ";" else "as US spreadsheets write"
        return order, f"dates like {example} could be read either way: read as {order.value} ({why}); check them"
    return order, ""


def parse_date(text: str, order: DayOrder = DayOrder.MONTH_FIRST) -> date | None:
    """A date as spreadsheets and trackers write it, or None if it is not understood.

    Understands 2024-03-04 (with or without a time), 04/03/2024 and 4/3/24 (in `order`, unless
    a number above 12 tells), 04.03.2024 (always day first), "Mar 4, 2024", "4 March 2024" and
    "Mon Mar 4 2024".
    """
    text = text.strip()
    if not text:
        return None
    try:
        if found := _ISO.match(text):
            return date(int(found[1]), int(found[2]), int(found[3]))
        if parts := _numeric_parts(text):
            first, second, year, separator = parts
            day_first = separator == "." or first > 12 or (order is DayOrder.DAY_FIRST and second <= 12)
            return date(year, second, first) if day_first else date(year, first, second)
    except ValueError:
        return None
    words = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.replace(",", " "))
    words = " ".join(words.split()[:4])
    for size in (4, 3):
        candidate = " ".join(words.split()[:size])
        for fmt in _TEXT_FORMATS:
            try:
                return datetime.strptime(candidate, fmt).date()
            except ValueError:
                continue
    return None


# --- The plan ---------------------------------------------------------------------------


class Action(StrEnum):
    IMPORT = "import"
    MERGE = "merge"
    SKIP = "skip"


@dataclass
class RowOutcome:
    """What happens to one row of the file, and why."""

    row: int
    """The row number as the spreadsheet shows it (the header is usually row 1)."""
    action: Action
    company: str = ""
    role: str = ""
    stage: Stage | None = None
    """The stage a new opportunity gets (None for skips and merges)."""
    created: date | None = None
    """The date a new opportunity gets from the file (None: none given, or not understood)."""
    reason: str = ""
    """Why it is skipped, or what a merge changes."""
    remarks: list[str] = field(default_factory=list)
    """For imports, things worth knowing, e.g. a status word that was not recognised."""
    target: str = ""
    """For merges and duplicates: the id of the existing opportunity, or "row N"."""

    @property
    def name(self) -> str:
        if self.company and self.role:
            return f"{self.company} — {self.role}"
        return self.company or self.role or "(no company, no role)"

    def describe(self) -> str:
        """The row's line in the summary, without its number."""
        text = {
            Action.IMPORT: f"import  {self.name} ({', '.join(self._facts())})",
            Action.MERGE: f"merge   {self.name} into {self.target}: {self.reason}",
            Action.SKIP: f"skip    {self.name}: {self.reason}",
        }[self.action]
        return "; ".join([text, *self.remarks])

    def _facts(self) -> list[str]:
        facts = [self.stage.value if self.stage else Stage.LEAD.value]
        return facts + ([self.created.isoformat()] if self.created else [])


@dataclass
class ImportPlan:
    """Everything an import would do, decided before anything is written."""

    source: Source
    rows: list[RowOutcome]
    """One outcome per non-blank data row, in file order."""
    create: list[Opportunity]
    """The new opportunities, in file order (a row merged into an earlier row is already in it)."""
    update: list[Opportunity]
    """Copies of existing opportunities with the merged changes (only with merge=True)."""
    warnings: list[str]
    """Things about the whole file, e.g. how ambiguous dates were read."""
    merge: bool = False
    blank_rows: int = 0

    @property
    def path(self) -> Path:
        return self.source.path

    def count(self, action: Action) -> int:
        return sum(1 for row in self.rows if row.action is action)

    @property
    def imported(self) -> int:
        return self.count(Action.IMPORT)

    @property
    def merged(self) -> int:
        return self.count(Action.MERGE)

    @property
    def skipped(self) -> int:
        return self.count(Action.SKIP)

    def totals(self, *, dry_run: bool) -> str:
        """ "Imported 3, skipped 1." (or "Would import ..." for a dry run)."""
        verb, merge_verb = ("Would import", "would merge") if dry_run else ("Imported", "merged")
        parts = [f"{verb} {self.imported}"]
        if self.merge or self.merged:
            parts.append(f"{merge_verb} {self.merged}")
        parts.append(f"skipped {self.skipped}")
        return ", ".join(parts) + "."

    def summary(self, *, dry_run: bool) -> str:
        """The report printed by `evaluator import`: how the file was read, then one line per row."""
        lines = [f"Import from {self.source.describe()}"]
        lines.append(f"Columns: {self.source.mapping()}")
        if self.source.kept:
            lines.append("Kept in the notes: " + ", ".join(f"“{h}”" for h in self.source.kept))
        lines += [f"Note: {warning}" for warning in self.warnings]
        if self.blank_rows:
            lines.append(f"Note: {self.blank_rows} blank row{'s' * (self.blank_rows != 1)} ignored")
        lines.append("")
        width = len(str(max((r.row for r in self.rows), default=1)))
        lines += [f"Row {r.row:>{width}}  {r.describe()}" for r in self.rows]
        lines.append("")
        lines.append(self.totals(dry_run=dry_run) + (" Dry run: nothing was written." if dry_run else ""))
        return "\n".join(lines)


@dataclass
class _Row:
    """One data row, read into evaluator's terms."""

    number: int
    company: str
    role: str
    link: str
    location: str
    office_policy: str
    notes: str
    status: str
    """The status word as written in the file."""
    stage: Stage
    created: date | None
    created_text: str
    """The date as written in the file (kept in the notes when it is not understood)."""
    extras: list[str]
    """ "Header: value" lines of the columns evaluator has no field for."""
    remarks: list[str]


def _cell(record: Sequence[str], index: int | None) -> str:
    if index is None or index >= len(record):
        return ""
    return record[index].strip()


def _read_row(number: int, record: list[str], source: Source, order: DayOrder) -> _Row:
    columns = source.columns
    value = {column: _cell(record, columns.get(column)) for column in Column}
    remarks: list[str] = []
    extras: list[str] = []

    applied_text = value[Column.APPLIED]
    created_text = applied_text or value[Column.CREATED]
    created = parse_date(created_text, order) if created_text else None
    if created_text and created is None:
        remarks.append(f"date “{created_text}” not understood: created today, the date kept in the notes")
        extras.append(f"Date: {created_text}")

    status = value[Column.STATUS]
    if status:
        found = read_status(status)
        stage = found or Stage.LEAD
        if not found:
            remarks.append(f"status “{status}” not recognised: stage lead, the status kept in the notes")
            extras.append(f"Status: {status}")
    else:  # no status: an application date says it was sent
        stage = Stage.APPLIED if applied_text else Stage.LEAD

    used = {*columns.values(), *source.ignored}
    for index, cell in enumerate(record):
        if index not in used and cell.strip():
            extras.append(f"{_header(source.headers, index)}: {cell.strip()}")
    return _Row(
        number=number,
        company=value[Column.COMPANY],
        role=value[Column.ROLE],
        link=value[Column.LINK],
        location=value[Column.LOCATION],
        office_policy=value[Column.OFFICE_POLICY],
        notes=value[Column.NOTES],
        status=status,
        stage=stage,
        created=created,
        created_text=created_text,
        extras=extras,
        remarks=remarks,
    )


def _notes(row: _Row) -> str:
    """A new opportunity's notes: the row's notes, then the kept columns one per line."""
    parts = [row.notes] if row.notes else []
    if row.extras:
        parts.append("\n".join(row.extras))
    return "\n\n".join(parts)


def _validation_reason(error: ValidationError) -> str:
    reasons = []
    for problem in error.errors():
        where = ".".join(str(part) for part in problem.get("loc", ())) or "row"
        context = problem.get("ctx") or {}
        if problem.get("type") == "string_too_long":
            reasons.append(f"{where} is longer than {context.get('max_length')} characters")
        else:
            reasons.append(f"{where}: {problem.get('msg', 'not valid')}")
    return "; ".join(reasons)


_MERGED_FIELDS = (("link", "Link"), ("location", "Location"), ("office_policy", "Office policy"))


def _merge(target: Opportunity, row: _Row, origin: str) -> list[str]:
    """Merge a duplicate row into `target` (changed in place); return what changed (empty: nothing new).

    - link, location and office policy are filled only where the target's is empty;
    - the row's notes, and each of its values that could not fill an empty field (a link,
      location or office policy the target's does not contain, a status meaning another stage,
      another date, the kept columns), are appended to the target's notes after a line
      "From FILE, row N:" (and a blank line, when the notes were not empty);
    - anything the target's notes already contain is not added again, so merging the same
      file twice changes nothing the second time;
    - company, role, stage, created date, contacts and interviews are never changed.
    """
    changes: list[str] = []
    lines: list[str] = []
    for name, label in _MERGED_FIELDS:
        incoming = getattr(row, name)
        if not incoming:
            continue
        current = getattr(target, name)
        if not current:
            setattr(target, name, incoming)
            changes.append(f"filled {label.lower()}")
        elif incoming.casefold() not in current.casefold():
            lines.append(f"{label}: {incoming}")
    if row.status and row.stage != target.stage:
        lines.append(f"Status: {row.status}")
    if row.created is not None and row.created != target.created:
        lines.append(f"Date: {row.created_text}")
    lines += [line for line in row.extras if line not in lines]

    existing = target.notes
    new_parts = [row.notes] if row.notes and row.notes not in existing else []
    new_lines = [line for line in lines if line not in existing]
    if new_lines:
        new_parts.append("\n".join(new_lines))
    if new_parts:
        block = f"From {origin}:\n" + "\n\n".join(new_parts)
        target.notes = f"{existing}\n\n{block}" if existing else block
        changes.append("added to notes")
    return changes


def plan_import(
    path: str | Path, existing: Sequence[Opportunity], *, merge: bool = False, today: date | None = None
) -> ImportPlan:
    """Decide what importing `path` would do, writing nothing.

    `existing` are the opportunities already in the data folder (for duplicates). With
    `merge`, a duplicate row fills the empty fields of the opportunity it duplicates (see
    `_merge`) instead of being skipped. New opportunities get `created` = the row's date
    applied (or date added), else `today`. Raises CannotImport for a file that cannot be
    imported at all (missing, unreadable, empty, not UTF-8, no usable header, no rows).
    """
    path = Path(path)
    source, records, warnings = read_source(path)
    date_cells = [
        _cell(record, source.columns.get(column))
        for _, record in records
        for column in (Column.APPLIED, Column.CREATED)
    ]
    order, warning = guess_day_order(date_cells, source.delimiter)
    if warning:
        warnings.append(warning)

    by_key = {duplicate_key(o.company, o.role): o for o in existing}
    updates: dict[str, Opportunity] = {}
    planned: dict[tuple[str, str], tuple[int, Opportunity]] = {}
    rows: list[RowOutcome] = []
    create: list[Opportunity] = []
    blank = 0
    for number, record in records:
        if _blank(record):
            blank += 1
            continue
        row = _read_row(number, record, source, order)
        outcome = RowOutcome(number, Action.SKIP, row.company, row.role)
        rows.append(outcome)
        missing = [label for label, value in (("company", row.company), ("role", row.role)) if not value]
        if missing:
            outcome.reason = f"no {' and no '.join(missing)}"
            continue
        key = duplicate_key(row.company, row.role)
        if key in by_key:
            original = by_key[key]
            outcome.target = original.id or original.name
            if not merge:
                outcome.reason = f"already in your data as {outcome.target} (merge to fill its empty fields)"
                continue
            target = updates.get(original.id) or original.model_copy(deep=True)
            changes = _merge(target, row, f"{path.name}, row {number}")
            if changes:
                updates[original.id] = target
                outcome.action, outcome.reason = Action.MERGE, ", ".join(changes)
            else:
                outcome.reason = f"already in your data as {outcome.target}, with nothing new to merge"
            continue
        if key in planned:
            first, target = planned[key]
            outcome.target = f"row {first}"
            if not merge:
                outcome.reason = f"same company and role as row {first} (merge to fill its empty fields)"
                continue
            changes = _merge(target, row, f"{path.name}, row {number}")
            if changes:
                outcome.action, outcome.reason = Action.MERGE, ", ".join(changes)
            else:
                outcome.reason = f"same as row {first}, with nothing new to merge"
            continue
        try:
            opportunity = Opportunity.model_validate(
                {
                    "company": row.company,
                    "role": row.role,
                    "link": row.link,
                    "location": row.location,
                    "office_policy": row.office_policy,
                    "stage": row.stage,
                    "notes": _notes(row),
                    "created": row.created or today or date.today(),
                }
            )
        except ValidationError as error:
            outcome.reason = _validation_reason(error)
            continue
        outcome.action, outcome.stage, outcome.created = Action.IMPORT, opportunity.stage, row.created
        outcome.remarks = row.remarks
        planned[key] = (number, opportunity)
        create.append(opportunity)
    if not rows:
        raise CannotImport(f"{path} has a header (row {source.header_row}) but no rows to import")
    return ImportPlan(source, rows, create, list(updates.values()), warnings, merge=merge, blank_rows=blank)


def apply_import(plan: ImportPlan) -> list[Path]:
    """Write the plan: new opportunities get new files, merged ones are saved in place.

    Returns the files written. Sets the ids of the new opportunities. If a file cannot be
    written, CannotImport says which and lists what was already written.
    """
    written: list[Path] = []
    for opportunity in [*plan.create, *plan.update]:
        try:
            written.append(store.save_opportunity(opportunity))
        except (OSError, store.BadFile, ValueError) as error:
            done = ", ".join(p.name for p in written) or "nothing"
            raise CannotImport(
                f"importing {plan.path} stopped: {opportunity.name} could not be saved ({error}); "
                f"already written: {done}"
            ) from error
    return written


def command(path: str | Path, existing: Sequence[Opportunity], *, dry_run: bool, merge: bool) -> str:
    """`evaluator import`: plan, write unless `dry_run`, and return the summary to print."""
    plan = plan_import(path, existing, merge=merge)
    if not dry_run:
        apply_import(plan)
    return plan.summary(dry_run=dry_run)
