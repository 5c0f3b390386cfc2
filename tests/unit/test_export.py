"""Export: the Markdown memo, the CSV sheet and the JSON data, and `evaluator export`.

Every expected number is computed here with `evaluator.scoring` on the example data (or on small
models built in the test); nothing about the examples' scores is hard-coded.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from evaluator import export, report, scoring, store
from evaluator.__main__ import main
from evaluator.model import Answer, Interview, Opportunity, Person, Profile

TODAY = date(2026, 11, 22)
SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "export.schema.json"
MEMO_SECTIONS = (
    "## The profile: ",
    "## Ranking",
    "## Criterion by criterion",
    "## Dealbreakers",
    "## What would flip the ranking",
    "## What to ask next",
    "## Interviews: who said what",
)


def loaded() -> tuple[list[Profile], list[Opportunity]]:
    profiles = store.load_profiles().items
    return profiles, store.load_opportunities(profiles).items


def compare_examples(profile: str = "balanced", **options: Any) -> scoring.Comparison:
    profiles, opportunities = loaded()
    return scoring.compare([o for o in opportunities if o.is_open], store.find_profile(profiles, profile), **options)




def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.fixture
def validator() -> Any:
    """The shipped schema, itself checked against the draft 2020-12 meta-schema."""
    import jsonschema  # in the test extra

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


# --- Markdown ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["balanced", "return to work"])
def test_memo_holds_every_section_with_scorings_numbers(examples: Path, name: str) -> None:
    c = compare_examples(name)
    memo = export.export_markdown(c, TODAY)
    assert memo.startswith(f"# Decision memo: 3 opportunities under “{name}”\n")
    assert "on 2026-11-22" in memo
    positions = [memo.index(section) for section in MEMO_SECTIONS]
    assert positions == sorted(positions), "sections in reading order"
    assert c.summary in memo
    for criterion in c.profile.criteria:
        assert f"| {criterion.label} | {report.percent(c.weights[criterion.key])} |" in memo
    assert c.win is not None
    for s in c.scores:
        win = report.percent(c.win.first[s.opportunity.id])
        assert f"| {s.opportunity.name} | {s.score:.0f} | {s.low:.0f}–{s.high:.0f} | {win} |" in memo
        for check in s.dealbreakers:
            assert check.reason in memo
        for ask in c.ask_next.get(s.opportunity.id, []):
            assert ask.question in memo
    for flip in c.flips[: report.FLIPS_SHOWN]:
        assert flip.sentence in memo


def test_memo_reuses_the_comparison_markdown(examples: Path) -> None:
    """The ranking, dealbreakers, flips and asks read exactly as in `compare --format markdown`."""
    c = compare_examples("return to work")
    memo = export.export_markdown(c, TODAY)
    shared = report.comparison_markdown(c).split("## Ranking", 1)[1]
    for line in shared.splitlines():
        if line and not line.startswith("The lead is"):
            assert line in memo


def test_memo_criterion_table_shows_value_confidence_and_points(examples: Path) -> None:
    c = compare_examples()
    memo = export.export_markdown(c, TODAY)
    winery = next(s for s in c.scores if s.opportunity.company == "Vallée Verte Wines")
    growth = winery.cell("growth_plans")
    pay = winery.cell("pay")
    assert growth is not None and pay is not None and not growth.known
    table = memo.split("## Criterion by criterion", 1)[1].split("\n## ", 1)[0].splitlines()
    assert table[4] == "| criterion | weight | " + " | ".join(s.opportunity.company for s in c.scores) + " |"
    row = next(line for line in table if line.startswith("| Growth plans |"))
    assert f"unknown (counted {growth.point * 100:.0f}%) · {growth.contribution:.1f} pts" in row
    row = next(line for line in table if line.startswith("| Pay |"))
    assert f"46,000 EUR · high · {pay.contribution:.1f} pts" in row
    assert table[-1].startswith("| **Score** |")


def test_memo_says_who_said_what_in_each_interview(examples: Path) -> None:
    memo = export.export_markdown(compare_examples(), TODAY)
    interviews = memo.split("## Interviews: who said what", 1)[1]
    for name in ("Pulseband — Brand content creator", "Vallée Verte Wines — Digital marketing coordinator"):
        assert f"### {name}" in interviews
    assert "#### 2026-11-16 · Screening with Claire Dumont (HR generalist)" in interviews
    assert "- **Role origin**: like-for-like replacement (high confidence), said by Claire Dumont (HR generalist)." in (
        interviews
    )
    assert "- **Growth plans**: unknown (low confidence), said by Claire Dumont (HR generalist)." in interviews
    assert "  > She couldn't say; suggested I ask the marketing director." in interviews
    # In date order within an opportunity.
    pulseband = interviews.split("\n### Pulseband", 1)[1].split("\n### ", 1)[0]
    assert pulseband.index("#### 2026-11-06 · Screening") < pulseband.index("#### 2026-11-13 · Hiring manager")


def test_memo_without_dealbreakers_or_interviews_says_so(
    make_profile: Callable[..., Profile], make_opportunity: Callable[..., Opportunity]
) -> None:
    c = scoring.compare([make_opportunity(id="acme", interviews=[])], make_profile())
    memo = export.export_markdown(c, TODAY)
    for section in MEMO_SECTIONS:
        assert section in memo
    assert "None of these opportunities breaks a dealbreaker, or might." in memo
    assert "No interviews yet." in memo


# --- CSV ---------------------------------------------------------------------------------


def test_csv_round_trip_gives_scorings_numbers(examples: Path) -> None:
    c = compare_examples("return to work")
    text = export.export_csv(c)
    rows = read_csv(text)
    keys = [criterion.key for criterion in c.profile.criteria]
    assert list(rows[0]) == [*export.CSV_COLUMNS, *(f"{k} {part}" for k in keys for part in ("value", "points"))]
    assert [r["id"] for r in rows] == [s.opportunity.id for s in c.scores]
    assert c.win is not None
    for row, s in zip(rows, c.scores, strict=True):
        assert row["company"] == s.opportunity.company
        assert row["status"] == s.status
        assert row["stage"] == s.opportunity.stage.value
        for column, expected in (("score", s.score), ("low", s.low), ("high", s.high)):
            assert float(row[column]) == pytest.approx(expected, abs=0.005)
        assert float(row["win probability"]) == pytest.approx(c.win.first[s.opportunity.id], abs=0.00005)
        points = [float(row[f"{k} points"]) for k in keys]
        assert sum(points) == pytest.approx(s.score, abs=0.005 * len(keys))
        for cell in s.cells:
            value = row[f"{cell.key} value"]
            if not cell.known:
                assert value == "unknown"
            elif isinstance(cell.raw, int | float):
                assert float(value) == cell.raw
            else:
                assert value == cell.raw
    expected_ranks, rank = [], 0
    for s in c.scores:
        rank += s.status != "excluded"
        expected_ranks.append("" if s.status == "excluded" else str(rank))
    assert [r["rank"] for r in rows] == expected_ranks


def test_csv_is_rfc_4180(make_profile: Callable[..., Profile], make_opportunity: Callable[..., Opportunity]) -> None:
    """CRLF after every record, quotes around commas, quotes and line breaks, doubled inner quotes."""
    tricky = make_opportunity(id="tricky", company='Smith, "Jones"\n& Co', role="Ça va — rôle")
    text = export.export_csv(scoring.compare([tricky], make_profile()))
    assert text.endswith("\r\n")
    assert text.count("\r\n") == 2  # header and one record; the newline inside the quotes stays \n
    assert '"Smith, ""Jones""\n& Co"' in text
    (row,) = read_csv(text)
    assert row["company"] == 'Smith, "Jones"\n& Co'
    assert row["role"] == "Ça va — rôle"


def test_csv_guards_user_text_against_formulas(
    make_profile: Callable[..., Profile], make_opportunity: Callable[..., Opportunity]
) -> None:
    """OWASP "CSV Injection": no user text may start a cell with = + - @ (or tab, CR); numbers stay numbers."""
    profile = make_profile(
        criteria=[
            {
                "key": "office",
                "label": "Office",
                "scale": {"kind": "choice", "options": [{"label": "=1+1", "value": 1}, {"label": "-x", "value": 0}]},
            },
            {"key": "balance", "label": "Balance", "scale": {"kind": "number", "worst": -10, "best": 10}},
        ]
    )
    companies = ['=HYPERLINK("http://evil.example","click")', "+1 Corp", "@home", "-minus", "Plain"]
    opportunities = [
        make_opportunity(
            id=f"opp-{i}",
            company=company,
            role="@role" if i == 0 else "Role",
            interviews=[
                Interview(
                    date=TODAY,
                    answers=[Answer(criterion="office", value="=1+1"), Answer(criterion="balance", value=-3.5)],
                )
            ],
        )
        for i, company in enumerate(companies)
    ]
    text = export.export_csv(scoring.compare(opportunities, profile))
    rows = read_csv(text)
    by_id = {r["id"]: r for r in rows}
    for i, company in enumerate(companies):
        row = by_id[f"opp-{i}"]
        assert row["company"] == (company if company == "Plain" else f"'{company}")
        assert row["office value"] == "'=1+1"
        assert row["balance value"] == "-3.5"  # a number evaluator wrote: stays a number
        assert float(row["balance points"]) >= 0
    assert by_id["opp-0"]["role"] == "'@role"
    # Whatever the cell, one that starts like a formula is a plain number.
    for row in csv.reader(io.StringIO(text, newline="")):
        for cell in row:
            if cell.startswith(export.FORMULA_START):
                float(cell)


@pytest.mark.parametrize("text", ["=cmd", "+1", "-1 Corp", "@SUM(A1)", "\tx", "\rx"])
def test_spreadsheet_text_prefixes_a_quote(text: str) -> None:
    assert export.spreadsheet_text(text) == "'" + text
    assert export.spreadsheet_text("Acme " + text) == "Acme " + text


# --- JSON --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["balanced", "creative impact", "early career", "return to work"])
def test_json_is_valid_against_the_shipped_schema(examples: Path, validator: Any, name: str) -> None:
    c = compare_examples(name)
    data = json.loads(export.export_json(c, TODAY))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []
    assert data["exported"] == "2026-11-22"
    assert data["profile"]["name"] == name
    # The scores are exactly `compare --format json`, and the ids and scores are scoring's.
    assert data["comparison"] == json.loads(json.dumps(report.comparison_json(c)))
    assert [o["id"] for o in data["opportunities"]] == [s.opportunity.id for s in c.scores]
    assert c.win is not None
    for scored, s in zip(data["comparison"]["opportunities"], c.scores, strict=True):
        assert scored["id"] == s.opportunity.id
        assert (scored["score"], scored["low"], scored["high"]) == (s.score, s.low, s.high)
        assert scored["win_probability"] == c.win.first[s.opportunity.id]


def test_json_holds_the_full_data_and_loads_back(examples: Path, validator: Any) -> None:
    """Each opportunity validates back into the model, interviews and who said what included."""
    _, opportunities = loaded()
    data = json.loads(export.export_json(compare_examples(), TODAY))
    by_id = {o.id: o for o in opportunities}
    for exported in data["opportunities"]:
        original = by_id[exported["id"]]
        assert Opportunity.model_validate(exported).model_dump() == original.model_dump()
    winery = next(o for o in data["opportunities"] if o["company"] == "Vallée Verte Wines")
    growth = next(a for i in winery["interviews"] for a in i["answers"] if a["criterion"] == "growth_plans")
    assert growth["value"] is None and growth["said_by"] == "Claire Dumont"
    assert Profile.model_validate(data["profile"] | {"builtin": False}).name == "balanced"


def test_json_without_probabilities_and_with_a_pairwise_profile_is_valid(
    validator: Any, make_profile: Callable[..., Profile], make_opportunity: Callable[..., Opportunity]
) -> None:
    profile = make_profile(
        method="pairwise",
        judgments=[
            {"more": "growth", "less": "office", "strength": 3},
            {"more": "office", "less": "commute", "strength": 2},
        ],
    )
    c = scoring.compare(
        [make_opportunity(id="a"), make_opportunity(id="b", interviews=[])], profile, with_probabilities=False
    )
    data = json.loads(export.export_json(c, TODAY))
    assert list(validator.iter_errors(data)) == []
    assert [o["win_probability"] for o in data["comparison"]["opportunities"]] == [None, None]
    assert data["profile"]["judgments"][0] == {"more": "growth", "less": "office", "strength": 3}


def test_the_schema_rejects_what_evaluator_never_writes(examples: Path, validator: Any) -> None:
    good = json.loads(export.export_json(compare_examples(), TODAY))

    def broken(change: Callable[[dict[str, Any]], None]) -> bool:
        data = json.loads(json.dumps(good))
        change(data)
        return not validator.is_valid(data)

    assert validator.is_valid(good)
    assert broken(lambda d: d["opportunities"][0].pop("interviews"))
    assert broken(lambda d: d["opportunities"][0]["interviews"][0]["answers"][0].update(value=True))
    assert broken(lambda d: d["opportunities"][0].update(stage="maybe"))
    assert broken(lambda d: d["comparison"]["opportunities"][0].update(status="winner"))
    assert broken(lambda d: d["comparison"]["opportunities"][0].update(win_probability=1.5))
    assert broken(lambda d: d.update(surprise=1))
    assert broken(lambda d: d["profile"]["criteria"][0]["scale"].update(kind="stars"))


# --- evaluator export --------------------------------------------------------------------


def test_cli_prints_csv_to_stdout_without_a_bom(examples: Path, cli) -> None:
    code, out, err = cli("export", "--format", "csv", "--profile", "creative impact")
    assert code == 0, err
    assert not out.startswith("\ufeff")
    expected = compare_examples("creative impact")
    assert [r["id"] for r in read_csv(out)] == [s.opportunity.id for s in expected.scores]


def test_cli_writes_the_same_bytes_as_the_report(
    examples: Path, cli, tmp_path: Path
) -> None:
    """CSV files carry a UTF-8 byte-order mark so that Excel reads "Vallée" right."""
    target = tmp_path / "sheet.csv"
    code, out, err = cli("export", "pulseband", "vallee", "--format", "csv", "-o", str(target))
    assert code == 0, err
    assert out.strip() == f"Wrote {target}"
    profiles, opportunities = loaded()
    chosen = [store.find_opportunity(opportunities, q) for q in ("pulseband", "vallee")]
    expected = export.export_csv(scoring.compare(chosen, store.find_profile(profiles, "balanced")))
    assert target.read_bytes() == b"\xef\xbb\xbf" + expected.encode("utf-8")
    assert "Vallée Verte Wines" in target.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize(
    ("format", "check"), [("markdown", "# Decision memo"), ("json", '"format": "evaluator-export"')]
)
def test_cli_writes_markdown_and_json(
    examples: Path, cli, tmp_path: Path, format: str, check: str
) -> None:
    target = tmp_path / f"out{export.EXPORT_SUFFIX[format]}"
    code, _, err = cli("export", "--format", format, "--output", str(target))
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert not text.startswith("\ufeff")
    assert check in text


def test_cli_refuses_to_replace_a_file_unless_forced(
    examples: Path, cli, tmp_path: Path
) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "memo.md"
    target.write_text("my own notes\n", encoding="utf-8")
    code, out, err = cli("export", "--format", "markdown", "-o", str(target))
    assert code == 2
    assert out == ""
    assert "already exists" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "my own notes\n"
    assert [p.name for p in target.parent.iterdir()] == ["memo.md"]  # no temporary file left behind

    code, _, err = cli("export", "--format", "markdown", "-o", str(target), "--force")
    assert code == 0, err
    assert target.read_text(encoding="utf-8").startswith("# Decision memo")


def test_cli_into_a_missing_folder_writes_nothing(
    examples: Path, cli, tmp_path: Path
) -> None:
    target = tmp_path / "no" / "such" / "memo.md"
    code, out, err = cli("export", "--format", "json", "-o", str(target))
    assert code == 2
    assert out == ""
    assert f"the folder {target.parent} does not exist" in err
    assert not (tmp_path / "no").exists()


def test_cli_into_a_folder_is_refused(examples: Path, cli, tmp_path: Path) -> None:
    code, _, err = cli("export", "--format", "json", "-o", str(tmp_path))
    assert code == 2
    assert "is a folder" in err


def test_cli_unknown_names_list_what_exists(examples: Path, cli, tmp_path: Path) -> None:
    target = tmp_path / "x.md"
    code, out, err = cli("export", "--format", "markdown", "acme", "-o", str(target))
    assert code == 2 and out == ""
    assert "acme" in err and "pulseband" in err.casefold()
    code, out, err = cli("export", "--format", "markdown", "--profile", "nope", "-o", str(target))
    assert code == 2 and out == ""
    assert "nope" in err and "creative impact" in err
    assert not target.exists()


def test_cli_bad_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["export", "--format", "pdf"])
    assert exit_.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_cli_with_nothing_open_says_so(cli) -> None:
    code, out, err = cli("export", "--format", "csv")
    assert code == 2 and out == ""
    assert "nothing to export" in err


def test_write_export_replaces_a_file_only_when_asked(tmp_path: Path) -> None:
    """The writing itself is store.write_file, tested in test_store; here the export's names for it."""
    target = tmp_path / "a.md"
    target.write_text("someone else's\n", encoding="utf-8")
    with pytest.raises(export.ExportExists, match="already exists"):
        export.write_export("# mine\n", target, "markdown")
    assert target.read_text(encoding="utf-8") == "someone else's\n"
    assert export.write_export("# mine\n", target, "markdown", overwrite=True) == target
    assert target.read_text(encoding="utf-8") == "# mine\n"
    with pytest.raises(export.ExportError, match="does not exist"):
        export.write_export("# mine\n", tmp_path / "no" / "a.md", "markdown")
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_speaker_is_named_even_when_said_by_is_empty(
    make_profile: Callable[..., Profile], make_opportunity: Callable[..., Opportunity]
) -> None:
    """An answer without `said_by` is the first person's (model.Interview.speaker)."""
    opportunity = make_opportunity(
        id="acme",
        interviews=[
            Interview(
                date=TODAY,
                people=[Person(name="Ana Lima", role="Recruiter")],
                answers=[Answer(criterion="growth", value=4, text="Doubling the team.")],
            )
        ],
    )
    memo = export.export_markdown(scoring.compare([opportunity], make_profile()), TODAY)
    assert "- **Growth**: 4/5 (medium confidence), said by Ana Lima (Recruiter)." in memo
    assert "  > Doubling the team." in memo
