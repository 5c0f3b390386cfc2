"""Text, Markdown and JSON output, shared by the command line and the app.

Nothing here computes a score: it formats what `evaluator.scoring` returns. The export
formats (a decision memo, a spreadsheet, the full data) are in `evaluator.export`, built
from the formatters here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from evaluator import paths, scoring, store
from evaluator.model import Answer, ChoiceScale, Criterion, Interview, NumberScale, Opportunity, Person, Profile

# --- small formatters shared with the app ------------------------------------------------


def percent(fraction: float) -> str:
    """A weight or probability as a whole percentage: 0.237 → "24%"."""
    return f"{fraction * 100:.0f}%"


def person(name: str, role: str) -> str:
    """Someone with their role: "Dana Ortiz (HR generalist)", or just "Dana Ortiz"."""
    return f"{name} ({role})" if role else name


def day(when: date, today: date | None = None) -> str:
    """A date as people read it: "23 Nov 2026", or "23 Nov" when it falls in `today`'s year."""
    if today is not None and when.year == today.year:
        return f"{when.day} {when:%b}"
    return f"{when.day} {when:%b %Y}"


def relative_day(when: date, today: date) -> str:
    """How far `when` is from `today`: "today", "tomorrow", "in 3 days", "yesterday", "2 days ago"."""
    days = (when - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 0 else f"{-days} days ago"


def range_text(score: scoring.Score) -> str:
    """The range a score could still move in: "58–84"."""
    return f"{score.low:.0f}–{score.high:.0f}"


def score_range(score: scoring.Score) -> str:
    """A score with its range: "72 (58–84)"."""
    return f"{score.score:.0f} ({range_text(score)})"


def answer_text(profile: Profile, answer: Answer) -> str:
    """An answer's value, whether or not its criterion is in `profile` (else shown as stored)."""
    criterion = profile.criterion(answer.criterion)
    if criterion is not None:
        return raw_value(criterion, answer.value)
    return "unknown" if answer.value is None else str(answer.value)


def raw_value(criterion: Criterion, raw: object) -> str:
    """An answer as the user gave it: "4/5", "brand-new role", "45 min", or "unknown"."""
    if raw is None:
        return "unknown"
    scale = criterion.scale
    if isinstance(scale, NumberScale):
        number = f"{raw:,.0f}" if isinstance(raw, int | float) and float(raw).is_integer() else f"{raw}"
        return f"{number} {scale.unit}".strip()
    if isinstance(scale, ChoiceScale):
        return str(raw)
    return f"{raw:g}/5" if isinstance(raw, int | float) else f"{raw}/5"


def cell_value(cell: scoring.Cell, criterion: Criterion) -> str:
    """The value shown for one criterion, never presenting an unknown as known."""
    if not cell.known:
        return f"unknown (counted {percent(cell.point)})"
    return raw_value(criterion, cell.raw)


def dealbreaker_text(criterion: Criterion) -> str:
    """A criterion's dealbreaker in words, e.g. "above 60 min" or "fully on-site"."""
    rule = criterion.dealbreaker
    if rule is None:
        return ""
    parts = []
    if rule.above is not None:
        parts.append(f"above {raw_value(criterion, rule.above)}")
    if rule.below is not None:
        parts.append(f"below {raw_value(criterion, rule.below)}")
    if rule.one_of:
        parts.append(" or ".join(rule.one_of))
    return " or ".join(parts)


def place_text(place: int | None) -> str:
    """A place from `scoring.places` as a ranking shows it: "3", or "✗" for an excluded one."""
    return "✗" if place is None else str(place)


FLIPS_SHOWN = 5
ASKS_SHOWN = 3
"""Questions listed per opportunity where a comparison is shown whole."""
COMPUTING = "computing win probabilities…"
"""What a screen says while the simulations run."""
"""How many flip thresholds people see, nearest first (JSON gives them all)."""

STATUS_TEXT = {
    "ranked": "",
    "possible-dealbreaker": "possible dealbreaker — ask",
    "excluded": "excluded",
}


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> str:
    """An aligned plain-text table."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        out = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))]
        return "  ".join(out).rstrip()

    return "\n".join([line(headers), line(["─" * w for w in widths]), *(line(r) for r in rows)])


# --- command line texts ------------------------------------------------------------------


def locations() -> str:
    """The folders in use, for `evaluator locate`."""
    rows = [
        ("data", paths.data_dir()),
        ("profiles", paths.profiles_dir()),
        ("opportunities", paths.opportunities_dir()),
        ("drafts", paths.drafts_dir()),
        ("settings", paths.settings_file()),
        ("trash", paths.trash_dir()),
        ("backups", paths.backups_dir()),
        ("quarantine", paths.quarantine_dir()),
        ("built-in profiles", paths.builtin_profiles_dir()),
    ]
    return "\n".join(f"{name + ':':<19}{folder}" for name, folder in rows)


def trash_list(items: Sequence[store.Trashed]) -> str:
    """What `evaluator trash list` prints: what can be restored, newest first."""
    if not items:
        return "The trash is empty."
    rows = [(t.id, t.kind, t.name, t.deleted.strftime("%Y-%m-%d %H:%M")) for t in items]
    table = _table(("id", "what", "name", "deleted"), rows)
    return f"{table}\n\nRestore one with: evaluator trash restore ID (or the start of its name)"


def repair_text(problems: Sequence[store.Problem], moved: Sequence[tuple[Path, Path]]) -> str:
    """What `evaluator repair` prints: the files that cannot be read, and where any were moved."""
    if not problems:
        return "Every file reads cleanly: nothing to repair."
    files = dict.fromkeys(p.path for p in problems)
    lines = [f"{len(files)} file{'s' if len(files) != 1 else ''} cannot be read:", *(f"  {p}" for p in problems)]
    if moved:
        lines += ["", f"Moved aside into {paths.quarantine_dir()} (fix a file there and move it back to use it):"]
        lines += [f"  {source.name} -> {target}" for source, target in moved]
    else:
        lines += ["", "Nothing was changed. To move these files aside into the quarantine folder, run:"]
        lines += ["  evaluator repair --quarantine"]
    return "\n".join(lines)


def opportunity_list(
    scores: Sequence[scoring.Score], profile: Profile, closed: Sequence[scoring.Score] = ()
) -> str:
    """The ranked list for `evaluator list`; `closed` ones follow, unnumbered (as on the home screen)."""
    if not scores and not closed:
        return f"No opportunities yet (profile: {profile.name})."
    rows = []
    places: list[int | str | None] = [*scoring.places(scores), *(["–"] * len(closed))]
    for place, s in zip(places, [*scores, *closed], strict=True):
        o = s.opportunity
        rows.append(
            [
                place if isinstance(place, str) else place_text(place),
                o.id,
                o.company,
                o.role,
                o.stage.value,
                score_range(s),
                str(s.unknowns),
                STATUS_TEXT[s.status],
            ]
        )
    table = _table(["#", "id", "company", "role", "stage", "score (range)", "unknown", "status"], rows, right=[0, 6])
    return f"Profile: {profile.name}\n\n{table}"


def score_text(score: scoring.Score, profile: Profile) -> str:
    """One opportunity's score, criterion by criterion, with the evidence behind each value."""
    rows = []
    for cell in score.cells:
        criterion = profile.criterion(cell.key)
        assert criterion is not None
        rows.append(
            [
                cell.label,
                percent(cell.weight),
                cell_value(cell, criterion),
                cell.confidence.value if cell.confidence else "",
                f"{cell.contribution:.1f}",
                cell.evidence.describe() if cell.evidence else "not asked yet",
            ]
        )
    lines = [
        f"{score.opportunity.name} — profile: {profile.name}",
        f"Score {score.score:.0f} out of 100, range {range_text(score)}"
        + (f" ({score.unknowns} unknown)" if score.unknowns else ""),
        "",
        _table(["criterion", "weight", "value", "confidence", "points", "evidence"], rows, right=[1, 4]),
    ]
    for check in score.dealbreakers:
        marker = "EXCLUDED" if check.state == "violated" else "possible dealbreaker — ask"
        lines.append(f"\n{marker}: {check.reason}")
    return "\n".join(lines)


def opportunity_text(opportunity: Opportunity, score: scoring.Score, profile: Profile) -> str:
    """Everything about one opportunity, for `evaluator show`."""
    o = opportunity
    details = [
        ("company", o.company),
        ("role", o.role),
        ("stage", o.stage.value + (" (archived)" if o.archived else "")),
        ("location", o.location),
        ("office policy", o.office_policy),
        ("link", o.link),
        ("contacts", ", ".join(person(p.name, p.role) for p in o.contacts)),
        ("follow up", f"{o.next_follow_up:%Y-%m-%d}" if o.next_follow_up else ""),
        ("added", f"{o.created:%Y-%m-%d}, updated {o.updated:%Y-%m-%d}"),
    ]
    lines = [f"{name + ':':<15}{value}" for name, value in details if value]
    if o.notes:
        lines += ["", o.notes]
    lines += ["", interviews_text(o, profile), "", score_text(score, profile)]
    return "\n".join(lines)


def contacts_text(people: Sequence[Person]) -> str:
    """Contacts as the form and the details show them: "Name, role, email", one per line."""
    return "\n".join(", ".join(part for part in (p.name, p.role, p.email) if part) for p in people)


def people_text(interview: Interview) -> str:
    """Who was met: "Claire Dumont (HR generalist), Julien Marchand"."""
    return ", ".join(person(p.name, p.role) for p in interview.people)


def interview_title(interview: Interview, separator: str = "  ") -> str:
    """"2026-11-19  Informational with Amara Nwosu (Account director)"."""
    people = people_text(interview)
    return f"{interview.date:%Y-%m-%d}{separator}{interview.kind.label}" + (f" with {people}" if people else "")


def described(
    profile: Profile, interview: Interview, answer: Answer
) -> tuple[Criterion | None, str, str, Person | None]:
    """One answer as the reports tell it: the profile's criterion (None if it has none by that key),
    the criterion's label, the answer as shown, and who said it."""
    criterion = profile.criterion(answer.criterion)
    label = criterion.label if criterion else answer.criterion
    return criterion, label, answer_text(profile, answer), interview.speaker(answer)


def interviews_text(opportunity: Opportunity, profile: Profile) -> str:
    """The interviews in date order, with who said what."""
    if not opportunity.interviews:
        return "No interviews yet."
    lines = []
    for interview in sorted(opportunity.interviews, key=lambda i: i.date):
        lines.append(interview_title(interview))
        for answer in interview.answers:
            _, label, shown, speaker = described(profile, interview, answer)
            who = f" — {speaker.name}" if speaker else ""
            lines.append(f"  {label}: {shown} ({answer.confidence.value} confidence){who}")
            if answer.text:
                lines.append(f"    “{answer.text}”")
    return "\n".join(lines)


def profile_list(profiles: Sequence[Profile]) -> str:
    """Every profile, for `evaluator profiles list`."""
    rows = [
        [p.name, "built-in" if p.builtin else "yours", p.method.value, str(len(p.criteria)), p.description]
        for p in profiles
    ]
    return _table(["name", "kind", "method", "criteria", "description"], rows, right=[3])


def profile_text(profile: Profile) -> str:
    """One profile's criteria, weights, dealbreakers and questions."""
    weights = scoring.weights(profile)
    lines = [
        f"{profile.name}{' (built-in: editing saves your own copy)' if profile.builtin else ''}",
        profile.description,
        f"Weighting: {profile.method.value}",
        "",
    ]
    rows = [
        [c.label, c.key, percent(weights[c.key]), c.scale.kind, dealbreaker_text(c)] for c in profile.criteria
    ]
    lines.append(_table(["criterion", "key", "weight", "scale", "dealbreaker"], rows, right=[2]))
    for c in profile.criteria:
        if c.questions:
            lines += ["", f"{c.label} — ask {c.ask_in.who}:"]
            lines += [f"  • {q}" for q in c.questions]
    if profile.history:
        lines += ["", "Earlier weights:"]
        for snapshot in profile.history:
            moved = ", ".join(f"{k} {percent(w)}" for k, w in snapshot.weights.items())
            lines.append(f"  {snapshot.date:%Y-%m-%d} ({snapshot.method.value}): {moved}")
    return "\n".join(lines)


# --- comparisons -------------------------------------------------------------------------


def win_probability(comparison: scoring.Comparison, opportunity_id: str) -> float | None:
    """How often this opportunity comes first in the simulations; None when they were not run."""
    return comparison.win.first.get(opportunity_id) if comparison.win else None


def comparison_table(comparison: scoring.Comparison, other: scoring.Comparison | None = None) -> str:
    """`evaluator compare`: ranked, with ranges and win probabilities, for people."""
    sections = [_ranking_table(comparison)]
    if other is not None:
        sections += [_ranking_table(other), scoring.contrast(comparison, other)]
    return "\n\n".join(sections)


def _ranking_table(comparison: scoring.Comparison) -> str:
    rows = []
    for place, s in zip(scoring.places(comparison.scores), comparison.scores, strict=True):
        win = win_probability(comparison, s.opportunity.id)
        rows.append(
            [
                place_text(place),
                s.opportunity.company,
                s.opportunity.role,
                f"{s.score:.0f}",
                range_text(s),
                percent(win) if win is not None else "",
                STATUS_TEXT[s.status],
            ]
        )
    table = _table(["#", "company", "role", "score", "range", "wins", "status"], rows, right=[0, 3, 5])
    lead = f" — lead is {comparison.label}" if comparison.label else ""
    lines = [f"Profile: {comparison.profile.name}{lead}", "", table]
    for s in comparison.scores:
        lines += [f"✗ {s.opportunity.company}: {c.reason}" for c in s.dealbreakers if c.state == "violated"]
    if comparison.flips:
        lines += ["", "What would flip it:"] + [f"  • {f.sentence}" for f in comparison.flips[:FLIPS_SHOWN]]
    lines += [f"  • {sentence}" for sentence in comparison.order_robust]
    if head := scoring.head_to_head(comparison):
        lines += ["", "Head to head:"] + [f"  • {sentence}" for sentence in head]
    asks = [(s, comparison.ask_next.get(s.opportunity.id, [])) for s in comparison.scores]
    if any(a for _, a in asks):
        lines += ["", "What to ask next:"]
        for s, items in asks:
            for ask in items[:ASKS_SHOWN]:
                lines.append(f"  • {s.opportunity.company} — {ask.label}: “{ask.question}” Ask {ask.ask_whom}.")
    lines += ["", comparison.summary]
    return "\n".join(lines)


def comparison_json(comparison: scoring.Comparison, other: scoring.Comparison | None = None) -> dict[str, Any]:
    """The stable JSON contract of `evaluator compare --format json` (docs/scoring.md)."""
    c = comparison
    result: dict[str, Any] = {
        "profile": {"name": c.profile.name, "weights": dict(c.weights)},
        "opportunities": [
            _opportunity_json(c, place, s) for place, s in zip(scoring.places(c.scores), c.scores, strict=True)
        ],
        "flip_thresholds": [
            {
                "criterion": f.key,
                "current_weight": f.current_weight,
                "threshold": f.threshold,
                "sentence": f.sentence,
            }
            for f in c.flips
        ],
        "summary": c.summary,
    }
    if other is not None:
        result["vs_profile"] = comparison_json(other)
        result["contrast"] = scoring.contrast(c, other)
    return result


def _opportunity_json(c: scoring.Comparison, place: int | None, s: scoring.Score) -> dict[str, Any]:
    o = s.opportunity
    return {
        "id": o.id,
        "company": o.company,
        "role": o.role,
        "rank": place,
        "score": s.score,
        "low": s.low,
        "high": s.high,
        "win_probability": win_probability(c, o.id),
        "beats": {
            b: p for (a, b), p in (c.win.pairwise.items() if c.win else ()) if a == o.id
        },
        "status": s.status,
        "dominated_by": c.dominated.get(o.id),
        "dealbreakers": [{"criterion": d.key, "state": d.state, "reason": d.reason} for d in s.dealbreakers],
        "criteria": [
            {
                "key": cell.key,
                "weight": cell.weight,
                "value": cell.value,
                "low": cell.low,
                "high": cell.high,
                "contribution": cell.contribution,
                "confidence": cell.confidence.value if cell.confidence else None,
                "evidence": cell.evidence.describe() if cell.evidence else None,
            }
            for cell in s.cells
        ],
        "ask_next": [
            {"criterion": a.key, "question": a.question, "ask_whom": a.ask_whom, "why": a.why}
            for a in c.ask_next.get(o.id, [])
        ],
    }


def comparison_markdown(comparison: scoring.Comparison, other: scoring.Comparison | None = None) -> str:
    """The comparison as Markdown someone else can read."""
    sections = [_markdown_section(comparison)]
    if other is not None:
        sections += [_markdown_section(other), f"## Two profiles\n\n{scoring.contrast(comparison, other)}"]
    return "\n\n".join(sections) + "\n"


def md_row(cells: Sequence[str]) -> str:
    """One Markdown table row; a "|" or a line break in a cell cannot end it early."""
    return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"


def _markdown_section(c: scoring.Comparison) -> str:
    lines = [f"# Comparison under “{c.profile.name}”", "", c.summary, "", "## Weights", ""]
    lines += md_weights(c)
    lines += ["", "## Ranking", "", *md_ranking(c)]
    if c.label:
        lines += ["", f"The lead is **{c.label}**."]
    lines += md_dealbreakers(c)
    lines += md_flips(c)
    lines += md_asks(c)
    return "\n".join(lines)


def md_weights(c: scoring.Comparison, dealbreakers: bool = False) -> list[str]:
    """The weights table; with `dealbreakers`, a third column states each criterion's limit."""
    if not dealbreakers:
        lines = [md_row(["criterion", "weight"]), md_row(["---", "---:"])]
        return lines + [md_row([crit.label, percent(c.weights[crit.key])]) for crit in c.profile.criteria]
    lines = [md_row(["criterion", "weight", "dealbreaker"]), md_row(["---", "---:", "---"])]
    return lines + [
        md_row([crit.label, percent(c.weights[crit.key]), dealbreaker_text(crit)]) for crit in c.profile.criteria
    ]


def md_ranking(c: scoring.Comparison) -> list[str]:
    """The ranking table, then how often the leader beats each other one head to head."""
    head = [""] + [f"- {sentence}" for sentence in scoring.head_to_head(c)] if c.win else []
    return _md_ranking_table(c) + head


def _md_ranking_table(c: scoring.Comparison) -> list[str]:
    lines = [md_row(["#", "opportunity", "score", "range", "wins", "status"])]
    lines.append(md_row(["---:", "---", "---:", "---", "---:", "---"]))
    for place, s in zip(scoring.places(c.scores), c.scores, strict=True):
        win = win_probability(c, s.opportunity.id)
        lines.append(
            md_row(
                [
                    place_text(place),
                    s.opportunity.name,
                    f"{s.score:.0f}",
                    range_text(s),
                    percent(win) if win is not None else "",
                    STATUS_TEXT[s.status],
                ]
            )
        )
    return lines


def md_dealbreakers(c: scoring.Comparison, none: str = "") -> list[str]:
    """The dealbreakers section; when nothing breaks one, the `none` sentence or no section at all."""
    breakers = [(s, d) for s in c.scores for d in s.dealbreakers]
    if not breakers:
        return ["", "## Dealbreakers", "", none] if none else []
    lines = ["", "## Dealbreakers", ""]
    return lines + [
        f"- **{s.opportunity.company}** ({'excluded' if d.state == 'violated' else 'possible — ask'}): {d.reason}"
        for s, d in breakers
    ]


def md_flips(c: scoring.Comparison, none: str = "") -> list[str]:
    """The flip thresholds section; when nothing flips the ranking, the `none` sentence or no section."""
    if not (c.flips or c.order_robust):
        return ["", "## What would flip the ranking", "", none] if none else []
    lines = ["", "## What would flip the ranking", ""]
    return lines + [f"- {f.sentence}" for f in c.flips[:FLIPS_SHOWN]] + [f"- {s}" for s in c.order_robust]


def md_asks(c: scoring.Comparison, none: str = "") -> list[str]:
    """What to ask next, for each opportunity; when nothing is pressing, the `none` sentence or no section."""
    asks = [(s, c.ask_next.get(s.opportunity.id, [])) for s in c.scores]
    if not any(items for _, items in asks):
        return ["", "## What to ask next", "", none] if none else []
    lines = ["", "## What to ask next", ""]
    for s, items in asks:
        for ask in items:
            lines.append(
                f"- **{s.opportunity.company}**, {ask.label}: “{ask.question}” Ask {ask.ask_whom}. _{ask.why}_"
            )
    return lines
