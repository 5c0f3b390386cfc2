"""The store: files in, models out, and back again, without ever losing or spoiling a file."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
import warnings
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluator import model, paths, scoring, store
from evaluator.model import (
    SCHEMA_VERSION,
    Answer,
    ChoiceOption,
    ChoiceScale,
    Interview,
    Opportunity,
    Person,
    Profile,
    Settings,
    WeightSnapshot,
)

MakeProfile = Callable[..., Profile]
MakeOpportunity = Callable[..., Opportunity]

DOCS = Path(__file__).parents[2] / "docs" / "file-format.md"

TRICKY_TEXT = [
    "Café crème, naïve façade, Ærø, Straße",
    "日本語のメモ、中文笔记, 한국어",
    "🎉 emoji 👩🏽‍💻 and flags 🇫🇷",
    "She said \"exactly where she left off\" and 'maybe'",
    r"C:\Users\me\notes \n is not a newline \t nor a tab \\ \"",
    "line one\nline two\n\n\tindented with a tab\r\nwindows line",
    "\"\"\"triple quotes\"\"\" and '''these''' in text",
    "[[interviews]]\nschema = 2\n# not a comment",
]


def write(path: Path, text: str | bytes) -> Path:
    """Write a file as a user might, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def opportunity_file(name: str, text: str | bytes) -> Path:
    return write(paths.opportunities_dir() / name, text)


def only_problem(loaded: store.Loaded) -> store.Problem:
    assert len(loaded.problems) == 1, [str(p) for p in loaded.problems]
    return loaded.problems[0]


GOOD = """\
schema = 2
company = "Good Co"
role = "Writer"
"""


# --- Slugs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Vallée Verte Wines", "vallee-verte-wines"),
        ("  PR   agency -- Lyon!! ", "pr-agency-lyon"),
        ("Straße & Ærø", "strasse-aero"),
        ("../../x", "x"),
        ("..\\..\\windows\\system32", "windows-system32"),
        ("con", "con-profile"),
        ("NUL", "nul-profile"),
        ("aux", "aux-profile"),
        ("com1", "com1-profile"),
        ("LPT9", "lpt9-profile"),
        ("console", "console"),
        ("", "profile"),
        ("🎉🎉🎉", "profile"),
        ("日本語", "profile"),
        ("...", "profile"),
    ],
)
def test_slugify_makes_a_safe_file_stem(name: str, slug: str) -> None:
    assert store.slugify(name, "profile") == slug


def test_a_long_name_is_cut_without_a_trailing_dash() -> None:
    slug = store.slugify("word " * 40)
    assert 50 < len(slug) <= 60
    assert not slug.endswith("-")


@given(st.text())
def test_any_slug_is_a_plain_lower_case_stem(name: str) -> None:
    slug = store.slugify(name, "opportunity")
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
    assert len(slug) <= 60 + len("-opportunity")


def test_unique_slug_counts_up_past_taken_stems_ignoring_case() -> None:
    assert store.unique_slug("Acme", []) == "acme"
    assert store.unique_slug("Acme", ["ACME", "acme-2"]) == "acme-3"


@pytest.mark.parametrize(
    ("name", "file"),
    [
        ("../../x", "x.toml"),
        ("/etc/passwd", "etc-passwd.toml"),
        ("..", "profile.toml"),
        ("con", "con-profile.toml"),
        ("nul", "nul-profile.toml"),
        ("aux", "aux-profile.toml"),
        ("com1", "com1-profile.toml"),
        ("🎉", "profile.toml"),
    ],
)
def test_a_dangerous_profile_name_stays_inside_the_profiles_folder(
    name: str, file: str, make_profile: MakeProfile
) -> None:
    path = store.save_profile(make_profile(name=name))
    assert path == paths.profiles_dir() / file
    assert sorted(p.relative_to(paths.data_dir()).as_posix() for p in paths.data_dir().rglob("*")) == [
        "profiles",
        f"profiles/{file}",
    ]


def test_a_dangerous_company_name_stays_inside_the_opportunities_folder(
    make_opportunity: MakeOpportunity,
) -> None:
    opportunity = make_opportunity(company="../../..", role="/etc")
    path = store.save_opportunity(opportunity)
    assert path == paths.opportunities_dir() / "etc.toml"
    assert opportunity.id == "etc"


def test_names_without_letters_get_a_fallback_file_name(make_opportunity: MakeOpportunity) -> None:
    opportunity = make_opportunity(company="株式会社", role="🎉")
    store.save_opportunity(opportunity)
    assert opportunity.id == "opportunity"


@pytest.mark.parametrize("bad", ["../escape", "a/b", "..", "x\\y"])
def test_an_opportunity_id_that_leads_elsewhere_is_refused(
    bad: str, make_opportunity: MakeOpportunity
) -> None:
    with pytest.raises(ValueError, match=r"file name|outside"):
        store.save_opportunity(make_opportunity(id=bad))
    assert not paths.data_dir().exists()


def test_two_profile_names_with_one_slug_get_two_files(make_profile: MakeProfile) -> None:
    first = store.save_profile(make_profile(name="Growth!"))
    second = store.save_profile(make_profile(name="growth?"))
    assert (first.name, second.name) == ("growth.toml", "growth-2.toml")
    assert sorted(p.name for p in store.load_profiles().items if not p.builtin) == ["Growth!", "growth?"]


def test_two_opportunities_with_the_same_company_and_role_get_two_files(
    make_opportunity: MakeOpportunity, make_profile: MakeProfile
) -> None:
    first, second = make_opportunity(), make_opportunity()
    store.save_opportunity(first)
    store.save_opportunity(second)
    assert (first.id, second.id) == ("acme-marketing-lead", "acme-marketing-lead-2")
    loaded = store.load_opportunities([make_profile()])
    assert [o.id for o in loaded.items] == ["acme-marketing-lead", "acme-marketing-lead-2"]


def test_a_new_opportunity_never_takes_the_name_of_an_unreadable_file(
    make_opportunity: MakeOpportunity,
) -> None:
    bad = opportunity_file("acme-marketing-lead.toml", "not toml at all")
    opportunity = make_opportunity()
    store.save_opportunity(opportunity)
    assert opportunity.id == "acme-marketing-lead-2"
    assert bad.read_text() == "not toml at all"


# --- Round trips ------------------------------------------------------------------------


def rich_opportunity(text: str) -> Opportunity:
    """An opportunity using every field, with `text` in every free-text field."""
    return Opportunity(
        company=f"Acme {text}"[:120],
        role=f"Role {text}"[:120],
        link=text,
        location=text,
        office_policy=text,
        stage="interviewing",
        contacts=[Person(name=f"Ann {text}", role=text, email=text)],
        notes=text,
        created=date(2024, 5, 1),
        updated=date(2024, 5, 2),
        archived=True,
        interviews=[
            Interview(
                date=date(2024, 5, 2),
                kind="panel",
                people=[Person(name="Ann"), Person(name="Bo")],
                notes=text,
                answers=[
                    Answer(criterion="growth", question=text, text=text, value=5, confidence="high"),
                    Answer(criterion="office", text=text, value="On-site", said_by="bo", pinned=True),
                    Answer(criterion="commute", value=12.25, confidence="low"),
                ],
                self_review={"researched": True, "spoke_for_myself": True},
                thank_you_sent=date(2024, 5, 3),
                next_follow_up=date(2024, 5, 10),
            ),
            Interview(date=date(2024, 4, 1)),
        ],
    )


def reload(opportunity_id: str, profiles: list[Profile]) -> Opportunity:
    loaded = store.load_opportunities(profiles)
    assert loaded.problems == []
    return store.find_opportunity(loaded.items, opportunity_id)


@pytest.mark.parametrize("text", [*TRICKY_TEXT, pytest.param("é🎉\n" * 33_334, id="100k-notes")])
def test_an_opportunity_round_trips_exactly(text: str, make_profile: MakeProfile) -> None:
    profiles = [make_profile()]
    original = rich_opportunity(text)
    store.save_opportunity(original)
    first = reload(original.id, profiles)
    assert first.model_dump() == original.model_dump()
    store.save_opportunity(first)
    second = reload(original.id, profiles)
    assert second.model_dump() == first.model_dump()


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(text=st.text(), name=st.text(min_size=1, max_size=60).filter(str.strip))
def test_any_text_round_trips(text: str, name: str, make_profile: MakeProfile) -> None:
    profile = make_profile(
        name=name,
        description=text,
        history=[WeightSnapshot(date=date(2024, 1, 1), weights={"growth": 0.5, text: 0.5})],
    )
    path = store.save_profile(profile)
    assert path.parent == paths.profiles_dir()
    again = store.find_profile(store.load_profiles().items, profile.name)
    assert again.model_dump() == profile.model_dump()

    opportunity = rich_opportunity(text)
    opportunity.id = "round-trip"
    store.save_opportunity(opportunity)
    assert reload("round-trip", [profile]).model_dump() == opportunity.model_dump()


def test_files_carry_the_schema_first_and_native_dates(make_opportunity: MakeOpportunity) -> None:
    path = store.save_opportunity(make_opportunity())
    text = path.read_text("utf-8")
    assert text.startswith(f"schema = {SCHEMA_VERSION}\n")
    data = tomllib.loads(text)
    assert data["created"] == date(2024, 5, 1)
    assert data["interviews"][0]["kind"] == "screening"
    assert "id" not in data
    assert "thank_you_sent" not in data["interviews"][0]  # None is left out, not written


def test_saving_bumps_updated_to_today(make_opportunity: MakeOpportunity) -> None:
    opportunity = make_opportunity(updated=date(2020, 1, 1))
    path = store.save_opportunity(opportunity)
    assert opportunity.updated == date.today()
    assert tomllib.loads(path.read_text("utf-8"))["updated"] == date.today()


def test_saving_again_keeps_the_file(make_opportunity: MakeOpportunity) -> None:
    opportunity = make_opportunity()
    first = store.save_opportunity(opportunity)
    opportunity.company = "Renamed Inc"
    assert store.save_opportunity(opportunity) == first
    assert [p.name for p in paths.opportunities_dir().iterdir()] == [first.name]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    make_opportunity: MakeOpportunity, monkeypatch: pytest.MonkeyPatch
) -> None:
    opportunity = make_opportunity()
    path = store.save_opportunity(opportunity)
    before = path.read_bytes()

    def crash(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    opportunity.notes = "new notes"
    with pytest.raises(OSError, match="disk full"):
        store.save_opportunity(opportunity)
    assert path.read_bytes() == before
    assert [p.name for p in paths.opportunities_dir().iterdir()] == [path.name]


# --- Writing any file: write_file and check_target (the store, exports, calendars) --------

POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and links")


def test_write_file_writes_the_whole_content_and_no_temporary_file(tmp_path: Path) -> None:
    content = "Vallée ✓\n".encode() * 100_000 + b"\x00\xff end"
    written = store.write_file(tmp_path / "new.bin", content, replace=False)
    assert written == tmp_path / "new.bin"
    assert written.read_bytes() == content
    assert [p.name for p in tmp_path.iterdir()] == ["new.bin"]


def test_without_replace_an_existing_file_is_left_untouched(tmp_path: Path) -> None:
    target = write(tmp_path / "mine.md", "my own notes\n")
    with pytest.raises(store.TargetExists, match="already exists and was left as it is") as raised:
        store.write_file(target, b"theirs", replace=False)
    assert raised.value.path == target
    assert "--force" not in str(raised.value)  # the command line adds its own hint
    assert isinstance(raised.value, store.CannotWrite)
    assert target.read_text(encoding="utf-8") == "my own notes\n"
    assert [p.name for p in tmp_path.iterdir()] == ["mine.md"]
    with pytest.raises(store.TargetExists):
        store.check_target(target, replace=False)


def test_with_replace_an_existing_file_is_replaced_whole(tmp_path: Path) -> None:
    target = write(tmp_path / "mine.md", "a much longer old text than the new one\n")
    assert store.check_target(target, replace=True) == target
    store.write_file(target, b"new\n", replace=True)
    assert target.read_bytes() == b"new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["mine.md"]


@pytest.mark.parametrize("replace", [False, True])
def test_bad_targets_are_refused_and_nothing_is_written(tmp_path: Path, replace: bool) -> None:
    write(tmp_path / "a-file", "x")
    cases = [
        (tmp_path / "no" / "such" / "f.md", f"cannot write f.md: the folder {tmp_path / 'no' / 'such'} does not exist"),
        (tmp_path / "a-file" / "f.md", f"the folder {tmp_path / 'a-file'} is not a folder"),
        (tmp_path, f"{tmp_path} is a folder: give a file name inside it"),
        ("", "give a file name to write to"),
        ("  ", "give a file name to write to"),
    ]
    for path, says in cases:
        with pytest.raises(store.CannotWrite) as raised:
            store.check_target(path, replace=replace)
        assert says in str(raised.value)
        assert not isinstance(raised.value, store.TargetExists)
        with pytest.raises(store.CannotWrite, match=re.escape(says)):
            store.write_file(path, b"content", replace=replace)
    assert [p.name for p in tmp_path.iterdir()] == ["a-file"]
    assert (tmp_path / "a-file").read_text() == "x"


def test_check_target_expands_the_home_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    assert store.check_target("~/memo.md", replace=False) == tmp_path / "memo.md"


@POSIX
def test_a_dangling_link_counts_as_an_existing_file(tmp_path: Path) -> None:
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "nowhere")
    with pytest.raises(store.TargetExists):
        store.write_file(link, b"x", replace=False)
    assert link.is_symlink() and not (tmp_path / "nowhere").exists()


@POSIX
@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002, 0o000])
def test_every_file_and_folder_is_private_whatever_the_umask(
    tmp_path: Path, umask: int, make_opportunity: MakeOpportunity
) -> None:
    """Issue 6: folders 0700, files 0600 — exports, calendars and the store's own files, new or replaced."""
    old = os.umask(umask)
    try:
        new = store.write_file(tmp_path / "new.csv", b"x", replace=False)
        replaced = write(tmp_path / "old.md", "x")
        replaced.chmod(0o644)
        store.write_file(replaced, b"y", replace=True)
        saved = store.save_opportunity(make_opportunity())
    finally:
        os.umask(old)
    for path in (new, replaced, saved):
        assert path.stat().st_mode & 0o777 == 0o600, path
    for folder in (paths.data_dir(), saved.parent):
        assert folder.stat().st_mode & 0o777 == 0o700, folder


def test_a_file_appearing_between_the_check_and_the_move_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "f.ics"
    real_link = os.link

    def someone_else_first(source: Path, destination: Path) -> None:
        target.write_text("theirs")
        real_link(source, destination)

    monkeypatch.setattr(os, "link", someone_else_first)
    with pytest.raises(store.TargetExists):
        store.write_file(target, b"mine", replace=False)
    assert target.read_text() == "theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["f.ics"]


def test_without_hard_links_it_still_writes_and_still_never_replaces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*_: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = store.write_file(tmp_path / "f.ics", b"mine", replace=False)
    assert target.read_bytes() == b"mine"
    monkeypatch.setattr(store, "check_target", lambda *_, **__: target)  # as if the file appeared just after
    with pytest.raises(store.TargetExists):  # the second look, before renaming, sees it
        store.write_file(target, b"theirs", replace=False)
    assert target.read_bytes() == b"mine"
    assert [p.name for p in tmp_path.iterdir()] == ["f.ics"]


def test_an_unwritable_folder_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(store.CannotWrite, match=r"cannot write .*f\.ics: Permission denied"):
        store.write_file(tmp_path / "f.ics", b"x", replace=True)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("replace", [False, True])
def test_a_failure_while_writing_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, replace: bool
) -> None:
    target = write(tmp_path / "f.md", "old")
    other = tmp_path / "g.md"

    def crash(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(store.CannotWrite, match=r"cannot write .*: No space left on device"):
        store.write_file(target if replace else other, b"new", replace=replace)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.md"]


# --- Loading a folder with bad files ----------------------------------------------------


def test_a_bad_file_is_reported_with_its_line_and_the_others_still_load() -> None:
    opportunity_file("a-good.toml", GOOD)
    bad = opportunity_file("winery.toml", 'schema = 1\ncompany = "Winery"\nrole = "Writer\nnotes = "x"\n')
    before = bad.read_bytes()
    loaded = store.load_opportunities([])
    assert [o.id for o in loaded.items] == ["a-good"]
    problem = only_problem(loaded)
    assert problem.path == bad
    assert problem.line == 3
    assert "is not valid TOML" in problem.message
    assert str(problem).startswith("opportunities/winery.toml, line 3: is not valid TOML")
    assert bad.read_bytes() == before


def test_a_bad_file_is_never_overwritten(make_opportunity: MakeOpportunity) -> None:
    bad = opportunity_file("acme.toml", 'schema = 1\ncompany = "Acme"\nrole = ""\n')
    before = bad.read_bytes()
    opportunity = make_opportunity(id="acme")
    with pytest.raises(store.BadFile, match=r"opportunities/acme.toml, line 3: role: "):
        store.save_opportunity(opportunity)
    assert bad.read_bytes() == before


def test_a_validation_error_names_the_field_and_its_line() -> None:
    bad = opportunity_file(
        "acme.toml",
        "schema = 1\n"
        'company = "Acme"\n'
        'role = "Writer"\n'
        "\n"
        "[[interviews]]\n"
        "date = 2024-05-01\n"
        "\n"
        "[[interviews]]\n"
        "date = 2024-05-02\n"
        "\n"
        "[[interviews.answers]]\n"
        'criterion = "growth"\n'
        "value = 3\n"
        "\n"
        "[[interviews.answers]]\n"
        'criterion = "office"\n'
        "value = [1, 2]\n",
    )
    problem = only_problem(store.load_opportunities([]))
    assert problem.field == "interviews[1].answers[1].value"
    assert problem.line == 17
    assert problem.message == "should be a number or text, not [1, 2]"
    assert str(problem) == (
        "opportunities/acme.toml, line 17: interviews[1].answers[1].value: "
        "should be a number or text, not [1, 2]"
    )
    assert bad.exists()


def test_an_unknown_key_is_named() -> None:
    opportunity_file("acme.toml", GOOD + 'colour = "blue"\n')
    problem = only_problem(store.load_opportunities([]))
    assert (problem.field, problem.line) == ("colour", 4)
    assert "not a key evaluator knows" in problem.message


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    opportunity_file("acme.toml", 'schema = 1\ncompany = ""\nstage = "hired"\n')
    problems = store.load_opportunities([]).problems
    assert {(p.field, p.line) for p in problems} == {("company", 2), ("stage", 3), ("role", None)}
    assert next(p for p in problems if p.field == "role").message == "is missing"


def test_a_newer_schema_is_refused_and_the_file_kept() -> None:
    bad = opportunity_file("future.toml", GOOD.replace("schema = 2", "schema = 3") + "hologram = true\n")
    before = bad.read_bytes()
    problem = only_problem(store.load_opportunities([]))
    assert problem.message == (
        "written by a newer evaluator (schema 3; this one reads up to 2): "
        "upgrade evaluator to open it; the file is left as it is"
    )
    assert (problem.field, problem.line) == ("schema", 1)
    assert bad.read_bytes() == before


@pytest.mark.parametrize(
    ("first_line", "words"),
    [
        ("", "has no `schema` version"),
        ('schema = "1"', "should be a whole number like 2, not '1'"),
        ("schema = 0", "should be a whole number like 2, not 0"),
    ],
)
def test_a_missing_or_odd_schema_is_refused(first_line: str, words: str) -> None:
    opportunity_file("acme.toml", GOOD.replace("schema = 2", first_line))
    assert words in only_problem(store.load_opportunities([])).message


def test_a_file_that_is_not_utf8_is_reported_with_its_line() -> None:
    bad = opportunity_file("latin1.toml", GOOD.encode() + 'notes = "café"\n'.encode("latin-1"))
    problem = only_problem(store.load_opportunities([]))
    assert problem.line == 4
    assert "is not UTF-8 text (byte 0xe9)" in problem.message
    assert bad.read_bytes().endswith('"caf\xe9"\n'.encode("latin-1"))


def test_a_utf8_byte_order_mark_is_fine() -> None:
    opportunity_file("bom.toml", "\ufeff" + GOOD)
    assert [o.company for o in store.load_opportunities([]).items] == ["Good Co"]


def test_a_folder_named_like_a_file_is_reported() -> None:
    (paths.opportunities_dir() / "odd.toml").mkdir(parents=True)
    opportunity_file("good.toml", GOOD)
    loaded = store.load_opportunities([])
    assert [o.id for o in loaded.items] == ["good"]
    assert only_problem(loaded).message == "is a folder, not a file"


def test_other_files_in_the_folder_are_ignored() -> None:
    opportunity_file("good.toml", GOOD)
    opportunity_file("README.md", "# hello")
    opportunity_file(".good.abc123.tmp", "half written")
    loaded = store.load_opportunities([])
    assert ([o.id for o in loaded.items], loaded.problems) == (["good"], [])


def test_an_empty_or_missing_folder_loads_nothing() -> None:
    assert store.load_opportunities([]).items == []
    paths.ensure(paths.opportunities_dir())
    assert store.load_opportunities([]).items == []


# --- Answers against the profiles' criteria ---------------------------------------------


def answer_file(criterion: str, value: str | None) -> Path:
    answer = f'\n[[interviews.answers]]\ncriterion = "{criterion}"\n'
    if value is not None:
        answer += f"value = {value}\n"
    return opportunity_file("acme.toml", GOOD + "\n[[interviews]]\ndate = 2024-05-02\n" + answer)


def test_an_answer_naming_an_unknown_criterion_keeps_the_opportunity_out(make_profile: MakeProfile) -> None:
    bad = answer_file("salry", "50000")
    before = bad.read_bytes()
    opportunity_file("good.toml", GOOD)
    loaded = store.load_opportunities([make_profile()])
    assert [o.id for o in loaded.items] == ["good"]
    problem = only_problem(loaded)
    assert problem.path == bad
    assert (problem.field, problem.line) == ("interviews[0].answers[0].criterion", 9)
    assert "interview on 2024-05-02" in problem.message
    assert "'salry', which no profile defines" in problem.message
    known = problem.message.split("known keys: ")[1].split(", ")
    assert {"commute", "growth", "office", "growth_plans"} <= set(known)  # growth_plans: a built-in's
    assert bad.read_bytes() == before


def test_criteria_of_builtin_profiles_are_always_known(make_profile: MakeProfile) -> None:
    builtin = store.load_profiles().items[0]
    answer_file(builtin.criteria[0].key, None)
    assert [o.id for o in store.load_opportunities([make_profile()]).items] == ["acme"]


@pytest.mark.parametrize(
    ("criterion", "value", "words"),
    [
        ("growth", "6", "a whole number from 1 to 5"),
        ("growth", "0", "a whole number from 1 to 5"),
        ("growth", "3.5", "a whole number from 1 to 5"),
        ("growth", '"good"', "a whole number from 1 to 5"),
        ("office", '"hybrid"', "one of: 'remote', 'on-site'"),
        ("office", "1", "one of: 'remote', 'on-site'"),
        ("commute", '"far"', "a number (in min)"),
    ],
)
def test_an_answer_that_does_not_fit_its_scale_is_reported(
    criterion: str, value: str, words: str, make_profile: MakeProfile
) -> None:
    answer_file(criterion, value)
    loaded = store.load_opportunities([make_profile()])
    assert loaded.items == []
    problem = only_problem(loaded)
    assert (problem.field, problem.line) == ("interviews[0].answers[0].value", 10)
    assert words in problem.message
    assert "profile 'test profile'" in problem.message


@pytest.mark.parametrize(
    ("criterion", "value"),
    [("growth", "1"), ("growth", "5"), ("office", '"ON-SITE"'), ("commute", "0"), ("commute", "-4.5")],
)
def test_answers_that_fit_load(criterion: str, value: str, make_profile: MakeProfile) -> None:
    answer_file(criterion, value)
    assert store.load_opportunities([make_profile()]).problems == []


def test_a_value_fitting_any_profile_defining_the_key_is_accepted(make_profile: MakeProfile) -> None:
    other = make_profile(
        name="other",
        criteria=[{"key": "growth", "label": "G", "scale": {"kind": "number", "worst": 0, "best": 9}}],
    )
    opportunity = Opportunity(
        company="A",
        role="B",
        interviews=[Interview(date=date(2024, 1, 1), answers=[Answer(criterion="growth", value=8.5)])],
    )
    assert len(store.check_answers(opportunity, [make_profile()])) == 1
    assert store.check_answers(opportunity, [make_profile(), other]) == []


def test_check_answers_explains_each_problem(make_profile: MakeProfile) -> None:
    opportunity = Opportunity(
        company="A",
        role="B",
        interviews=[
            Interview(date=date(2024, 1, 1), answers=[Answer(criterion="growth", value=3)]),
            Interview(
                date=date(2024, 2, 1), answers=[Answer(criterion="pay", value=1), Answer(criterion="office")]
            ),
        ],
    )
    assert store.check_answers(opportunity, [make_profile()]) == [
        "interviews[1].answers[0].criterion: interview on 2024-02-01: the answer names criterion 'pay', "
        "which no profile defines; known keys: commute, growth, office"
    ]


# --- Profiles ---------------------------------------------------------------------------


def test_builtin_profiles_load_marked_builtin() -> None:
    loaded = store.load_profiles()
    assert loaded.problems == []
    assert "balanced" in [p.name for p in loaded.items]
    assert all(p.builtin for p in loaded.items)


def test_a_builtin_profile_cannot_be_saved() -> None:
    balanced = store.find_profile(store.load_profiles().items, "balanced")
    with pytest.raises(ValueError, match="built-in"):
        store.save_profile(balanced)
    assert not paths.profiles_dir().exists()


def test_editing_a_builtin_saves_a_user_copy_that_shadows_it() -> None:
    original = store.find_profile(store.load_profiles().items, "balanced")
    builtin_file = paths.builtin_profiles_dir() / "balanced.toml"
    builtin_bytes = builtin_file.read_bytes()
    copy = original.model_copy(update={"builtin": False, "description": "mine now"})
    path = store.save_profile(copy)
    assert path == paths.profiles_dir() / "balanced.toml"
    profiles = store.load_profiles().items
    assert [p.name for p in profiles].count("balanced") == 1
    mine = store.find_profile(profiles, "balanced")
    assert (mine.builtin, mine.description) == (False, "mine now")
    assert builtin_file.read_bytes() == builtin_bytes

    store.delete_profile("balanced")
    back = store.find_profile(store.load_profiles().items, "balanced")
    assert back.builtin and back.description == original.description


def test_a_profile_keeps_its_file_across_saves(make_profile: MakeProfile) -> None:
    path = write(
        paths.profiles_dir() / "My Own File.toml",
        store._dump(make_profile(name="Focus")).decode(),
    )
    profile = store.find_profile(store.load_profiles().items, "focus")
    profile.description = "changed"
    assert store.save_profile(profile) == path
    assert [p.name for p in paths.profiles_dir().iterdir()] == ["My Own File.toml"]


def test_renaming_a_profile_moves_it_to_a_file_of_its_new_name(make_profile: MakeProfile) -> None:
    old = store.save_profile(make_profile(name="Focus"))
    new = store.rename_profile("focus", "Deep Focus")
    assert (old.exists(), new.name) == (False, "deep-focus.toml")
    assert store.find_profile(store.load_profiles().items, "deep focus").name == "Deep Focus"


def test_renaming_only_the_case_keeps_the_file(make_profile: MakeProfile) -> None:
    old = store.save_profile(make_profile(name="focus"))
    assert store.rename_profile("focus", "Focus") == old
    assert store.find_profile(store.load_profiles().items, "focus").name == "Focus"


def test_renaming_never_deletes_the_file_it_wrote_on_a_case_insensitive_disk(
    make_profile: MakeProfile,
) -> None:
    path = write(paths.profiles_dir() / "Focus.toml", store._dump(make_profile(name="Fokus")).decode())
    assert store.rename_profile("fokus", "focus") == path
    assert [p.name for p in paths.profiles_dir().iterdir()] == ["Focus.toml"]
    assert store.find_profile(store.load_profiles().items, "focus").name == "focus"


def test_renaming_refuses_builtins_and_taken_names(make_profile: MakeProfile) -> None:
    store.save_profile(make_profile(name="Focus"))
    with pytest.raises(ValueError, match="built-in"):
        store.rename_profile("balanced", "mine")
    with pytest.raises(ValueError, match="already exists"):
        store.rename_profile("focus", "Balanced")
    with pytest.raises(store.NotFound, match="Focus"):
        store.rename_profile("nope", "x")


def test_deleting_a_profile_moves_it_to_the_trash(make_profile: MakeProfile) -> None:
    path = store.save_profile(make_profile(name="Focus"))
    content = path.read_bytes()
    trashed = store.delete_profile("FOCUS")
    assert not path.exists()
    assert trashed.parent == paths.trash_dir() / "profiles"
    assert trashed.read_bytes() == content
    with pytest.raises(ValueError, match="built-in"):
        store.delete_profile("balanced")
    with pytest.raises(store.NotFound, match="no profile matches 'focus'; there are: balanced"):
        store.delete_profile("focus")


def test_a_bad_profile_file_is_reported_and_never_overwritten(make_profile: MakeProfile) -> None:
    bad = write(paths.profiles_dir() / "focus.toml", 'schema = 1\nname = "Focus"\ncriteria = []\n')
    before = bad.read_bytes()
    loaded = store.load_profiles()
    problem = only_problem(loaded)
    assert (problem.field, problem.line) == ("criteria", 3)
    with pytest.raises(store.BadFile, match=r"profiles/focus\.toml"):
        store.save_profile(make_profile(name="focus"))
    with pytest.raises(store.BadFile):
        store.delete_profile("Focus")
    assert bad.read_bytes() == before


def test_two_user_files_with_one_profile_name_are_reported(make_profile: MakeProfile) -> None:
    text = store._dump(make_profile(name="Focus")).decode()
    write(paths.profiles_dir() / "a.toml", text)
    write(paths.profiles_dir() / "b.toml", text.replace('"Focus"', '"focus"'))
    loaded = store.load_profiles()
    assert [p.name for p in loaded.items if not p.builtin] == ["Focus"]
    assert "uses the same name as profiles/a.toml" in str(only_problem(loaded))


def test_find_profile_matches_name_or_slug_ignoring_case(make_profile: MakeProfile) -> None:
    profiles = [make_profile(name="Creative Impact"), make_profile(name="balanced")]
    assert store.find_profile(profiles, "creative impact") is profiles[0]
    assert store.find_profile(profiles, "creative-impact") is profiles[0]
    assert store.find_profile(profiles, " BALANCED ") is profiles[1]
    with pytest.raises(store.NotFound) as caught:
        store.find_profile(profiles, "growth")
    assert str(caught.value) == "no profile matches 'growth'; there are: Creative Impact, balanced"
    twins = [make_profile(name="Growth!"), make_profile(name="growth?")]
    with pytest.raises(store.NotFound, match=r"'growth' matches more than one profile: Growth!, growth\?"):
        store.find_profile(twins, "growth")
    assert store.find_profile(twins, "GROWTH?") is twins[1]


# --- Finding opportunities --------------------------------------------------------------


def test_find_opportunity_by_id_prefix_or_substring() -> None:
    opportunities = [
        Opportunity(id="vallee-verte-wines", company="Vallée Verte Wines", role="Coordinator"),
        Opportunity(id="pr-agency", company="Maison Lumière PR", role="Account executive"),
        Opportunity(id="pr-agency-2", company="Other PR", role="Writer"),
    ]
    assert store.find_opportunity(opportunities, "pr-agency") is opportunities[1]
    assert store.find_opportunity(opportunities, "vall") is opportunities[0]
    assert store.find_opportunity(opportunities, "MAISON") is opportunities[1]
    assert store.find_opportunity(opportunities, "verte") is opportunities[0]
    with pytest.raises(
        store.NotFound, match=r"'pr' matches more than one opportunity: pr-agency .*pr-agency-2"
    ):
        store.find_opportunity(opportunities, "pr")
    with pytest.raises(store.NotFound, match="no opportunity matches 'acme'; there are: vallee-verte-wines"):
        store.find_opportunity(opportunities, "acme")


# --- Settings ---------------------------------------------------------------------------


def test_settings_default_when_missing_and_round_trip() -> None:
    assert store.load_settings() == Settings()
    store.save_settings(Settings(theme="nord", profile="creative impact"))
    assert store.load_settings() == Settings(theme="nord", profile="creative impact")
    assert store.settings_problems() == []


def test_bad_settings_give_defaults_and_are_never_rewritten() -> None:
    bad = write(paths.settings_file(), 'schema = 1\ntheme = "nord"\nfont = "big"\n')
    before = bad.read_bytes()
    assert store.load_settings() == Settings()
    assert [str(p) for p in store.settings_problems()] == [
        "settings.toml, line 3: font: is not a key evaluator knows here (check the spelling)"
    ]
    with pytest.raises(store.BadFile):
        store.save_settings(Settings(theme="dracula"))
    assert bad.read_bytes() == before


# --- Drafts -----------------------------------------------------------------------------


def test_a_draft_is_kept_until_discarded() -> None:
    interview = Interview(
        date=date(2024, 5, 2), notes="half done…", answers=[Answer(criterion="growth", value=4)]
    )
    path = store.save_draft("acme", interview)
    assert path.parent == paths.drafts_dir()
    assert store.load_draft("acme") == interview
    assert store.load_draft("other") is None
    store.discard_draft("acme")
    assert store.load_draft("acme") is None
    store.discard_draft("acme")  # twice is fine


def test_a_draft_for_a_new_opportunity_has_its_own_file() -> None:
    store.save_draft("", Interview(date=date(2024, 5, 2)))
    assert store.load_draft("") == Interview(date=date(2024, 5, 2))
    assert store.load_draft("new") is None


def test_a_bad_draft_warns_and_is_kept() -> None:
    bad = write(paths.drafts_dir() / "acme.toml", "schema = 1\n[interview]\nnotes = 'no date'\n")
    with pytest.warns(UserWarning, match=r"drafts/acme.toml, line 2: interview.date: is missing"):
        assert store.load_draft("acme") is None
    assert bad.exists()


# --- Examples ---------------------------------------------------------------------------


def test_the_examples_load_cleanly_and_fit_the_builtin_profiles() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        examples = store.load_examples()
    assert examples
    profiles = store.load_profiles().items
    for example in examples:
        assert example.id
        assert store.check_answers(example, profiles) == [], example.id


def test_copying_examples_never_overwrites(data_dir: Path) -> None:
    mine = opportunity_file("pr-agency.toml", "my own file")
    written = store.copy_examples(data_dir)
    names = sorted(p.name for p in paths.examples_dir().glob("*.toml"))
    assert sorted(p.name for p in paths.opportunities_dir().iterdir()) == names
    assert mine not in written and mine.read_text() == "my own file"
    assert store.copy_examples(data_dir) == []
    loaded = store.load_opportunities()
    assert len(loaded.items) == len(names) - 1


# --- docs/file-format.md ----------------------------------------------------------------


def doc_blocks() -> list[str]:
    return re.findall(r"```toml\n(.*?)```", DOCS.read_text("utf-8"), flags=re.DOTALL)


def test_every_toml_example_in_the_docs_is_valid() -> None:
    kinds = []
    profiles: list[Profile] = []
    opportunities: list[Opportunity] = []
    for block in doc_blocks():
        data = tomllib.loads(block)
        assert data["schema"] == SCHEMA_VERSION
        if "criteria" in data:
            profiles.append(Profile.model_validate(data))
            kinds.append("profile")
        elif "company" in data:
            opportunities.append(Opportunity.model_validate(data))
            kinds.append("opportunity")
        elif "interview" in data:
            Interview.model_validate(data["interview"])
            kinds.append("draft")
        else:
            Settings.model_validate(data)
            kinds.append("settings")
    assert {"profile", "opportunity", "settings", "draft"} <= set(kinds)
    for opportunity in opportunities:
        assert store.check_answers(opportunity, profiles) == []


def test_the_documented_examples_load_through_the_store() -> None:
    for n, block in enumerate(doc_blocks()):
        data = tomllib.loads(block)
        if "criteria" in data:
            write(paths.profiles_dir() / f"doc-{n}.toml", block)
        elif "company" in data:
            write(paths.opportunities_dir() / f"doc-{n}.toml", block)
    profiles = store.load_profiles()
    opportunities = store.load_opportunities(profiles.items)
    assert (profiles.problems, opportunities.problems) == ([], [])
    assert opportunities.items
    # ...and every profile, built-in or documented, can score every opportunity, examples included.
    store.copy_examples(paths.data_dir())
    everything = store.load_opportunities(profiles.items)
    assert not everything.problems
    for profile in profiles.items:
        scores = scoring.score_all(everything.items, profile)
        assert len(scores) == len(everything.items)


def test_the_docs_mention_every_field() -> None:
    text = DOCS.read_text("utf-8")
    for cls in (
        model.Profile,
        model.Criterion,
        model.Opportunity,
        model.Interview,
        model.Answer,
        model.Settings,
    ):
        for name, info in cls.model_fields.items():
            if name in {"builtin", "id"}:
                continue
            assert f"`{info.alias or name}`" in text, f"{cls.__name__}.{name}"


def test_the_store_never_imports_textual() -> None:
    code = "import sys, evaluator.store, evaluator.model, evaluator.paths; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_a_user_profile_reusing_a_key_for_another_kind_of_answer_is_reported_not_loaded() -> None:
    """Answers are shared by criterion key: 'commute' is a number of minutes in the built-ins,
    so a profile reading it as a 1-5 rating would break every opportunity that answered it."""
    folder = paths.ensure(paths.profiles_dir())
    path = folder / "mine.toml"
    path.write_text(
        'schema = 1\nname = "mine"\n\n[[criteria]]\nkey = "commute"\nlabel = "Commute"\nscale = { kind = "rating" }\n'
        '\n[[criteria]]\nkey = "bike_lane"\nlabel = "Bike lane"\n',
        encoding="utf-8",
    )
    before = path.read_bytes()
    loaded = store.load_profiles()
    assert "mine" not in [p.name for p in loaded.items]
    assert "balanced" in [p.name for p in loaded.items]
    (problem,) = [p for p in loaded.problems if p.path == path]
    assert "'commute'" in str(problem) and "a number (in min)" in str(problem) and "key of its own" in str(problem)
    assert path.read_bytes() == before


def test_saving_a_profile_that_reuses_a_key_for_another_kind_of_answer_is_refused() -> None:
    balanced = store.find_profile(store.load_profiles().items, "balanced")
    mine = balanced.model_copy(deep=True, update={"name": "mine", "builtin": False})
    office = mine.criterion("office_policy")
    assert office is not None
    office.scale = ChoiceScale(options=[ChoiceOption(label="remote", value=1), ChoiceOption(label="office", value=0)])
    with pytest.raises(ValueError, match="office_policy"):
        store.save_profile(mine)
    assert not list(paths.profiles_dir().glob("*.toml"))
    # Other values for the same labels are priorities, not another kind of answer: allowed.
    office.scale = balanced.criterion("office_policy").scale.model_copy(deep=True)
    office.scale.options[0].value = 0.5
    assert store.save_profile(mine).exists()
