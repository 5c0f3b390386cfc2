"""Exports of a comparison: a decision memo (Markdown), a spreadsheet (CSV), the full data (JSON).

`evaluator export` and the app's export dialog both call `export(comparison, format)` and
`write_export(text, path, format)`: one implementation, whatever asks for it. The tables and
sentences shared with `evaluator compare` come from `evaluator.report`.
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date
from pathlib import Path
from typing import Any

from evaluator import __version__, scoring, store
from evaluator.model import Opportunity, Profile
from evaluator.numbers import number_text
from evaluator.report import (
    cell_value,
    comparison_json,
    described,
    interview_title,
    md_asks,
    md_dealbreakers,
    md_flips,
    md_ranking,
    md_row,
    md_weights,
    percent,
    person,
    range_text,
    win_probability,
)

EXPORT_FORMATS = ("markdown", "csv", "json")
EXPORT_SUFFIX = {"markdown": ".md", "csv": ".csv", "json": ".json"}
EXPORT_ENCODING = {"markdown": "utf-8", "csv": "utf-8-sig", "json": "utf-8"}
"""How files are written. CSV files get a byte-order mark: without one, Excel reads UTF-8 as the
local code page ("VallÃ©e"); LibreOffice, Numbers, pandas and Python's "utf-8-sig" all accept it."""

EXPORT_SCHEMA_VERSION = 1
"""The `format_version` of the JSON export (docs/export.schema.json)."""


ExportError = store.CannotWrite
"""A file the export will not write, with the reason in words. Nothing was written."""
ExportExists = store.TargetExists
"""The file is already there, and replacing it was not asked for."""


def export(comparison: scoring.Comparison, format: str, today: date | None = None) -> str:
    """The comparison as `format` ("markdown", "csv" or "json")."""
    if format == "markdown":
        return export_markdown(comparison, today)
    if format == "csv":
        return export_csv(comparison)
    if format == "json":
        return export_json(comparison, today)
    raise ValueError(f"unknown export format {format!r}; use one of: {', '.join(EXPORT_FORMATS)}")


def export_target(path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """The file to write, checked first: a name, an existing folder, and new unless `overwrite`.

    Raises ExportError (ExportExists when the file is there and `overwrite` is false).
    """
    return store.check_target(path, replace=overwrite)


def write_export(text: str, path: str | os.PathLike[str], format: str, *, overwrite: bool = False) -> Path:
    """Write an export whole or not at all (`store.write_file`); return its path.

    Raises ExportError (ExportExists when the file is there and `overwrite` is false).
    """
    return store.write_file(path, text.encode(EXPORT_ENCODING[format]), replace=overwrite)


# --- the decision memo (Markdown) --------------------------------------------------------

METHOD_TEXT = {
    "points": "points per criterion, in proportion",
    "rank": "an order of importance (rank-order centroid weights)",
    "pairwise": "pairwise judgments (AHP)",
}


def export_markdown(c: scoring.Comparison, today: date | None = None) -> str:
    """A decision memo someone else can read: the comparison, then who said what."""
    profile = c.profile
    count = len(c.scores)
    lines = [
        f"# Decision memo: {count} opportunit{'y' if count == 1 else 'ies'} under “{profile.name}”",
        "",
        f"_Exported by evaluator {__version__} on {(today or date.today()).isoformat()}._",
        "",
        c.summary,
        "",
        f"## The profile: {profile.name}",
        "",
    ]
    if profile.description:
        lines += [_md_text(profile.description), ""]
    how = f"Weights come from {METHOD_TEXT[profile.method.value]}"
    if c.consistency is not None:
        how += f"; consistency ratio {c.consistency.consistency_ratio:.2f}"
    lines += [how + ".", "", *md_weights(c, dealbreakers=True)]
    lines += ["", "## Ranking", "", *md_ranking(c), ""]
    if c.win is not None:
        lines.append(
            f"“Wins” is how often each comes first in {c.win.samples:,} simulations that vary your weights "
            "and the uncertain answers." + (f" The lead is **{c.label}**." if c.label else "")
        )
    else:
        lines.append("Win probabilities were not computed for this export.")
    lines += _md_criteria(c)
    lines += md_dealbreakers(c, none="None of these opportunities breaks a dealbreaker, or might.")
    lines += md_flips(c, none="No change to a single weight puts another opportunity first.")
    lines += md_asks(c, none="Nothing pressing: every answer is known well enough.")
    lines += ["", "## Interviews: who said what"]
    for s in c.scores:
        lines += ["", *_md_interviews(s.opportunity, profile)]
    return "\n".join(lines) + "\n"


def _md_text(text: str) -> str:
    """Free text on one line (tables and list items cannot hold line breaks)."""
    return " ".join(text.split())


def _md_criteria(c: scoring.Comparison) -> list[str]:
    names = [s.opportunity.company for s in c.scores]
    if len(set(names)) < len(names):  # two roles at one company: tell the columns apart
        names = [s.opportunity.name for s in c.scores]
    lines = [
        "",
        "## Criterion by criterion",
        "",
        "Each cell: the answer · how sure it is · the points it adds. An unknown counts at the middle "
        "of its range, never as zero.",
        "",
        md_row(["criterion", "weight", *names]),
        md_row(["---", "---:", *(["---"] * len(names))]),
    ]
    for criterion in c.profile.criteria:
        row = [criterion.label, percent(c.weights[criterion.key])]
        for s in c.scores:
            cell = s.cell(criterion.key)
            assert cell is not None
            parts = [cell_value(cell, criterion)]
            if cell.known and cell.confidence is not None:
                parts.append(cell.confidence.value)
            parts.append(f"{cell.contribution:.1f} pts")
            row.append(" · ".join(parts))
        lines.append(md_row(row))
    lines.append(md_row(["**Score**", "", *(f"**{s.score:.0f}** ({range_text(s)})" for s in c.scores)]))
    return lines


def _md_interviews(o: Opportunity, profile: Profile) -> list[str]:
    lines = [f"### {o.name}", ""]
    facts = [f"Stage: {o.stage.value}" + (" (archived)" if o.archived else "")]
    if o.location:
        facts.append(f"Location: {_md_text(o.location)}")
    if o.office_policy:
        facts.append(f"Office (as advertised): {_md_text(o.office_policy)}")
    if o.link:
        facts.append(f"<{o.link}>")
    lines.append(" · ".join(facts))
    for paragraph in o.notes.split("\n\n"):
        if paragraph.strip():
            lines += ["", _md_text(paragraph)]
    if not o.interviews:
        return [*lines, "", "No interviews yet."]
    for interview in sorted(o.interviews, key=lambda i: i.date):
        lines += ["", f"#### {interview_title(interview, ' · ')}"]
        if interview.notes:
            lines += ["", _md_text(interview.notes)]
        if interview.answers:
            lines.append("")
        for answer in interview.answers:
            criterion, label, shown, speaker = described(profile, interview, answer)
            who = f", said by {person(speaker.name, speaker.role)}" if speaker else ""
            aside = "" if criterion else " _(not a criterion of this profile)_"
            lines.append(f"- **{label}**{aside}: {shown} ({answer.confidence.value} confidence){who}.")
            if answer.question:
                lines.append(f"  Asked: “{_md_text(answer.question)}”")
            if answer.text:
                lines.append(f"  > {_md_text(answer.text)}")
    return lines


# --- the spreadsheet (CSV) ---------------------------------------------------------------

CSV_COLUMNS = ("id", "company", "role", "stage", "status", "rank", "score", "low", "high", "win probability")
"""The first columns; then "<key> value" and "<key> points" for each criterion, in the profile's order."""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection")."""


def spreadsheet_text(text: str) -> str:
    """User text made safe for a spreadsheet cell: a leading ' keeps "=HYPERLINK(…)" a string.

    Only for text people typed: numbers evaluator writes itself stay numbers, negative ones too.
    """
    return f"'{text}" if text.startswith(FORMULA_START) else text


def _number(x: float, places: int = 2) -> str:
    return f"{x:.{places}f}"


def _csv_value(cell: scoring.Cell) -> str:
    """The answer as given: a number stays a number, a choice label is guarded, unknown says so."""
    raw = cell.raw
    if not cell.known or raw is None:
        return "unknown"
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, float):
        return number_text(raw)
    return spreadsheet_text(str(raw))


def export_csv(c: scoring.Comparison) -> str:
    """One row per opportunity, RFC 4180 (CRLF line ends, quotes only where needed).

    Scores and points have two decimals, the win probability four (a fraction: format it as a
    percentage in the spreadsheet); an excluded opportunity has no rank.
    """
    keys = [criterion.key for criterion in c.profile.criteria]
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([*CSV_COLUMNS, *(f"{key} {part}" for key in keys for part in ("value", "points"))])
    for place, s in zip(scoring.places(c.scores), c.scores, strict=True):
        o = s.opportunity
        win = win_probability(c, o.id)
        row = [
            spreadsheet_text(o.id),
            spreadsheet_text(o.company),
            spreadsheet_text(o.role),
            o.stage.value,
            s.status,
            "" if place is None else str(place),
            _number(s.score),
            _number(s.low),
            _number(s.high),
            "" if win is None else _number(win, 4),
        ]
        for key in keys:
            cell = s.cell(key)
            assert cell is not None
            row += [_csv_value(cell), _number(cell.contribution)]
        writer.writerow(row)
    return buffer.getvalue()


# --- the full data (JSON) ----------------------------------------------------------------


def export_data(c: scoring.Comparison, today: date | None = None) -> dict[str, Any]:
    """Everything: the profile, each opportunity as stored (interviews included), and the scores.

    The shape is docs/export.schema.json; `comparison` is exactly `comparison_json`.
    """
    profile = c.profile.model_dump(mode="json", by_alias=True)
    profile["builtin"] = c.profile.builtin
    return {
        "format": "evaluator-export",
        "format_version": EXPORT_SCHEMA_VERSION,
        "evaluator": __version__,
        "exported": (today or date.today()).isoformat(),
        "profile": profile,
        "comparison": comparison_json(c),
        "opportunities": [
            {"id": s.opportunity.id, **s.opportunity.model_dump(mode="json", by_alias=True)} for s in c.scores
        ],
    }


def export_json(c: scoring.Comparison, today: date | None = None) -> str:
    """`export_data` as indented JSON text (UTF-8, not ASCII-escaped)."""
    return json.dumps(export_data(c, today), indent=2, ensure_ascii=False) + "\n"
