"""Issue 6, at the store: old files migrate without loss, another program's edit is never
clobbered, bad files are reported and moved only when asked, deletions can be undone, and no
name can make a path outside the data folder. (The crash test is in test_crash.py; file
permissions are checked in test_store.py.)"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from evaluator import paths, store
from evaluator.model import Interview, Opportunity, Profile

MakeProfile = Callable[..., Profile]
MakeOpportunity = Callable[..., Opportunity]

SCHEMA1 = Path(__file__).parents[1] / "data" / "schema1"
STAMP = r"\d{8}-\d{6}"
"""The date-time in backup and trash names, e.g. 20261122-101500."""


def files_under(folder: Path) -> dict[str, bytes]:
    """Every file below `folder`, as relative name -> bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def other_program_writes(path: Path, content: bytes) -> None:
    """Another program (an editor, a sync tool) replaces the file's content."""
    code = "import sys, pathlib; pathlib.Path(sys.argv[1]).write_bytes(sys.stdin.buffer.read())"
    subprocess.run([sys.executable, "-c", code, str(path)], input=content, check=True)


def only_one(folder: Path, pattern: str) -> Path:
    """The single file of `folder` whose name matches `pattern` in full."""
    found = [p for p in folder.iterdir() if re.fullmatch(pattern, p.name)] if folder.is_dir() else []
    assert len(found) == 1, (pattern, sorted(p.name for p in folder.iterdir()) if folder.is_dir() else None)
    return found[0]


# --- Files of schema 1 -------------------------------------------------------------------


@pytest.fixture
def schema1(data_dir: Path) -> dict[str, bytes]:
    """The schema-1 fixture files copied into the data folder; returns their bytes by name."""
    shutil.copytree(SCHEMA1, data_dir)
    return files_under(data_dir)


def said_i(path: Path) -> list[bool]:
    """The `said_i` of each interview of a schema-1 file, read straight from the TOML."""
    return [i["self_review"]["said_i"] for i in tomllib.loads(path.read_text("utf-8"))["interviews"]]


def test_files_of_schema_1_load_and_stay_as_they_are(schema1: dict[str, bytes], data_dir: Path) -> None:
    """Issue 6: a file written by an older evaluator opens (migrated in memory), and merely opening
    it changes nothing on disk: the file is only rewritten when the user saves."""
    profiles = store.load_profiles()
    opportunities = store.load_opportunities(profiles.items)
    assert (profiles.problems, opportunities.problems, store.settings_problems()) == ([], [], [])
    assert store.find_profile(profiles.items, "my balanced").builtin is False
    assert store.load_settings().profile == "my balanced"
    assert sorted(o.id for o in opportunities.items) == ["vallee-verte-wines", "wearables-startup"]
    for opportunity in opportunities.items:
        migrated = [i.self_review.spoke_for_myself for i in opportunity.interviews]
        assert migrated == said_i(data_dir / "opportunities" / f"{opportunity.id}.toml")
    assert [i.self_review.spoke_for_myself for i in store.find_opportunity(opportunities.items, "wear").interviews] == [
        False,
        True,
    ]
    assert files_under(data_dir) == schema1


def test_saving_a_migrated_opportunity_writes_schema_2_and_keeps_the_original(
    schema1: dict[str, bytes], data_dir: Path
) -> None:
    """Issue 6: the first save of an old file writes the current schema, and the original is kept
    byte for byte in backups/ first; saving again makes no second backup."""
    loaded = store.load_opportunities()
    wearables = store.find_opportunity(loaded.items, "wearables-startup")
    before = wearables.model_dump()
    path = store.save_opportunity(wearables, today=wearables.updated)

    text = path.read_text("utf-8")
    assert text.startswith("schema = 2\n")
    assert "said_i" not in text
    assert [i["self_review"]["spoke_for_myself"] for i in tomllib.loads(text)["interviews"]] == [False, True]
    backup = only_one(data_dir / "backups" / "opportunities", rf"wearables-startup\.schema1\.{STAMP}\.toml")
    assert backup.read_bytes() == schema1["opportunities/wearables-startup.toml"]
    again = store.find_opportunity(store.load_opportunities().items, "wearables-startup")
    assert again.model_dump() == before

    again.notes = "second save"
    store.save_opportunity(again)
    assert len(list((data_dir / "backups" / "opportunities").iterdir())) == 1
    untouched = files_under(data_dir)
    assert untouched["opportunities/vallee-verte-wines.toml"] == schema1["opportunities/vallee-verte-wines.toml"]


def test_saving_a_migrated_profile_or_settings_keeps_the_original(schema1: dict[str, bytes], data_dir: Path) -> None:
    """Issue 6: profiles and settings of schema 1 are backed up the same way before their first
    save, each under its own place in backups/ (settings beside the folders, not in a folder named
    after the data folder)."""
    profile = store.find_profile(store.load_profiles().items, "my balanced")
    store.save_profile(profile)
    store.save_settings(store.load_settings())
    backups = {name: content for name, content in files_under(data_dir / "backups").items()}
    names = sorted(backups)
    assert len(names) == 2
    assert re.fullmatch(rf"profiles/my-balanced\.schema1\.{STAMP}\.toml", names[0])
    assert re.fullmatch(rf"settings\.schema1\.{STAMP}\.toml", names[1])
    assert backups[names[0]] == schema1["profiles/my-balanced.toml"]
    assert backups[names[1]] == schema1["settings.toml"]
    assert (data_dir / "settings.toml").read_text("utf-8").startswith("schema = 2\n")


def test_a_draft_of_schema_1_reads_with_the_new_name(data_dir: Path) -> None:
    """Issue 6: a draft kept by an older evaluator still comes back after the upgrade."""
    draft = data_dir / "drafts" / "acme.toml"
    draft.parent.mkdir(parents=True)
    draft.write_text(
        'schema = 1\nopportunity = "acme"\n[interview]\ndate = 2024-05-02\n[interview.self_review]\nsaid_i = true\n',
        encoding="utf-8",
    )
    before = draft.read_bytes()
    interview = store.load_draft("acme")
    assert interview is not None and interview.self_review.spoke_for_myself is True
    assert draft.read_bytes() == before


NEWER = 'schema = 3\ncompany = "Future"\nrole = "Writer"\nhologram = true\n'


def test_a_file_of_a_newer_schema_is_never_rewritten(
    make_opportunity: MakeOpportunity, make_profile: MakeProfile
) -> None:
    """Issue 6: a file from a newer evaluator is refused with "upgrade evaluator", and saving over
    it is refused too, so an older copy of the tool never damages it (loading is in test_store)."""
    opportunities = paths.ensure(paths.opportunities_dir())
    future = opportunities / "future.toml"
    future.write_text(NEWER, encoding="utf-8")
    profile = paths.ensure(paths.profiles_dir()) / "focus.toml"
    profile.write_text('schema = 3\nname = "Focus"\n', encoding="utf-8")
    settings_file = paths.settings_file()
    settings_file.write_text('schema = 3\ntheme = "nord"\n', encoding="utf-8")
    before = files_under(paths.data_dir())

    with pytest.raises(store.BadFile, match=r"opportunities/future\.toml, line 1: schema: .*upgrade evaluator"):
        store.save_opportunity(make_opportunity(id="future"))
    with pytest.raises(store.BadFile, match=r"profiles/focus\.toml.*upgrade evaluator"):
        store.save_profile(make_profile(name="Focus"))
    with pytest.raises(store.BadFile, match=r"settings\.toml.*upgrade evaluator"):
        store.save_settings(store.load_settings())
    assert files_under(paths.data_dir()) == before


# --- Never clobber another program's edit --------------------------------------------------


@pytest.fixture
def on_disk(make_opportunity: MakeOpportunity, make_profile: MakeProfile) -> tuple[Opportunity, Path]:
    """An opportunity saved, then read back from disk as the app would."""
    store.save_profile(make_profile())
    path = store.save_opportunity(make_opportunity(notes="first"))
    return store.find_opportunity(store.load_opportunities().items, path.stem), path


def edited_elsewhere(path: Path) -> bytes:
    other = path.read_bytes().replace(b'notes = "first"', b'notes = "written by another program"')
    other_program_writes(path, other)
    return other


def test_saving_over_another_programs_edit_is_refused(on_disk: tuple[Opportunity, Path]) -> None:
    """Issue 6: "Never lose data": a file changed on disk since it was read is not overwritten;
    the error names the file, and the other program's version stays byte for byte."""
    opportunity, path = on_disk
    other = edited_elsewhere(path)
    opportunity.notes = "mine"
    with pytest.raises(store.ChangedOnDisk) as caught:
        store.save_opportunity(opportunity)
    assert (caught.value.path, caught.value.gone) == (path, False)
    assert str(caught.value).startswith(
        "opportunities/acme-marketing-lead.toml changed on disk since evaluator read it"
    )
    assert path.read_bytes() == other
    assert not paths.backups_dir().exists()
    assert sorted(files_under(paths.opportunities_dir())) == ["acme-marketing-lead.toml"]


def test_keeping_mine_keeps_the_other_version_in_the_backups(on_disk: tuple[Opportunity, Path]) -> None:
    """Issue 6: choosing to overwrite another program's edit still keeps that edit, in backups/."""
    opportunity, path = on_disk
    other = edited_elsewhere(path)
    opportunity.notes = "mine"
    assert store.save_opportunity(opportunity, if_changed="replace") == path
    assert tomllib.loads(path.read_text("utf-8"))["notes"] == "mine"
    backup = only_one(paths.backups_dir() / "opportunities", rf"acme-marketing-lead\.other\.{STAMP}\.toml")
    assert backup.read_bytes() == other


def test_saving_mine_as_new_leaves_the_other_file_alone(on_disk: tuple[Opportunity, Path]) -> None:
    """Issue 6: choosing "save as new" writes ours to a new file and leaves theirs untouched."""
    opportunity, path = on_disk
    other = edited_elsewhere(path)
    opportunity.notes = "mine"
    new = store.save_opportunity(opportunity, if_changed="new")
    assert new == path.with_name("acme-marketing-lead-2.toml")
    assert opportunity.id == "acme-marketing-lead-2"
    assert tomllib.loads(new.read_text("utf-8"))["notes"] == "mine"
    assert path.read_bytes() == other


def test_a_file_deleted_by_another_program_is_not_silently_written_again(on_disk: tuple[Opportunity, Path]) -> None:
    """Issue 6: a file deleted or moved away since it was read is reported (gone=True), and is
    written again only when the user says so."""
    opportunity, path = on_disk
    path.unlink()
    with pytest.raises(store.ChangedOnDisk, match=r"acme-marketing-lead\.toml was deleted or moved") as caught:
        store.save_opportunity(opportunity)
    assert caught.value.gone is True
    assert files_under(paths.opportunities_dir()) == {}
    assert store.save_opportunity(opportunity, if_changed="replace") == path
    assert tomllib.loads(path.read_text("utf-8"))["notes"] == "first"
    assert not paths.backups_dir().exists()


def test_saving_again_from_the_same_record_is_not_a_conflict(on_disk: tuple[Opportunity, Path]) -> None:
    """Issue 6: only someone else's change is a conflict: each save remembers what it wrote."""
    opportunity, path = on_disk
    for notes in ("one", "two", "three"):
        opportunity.notes = notes
        assert store.save_opportunity(opportunity) == path
    assert tomllib.loads(path.read_text("utf-8"))["notes"] == "three"
    assert not paths.backups_dir().exists()


@pytest.fixture
def profile_on_disk(make_profile: MakeProfile) -> tuple[Profile, Path]:
    path = store.save_profile(make_profile(name="Focus", description="first"))
    return store.find_profile(store.load_profiles().items, "focus"), path


def profile_edited_elsewhere(path: Path) -> bytes:
    other = path.read_bytes().replace(b'description = "first"', b'description = "written elsewhere"')
    assert b"written elsewhere" in other
    other_program_writes(path, other)
    return other


def test_a_profile_changed_on_disk_is_never_clobbered(profile_on_disk: tuple[Profile, Path]) -> None:
    """Issue 6: the same protection for profiles: refuse, keep mine (theirs to backups/), or save
    mine as a new profile "<name> (2)" beside theirs."""
    profile, path = profile_on_disk
    other = profile_edited_elsewhere(path)
    profile.description = "mine"
    with pytest.raises(store.ChangedOnDisk, match=r"profiles/focus\.toml changed on disk") as caught:
        store.save_profile(profile)
    assert (caught.value.path, path.read_bytes()) == (path, other)

    new = store.save_profile(profile.model_copy(deep=True), if_changed="new")
    assert new == path.with_name("focus-2.toml")
    assert path.read_bytes() == other
    loaded = {p.name: p.description for p in store.load_profiles().items if not p.builtin}
    assert loaded == {"Focus": "written elsewhere", "Focus (2)": "mine"}

    assert store.save_profile(profile, if_changed="replace") == path
    assert tomllib.loads(path.read_text("utf-8"))["description"] == "mine"
    backup = only_one(paths.backups_dir() / "profiles", rf"focus\.other\.{STAMP}\.toml")
    assert backup.read_bytes() == other


def test_a_profile_deleted_by_another_program_is_reported(profile_on_disk: tuple[Profile, Path]) -> None:
    """Issue 6: a profile whose file was deleted elsewhere is not silently re-created."""
    profile, path = profile_on_disk
    path.unlink()
    with pytest.raises(store.ChangedOnDisk, match=r"profiles/focus\.toml was deleted or moved") as caught:
        store.save_profile(profile)
    assert caught.value.gone is True
    assert not path.exists()
    assert store.save_profile(profile, if_changed="replace") == path
    assert tomllib.loads(path.read_text("utf-8"))["description"] == "first"
    profile.description = "again"
    assert store.save_profile(profile) == path  # and saving again is no conflict


# --- Bad files ---------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"\n  \n"], ids=["zero-bytes", "blank"])
def test_an_empty_file_is_reported_never_rewritten_and_the_others_load(
    content: bytes, make_opportunity: MakeOpportunity, make_profile: MakeProfile
) -> None:
    """Issue 6: a file cut short by a crash or a sync gets its own message naming the file and
    line 1; it is never rewritten or deleted, and every other file still loads."""
    store.save_profile(make_profile())
    store.save_opportunity(make_opportunity(company="Good"))
    empty = paths.opportunities_dir() / "acme.toml"
    empty.write_bytes(content)
    loaded = store.load_opportunities()
    assert [o.company for o in loaded.items] == ["Good"]
    (problem,) = loaded.problems
    assert str(problem).startswith("opportunities/acme.toml, line 1: is empty (cut short by a crash or a sync?)")
    assert store.bad_files(loaded.problems) == [empty]
    with pytest.raises(store.BadFile, match=r"opportunities/acme\.toml, line 1: is empty"):
        store.save_opportunity(make_opportunity(id="acme"))
    with pytest.raises(store.BadFile):
        store.save_opportunity(make_opportunity(id="acme"), if_changed="replace")
    assert empty.read_bytes() == content


def test_quarantine_moves_a_bad_file_aside_and_never_overwrites_one() -> None:
    """Issue 6: when asked, a bad file moves to quarantine/ with its bytes as they were; a second
    bad file of the same name gets its own name (-2), the first is kept."""
    folder = paths.ensure(paths.opportunities_dir())
    first = folder / "acme.toml"
    first.write_bytes(b"")
    moved = store.quarantine(first)
    assert moved == paths.quarantine_dir() / "opportunities" / "acme.toml"
    assert (moved.read_bytes(), first.exists()) == (b"", False)

    first.write_bytes(b"not [toml")
    again = store.quarantine(first)
    assert again == paths.quarantine_dir() / "opportunities" / "acme-2.toml"
    assert (moved.read_bytes(), again.read_bytes()) == (b"", b"not [toml")
    assert store.load_opportunities().problems == []


def test_quarantine_refuses_a_file_outside_the_data_folder(tmp_path: Path) -> None:
    """Issue 6: evaluator only ever moves files of its own data folder, whatever the path says."""
    outside = tmp_path / "outside.toml"
    outside.write_bytes(b"mine")
    paths.ensure(paths.opportunities_dir())
    for path in (outside, paths.opportunities_dir() / ".." / ".." / "outside.toml", paths.data_dir()):
        with pytest.raises(ValueError, match="is not in the data folder"):
            store.quarantine(path)
    assert outside.read_bytes() == b"mine"
    assert not paths.quarantine_dir().exists()


def test_bad_files_lists_only_the_users_files() -> None:
    """Issue 6: a bad built-in file is not the user's to move aside."""
    mine = paths.ensure(paths.opportunities_dir()) / "acme.toml"
    mine.write_bytes(b"")
    problems = [
        store.Problem(paths.examples_dir() / "pr-agency.toml", "odd"),
        store.Problem(mine, "is empty", 1),
        store.Problem(mine, "again", 2),
        store.Problem(paths.opportunities_dir() / "gone.toml", "not there"),
    ]
    assert store.bad_files(problems) == [mine]


# --- Trash -------------------------------------------------------------------------------


def test_a_deleted_opportunity_waits_in_the_trash_and_comes_back_byte_for_byte(
    on_disk: tuple[Opportunity, Path],
) -> None:
    """Issue 6: deleting moves the file to trash/<stem>.<date-time>.toml; restore brings it back."""
    opportunity, path = on_disk
    content = path.read_bytes()
    before = datetime.now().replace(microsecond=0)
    trashed_file = store.delete_opportunity(opportunity)
    assert not path.exists()
    assert trashed_file.parent == paths.trash_dir() / "opportunities"
    assert re.fullmatch(rf"acme-marketing-lead\.{STAMP}\.toml", trashed_file.name)
    assert trashed_file.read_bytes() == content

    (item,) = store.trashed()
    assert (item.path, item.kind, item.name, item.stem) == (
        trashed_file,
        "opportunity",
        "Acme — Marketing lead",
        "acme-marketing-lead",
    )
    assert before <= item.deleted <= datetime.now() + timedelta(seconds=1)
    assert item.id == trashed_file.stem
    assert store.load_opportunities().items == []

    assert store.restore(item) == path
    assert path.read_bytes() == content
    assert store.trashed() == []
    assert [o.id for o in store.load_opportunities().items] == ["acme-marketing-lead"]


def test_restoring_never_overwrites_a_file_made_meanwhile(
    on_disk: tuple[Opportunity, Path], make_opportunity: MakeOpportunity
) -> None:
    """Issue 6: a file that took the old name since is kept; the restored one becomes <stem>-2."""
    opportunity, path = on_disk
    content = path.read_bytes()
    store.delete_opportunity(opportunity)
    assert store.save_opportunity(make_opportunity(notes="newer")) == path
    newer = path.read_bytes()
    (item,) = store.trashed()
    restored = store.restore(item)
    assert restored == path.with_name("acme-marketing-lead-2.toml")
    assert (restored.read_bytes(), path.read_bytes()) == (content, newer)


def test_the_same_file_deleted_twice_is_kept_twice(on_disk: tuple[Opportunity, Path]) -> None:
    """Issue 6: a second deletion never overwrites the first one in the trash."""
    opportunity, path = on_disk
    first = path.read_bytes()
    store.delete_opportunity(opportunity)
    opportunity.notes = "second"
    store.save_opportunity(opportunity, if_changed="replace")
    second = path.read_bytes()
    store.delete_opportunity(opportunity)
    items = store.trashed()
    assert sorted(i.path.read_bytes() for i in items) == sorted([first, second])
    restored = {store.restore(item).read_bytes() for item in items}
    assert restored == {first, second}
    assert sorted(files_under(paths.opportunities_dir())) == ["acme-marketing-lead-2.toml", "acme-marketing-lead.toml"]


def test_a_profile_is_not_restored_over_another_of_its_name(make_profile: MakeProfile) -> None:
    """Issue 6: restoring never makes two profiles of one name; the message names it."""
    store.save_profile(make_profile(name="Focus", description="old"))
    store.delete_profile("Focus")
    store.save_profile(make_profile(name="focus", description="new"))
    (item,) = store.trashed()
    assert (item.kind, item.name, item.stem) == ("profile", "Focus", "focus")
    with pytest.raises(ValueError, match="a profile named 'Focus' exists"):
        store.restore(item)
    assert item.path.exists()
    store.delete_profile("focus")
    store.restore(item)
    assert [p.description for p in store.load_profiles().items if not p.builtin] == ["old"]


def test_find_trashed_by_id_or_name(make_opportunity: MakeOpportunity, make_profile: MakeProfile) -> None:
    """Issue 6: `evaluator trash restore NAME` finds a deleted item by its id or the start of its name."""
    store.save_profile(make_profile())
    for company in ("Acme", "Beta"):
        store.delete_opportunity(store.find_opportunity([_saved(make_opportunity(company=company))], company))
    items = store.trashed()
    acme = next(i for i in items if i.stem == "acme-marketing-lead")
    assert store.find_trashed(items, acme.id) is acme
    assert store.find_trashed(items, "acme — mark") is acme
    assert store.find_trashed(items, "ACME-MARKETING") is acme
    with pytest.raises(store.NotFound, match="matches more than one deleted item"):
        store.find_trashed(items, "marketing")
    with pytest.raises(store.NotFound, match="no deleted item matches 'gamma'"):
        store.find_trashed(items, "gamma")


def _saved(opportunity: Opportunity) -> Opportunity:
    store.save_opportunity(opportunity)
    return opportunity


# --- No name leads outside the data folder --------------------------------------------------

TRAVERSALS = ["../x", "../../x", "../../etc/passwd", "/etc/passwd", "..\\x", "a/b", "x/", ".", "..", "x\x00y", "C:\\x"]


@pytest.fixture
def canaries(tmp_path: Path) -> dict[Path, bytes]:
    """Files where a traversal would land: beside the data folder's subfolders and above it."""
    found = {}
    for path in (tmp_path / "data" / "x.toml", tmp_path / "x.toml", tmp_path / "abs.toml"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"canary " + path.name.encode())
        found[path] = path.read_bytes()
    return found


def unchanged(canaries: dict[Path, bytes], tmp_path: Path) -> bool:
    return files_under(tmp_path) == {p.relative_to(tmp_path).as_posix(): c for p, c in canaries.items()}


@pytest.mark.parametrize("name", [*TRAVERSALS, "ABSOLUTE"])
def test_a_traversal_id_reaches_no_file(
    name: str, tmp_path: Path, canaries: dict[Path, bytes], make_opportunity: MakeOpportunity
) -> None:
    """Issue 6: "A name can never make a path outside the data folder": saving, deleting and the
    drafts refuse an id that leads elsewhere, and read, write or delete nothing."""
    if name == "ABSOLUTE":
        name = str(tmp_path / "abs")
    interview = Interview(date=date(2024, 5, 2), notes="draft")
    calls: list[Callable[[], object]] = [
        lambda: store.save_opportunity(make_opportunity(id=name)),
        lambda: store.save_opportunity(make_opportunity(id=name), if_changed="replace"),
        lambda: store.delete_opportunity(make_opportunity(id=name)),
        lambda: store.save_draft(name, interview),
        lambda: store.load_draft(name),
        lambda: store.discard_draft(name),
    ]
    for call in calls:
        with pytest.raises(ValueError, match=r"cannot be used as a file name|outside"):
            call()
    assert unchanged(canaries, tmp_path)


@pytest.mark.parametrize("name", [*TRAVERSALS, "../../abs", "/" + "../" * 18 + "abs"])
def test_a_traversal_name_is_slugified_into_its_folder(
    name: str, canaries: dict[Path, bytes], make_opportunity: MakeOpportunity, make_profile: MakeProfile
) -> None:
    """Issue 6: a company, role or profile name is only ever a file name inside its folder."""
    opportunity = store.save_opportunity(make_opportunity(company=name, role=name, interviews=[]))
    profile = store.save_profile(make_profile(name=name))
    assert opportunity.parent == paths.opportunities_dir()
    assert profile.parent == paths.profiles_dir()
    assert re.fullmatch(r"[a-z0-9-]+\.toml", opportunity.name) and re.fullmatch(r"[a-z0-9-]+\.toml", profile.name)
    for path, content in canaries.items():
        assert path.read_bytes() == content


def test_the_trash_cannot_restore_outside_the_data_folder(tmp_path: Path, canaries: dict[Path, bytes]) -> None:
    """Issue 6: a trash file whose name hides a traversal ("...<date-time>.toml" is ".." deleted)
    is refused, and queries that look like paths match nothing."""
    folder = paths.ensure(paths.trash_dir() / "opportunities")
    for name in ("...20240101-000000.toml", "..20240101-000000.toml"):
        (folder / name).write_text('schema = 2\ncompany = "Evil"\nrole = "x"\n', encoding="utf-8")
    items = store.trashed()
    assert sorted(i.stem for i in items) == [".", ".."]
    for item in items:
        with pytest.raises(ValueError, match="cannot be used as a file name"):
            store.restore(item)
    for query in ("../x", "/etc/passwd", "../../x.toml", str(tmp_path / "x")):
        with pytest.raises(store.NotFound):
            store.find_trashed(items, query)
    crafted = [
        store.Trashed(folder / "...20240101-000000.toml", "opportunity", "Evil — x", stem, datetime.now())
        for stem in ("../x", "../../x", str(tmp_path / "abs"), "a/b")
    ]
    for item in crafted:
        with pytest.raises(ValueError):
            store.restore(item)
    assert {p.name for p in folder.iterdir()} == {"...20240101-000000.toml", "..20240101-000000.toml"}
    for path, content in canaries.items():
        assert path.read_bytes() == content


def test_a_trashed_profile_without_a_name_is_listed_not_a_crash() -> None:
    """Issue 6: whatever lies in the trash folder, listing and finding deleted items still work."""
    folder = paths.ensure(paths.trash_dir() / "profiles")
    (folder / "odd.20240101-000000.toml").write_text("schema = 2\n", encoding="utf-8")
    (folder / "num.20240101-000000.toml").write_text("schema = 2\nname = 5\n", encoding="utf-8")
    items = store.trashed()
    assert sorted(i.name for i in items) == ["(no name)", "5"]
    assert store.find_trashed(items, "odd").stem == "odd"


@pytest.mark.parametrize("name", ["日本語" * 26 + "é", "é" * 120], ids=["cjk-241-bytes", "accents-240-bytes"])
def test_a_long_name_the_file_system_takes_is_saved(name: str, tmp_path: Path) -> None:
    """Issue 6: every write goes through a temporary file beside the target; its name must fit
    too, or a file that loads (240 bytes of name) could never be saved again."""
    target = paths.ensure(paths.opportunities_dir()) / f"{name}.toml"
    assert len(os.fsencode(target.name)) <= 255
    target.write_text('schema = 2\ncompany = "Acme"\nrole = "Writer"\n', encoding="utf-8")
    (opportunity,) = store.load_opportunities().items
    opportunity.notes = "saved again"
    assert store.save_opportunity(opportunity) == target
    assert tomllib.loads(target.read_text("utf-8"))["notes"] == "saved again"
    assert store.write_file(tmp_path / f"{name}.md", b"memo", replace=False).read_bytes() == b"memo"


PROPERTY = settings(
    max_examples=1000,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PIECES = ["..", ".", "/", "\\", "x", "C:", "\x00", "~", " ", "etc", "passwd", "con", "\n", "é", "日"]
NAMES = st.text() | st.lists(st.sampled_from(PIECES), max_size=10).map("".join)
"""Any text, and text built from the pieces of traversals and odd names."""


def fresh(tmp_path: Path) -> None:
    """An empty test folder again (hypothesis runs many examples in one test)."""
    for entry in tmp_path.iterdir():
        shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


@pytest.fixture
def no_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    """Skip flushing to disk: these properties are about where files go, and a thousand examples
    of fsync take a quarter of a minute. (The crash test keeps fsync.)"""
    monkeypatch.setattr(os, "fsync", lambda _: None)


@PROPERTY
@given(name=NAMES)
def test_any_opportunity_id_writes_inside_its_folder_or_nowhere(
    name: str, tmp_path: Path, make_opportunity: MakeOpportunity, no_fsync: None
) -> None:
    """Issue 6: for any id, the opportunity and its draft are written inside their folders, or the
    id is refused (a name too long for the file system is refused by it) and nothing is written."""
    fresh(tmp_path)
    opportunity = make_opportunity(interviews=[])
    opportunity.id = name
    try:
        path = store.save_opportunity(opportunity)
    except (ValueError, store.CannotWrite):
        assert files_under(tmp_path) == {}
    else:
        assert path.parent == paths.opportunities_dir()
        assert list(files_under(tmp_path)) == [f"data/opportunities/{path.name}"]
    fresh(tmp_path)
    try:
        draft = store.save_draft(name, Interview(date=date(2024, 5, 2)))
    except (ValueError, store.CannotWrite):
        assert files_under(tmp_path) == {}
    else:
        assert draft.parent == paths.drafts_dir()
        assert list(files_under(tmp_path)) == [f"data/drafts/{draft.name}"]


@PROPERTY
@given(company=NAMES, role=NAMES, profile=NAMES)
def test_any_name_writes_inside_its_folder(
    company: str,
    role: str,
    profile: str,
    tmp_path: Path,
    make_opportunity: MakeOpportunity,
    make_profile: MakeProfile,
    no_fsync: None,
) -> None:
    """Issue 6: company, role and profile names never choose where a file goes, only its slug."""
    fresh(tmp_path)
    try:
        opportunity = make_opportunity(company=company, role=role, interviews=[])
        mine = make_profile(name=profile)
    except ValidationError:
        assume(False)
        return
    written = [store.save_opportunity(opportunity), store.save_profile(mine)]
    assert [p.parent for p in written] == [paths.opportunities_dir(), paths.profiles_dir()]
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*\.toml", p.name) for p in written)
    assert sorted(files_under(tmp_path)) == sorted(p.relative_to(tmp_path).as_posix() for p in written)


def test_a_long_profile_name_saved_as_new_still_fits(make_profile: MakeProfile) -> None:
    """"Save mine as new" names the copy "<name> (2)" within the 60 characters a name may have."""
    long = "a" * 60
    path = store.save_profile(make_profile(name=long))
    mine = store.find_profile(store.load_profiles().items, long)
    path.write_text(re.sub(r"weight = [0-9.]+", "weight = 42", path.read_text(encoding="utf-8"), count=1), "utf-8")
    store.save_profile(mine, if_changed="new")
    assert mine.name == "a" * 56 + " (2)"
    assert {long, mine.name} <= {p.name for p in store.load_profiles().items}


def test_only_files_that_cannot_be_read_are_moved_aside(make_opportunity: MakeOpportunity) -> None:
    """A well-formed file left out because no profile reads its answers is not "bad": restoring
    the profile fixes it, so `repair` never moves it."""
    orphan = store.save_opportunity(make_opportunity())  # its answers need the test profile, not saved
    empty = paths.opportunities_dir() / "empty.toml"
    empty.write_bytes(b"")
    problems = store.load_opportunities().problems
    assert {p.path for p in problems} == {orphan, empty}
    moved, failed = store.quarantine_bad(problems)
    assert (moved, failed) == ([(empty, paths.quarantine_dir() / "opportunities" / "empty.toml")], [])
    assert orphan.exists()
