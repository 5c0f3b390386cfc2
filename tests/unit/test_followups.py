"""Follow-ups: what is due (thank-you notes, follow-up dates, quiet opportunities), the calendar
file, and `evaluator followups` on good and bad input. Every date is fixed; nothing reads the clock
except the command-line tests, which build their data relative to today."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from evaluator import followups, paths, store
from evaluator.__main__ import main
from evaluator.followups import Due, FollowupError, Kind
from evaluator.model import Interview, Opportunity, Person, Settings, Stage

DAY = date(2026, 11, 24)
"""The winery's follow-up (23 Nov) has come; the PR agency's thank-you (19 Nov) is not sent."""
STAMP = datetime(2026, 11, 24, 8, 30, tzinfo=UTC)


@pytest.fixture
def examples() -> list[Opportunity]:
    return sorted(store.load_examples(), key=lambda o: o.id)


def opportunity(oid: str = "acme", **fields: Any) -> Opportunity:
    """A hand-made open opportunity, quiet since 1 Oct 2026 unless told otherwise."""
    values: dict[str, Any] = {
        "company": "Acme",
        "role": "Marketing lead",
        "stage": "applied",
        "created": date(2026, 9, 20),
        "updated": date(2026, 10, 1),
    }
    values.update(fields)
    made = Opportunity(**values)
    made.id = oid
    return made


def interview(day: date, **fields: Any) -> Interview:
    values: dict[str, Any] = {"date": day, "people": [Person(name="Dana Ortiz", role="Recruiter")]}
    values.update(fields)
    return Interview(**values)


def keys(items: list[Due]) -> list[str]:
    return [item.key for item in items]


# --- What is due on the example data ---------------------------------------------------


def test_examples_on_24_november(examples: list[Opportunity]) -> None:
    items = followups.due(examples, DAY)
    assert [(i.kind, i.opportunity.company, i.due, i.days_overdue) for i in items] == [
        (Kind.THANK_YOU, "Lumen & Bell PR", date(2026, 11, 20), 4),  # coffee on 19 Nov, due by the 20th
        (Kind.FOLLOW_UP, "Pulseband", date(2026, 11, 20), 4),
        (Kind.FOLLOW_UP, "Vallée Verte Wines", date(2026, 11, 23), 1),
    ]
    thank_you, pulseband, winery = items
    assert thank_you.summary == "send a thank-you note to Amara Nwosu"
    assert thank_you.when == "4 days overdue"
    assert thank_you.detail(DAY) == (
        "to Amara Nwosu (Account director), after the informational interview on 19 Nov; not sent yet (due by 20 Nov)"
    )
    # The follow-up comes from the latest interview that set one: Tomás, not Maya.
    assert pulseband.interview is not None and pulseband.interview.date == date(2026, 11, 13)
    assert pulseband.summary == "follow up with Tomás Reyes"
    assert winery.key == "vallee-verte-wines-followup-2026-11-23"
    assert winery.when == "1 day overdue"
    assert winery.detail(DAY) == "with Claire Dumont (HR generalist); due 23 Nov, set after the screening on 16 Nov"


def test_the_day_before_the_winery_follow_up_it_is_not_due(examples: list[Opportunity]) -> None:
    items = followups.due(examples, date(2026, 11, 22))
    assert [(i.kind, i.opportunity.id) for i in items] == [
        (Kind.THANK_YOU, "pr-agency"),
        (Kind.FOLLOW_UP, "wearables-startup"),
    ]


def test_nothing_is_due_before_any_interview(examples: list[Opportunity]) -> None:
    assert followups.due(examples, date(2026, 11, 1)) == []


def test_a_shorter_stale_limit_finds_quiet_examples(examples: list[Opportunity]) -> None:
    items = followups.due(examples, DAY, stale_days=7)
    quiet = {i.opportunity.id: i for i in items if i.kind is Kind.STALE}
    # Pulseband: last activity 14 Nov (updated) → 10 days; the winery: 17 Nov → 7 days, just quiet.
    # The PR agency has a follow-up date still to come (25 Nov): waiting is the plan, not silence.
    assert sorted(quiet) == ["vallee-verte-wines", "wearables-startup"]
    assert quiet["wearables-startup"].quiet_days == 10
    assert quiet["vallee-verte-wines"].quiet_days == 7
    assert quiet["wearables-startup"].summary == "no activity for 10 days — mark as ghosted?"
    assert quiet["wearables-startup"].suggested_stage is Stage.GHOSTED
    assert [o.stage for o in examples] == [Stage.LEAD, Stage.SCREENING, Stage.INTERVIEWING]  # never changed


# --- Thank-you notes ------------------------------------------------------------------------


def test_thank_you_is_listed_from_the_interview_day_and_due_by_the_next() -> None:
    opp = opportunity(updated=date(2026, 11, 24), interviews=[interview(date(2026, 11, 24))])
    (item,) = followups.due([opp], DAY)
    assert (item.kind, item.due, item.when) == (Kind.THANK_YOU, date(2026, 11, 25), "due tomorrow")
    (item,) = followups.due([opp], date(2026, 11, 25))
    assert item.when == "due today"
    (item,) = followups.due([opp], date(2026, 11, 27))
    assert item.when == "2 days overdue"


def test_no_thank_you_before_the_interview_or_once_sent() -> None:
    future = opportunity(updated=DAY, interviews=[interview(date(2026, 11, 26))])
    sent = opportunity(
        "sent", updated=DAY, interviews=[interview(date(2026, 11, 20), thank_you_sent=date(2026, 11, 20))]
    )
    assert followups.due([future, sent], DAY) == []


def test_one_thank_you_per_interview_with_distinct_keys() -> None:
    day = date(2026, 11, 20)
    opp = opportunity(
        updated=day,
        interviews=[
            interview(day, kind="technical", people=[Person(name="Bo")]),
            interview(day, kind="technical", people=[Person(name="Al")]),
            interview(day, kind="panel", people=[Person(name="Cy"), Person(name="Di"), Person(name="Ed")]),
        ],
    )
    items = followups.due([opp], DAY)
    assert keys(items) == [
        "acme-thank-you-2026-11-20-panel",
        "acme-thank-you-2026-11-20-technical",
        "acme-thank-you-2026-11-20-technical-2",
    ]
    assert items[0].summary == "send a thank-you note to Cy, Di and Ed"
    assert items[1].summary == "send a thank-you note to Al"


# --- Follow-ups -------------------------------------------------------------------------------


def test_follow_up_comes_from_the_latest_interview_that_set_one() -> None:
    opp = opportunity(
        updated=date(2026, 11, 12),
        interviews=[
            interview(date(2026, 11, 1), thank_you_sent=date(2026, 11, 1), next_follow_up=date(2026, 12, 30)),
            interview(
                date(2026, 11, 10),
                kind="hiring-manager",
                people=[Person(name="Sam Lee")],
                thank_you_sent=date(2026, 11, 10),
                next_follow_up=date(2026, 11, 18),
            ),
            interview(date(2026, 11, 12), thank_you_sent=date(2026, 11, 12)),  # set no date
        ],
    )
    (item,) = followups.due([opp], DAY)
    assert (item.kind, item.due, item.days_overdue) == (Kind.FOLLOW_UP, date(2026, 11, 18), 6)
    assert item.interview is not None and item.interview.date == date(2026, 11, 10)
    assert item.summary == "follow up with Sam Lee"
    assert followups.due([opp], date(2026, 11, 17)) == []


def test_a_follow_up_is_due_on_its_day() -> None:
    opp = opportunity(updated=DAY, interviews=[interview(date(2026, 11, 20), thank_you_sent=date(2026, 11, 20))])
    opp.interviews[0].next_follow_up = DAY
    (item,) = followups.due([opp], DAY)
    assert (item.kind, item.when) == (Kind.FOLLOW_UP, "due today")


# --- Gone quiet -----------------------------------------------------------------------------


def test_quiet_for_34_days_is_offered_ghosted() -> None:
    opp = opportunity(interviews=[interview(date(2026, 10, 21), thank_you_sent=date(2026, 10, 21))])
    (item,) = followups.due([opp], DAY)
    assert item.kind is Kind.STALE
    assert item.last_activity == date(2026, 10, 21)  # the interview is later than `updated`
    assert item.quiet_days == 34
    assert item.summary == "no activity for 34 days — mark as ghosted?"
    assert item.detail(DAY) == "no activity for 34 days (last on 21 Oct, stage applied) — mark as ghosted?"
    assert item.suggested_stage is Stage.GHOSTED
    assert opp.stage is Stage.APPLIED


def test_quiet_counts_from_the_later_of_updated_and_the_last_interview() -> None:
    opp = opportunity(updated=date(2026, 11, 10), interviews=[interview(date(2026, 10, 1), thank_you_sent=DAY)])
    assert followups.last_activity(opp) == date(2026, 11, 10)
    assert followups.due([opp], DAY) == []  # 14 days


def test_stale_boundary_is_inclusive() -> None:
    opp = opportunity(updated=DAY - timedelta(days=21))
    assert [i.quiet_days for i in followups.due([opp], DAY)] == [21]
    assert followups.due([opp], DAY - timedelta(days=1)) == []
    assert [i.kind for i in followups.due([opp], DAY, stale_days=30)] == []


def test_a_follow_up_date_to_come_is_waiting_not_silence() -> None:
    waiting = opportunity(
        interviews=[interview(date(2026, 9, 1), thank_you_sent=date(2026, 9, 1), next_follow_up=date(2026, 12, 1))]
    )
    assert followups.due([waiting], DAY) == []
    # Once the date has passed it is a follow-up, and quiet too: nothing happened since 1 Oct
    # (quiet since 22 Oct, three weeks later, so that item is the older one and comes first).
    later = followups.due([waiting], date(2026, 12, 10))
    assert [(i.kind, i.due) for i in later] == [(Kind.STALE, date(2026, 10, 22)), (Kind.FOLLOW_UP, date(2026, 12, 1))]
    assert later[0].quiet_days == 70


def test_an_untouched_lead_is_offered_archiving_not_ghosted() -> None:
    lead = opportunity(stage="lead")
    (item,) = followups.due([lead], DAY)
    assert item.suggested_stage is None
    assert "archive" in item.summary and "ghosted" not in item.summary


def test_closed_and_archived_opportunities_are_left_out() -> None:
    pending = [interview(date(2026, 11, 20), next_follow_up=date(2026, 11, 21))]
    made = [
        opportunity("rejected", stage="rejected", interviews=pending),
        opportunity("ghosted", stage="ghosted", interviews=pending),
        opportunity("accepted", stage="accepted", interviews=pending),
        opportunity("archived", archived=True, interviews=pending),
    ]
    assert followups.due(made, DAY) == []
    assert followups.reminders(made) == []


def test_sorted_most_overdue_first() -> None:
    made = [
        opportunity("quiet", company="Quiet Co", updated=date(2026, 10, 1)),  # quiet since 22 Oct
        opportunity(
            "fresh",
            company="Fresh Co",
            updated=DAY,
            interviews=[interview(DAY)],  # thank-you due tomorrow
        ),
        opportunity(
            "late",
            company="Late Co",
            updated=date(2026, 11, 10),
            interviews=[
                interview(date(2026, 11, 3), thank_you_sent=date(2026, 11, 3), next_follow_up=date(2026, 11, 8))
            ],
        ),
    ]
    items = followups.due(made, DAY)
    assert [(i.opportunity.id, i.kind) for i in items] == [
        ("quiet", Kind.STALE),
        ("late", Kind.FOLLOW_UP),
        ("fresh", Kind.THANK_YOU),
    ]
    assert [i.days_overdue for i in items] == [33, 16, -1]


@pytest.mark.parametrize("bad", [0, -3, True, 2.5])
def test_bad_stale_days_are_refused(bad: Any) -> None:
    with pytest.raises(FollowupError, match="at least 1"):
        followups.due([], DAY, stale_days=bad)


def test_the_text_for_the_command_line(examples: list[Opportunity]) -> None:
    quiet = opportunity(interviews=[interview(date(2026, 10, 21), thank_you_sent=date(2026, 10, 21))])
    text = followups.due_text(followups.due([*examples, quiet], DAY), DAY)
    assert text.startswith("Due on 24 Nov 2026: 4 things")
    lines = text.splitlines()
    assert lines[2].split() == ["34", "days", "quiet", "Gone", "quiet", "Acme", "—", "Marketing", "lead"]
    assert "No activity for 34 days (last on 21 Oct, stage applied) — mark as ghosted?" in text
    assert "4 days overdue    Thank-you note  Lumen & Bell PR — PR and communications intern" in text
    assert "To Amara Nwosu (Account director)" in text
    assert all(len(line) <= 100 for line in lines)
    empty = followups.due_text([], DAY)
    assert empty.startswith("Nothing due on 24 Nov 2026") and "21 days" in empty


# --- The calendar ---------------------------------------------------------------------------


def events(path: Path) -> dict[str, Any]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_calendar_of_the_examples_parses_back(examples: list[Opportunity], tmp_path: Path) -> None:
    profile = store.find_profile(store.load_profiles().items, "balanced")
    target = tmp_path / "followups.ics"
    followups.write_calendar(target, followups.reminders(examples, profile=profile), stamp=STAMP)

    raw = target.read_bytes()
    calendar = Calendar.from_ical(raw)
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["prodid"]).startswith("-//evaluator//")
    assert b"DTSTART;VALUE=DATE:20261123\r\n" in raw  # all-day, CRLF line ends

    found = events(target)
    assert {uid: (e.decoded("dtstart"), str(e["summary"])) for uid, e in found.items()} == {
        "pr-agency-thank-you-2026-11-19-informational@evaluator": (
            date(2026, 11, 20),
            "Thank-you note: Lumen & Bell PR — PR and communications intern",
        ),
        "wearables-startup-followup-2026-11-20@evaluator": (
            date(2026, 11, 20),
            "Follow up: Pulseband — Brand content creator",
        ),
        "vallee-verte-wines-followup-2026-11-23@evaluator": (
            date(2026, 11, 23),
            "Follow up: Vallée Verte Wines — Digital marketing coordinator",
        ),
        "pr-agency-followup-2026-11-25@evaluator": (
            date(2026, 11, 25),
            "Follow up: Lumen & Bell PR — PR and communications intern",
        ),
    }
    winery = found["vallee-verte-wines-followup-2026-11-23@evaluator"]
    assert winery.decoded("dtend") == date(2026, 11, 24)
    assert winery.decoded("dtstamp") == STAMP
    assert str(winery["transp"]) == "TRANSPARENT"
    description = str(winery["description"])
    assert "- Claire Dumont (HR generalist) <claire.dumont@valleeverte.example.com>" in description
    assert 'What to ask next (profile "balanced"):' in description
    assert "Growth plans:" in description and "Claire Dumont (HR generalist) couldn't say" in description
    assert "Link: https://jobs.example.com/vallee-verte/digital-marketing-coordinator" in description


def test_rerunning_gives_the_same_uids_and_bytes(examples: list[Opportunity], tmp_path: Path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    followups.write_calendar(first, followups.reminders(examples), stamp=STAMP)
    followups.write_calendar(second, followups.reminders(store.load_examples()), stamp=STAMP)
    assert first.read_bytes() == second.read_bytes()

    later = tmp_path / "later.ics"
    followups.write_calendar(later, followups.reminders(examples), stamp=STAMP + timedelta(days=3))
    assert sorted(events(later)) == sorted(events(first))

    # A thank-you sent drops its reminder; the other reminders keep their UIDs.
    pr = next(o for o in examples if o.id == "pr-agency")
    pr.interviews[0].thank_you_sent = date(2026, 11, 20)
    sent = tmp_path / "sent.ics"
    followups.write_calendar(sent, followups.reminders(examples), stamp=STAMP)
    assert set(events(sent)) == set(events(first)) - {"pr-agency-thank-you-2026-11-19-informational@evaluator"}


def test_existing_file_is_refused_unless_forced(examples: list[Opportunity], tmp_path: Path) -> None:
    target = tmp_path / "followups.ics"
    target.write_text("my own calendar")
    items = followups.reminders(examples)
    with pytest.raises(store.TargetExists, match="already exists and was left as it is"):
        followups.write_calendar(target, items, stamp=STAMP)
    assert target.read_text() == "my own calendar"
    followups.write_calendar(target, items, stamp=STAMP, force=True)
    assert len(events(target)) == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["followups.ics"]  # no temporary file left


def test_bad_targets_write_nothing(examples: list[Opportunity], tmp_path: Path) -> None:
    items = followups.reminders(examples)
    with pytest.raises(store.CannotWrite, match="does not exist"):
        followups.write_calendar(tmp_path / "missing" / "f.ics", items, stamp=STAMP)
    with pytest.raises(store.CannotWrite, match="is a folder"):
        followups.write_calendar(tmp_path, items, stamp=STAMP, force=True)
    with pytest.raises(FollowupError, match="nothing to put in it"):
        followups.write_calendar(tmp_path / "empty.ics", [], stamp=STAMP)
    with pytest.raises(FollowupError, match="time zone"):
        followups.write_calendar(tmp_path / "naive.ics", items, stamp=datetime(2026, 11, 24))
    assert list(tmp_path.iterdir()) == []


def test_the_calendar_is_private_to_the_user(examples: list[Opportunity], tmp_path: Path) -> None:
    """Written by store.write_file (tested there): it names the people met, so only its owner reads it."""
    target = followups.write_calendar(tmp_path / "f.ics", followups.reminders(examples), stamp=STAMP)
    assert target == tmp_path / "f.ics"
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600


# --- The command line -------------------------------------------------------------------------
# The command uses today's date, so its data is built relative to today.


@pytest.fixture
def cli_data() -> date:
    """The examples, plus one opportunity interviewed three days ago with no thank-you sent."""
    store.copy_examples(paths.data_dir())
    store.save_settings(Settings(profile="balanced"))
    today = date.today()
    fresh = Opportunity(
        company="Northwind",
        role="Content designer",
        stage="interviewing",
        interviews=[
            Interview(
                date=today - timedelta(days=3),
                people=[Person(name="Ines Park", role="Design lead")],
                next_follow_up=today + timedelta(days=4),
            )
        ],
    )
    store.save_opportunity(fresh)
    return today




def test_cli_lists_what_is_due(cli_data: date, cli) -> None:
    code, out, err = cli("followups")
    assert code == 0, err
    assert "2 days overdue    Thank-you note  Northwind — Content designer" in out
    assert "To Ines Park (Design lead), after the screening" in out


def test_cli_writes_the_calendar(cli_data: date, tmp_path: Path, cli) -> None:
    target = tmp_path / "out" / "followups.ics"
    target.parent.mkdir()
    code, out, err = cli("followups", "--ics", str(target))
    assert code == 0, err
    assert f"Wrote 6 reminders to {target} (4 follow-ups, 2 thank-you notes)" in out
    found = events(target)
    interviewed = cli_data - timedelta(days=3)
    uid = f"northwind-content-designer-followup-{(cli_data + timedelta(days=4)).isoformat()}@evaluator"
    assert found[uid].decoded("dtstart") == cli_data + timedelta(days=4)
    thanks = f"northwind-content-designer-thank-you-{interviewed.isoformat()}-screening@evaluator"
    assert found[thanks].decoded("dtstart") == interviewed + timedelta(days=1)

    # Again: refused, file untouched; with --force: the same UIDs.
    before = target.read_bytes()
    code, out, err = cli("followups", "--ics", str(target))
    assert (code, out) == (2, "")
    assert "already exists and was left as it is (pass --force to replace it)" in err
    assert target.read_bytes() == before
    code, _, err = cli("followups", "--ics", str(target), "--force")
    assert code == 0, err
    assert sorted(events(target)) == sorted(found)


def test_cli_bad_input_exits_2_and_writes_nothing(
    cli_data: date, tmp_path: Path, capsys: pytest.CaptureFixture[str], cli
) -> None:
    code, out, err = cli("followups", "--ics", str(tmp_path / "missing" / "f.ics"))
    assert (code, out) == (2, "")
    assert "the folder" in err and "does not exist" in err

    code, out, err = cli("followups", "--stale-days", "0")
    assert (code, out) == (2, "")
    assert "at least 1" in err

    with pytest.raises(SystemExit) as exit_:
        main(["followups", "--stale-days", "soon"])
    assert exit_.value.code == 2
    assert "invalid int value" in capsys.readouterr().err

    code, out, err = cli("followups", "--ics", str(tmp_path / "p.ics"), "--profile", "nope")
    assert code == 2 and "nope" in err

    assert not (tmp_path / "missing").exists()
    assert not (tmp_path / "p.ics").exists()


def test_cli_refuses_a_calendar_missing_unreadable_files(
    cli_data: date, tmp_path: Path, cli
) -> None:
    (paths.opportunities_dir() / "broken.toml").write_bytes(b'schema = 1\ncompany = "Broken\n')
    target = tmp_path / "f.ics"
    code, out, err = cli("followups", "--ics", str(target))
    assert code == 2
    assert "broken.toml" in err
    assert "1 data file could not be read" in err
    assert not target.exists()
    # The list alone still prints, and the exit code still reports the bad file.
    code, out, _ = cli("followups")
    assert code == 2 and "Northwind" in out
