"""What is due: thank-you notes, follow-ups and opportunities gone quiet; and a calendar of them.

Shared by `evaluator followups` and the home screen. Every function takes `today` (and the
calendar a `stamp`) from its caller: nothing here reads the clock, so tests pass fixed dates.

- A **thank-you note** is due after every interview with no `thank_you_sent` date. Its
  deadline is the day after the interview ("within a day"); it is listed from the day of
  the interview on, and the calendar reminder falls on that deadline.
- A **follow-up** is due once the opportunity's `next_follow_up` (the date set at the latest
  interview that set one) is today or past.
- An opportunity has **gone quiet** when nothing happened for `stale_days` days: the last
  activity is the later of `updated` and the latest interview date. It is offered the
  "ghosted" stage, never moved there automatically. A follow-up date still to come means
  the user chose to wait, so such an opportunity is not called quiet. A lead with no
  interview was never in touch with anyone: it is offered archiving, not "ghosted".

Only open opportunities (open stage, not archived) count. The list is sorted by due date,
oldest first, so the most overdue come first.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from evaluator import __version__, report, scoring, store
from evaluator.model import Interview, Opportunity, Person, Profile, Stage

if TYPE_CHECKING:
    from icalendar import Calendar

STALE_DAYS = 21
"""Days without activity after which an open opportunity is called quiet."""
THANK_YOU_WITHIN = timedelta(days=1)
"""A thank-you note is due by the day after the interview."""
ASKS_IN_CALENDAR = 3
"""How many "ask next" questions a follow-up reminder carries."""
PRODID = f"-//evaluator//evaluator {__version__}//EN"
UID_DOMAIN = "evaluator"


class FollowupError(ValueError):
    """Bad input (a day count, a calendar file): the message says what to fix. Nothing was written."""


class Kind(StrEnum):
    """What kind of thing is due."""

    THANK_YOU = "thank-you"
    FOLLOW_UP = "follow-up"
    STALE = "stale"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {Kind.THANK_YOU: "Thank-you note", Kind.FOLLOW_UP: "Follow-up", Kind.STALE: "Gone quiet"}
_KIND_ORDER = {Kind.THANK_YOU: 0, Kind.FOLLOW_UP: 1, Kind.STALE: 2}


@dataclass(frozen=True)
class Due:
    """One thing to do about one opportunity."""

    kind: Kind
    opportunity: Opportunity
    due: date
    """The deadline: the day after the interview, the follow-up date, or the day it went quiet."""
    days_overdue: int
    """Days past `due` (0: due today, -1: due tomorrow)."""
    key: str
    """Unique in a list and stable from run to run, e.g. "pulseband-followup-2026-11-20"."""
    interview: Interview | None = None
    """The interview it is about (thank-you), or the one that set the follow-up date."""
    last_activity: date | None = None
    """For a quiet opportunity: the day of the last activity."""
    quiet_days: int = 0
    """For a quiet opportunity: days since the last activity."""
    suggested_stage: Stage | None = None
    """For a quiet opportunity: the stage to offer (ghosted), or None (an untouched lead: archive it)."""

    @property
    def opportunity_id(self) -> str:
        return self.opportunity.id

    @property
    def when(self) -> str:
        """How urgent, in words: "4 days overdue", "due today", "due tomorrow", "34 days quiet"."""
        if self.kind is Kind.STALE:
            return f"{self.quiet_days} days quiet"
        late = self.days_overdue
        if late > 0:
            return f"{late} day{'s' if late != 1 else ''} overdue"
        return f"due {report.relative_day(self.due, self.due + timedelta(days=late))}"

    @property
    def summary(self) -> str:
        """What to do, in a few words: "send a thank-you note to Amara Nwosu"."""
        names = _names(self.interview.people if self.interview else [])
        if self.kind is Kind.THANK_YOU:
            return f"send a thank-you note to {names}" if names else "send a thank-you note"
        if self.kind is Kind.FOLLOW_UP:
            return f"follow up with {names}" if names else "follow up"
        return f"no activity for {self.quiet_days} days — {self.action}"

    @property
    def action(self) -> str:
        """Like `summary`, shorter for a quiet one (shown beside `when`): "mark as ghosted?"."""
        if self.kind is not Kind.STALE:
            return self.summary
        return "mark as ghosted?" if self.suggested_stage is Stage.GHOSTED else "still interested? Apply, or archive it"

    def detail(self, today: date | None = None) -> str:
        """The whole story in a sentence: with whom, after which interview, since when, what to do.

        Dates leave out the year when it is `today`'s.
        """
        if self.kind is Kind.STALE:
            assert self.last_activity is not None
            facts = f"last on {report.day(self.last_activity, today)}, stage {self.opportunity.stage.value}"
            return f"no activity for {self.quiet_days} days ({facts}) — {self.action}"
        assert self.interview is not None
        people = _people(self.interview.people)
        after = f"after the {_interview_name(self.interview)} on {report.day(self.interview.date, today)}"
        if self.kind is Kind.THANK_YOU:
            sent = f"not sent yet (due by {report.day(self.due, today)})"
            return f"to {people}, {after}; {sent}" if people else f"{after}; {sent}"
        set_at = f"due {report.day(self.due, today)}, set {after}"
        return f"with {people}; {set_at}" if people else set_at


# --- The list of what is due ----------------------------------------------------------------


def due(opportunities: Iterable[Opportunity], today: date, *, stale_days: int = STALE_DAYS) -> list[Due]:
    """Everything due on `today` for the open opportunities, most overdue first."""
    check_stale_days(stale_days)
    items: list[Due] = []
    for opportunity in opportunities:
        if not opportunity.is_open:
            continue
        for key, interview, deadline in _pending_thank_yous(opportunity):
            if interview.date <= today:
                items.append(Due(Kind.THANK_YOU, opportunity, deadline, (today - deadline).days, key, interview))
        follow_up = _follow_up(opportunity)
        if follow_up is not None and follow_up[2] <= today:
            key, interview, when = follow_up
            items.append(Due(Kind.FOLLOW_UP, opportunity, when, (today - when).days, key, interview))
        quiet = _stale(opportunity, today, stale_days)
        if quiet is not None:
            items.append(quiet)
    items.sort(key=lambda d: (d.due, _KIND_ORDER[d.kind], d.opportunity.company.casefold(), d.key))
    return items


def check_stale_days(stale_days: int) -> None:
    """Raise FollowupError unless `stale_days` is a whole number of at least 1."""
    if isinstance(stale_days, bool) or not isinstance(stale_days, int) or stale_days < 1:
        raise FollowupError(f"the number of stale days must be a whole number of at least 1, not {stale_days!r}")


def last_activity(opportunity: Opportunity) -> date:
    """The later of `updated` and the latest interview date."""
    return max([opportunity.updated, *(i.date for i in opportunity.interviews)])


def _slug(opportunity: Opportunity) -> str:
    return opportunity.id or store.slugify(opportunity.name, "opportunity")


def _pending_thank_yous(opportunity: Opportunity) -> list[tuple[str, Interview, date]]:
    """(key, interview, deadline) for each interview with no thank-you date, whatever its date."""
    pending = sorted(
        (i for i in opportunity.interviews if i.thank_you_sent is None),
        key=lambda i: (i.date, i.kind.value, [p.name.casefold() for p in i.people]),
    )
    out: list[tuple[str, Interview, date]] = []
    taken: set[str] = set()
    for interview in pending:
        base = key = f"{_slug(opportunity)}-thank-you-{interview.date.isoformat()}-{interview.kind.value}"
        n = 2
        while key in taken:  # two interviews of one kind on one day
            key = f"{base}-{n}"
            n += 1
        taken.add(key)
        out.append((key, interview, interview.date + THANK_YOU_WITHIN))
    return out


def _follow_up(opportunity: Opportunity) -> tuple[str, Interview, date] | None:
    """(key, the interview that set it, date) for the opportunity's follow-up date, if any."""
    setter = opportunity.follow_up_interview
    if setter is None or setter.next_follow_up is None:
        return None
    when = setter.next_follow_up
    return f"{_slug(opportunity)}-followup-{when.isoformat()}", setter, when


def _stale(opportunity: Opportunity, today: date, stale_days: int) -> Due | None:
    follow_up = opportunity.next_follow_up
    if follow_up is not None and follow_up > today:
        return None  # the user chose to wait until then
    last = last_activity(opportunity)
    quiet = (today - last).days
    if quiet < stale_days:
        return None
    untouched_lead = opportunity.stage is Stage.LEAD and not opportunity.interviews
    since = last + timedelta(days=stale_days)
    return Due(
        Kind.STALE,
        opportunity,
        since,
        (today - since).days,
        f"{_slug(opportunity)}-stale",
        last_activity=last,
        quiet_days=quiet,
        suggested_stage=None if untouched_lead else Stage.GHOSTED,
    )


# --- Words ------------------------------------------------------------------------------------


_INTERVIEW_NAMES = {"screening": "screening", "offer-call": "offer call", "hiring-manager": "hiring-manager interview"}


def _interview_name(interview: Interview) -> str:
    """ "screening", "hiring-manager interview", "offer call", "panel interview"..."""
    kind = interview.kind.value
    return _INTERVIEW_NAMES.get(kind, f"{kind} interview")


def _names(people: Sequence[Person]) -> str:
    return _joined([p.name for p in people])


def _people(people: Sequence[Person]) -> str:
    """ "Amara Nwosu (Account director)", people joined with "and"."""
    return _joined([report.person(p.name, p.role) for p in people])


def _joined(parts: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def _email(person: Person, opportunity: Opportunity) -> str:
    if person.email:
        return person.email
    folded = person.name.casefold()
    return next((c.email for c in opportunity.contacts if c.name.casefold() == folded and c.email), "")


_KEEP_DATES_WHOLE = re.compile(r"(\d{1,2}) ([A-Z][a-z]{2})\b")
_NO_BREAK = "\\1\x00\\2"
"""Dates like "16 Nov" are wrapped as one word: the space becomes NUL, then a space again."""


def due_text(items: Sequence[Due], today: date, *, stale_days: int = STALE_DAYS, width: int = 100) -> str:
    """The list for the command line: two lines per item, most overdue first."""
    if not items:
        return (
            f"Nothing due on {report.day(today)}: no thank-you note to send, no follow-up date reached, "
            f"and no open opportunity quiet for {stale_days} days or more."
        )
    count = f"{len(items)} thing{'s' if len(items) != 1 else ''}"
    lines = [f"Due on {report.day(today)}: {count} (quiet means no activity for {stale_days}+ days)", ""]
    indent = " " * 20
    for item in items:
        lines.append(f"  {item.when:<17} {item.kind.label:<15} {item.opportunity.name}")
        text = item.detail(today)
        text = _KEEP_DATES_WHOLE.sub(_NO_BREAK, text[0].upper() + text[1:])
        wrapped = textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent)
        lines += [line.replace("\x00", " ") for line in wrapped]
    return "\n".join(lines)


# --- The calendar -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reminder:
    """One all-day calendar event."""

    kind: Kind
    uid: str
    day: date
    summary: str
    description: str


def reminders(opportunities: Iterable[Opportunity], *, profile: Profile | None = None) -> list[Reminder]:
    """The calendar's events: each open opportunity's follow-up date, and a thank-you reminder
    the day after every interview with no thank-you sent, past or future. Sorted by day.

    With a profile, a follow-up reminder also lists what to ask next (from `scoring.ask_next`
    over every open opportunity, so "could change the winner" means what it means on screen).
    """
    open_ones = [o for o in opportunities if o.is_open]
    asks: dict[str, list[scoring.Ask]] = {}
    if profile is not None and open_ones:
        asks = scoring.ask_next(scoring.rank(scoring.score_all(open_ones, profile)), profile)
    out: list[Reminder] = []
    for opportunity in open_ones:
        for key, interview, deadline in _pending_thank_yous(opportunity):
            out.append(_thank_you_reminder(opportunity, key, interview, deadline))
        follow_up = _follow_up(opportunity)
        if follow_up is not None:
            out.append(_follow_up_reminder(opportunity, *follow_up, asks.get(opportunity.id, []), profile))
    out.sort(key=lambda r: (r.day, r.uid))
    return out


def _contact_lines(people: Sequence[Person], opportunity: Opportunity) -> list[str]:
    lines = []
    for person in people:
        line = report.person(person.name, person.role)
        email = _email(person, opportunity)
        lines.append(f"- {line} <{email}>" if email else f"- {line}")
    return lines


def _footer(opportunity: Opportunity) -> list[str]:
    lines = [f"Stage: {opportunity.stage.value}"]
    if opportunity.link:
        lines.append(f"Link: {opportunity.link}")
    return lines


def _thank_you_reminder(opportunity: Opportunity, key: str, interview: Interview, deadline: date) -> Reminder:
    lines = [f"Send a thank-you note for the {_interview_name(interview)} on {report.day(interview.date)}."]
    if interview.people:
        lines += ["", "You spoke with:", *_contact_lines(interview.people, opportunity)]
    lines += ["", *_footer(opportunity)]
    summary = f"Thank-you note: {opportunity.name}"
    return Reminder(Kind.THANK_YOU, f"{key}@{UID_DOMAIN}", deadline, summary, "\n".join(lines))


def _follow_up_reminder(
    opportunity: Opportunity,
    key: str,
    interview: Interview,
    when: date,
    asks: Sequence[scoring.Ask],
    profile: Profile | None,
) -> Reminder:
    lines = [f"Follow up: the date was set after the {_interview_name(interview)} on {report.day(interview.date)}."]
    if interview.people:
        lines += ["", "You spoke with:", *_contact_lines(interview.people, opportunity)]
    if asks and profile is not None:
        lines += ["", f'What to ask next (profile "{profile.name}"):']
        for ask in asks[:ASKS_IN_CALENDAR]:
            lines.append(f"- {ask.label}: {ask.question} Ask {ask.ask_whom}. ({ask.why})")
    lines += ["", *_footer(opportunity)]
    summary = f"Follow up: {opportunity.name}"
    return Reminder(Kind.FOLLOW_UP, f"{key}@{UID_DOMAIN}", when, summary, "\n".join(lines))


def calendar(items: Sequence[Reminder], *, stamp: datetime) -> Calendar:
    """An iCalendar (RFC 5545) calendar of all-day, non-blocking events; `stamp` becomes DTSTAMP.

    The same data and stamp give the same bytes; a UID names one reminder on one date, so
    importing again updates events rather than adding copies.
    """
    from icalendar import Calendar, Event  # imported here: only this command needs it

    if stamp.tzinfo is None:
        raise FollowupError("the calendar stamp needs a time zone (use UTC)")
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Job follow-ups (evaluator)")
    for item in items:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", item.summary)
        event.add("description", item.description)
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal


def write_calendar(path: str | Path, items: Sequence[Reminder], *, stamp: datetime, force: bool = False) -> Path:
    """Write the reminders to `path` atomically (`store.write_file`); refuse an existing file unless `force`.

    Nothing is written when it raises: store.CannotWrite for a missing folder, a folder given
    as the file or a file that cannot be written (store.TargetExists for an existing file
    without `force`); FollowupError when there is nothing to write.
    """
    target = check_target(path, force=force)
    if not items:
        raise FollowupError(
            f"not writing {target}: nothing to put in it (no open opportunity has a follow-up date "
            "or an interview waiting for a thank-you note)"
        )
    return store.write_file(target, calendar(items, stamp=stamp).to_ical(), replace=force)


def check_target(path: str | Path, *, force: bool = False) -> Path:
    """The calendar file `path` names, absolute; store.CannotWrite if the calendar cannot go there."""
    return store.check_target(path, replace=force)


# --- The command ------------------------------------------------------------------------------


def command(
    opportunities: Sequence[Opportunity],
    today: date,
    *,
    stamp: datetime,
    stale_days: int = STALE_DAYS,
    ics: str | Path | None = None,
    force: bool = False,
    profile: Profile | None = None,
    unreadable: int = 0,
) -> str:
    """`evaluator followups`: the due list, and with `ics` the calendar written there.

    `unreadable` counts data files that could not be read: a calendar missing their
    reminders would look complete, so none is written then.
    """
    check_stale_days(stale_days)
    if ics is not None:
        check_target(Path(ics), force=force)
        if unreadable:
            files = "file" if unreadable == 1 else "files"
            raise FollowupError(
                f"not writing {ics}: {unreadable} data {files} could not be read (see above); "
                "fix them first so the calendar is complete"
            )
    out = due_text(due(opportunities, today, stale_days=stale_days), today, stale_days=stale_days)
    if ics is None:
        return out
    items = reminders(opportunities, profile=profile)
    path = write_calendar(ics, items, stamp=stamp, force=force)
    follow_ups = sum(1 for r in items if r.kind is Kind.FOLLOW_UP)
    thanks = len(items) - follow_ups
    return (
        f"{out}\n\nWrote {len(items)} reminder{'s' if len(items) != 1 else ''} to {path} "
        f"({follow_ups} follow-up{'s' if follow_ups != 1 else ''}, "
        f"{thanks} thank-you note{'s' if thanks != 1 else ''}); import it into your calendar app."
    )
