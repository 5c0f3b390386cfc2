"""Importing CSV exports: each tracker's shape, encodings and separators, duplicates, merges,
dry runs that write nothing, and bad files refused with exit code 2 and nothing written.

The files in tests/data/import/ are written in the shapes these tools export (see the
comments in each test); they are read as bytes, exactly as a user's download would be.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from evaluator import importing, paths, store
from evaluator.importing import Action, CannotImport, DayOrder
from evaluator.model import Opportunity, Stage

FILES = Path(__file__).parent.parent / "data" / "import"
TODAY = date(2026, 11, 22)




def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under the folder with its bytes (empty if the folder does not exist)."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def loaded() -> dict[str, Opportunity]:
    """The opportunities on disk by company."""
    found = store.load_opportunities()
    assert not found.problems, found.problems
    return {o.company: o for o in found.items}


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# --- Each tool's shape --------------------------------------------------------------------


def test_huntr_board_export(cli) -> None:
    """Huntr-style: board "List" column as the status, ISO timestamps, a card colour column."""
    code, out, err = cli("import", str(FILES / "huntr.csv"))
    assert code == 0, err
    assert "Imported 5, skipped 0." in out
    got = loaded()
    assert {c: (o.role, o.stage) for c, o in got.items()} == {
        "Fernhill Outdoor": ("Content Marketing Specialist", Stage.LEAD),
        "Brightwave Studio": ("Social Media Manager", Stage.APPLIED),
        "Orchard & Pine": ("Brand Manager", Stage.INTERVIEWING),
        "Maison Berthet": ("Marketing Coordinator", Stage.OFFER),
        "Rivergate Council": ("Communications Officer", Stage.REJECTED),
    }
    # created = date applied, else the date the card was created
    assert got["Brightwave Studio"].created == date(2024, 3, 1)
    assert got["Fernhill Outdoor"].created == date(2024, 2, 27)
    assert got["Maison Berthet"].location == "Villefranche-sur-Saône, France"
    assert got["Rivergate Council"].link == "https://rivergate.example.org/vacancies/118"
    # other columns are kept in the notes; the colour is tracker noise and is not
    assert got["Fernhill Outdoor"].notes == (
        "Friend of Sam works there\n\nDescription: Write the blog and the newsletter, own the editorial calendar."
    )
    assert got["Maison Berthet"].notes == "Offer letter due Friday\n\nSalary: 38k"
    assert not any("#" in o.notes for o in got.values())


def test_teal_export_maps_every_status_word(cli) -> None:
    """Teal-style: "Job Position", Teal's own status words, US month/day/year dates, CRLF."""
    code, out, err = cli("import", str(FILES / "teal.csv"))
    assert code == 0, err
    got = loaded()
    assert {c: o.stage for c, o in got.items()} == {
        "Northwind Analytics": Stage.LEAD,  # Bookmarked
        "Bluefin Media": Stage.LEAD,  # Applying (not sent yet)
        "Cedar Health": Stage.APPLIED,
        "Lattice Foods": Stage.INTERVIEWING,
        "Kestrel Outdoors": Stage.OFFER,  # Negotiating
        "Harbor Bank": Stage.ACCEPTED,
        "Quartz Retail": Stage.WITHDRAWN,  # I Withdrew
        "Summit Labs": Stage.REJECTED,  # Not Selected
        "Pinecone Co": Stage.GHOSTED,  # No Response 🔇
        "Ridgeline Software": Stage.LEAD,  # Archived: not a stage we know
    }
    assert got["Lattice Foods"].role == "Marketing Manager"
    # 03/29/2024 elsewhere in the file shows the dates are month first: 01/09 is 9 January
    assert got["Summit Labs"].created == date(2024, 1, 9)
    assert got["Northwind Analytics"].created == date(2024, 3, 2)  # date saved, not applied
    assert "Row 11  import  Ridgeline Software — Demand Generation Manager (lead, 2023-11-20); " in out
    assert "status “Archived” not recognised: stage lead, the status kept in the notes" in out
    assert got["Ridgeline Software"].notes == "Status: Archived\nExcitement: 1"
    assert got["Kestrel Outdoors"].notes == "Counter at 105k\n\nMin Salary: 95000\nExcitement: 5"


def test_simplify_list_with_text_dates_and_remote_column(cli) -> None:
    code, _, err = cli("import", str(FILES / "simplify.csv"))
    assert code == 0, err
    got = loaded()
    assert {c: (o.role, o.stage) for c, o in got.items()} == {
        "Vireo Labs": ("Marketing Analyst", Stage.APPLIED),
        "Tandem Games": ("Community Manager", Stage.SCREENING),
        "Oakline": ("Content Designer", Stage.INTERVIEWING),
        "Glasswing AI": ("Product Marketing Associate", Stage.OFFER),
        "Mosaic Travel": ("Social Media Coordinator", Stage.REJECTED),
        "Lumen Robotics": ("Marketing Specialist", Stage.GHOSTED),
    }
    assert got["Vireo Labs"].created == date(2024, 3, 4)  # "Mar 4, 2024"
    assert got["Lumen Robotics"].created == date(2023, 12, 11)
    assert got["Tandem Games"].office_policy == "On-site"  # the "Remote" column
    assert got["Oakline"].link == "https://simplify.example.com/p/5e6f"
    assert all(o.notes == "" for o in got.values())


def test_linkedin_applications_without_status_are_applied(cli) -> None:
    """LinkedIn's data export: no status column; an application date means it was sent."""
    code, _, err = cli("import", str(FILES / "linkedin_job_applications.csv"))
    assert code == 0, err
    got = loaded()
    assert {c: (o.role, o.stage) for c, o in got.items()} == {
        "Aurora Cosmetics": ("Digital Marketing Manager", Stage.APPLIED),
        "Seabright": ("Marketing Coordinator", Stage.APPLIED),
        "Nordlys Energy": ("Communications Specialist", Stage.APPLIED),
    }
    assert got["Aurora Cosmetics"].created == date(2023, 10, 3)  # "10/3/23, 4:05 PM"
    assert got["Seabright"].created == date(2023, 9, 27)
    assert "Question And Answers: Languages?:English, French" in got["Nordlys Energy"].notes
    assert got["Aurora Cosmetics"].link == "https://www.linkedin.com/jobs/view/3721234567/"


def test_excel_on_windows_bom_semicolons_and_day_first_dates(
    examples: Path, cli
) -> None:
    """Excel (French locale) "CSV UTF-8": a byte-order mark, ';', CRLF, dd/mm/yyyy, French headers."""
    raw = (FILES / "excel_windows.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfEntreprise;")  # the fixture really is what Excel writes
    code, out, err = cli("import", str(FILES / "excel_windows.csv"))
    assert code == 0, err
    assert "excel_windows.csv: UTF-8 with BOM, semicolon-separated, header on row 1" in out
    got = loaded()
    ogon = got["Brasserie Ögon"]
    assert (ogon.role, ogon.stage, ogon.created) == ("Chargée de communication", Stage.APPLIED, date(2026, 11, 18))
    assert ogon.notes == "Recontacter; après le 15\n\nSalaire: 32 000,00 €"  # a quoted ';' stays in its cell
    vives = got["Les Œuvres Vives"]
    assert (vives.stage, vives.created) == (Stage.INTERVIEWING, date(2026, 11, 12))
    assert vives.link == "https://oeuvresvives.example.fr/emploi?id=7&src=csv"
    assert "Row 4  skip    Vallée Verte Wines — Digital marketing coordinator: already in your data" in out
    assert "Imported 2, skipped 1." in out


def test_quoted_newlines_stay_in_the_notes(cli) -> None:
    code, _, err = cli("import", str(FILES / "quoted_newlines.csv"))
    assert code == 0, err
    got = loaded()
    assert got["Pulse Ateliers"].notes == (
        'Met Inès at the meetup.\nShe said the team is 4 people, "very scrappy".\n\nFollow up on Tuesday.'
    )
    assert got["Nordic Loom"].notes == "Line one, with a comma\nLine two"
    assert got["Nordic Loom"].stage is Stage.INTERVIEWING


def test_excel_unicode_text_is_utf16_with_tabs(cli) -> None:
    code, out, err = cli("import", str(FILES / "excel_unicode_text.txt"))
    assert code == 0, err
    assert "UTF-16, tab-separated" in out
    assert loaded()["Hôtel Mirabeau"].notes == "Tab-separated, UTF-16"


def test_row_numbers_count_spreadsheet_rows_not_lines(tmp_path: Path) -> None:
    """A cell holding two newlines is still one row, as the spreadsheet shows it."""
    path = write(tmp_path, "jobs.csv", 'Company,Role,Notes\nAcme,Designer,"one\ntwo\nthree"\nBeta,,x\n')
    plan = importing.plan_import(path, [], today=TODAY)
    assert [(r.row, r.action, r.reason) for r in plan.rows] == [(2, Action.IMPORT, ""), (3, Action.SKIP, "no role")]


def test_a_title_line_above_the_header_is_skipped_and_said(tmp_path: Path) -> None:
    path = write(tmp_path, "sheet.csv", "My job hunt 2026,,\n,,\nCompany,Job title,Status\nAcme,Designer,Offered\n")
    plan = importing.plan_import(path, [], today=TODAY)
    assert plan.source.header_row == 3
    assert [(r.row, r.company, r.stage) for r in plan.rows] == [(4, "Acme", Stage.OFFER)]
    assert "rows 1–2 above the header ignored" in plan.summary(dry_run=True)


def test_excel_sep_line_names_the_separator(tmp_path: Path) -> None:
    path = write(tmp_path, "sep.csv", "sep=;\r\nCompany;Role;Notes\r\nAcme;Designer;a, b, c\r\n")
    plan = importing.plan_import(path, [], today=TODAY)
    assert plan.source.delimiter == ";"
    assert (plan.rows[0].row, plan.create[0].notes) == (3, "a, b, c")


def test_headers_ignore_case_spaces_punctuation_and_brackets(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "odd.csv",
        "  ORGANIZATION ,Job-Title*,STAGE:,Date Applied (MM/DD/YYYY)\nAcme,Designer,Phone Screen,04/25/2026\n",
    )
    plan = importing.plan_import(path, [], today=TODAY)
    opportunity = plan.create[0]
    assert (opportunity.company, opportunity.role, opportunity.stage) == ("Acme", "Designer", Stage.SCREENING)
    assert opportunity.created == date(2026, 4, 25)


@pytest.mark.parametrize(
    ("word", "stage"),
    [
        ("Wishlist", Stage.LEAD),
        ("saved", Stage.LEAD),
        ("Bookmarked", Stage.LEAD),
        ("APPLIED", Stage.APPLIED),
        ("Phone screen", Stage.SCREENING),
        ("screening", Stage.SCREENING),
        ("Interview", Stage.INTERVIEWING),
        ("Interviewing", Stage.INTERVIEWING),
        ("On-site", Stage.INTERVIEWING),
        ("Interview 2", Stage.INTERVIEWING),
        ("3. Offer", Stage.OFFER),
        ("offered", Stage.OFFER),
        ("Accepted", Stage.ACCEPTED),
        ("Rejected", Stage.REJECTED),
        ("Declined by company", Stage.REJECTED),
        ("Withdrew", Stage.WITHDRAWN),
        ("withdrawn", Stage.WITHDRAWN),
        ("No response", Stage.GHOSTED),
        ("ghosted 👻", Stage.GHOSTED),
        ("Declined", Stage.DECLINED),
        ("declined (by me)", Stage.DECLINED),
        ("Candidature envoyée", Stage.APPLIED),
    ],
)
def test_status_words(word: str, stage: Stage) -> None:
    assert importing.read_status(word) is stage


def test_unknown_status_word_is_none() -> None:
    assert importing.read_status("hot lead?") is None


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("2024-03-04", DayOrder.MONTH_FIRST, date(2024, 3, 4)),
        ("2024-03-04T10:22:31.000Z", DayOrder.DAY_FIRST, date(2024, 3, 4)),
        ("2024/03/04 10:22", DayOrder.MONTH_FIRST, date(2024, 3, 4)),
        ("03/04/2024", DayOrder.MONTH_FIRST, date(2024, 3, 4)),
        ("03/04/2024", DayOrder.DAY_FIRST, date(2024, 4, 3)),
        ("10/3/23, 4:05 PM", DayOrder.MONTH_FIRST, date(2023, 10, 3)),
        ("04.03.2024", DayOrder.MONTH_FIRST, date(2024, 3, 4)),  # dots: always day first
        ("Mar 4, 2024", DayOrder.DAY_FIRST, date(2024, 3, 4)),
        ("4 March 2024", DayOrder.MONTH_FIRST, date(2024, 3, 4)),
        ("March 4th, 2024", DayOrder.MONTH_FIRST, date(2024, 3, 4)),
        ("Mon, Mar 4, 2024", DayOrder.MONTH_FIRST, date(2024, 3, 4)),
        ("18/11/2026", DayOrder.MONTH_FIRST, date(2026, 11, 18)),  # 18 cannot be a month
        ("11/18/2026", DayOrder.DAY_FIRST, date(2026, 11, 18)),
        ("31/02/2024", DayOrder.DAY_FIRST, None),
        ("last Tuesday", DayOrder.MONTH_FIRST, None),
    ],
)
def test_parse_date(text: str, order: DayOrder, expected: date | None) -> None:
    assert importing.parse_date(text, order) == expected


def test_ambiguous_dates_are_read_by_the_separator_and_the_summary_says_so(tmp_path: Path) -> None:
    semicolons = write(tmp_path, "eu.csv", "Company;Role;Date applied\nAcme;Designer;03/04/2026\n")
    plan = importing.plan_import(semicolons, [], today=TODAY)
    assert plan.create[0].created == date(2026, 4, 3)
    assert "dates like 03/04/2026 could be read either way: read as day/month/year" in plan.summary(dry_run=True)
    commas = write(tmp_path, "us.csv", "Company,Role,Date applied\nAcme,Designer,03/04/2026\n")
    plan = importing.plan_import(commas, [], today=TODAY)
    assert plan.create[0].created == date(2026, 3, 4)
    assert "read as month/day/year" in plan.summary(dry_run=True)


def test_a_date_not_understood_is_kept_in_the_notes(tmp_path: Path) -> None:
    path = write(tmp_path, "jobs.csv", "Company,Role,Date applied\nAcme,Designer,last Tuesday\n")
    plan = importing.plan_import(path, [], today=TODAY)
    assert plan.create[0].created == TODAY
    assert plan.create[0].notes == "Date: last Tuesday"
    assert "date “last Tuesday” not understood" in plan.summary(dry_run=True)


def test_a_value_the_model_refuses_skips_the_row_with_the_reason(tmp_path: Path) -> None:
    path = write(tmp_path, "jobs.csv", f"Company,Role\n{'A' * 121},Designer\nAcme,Designer\n")
    plan = importing.plan_import(path, [], today=TODAY)
    assert [(r.row, r.action) for r in plan.rows] == [(2, Action.SKIP), (3, Action.IMPORT)]
    assert plan.rows[0].reason == "company is longer than 120 characters"


# --- Duplicates and merges ----------------------------------------------------------------


def test_duplicates_of_existing_and_earlier_rows_are_skipped_and_reported(
    examples: Path, cli
) -> None:
    """A Google Sheets download: duplicates ignoring case, accents and spaces; rows missing data."""
    before = snapshot(examples / "opportunities")
    code, out, err = cli("import", str(FILES / "google_sheets.csv"))
    assert code == 0, err
    lines = out.splitlines()
    assert (
        "Row  2  skip    Pulseband — Brand content creator: already in your data as wearables-startup "
        "(merge to fill its empty fields)"
    ) in lines
    assert any(
        line.startswith(
            "Row  3  skip    VALLEE  VERTE WINES — digital marketing coordinator: already in your "
            "data as vallee-verte-wines"
        )
        for line in lines
    )
    assert any(
        line.startswith("Row  7  skip    Atelier Sauvage — Marketing Assistant: same company and role as row 4")
        for line in lines
    )
    assert "Row  8  skip    Copywriter: no company" in lines
    assert "Row  9  skip    Editions Brume: no role" in lines
    assert "Note: 2 blank rows ignored" in lines
    assert "Imported 4, skipped 5." in lines
    after = snapshot(examples / "opportunities")
    assert {name: after[name] for name in before} == before  # never overwritten
    assert len(after) == len(before) + 4
    got = loaded()
    assert got["Atelier Sauvage"].notes == ""  # the later duplicate row did not touch it
    assert got["Café Lumière"].stage is Stage.GHOSTED
    assert got["Maison Kléber"].stage is Stage.DECLINED


def test_importing_the_same_file_twice_adds_nothing(cli) -> None:
    cli("import", str(FILES / "teal.csv"))
    before = snapshot(paths.data_dir())
    code, out, _ = cli("import", str(FILES / "teal.csv"))
    assert code == 0
    assert "Imported 0, skipped 10." in out
    assert snapshot(paths.data_dir()) == before


@pytest.fixture
def sparse() -> Opportunity:
    """An existing opportunity with some fields empty."""
    opportunity = Opportunity(
        company="Café Lumière",
        role="Community manager",
        location="Villeurbanne",
        stage=Stage.APPLIED,
        notes="Met the founder at a market.",
        created=date(2026, 9, 10),
    )
    store.save_opportunity(opportunity)
    return opportunity


def test_merge_fills_only_empty_fields_and_loses_nothing(
    sparse: Opportunity, tmp_path: Path, cli
) -> None:
    path = write(
        tmp_path,
        "sheet.csv",
        "Company,Role,Status,Link,Location,Remote,Notes,Date applied,Salary\n"
        "CAFE LUMIERE,community  manager,Interviewing,https://cafe.example.fr/jobs/1,Lyon,Hybrid,"
        "Second call booked,2026-09-15,30k\n",
    )
    file = paths.opportunities_dir() / f"{sparse.id}.toml"
    untouched = file.read_bytes()

    code, out, _ = cli("import", str(path))  # without --merge: reported, left alone
    assert code == 0
    assert "already in your data as cafe-lumiere-community-manager (merge to fill its empty fields)" in out
    assert file.read_bytes() == untouched

    code, out, err = cli("import", str(path), "--merge")
    assert code == 0, err
    assert "Row 2  merge   CAFE LUMIERE — community  manager into cafe-lumiere-community-manager: " in out
    assert "filled link, filled office policy, added to notes" in out
    assert "Imported 0, merged 1, skipped 0." in out
    (merged,) = store.load_opportunities().items
    assert merged.id == sparse.id
    assert (merged.company, merged.role) == ("Café Lumière", "Community manager")  # never renamed
    assert merged.link == "https://cafe.example.fr/jobs/1"  # was empty: filled
    assert merged.office_policy == "Hybrid"  # was empty: filled
    assert merged.location == "Villeurbanne"  # was set: kept
    assert merged.stage is Stage.APPLIED  # never changed by a merge
    assert merged.created == date(2026, 9, 10)
    assert merged.notes == (
        "Met the founder at a market.\n\n"
        "From sheet.csv, row 2:\n"
        "Second call booked\n\n"
        "Location: Lyon\nStatus: Interviewing\nDate: 2026-09-15\nSalary: 30k"
    )

    merged_bytes = file.read_bytes()
    code, out, _ = cli("import", str(path), "--merge")  # a second merge has nothing new
    assert code == 0
    assert "with nothing new to merge" in out
    assert "Imported 0, merged 0, skipped 1." in out
    assert file.read_bytes() == merged_bytes


def test_merge_into_an_example_keeps_its_interviews_and_notes(
    examples: Path, tmp_path: Path, cli
) -> None:
    before = {o.id: o for o in store.load_opportunities().items}["pr-agency"]
    path = write(
        tmp_path,
        "jobs.csv",
        "Company,Job title,Workplace type,Link\n"
        "Lumen & Bell PR,PR and communications intern,On-site,https://www.example.com/lumen-bell/careers\n",
    )
    code, out, err = cli("import", str(path), "--merge")
    assert code == 0, err
    assert "into pr-agency: filled office policy" in out
    after = {o.id: o for o in store.load_opportunities().items}["pr-agency"]
    assert after.office_policy == "On-site"
    assert after.notes == before.notes  # the same link adds nothing to the notes
    assert after.interviews == before.interviews
    assert after.model_dump(exclude={"office_policy", "updated"}) == before.model_dump(
        exclude={"office_policy", "updated"}
    )


def test_merge_within_the_file_fills_the_earlier_row(examples: Path, cli) -> None:
    code, out, _ = cli("import", str(FILES / "google_sheets.csv"), "--merge")
    assert code == 0
    assert "Row  7  merge   Atelier Sauvage — Marketing Assistant into row 4: added to notes" in out
    assert (
        "Row  2  skip    Pulseband — Brand content creator: already in your data as wearables-startup, "
        "with nothing new to merge"
    ) in out  # "Lyon" is already in its location "Lyon, near Part-Dieu"
    assert "Imported 4, merged 2, skipped 3." in out
    atelier = [o for o in store.load_opportunities().items if o.company == "Atelier Sauvage"]
    assert len(atelier) == 1
    assert atelier[0].notes == "From google_sheets.csv, row 7:\nApplied again via LinkedIn\n\nDate: 2026-10-30"
    assert atelier[0].created == date(2026, 10, 28)  # the first row's date


# --- Dry runs -----------------------------------------------------------------------------


@pytest.mark.parametrize("merge", [[], ["--merge"]])
def test_dry_run_writes_nothing(examples: Path, cli, merge: list[str]) -> None:
    before = snapshot(examples)
    code, out, err = cli("import", str(FILES / "google_sheets.csv"), "--dry-run", *merge)
    assert code == 0, err
    assert "Row  4  import  Atelier Sauvage — Marketing assistant (applied, 2026-10-28)" in out
    assert out.rstrip().endswith("Dry run: nothing was written.")
    assert out.rstrip().splitlines()[-1].startswith("Would import 4, ")
    assert snapshot(examples) == before


def test_dry_run_on_a_fresh_data_folder_creates_nothing(data_dir: Path, cli) -> None:
    code, out, _ = cli("import", str(FILES / "huntr.csv"), "--dry-run")
    assert code == 0
    assert "Would import 5, skipped 0." in out
    assert not data_dir.exists()


def test_plan_then_apply_returns_the_files_and_sets_ids() -> None:
    plan = importing.plan_import(FILES / "simplify.csv", [], today=TODAY)
    assert snapshot(paths.data_dir()) == {}
    written = importing.apply_import(plan)
    assert [p.stem for p in written] == [o.id for o in plan.create]
    assert all(p.is_file() for p in written)
    assert written[0].name == "vireo-labs-marketing-analyst.toml"


# --- Bad input ----------------------------------------------------------------------------


def _header_only(tmp_path: Path) -> Path:
    return write(tmp_path, "header-only.csv", "Company,Role,Status\r\n,,\r\n")


def _company_only(tmp_path: Path) -> Path:
    return write(tmp_path, "contacts.csv", "Company,Contact,Email\nAcme,Jane,jane@acme.example\n")


def _workbook(tmp_path: Path) -> Path:
    path = tmp_path / "jobs.xlsx"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(64))
    return path


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "exports").mkdir()
    return tmp_path / "exports"


BAD_FILES = {
    "missing": (lambda tmp: tmp / "nowhere.csv", ["nowhere.csv: no such file"]),
    "empty": (lambda tmp: FILES / "empty.csv", ["empty.csv is empty"]),
    "no header": (
        lambda tmp: FILES / "no_header.csv",
        ["no_header.csv has no usable header", "“Pulseband”, “Brand content creator”", "a company column (company"],
    ),
    "not UTF-8": (
        lambda tmp: FILES / "cp1252.csv",
        ["cp1252.csv is not UTF-8 (byte 0xE9 on line 3", "Windows-1252", "“CSV UTF-8”"],
    ),
    "header only": (_header_only, ["header-only.csv has a header (row 1) but no rows to import"]),
    "no role column": (_company_only, ["contacts.csv has no usable header", "found no role column"]),
    "a workbook": (_workbook, ["jobs.xlsx is a spreadsheet workbook", "not a CSV file"]),
    "a folder": (_folder, ["exports is a folder, not a CSV file"]),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
@pytest.mark.parametrize("extra", [[], ["--dry-run"], ["--merge"]])
def test_bad_input_exits_2_names_the_file_and_writes_nothing(
    examples: Path, tmp_path: Path, cli, case: str, extra: list[str]
) -> None:
    make, phrases = BAD_FILES[case]
    path = make(tmp_path)
    before = snapshot(examples)
    code, out, err = cli("import", str(path), *extra)
    assert code == 2
    assert out == ""
    assert err.startswith(f"evaluator: {path}")
    for phrase in phrases:
        assert phrase in err
    assert "Traceback" not in err
    assert snapshot(examples) == before


def test_non_utf8_is_refused_even_when_it_would_decode_as_latin1() -> None:
    with pytest.raises(CannotImport, match=r"save it as|Save it as"):
        importing.plan_import(FILES / "cp1252.csv", [], today=TODAY)


def test_only_a_bom_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf\r\n")
    with pytest.raises(CannotImport, match="is empty"):
        importing.plan_import(path, [], today=TODAY)
