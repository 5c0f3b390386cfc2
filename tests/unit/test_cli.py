"""The command line: each command on the example data, and bad usage or bad data → exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from evaluator import __version__, paths, store
from evaluator.__main__ import main
from evaluator.model import Stage


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"evaluator {__version__}"


def test_locate_prints_the_data_dir_in_use(cli, tmp_path: Path) -> None:
    chosen = tmp_path / "elsewhere"
    code, out, _ = cli("--data-dir", str(chosen), "locate")
    assert code == 0
    assert f"data:              {chosen}" in out
    assert str(chosen / "opportunities") in out
    assert str(paths.builtin_profiles_dir()) in out


def test_list_ranks_the_examples(examples: Path, cli) -> None:
    code, out, err = cli("list")
    assert code == 0, err
    assert "Profile: balanced" in out
    for company in ("Pulseband", "Vallée Verte Wines", "Lumen & Bell PR"):
        assert company in out


def test_list_on_empty_data_says_so(cli) -> None:
    code, out, _ = cli("list")
    assert code == 0
    assert "No opportunities yet" in out


def test_show_names_who_said_what(examples: Path, cli) -> None:
    code, out, _ = cli("show", "vallee")
    assert code == 0
    assert "Claire Dumont (HR generalist)" in out
    assert "like-for-like replacement" in out
    assert "unknown" in out


def test_score_shows_range_and_evidence(examples: Path, cli) -> None:
    code, out, _ = cli("score", "pulseband", "--profile", "creative impact")
    assert code == 0
    assert "profile: creative impact" in out
    assert "range" in out
    assert "Maya Okafor" in out


def test_unknown_opportunity_lists_the_ones_that_exist(examples: Path, cli) -> None:
    code, out, err = cli("show", "acme")
    assert code == 2
    assert out == ""
    assert "acme" in err
    assert "pulseband" in err.casefold()


def test_unknown_profile_lists_the_ones_that_exist(examples: Path, cli) -> None:
    code, _, err = cli("compare", "--profile", "nope")
    assert code == 2
    assert "nope" in err
    assert "creative impact" in err


def test_profiles_list_and_show(cli) -> None:
    code, out, _ = cli("profiles", "list")
    assert code == 0
    for name in ("balanced", "creative impact", "early career", "return to work"):
        assert name in out
    code, out, _ = cli("profiles", "show", "return to work")
    assert code == 0
    assert "above 60 min" in out
    assert "fully on-site" in out


def test_compare_json_has_the_documented_shape(examples: Path, cli) -> None:
    code, out, err = cli("compare", "--format", "json", "--profile", "creative impact")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) >= {"profile", "opportunities", "flip_thresholds", "summary"}
    assert data["profile"]["name"] == "creative impact"
    assert sum(data["profile"]["weights"].values()) == pytest.approx(1)
    opportunities = data["opportunities"]
    assert len(opportunities) == 3
    assert sum(o["win_probability"] for o in opportunities) == pytest.approx(1)
    for o in opportunities:
        assert set(o) >= {
            "id", "company", "role", "rank", "score", "low", "high", "win_probability",
            "status", "dealbreakers", "criteria", "ask_next",
        }
        assert 0 <= o["low"] <= o["score"] <= o["high"] <= 100
        assert o["status"] in {"ranked", "excluded", "possible-dealbreaker"}
        for c in o["criteria"]:
            assert set(c) >= {"key", "weight", "value", "low", "high", "contribution", "confidence", "evidence"}
            if c["value"] is None:
                assert c["low"] < c["high"]
        for a in o["ask_next"]:
            assert set(a) >= {"criterion", "question", "ask_whom", "why"}
    # Head to head: every pair is reported both ways, and the two shares add up to 1.
    beats = {o["id"]: o["beats"] for o in opportunities}
    for a in beats:
        for b in beats:
            if a != b:
                assert beats[a][b] + beats[b][a] == pytest.approx(1)
    winery = next(o for o in opportunities if o["company"] == "Vallée Verte Wines")
    growth = next(c for c in winery["criteria"] if c["key"] == "growth_plans")
    assert growth["value"] is None
    assert "growth_plans" in [a["criterion"] for a in winery["ask_next"]]


def test_compare_two_profiles(examples: Path, cli) -> None:
    code, out, _ = cli("compare", "--profile", "creative impact", "--vs-profile", "return to work")
    assert code == 0
    assert "Profile: creative impact" in out
    assert "Profile: return to work" in out


def test_compare_markdown(examples: Path, cli) -> None:
    code, out, _ = cli("compare", "pulseband", "vallee", "--format", "markdown")
    assert code == 0
    assert out.startswith("# Comparison under “balanced”")
    assert "| Pulseband" in out


def test_bad_file_is_named_skipped_and_untouched(examples: Path, cli) -> None:
    bad = paths.opportunities_dir() / "broken.toml"
    bad.write_bytes(b'schema = 1\ncompany = "Broken\n')
    before = bad.read_bytes()
    code, out, err = cli("list")
    assert code == 2
    assert "broken.toml" in err
    assert "line" in err
    assert "Pulseband" in out
    assert bad.read_bytes() == before


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["compare", "--format", "pdf"])
    assert exit_.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_console_script_runs_from_the_environment(tmp_path: Path) -> None:
    """The installed `evaluator` entry point works in a child process, with EVALUATOR_DATA_DIR."""
    env = {**os.environ, "EVALUATOR_DATA_DIR": str(tmp_path / "d")}
    result = subprocess.run(
        [sys.executable, "-m", "evaluator", "profiles", "list"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "creative impact" in result.stdout


def test_naming_an_opportunity_twice_compares_it_once(examples: Path, cli) -> None:
    code, out, err = cli("compare", "pulse", "wearables-startup", "vallee", "--format", "json")
    assert code == 0, err
    assert [o["id"] for o in json.loads(out)["opportunities"]].count("wearables-startup") == 1


def test_a_data_folder_that_is_a_file_is_refused(tmp_path: Path, cli) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("hello", encoding="utf-8")
    code, out, err = cli("--data-dir", str(not_a_folder), "list")
    assert (code, out) == (2, "")
    assert "is a file, not a folder" in err
    assert not_a_folder.read_text(encoding="utf-8") == "hello"


def test_a_closed_pipe_is_not_an_error(tmp_path: Path) -> None:
    """`evaluator compare | head` ends quietly. The reader here exits before anything is written,
    so the write always meets a closed pipe; with pipefail the pipeline reports evaluator's exit."""
    data = tmp_path / "d"
    store.copy_examples(data)
    env = {**os.environ, "EVALUATOR_DATA_DIR": str(data)}
    shell = f"{sys.executable} -m evaluator compare --format json | head -c 0"
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", shell], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr


def test_list_all_numbers_only_the_open_ones(examples: Path, cli) -> None:
    winery = store.find_opportunity(store.load_opportunities().items, "vallee")
    winery.stage = Stage.REJECTED
    store.save_opportunity(winery)
    code, out, _ = cli("list")
    assert code == 0 and "Vallée Verte Wines" not in out
    code, out, _ = cli("list", "--all")
    rows = {line.split()[1]: line.split()[0] for line in out.splitlines()[4:]}
    assert rows["vallee-verte-wines"] == "–"
    assert sorted([rows["wearables-startup"], rows["pr-agency"]]) == ["1", "2"]


# --- Issue 6: deleting is undoable, bad files move aside only when asked, nothing on the network --


def test_delete_then_trash_restore_brings_the_file_back(examples: Path, cli) -> None:
    path = paths.opportunities_dir() / "wearables-startup.toml"
    content = path.read_bytes()
    code, out, _ = cli("delete", "pulse")
    assert code == 0
    assert "evaluator trash restore wearables-startup" in out
    assert not path.exists()
    code, out, _ = cli("trash", "list")
    assert code == 0
    assert "opportunity" in out and "Pulseband — Brand content creator" in out
    code, out, _ = cli("list")
    assert "Pulseband" not in out
    code, out, _ = cli("trash", "restore", "wearables")
    assert code == 0
    assert out.startswith("Restored Pulseband — Brand content creator to ")
    assert path.read_bytes() == content
    assert cli("trash", "list")[1].strip() == "The trash is empty."


def test_trash_restore_of_nothing_exits_2_and_names_what_exists(examples: Path, cli) -> None:
    cli("delete", "pulse")
    code, _, err = cli("trash", "restore", "winery")
    assert code == 2
    assert "no deleted item matches 'winery'" in err
    assert "wearables-startup." in err


def test_repair_lists_bad_files_and_moves_them_only_when_asked(examples: Path, cli) -> None:
    empty = paths.opportunities_dir() / "empty.toml"
    empty.write_bytes(b"")
    newer = paths.opportunities_dir() / "newer.toml"
    newer.write_bytes(b'schema = 7\ncompany = "X"\nrole = "Y"\n')
    code, out, _ = cli("repair")
    assert code == 2
    assert "opportunities/empty.toml, line 1: is empty" in out
    assert "opportunities/newer.toml, line 1: schema: written by a newer evaluator (schema 7" in out
    assert "evaluator repair --quarantine" in out
    assert empty.exists() and newer.read_bytes().startswith(b"schema = 7")
    code, out, _ = cli("repair", "--quarantine")
    assert code == 0
    assert not empty.exists() and not newer.exists()
    assert (paths.quarantine_dir() / "opportunities" / "newer.toml").read_bytes().startswith(b"schema = 7")
    assert cli("repair") == (0, "Every file reads cleanly: nothing to repair.\n", "")
    assert cli("list")[0] == 0


def test_a_bad_file_makes_commands_that_read_it_exit_2(examples: Path, cli) -> None:
    """Issue 6: the command line prints the same problems as the app, and exits 2."""
    (paths.opportunities_dir() / "empty.toml").write_bytes(b"")
    for command in (["list"], ["compare"], ["show", "pulse"], ["export", "--format", "csv"], ["followups"]):
        code, _, err = cli(*command)
        assert code == 2, command
        assert "opportunities/empty.toml, line 1: is empty" in err, command


def test_leftover_temporary_files_are_removed_at_the_next_start(examples: Path, cli) -> None:
    """A save killed mid-way leaves `.name.<pid>-<hex>.tmp`; the next run removes it (its process is gone)."""
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    leftover = paths.opportunities_dir() / f".wearables-startup.toml.{pid}-0123abcd.tmp"
    leftover.write_bytes(b'schema = 2\ncompany = "half a')
    code, out, _ = cli("list")
    assert code == 0
    assert not leftover.exists()
    assert out.count("Pulseband") == 1


def test_no_command_opens_a_network_connection(examples: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 6: nothing is ever sent over the network (serve only listens, on loopback by default)."""
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a network connection was attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for command in (["list"], ["compare", "--format", "json"], ["export", "--format", "markdown"], ["followups"]):
        assert cli(*command)[0] == 0, command
