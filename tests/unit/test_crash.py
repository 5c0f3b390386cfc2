"""Issue 6: a save killed at any moment leaves the old file or the new one, never half of each.

A separate process saves one opportunity in a tight loop, alternating between two versions of
different sizes, and is killed with SIGKILL at random moments, hundreds of times. After each
kill every file must parse and be exactly one of the two versions; the temporary files a kill
leaves behind are never loaded as data, and `clean_temporaries` removes them (only them).

Half the kills come after a random pause. On a fast disk (tmpfs) a write is so short that few of
those land in it, so the other half are aimed: after a shorter random pause the test watches the
folder and kills the moment a temporary file appears, i.e. while the new version is being written.

To keep hundreds of kills cheap, one helper process imports evaluator once and forks a fresh
saver for each kill (a fork takes milliseconds; a new interpreter ~0.2 s). The saver is a
process of its own: it reads the file from disk, saves in a loop, and is killed by the test.
The helper reaps it before answering, so a killed saver's pid is really gone (not a zombie).
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from evaluator import paths, store
from evaluator.model import Opportunity, Profile

pytestmark = pytest.mark.skipif(os.name != "posix" or not hasattr(os, "fork"), reason="SIGKILL and fork are POSIX only")

MakeOpportunity = Callable[..., Opportunity]
MakeProfile = Callable[..., Profile]

KILLS = 240
SEED = 6
"""Fixed, so that a failure reproduces."""
TODAY = date(2024, 5, 2)
"""Every save stamps `updated` with this day, so the two versions have fixed bytes."""
PARTS = {"A": ("A", 150_000), "B": ("B-", 50_000)}
NOTES = {name: text * times for name, (text, times) in PARTS.items()}
"""Two versions of different sizes and contents: a torn or mixed write could not pass for either."""
TEMPORARY = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)-[0-9a-f]{8}\.tmp$")

SAVER = """
import os, sys, traceback
from datetime import date
from evaluator import store

notes = [{a!r} * {na}, {b!r} * {nb}]
today = date.fromisoformat({today!r})
out = sys.stdout.fileno()
for line in sys.stdin:
    pid = os.fork()
    if pid == 0:
        try:
            loaded = store.load_opportunities()
            assert not loaded.problems, [str(p) for p in loaded.problems]
            (opportunity,) = loaded.items
            os.write(out, f"looping {{os.getpid()}}\\n".encode())
            n = 0
            while True:
                n += 1
                opportunity.notes = notes[n % 2]
                store.save_opportunity(opportunity, today)
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(3)
    _, status = os.waitpid(pid, 0)
    os.write(out, f"reaped {{status}}\\n".encode())
"""


@pytest.fixture
def saver(data_dir: Path, tmp_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    """The helper that forks one saver per line it reads, in the test's data folder."""
    (a, na), (b, nb) = PARTS["A"], PARTS["B"]
    code = SAVER.format(a=a, na=na, b=b, nb=nb, today=TODAY.isoformat())
    env = {**os.environ, paths.ENV_VAR: str(data_dir)}
    with (tmp_path / "saver.err").open("wb") as errors:
        process = subprocess.Popen(
            [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors, env=env
        )
    yield process
    assert process.stdin is not None
    process.stdin.close()
    process.wait(timeout=10)


@pytest.fixture
def live_pid() -> Iterator[int]:
    """The pid of a process that is running for the whole test (and not this one)."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    yield process.pid
    process.kill()
    process.wait()


def temporaries(folder: Path) -> set[str]:
    return {name for name in os.listdir(folder) if TEMPORARY.match(name)}


def wait_for_a_temporary(folder: Path, entries: int, seconds: float) -> None:
    """Return as soon as the folder holds more than `entries` entries: a temporary file appeared
    beside the one data file (or after `seconds`). Counting is the fastest look on a fast disk."""
    deadline = time.monotonic() + seconds
    while len(os.listdir(folder)) <= entries and time.monotonic() < deadline:
        pass


def test_a_save_killed_at_any_moment_leaves_the_old_or_the_new_file(
    saver: subprocess.Popen[bytes],
    live_pid: int,
    make_opportunity: MakeOpportunity,
    make_profile: MakeProfile,
    tmp_path: Path,
) -> None:
    """Issue 6: "A test starts a separate process that saves the same opportunity in a loop. It
    kills that process with SIGKILL at random moments, at least 200 times. After each kill, every
    file must parse and equal either the old version or the new one. Leftover temporary files are
    cleaned up on the next start, or ignored and never loaded as data." """
    store.save_profile(make_profile())  # the profile its answers belong to
    opportunity = make_opportunity(notes=NOTES["B"])
    path = store.save_opportunity(opportunity, TODAY)
    version = {"B": path.read_bytes()}
    opportunity.notes = NOTES["A"]
    store.save_opportunity(opportunity, TODAY)
    version["A"] = path.read_bytes()
    dumps = {name: store._dump(opportunity.model_copy(update={"notes": NOTES[name]})) for name in NOTES}
    assert dumps == version and len(version["A"]) != len(version["B"])
    folder = path.parent

    # Temporary files planted by the test: a save in progress in this process and one of another
    # process that is still running (both must be kept), and an hour-old one (left over).
    mine = folder / f".{path.name}.{os.getpid()}-0000000a.tmp"
    running = folder / f".{path.name}.{live_pid}-0000000b.tmp"
    stale = folder / f".{path.name}.{live_pid}-0000000c.tmp"
    for temporary in (mine, running, stale):
        temporary.write_bytes(version["A"][:100])
    planted = {mine.name, running.name, stale.name}
    old = time.time() - store.STALE_TEMPORARY_SECONDS - 60
    os.utime(stale, (old, old))  # an hour old: left over, even if its pid is running again

    assert saver.stdin is not None and saver.stdout is not None
    rng = random.Random(SEED)
    seen = {"A": 0, "B": 0}
    left_over: set[str] = set()
    mid_write = 0
    started = time.monotonic()
    for kill in range(KILLS):
        saver.stdin.write(b"go\n")
        saver.stdin.flush()
        looping = saver.stdout.readline().decode()
        assert looping.startswith("looping "), (looping, (tmp_path / "saver.err").read_text())
        pid = int(looping.split()[1])
        time.sleep(rng.uniform(0, 0.030 if kill % 2 else 0.010))
        if not kill % 2:
            wait_for_a_temporary(folder, 1 + len(left_over | planted), seconds=0.050)
        os.kill(pid, signal.SIGKILL)
        reaped = saver.stdout.readline().decode()
        assert reaped.startswith("reaped "), reaped
        status = int(reaped.split()[1])
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
            f"kill {kill}: the saver stopped by itself (status {status}) before it was killed:\n"
            + (tmp_path / "saver.err").read_text()
        )

        assert sorted(p.name for p in folder.glob("*.toml")) == [path.name], f"kill {kill}"
        content = path.read_bytes()
        which = next((name for name, data in version.items() if content == data), None)
        assert which is not None, f"kill {kill}: the file is neither version ({len(content)} bytes)"
        seen[which] += 1
        loaded = store.load_opportunities()
        assert loaded.problems == [], f"kill {kill}: {[str(p) for p in loaded.problems]}"
        assert [o.id for o in loaded.items] == [path.stem], f"kill {kill}: a temporary file was loaded"
        assert loaded.items[0].notes == NOTES[which]

        new = temporaries(folder) - left_over - planted
        for name in new:
            found = TEMPORARY.match(name)
            assert found is not None
            assert (found["name"], int(found["pid"])) == (path.name, pid), name
        mid_write += bool(new)
        left_over |= new
    elapsed = time.monotonic() - started

    summary = (
        f"{KILLS} kills in {elapsed:.1f} s (seed {SEED}); {mid_write} landed while a temporary file "
        f"existed; the file was version A {seen['A']} times and B {seen['B']} times"
    )
    print(summary)
    # Otherwise the kills proved nothing about torn writes. Seen: about 60% on an ordinary disk,
    # 12-30% on tmpfs, where a write is over in microseconds.
    assert mid_write >= KILLS // 20, summary
    assert seen["A"] and seen["B"], summary

    # The next start cleans up: every temporary file of a dead process goes, and so does an
    # hour-old one; a save in progress (this process, or another running one) is left alone.
    removed = store.clean_temporaries()
    assert sorted(p.name for p in removed) == sorted(left_over | {stale.name})
    assert temporaries(folder) == {mine.name, running.name}
    assert path.read_bytes() in version.values()
