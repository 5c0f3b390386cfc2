"""Capture interview: what a conversation revealed, written down in the five minutes after it.

The score and its range are recomputed by `evaluator.scoring` on every change, as if the
interview were already saved. Work in progress is kept as a draft (debounced), so a
crash or Ctrl+C loses nothing; the draft is offered back the next time.
"""

from __future__ import annotations

import re
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Footer, Header, Input, Label, Select, Static, TextArea

from evaluator import report, scoring, store
from evaluator.model import (
    SELF_REVIEW_LABELS,
    Interview,
    InterviewKind,
    Opportunity,
    Person,
    SelfReview,
)
from evaluator.widgets.answer_row import AnswerRow
from evaluator.widgets.range_bar import range_bar

DRAFT_DELAY = 0.5
"""Seconds of quiet before the draft is written."""
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(raw: str) -> tuple[date | None, str | None]:
    """A YYYY-MM-DD date, or the message to show next to the field."""
    raw = raw.strip()
    if not raw:
        return None, None
    if not _ISO_DATE.match(raw):
        return None, f"“{raw}”: write the date as YYYY-MM-DD"
    try:
        return date.fromisoformat(raw), None
    except ValueError:
        return None, f"“{raw}” is not a real date"


class CaptureScreen(Screen[bool]):
    """Write down one interview: who, what each criterion turned out to be, notes, follow-up."""

    HELP = """\
## Capture an interview

Write down what the conversation revealed, criterion by criterion, while it is fresh.

- Each row is one criterion of the active profile, with a question you could have asked
  (**ctrl+o** or a click shows another).
- A row left at *unknown* with no text saves nothing. Type what they said, pick a value,
  or pick **unknown: couldn't say** to record that you asked and got no answer.
  For numbers, leave the box empty or type **?**.
- The score and its range at the top are recomputed as you type: unknowns widen the range.
- **+ person** adds someone else you spoke with; clear a name to drop that person.
  Answers are credited to the first person unless they were credited before.
- **ctrl+t** marks the thank-you note as sent today.
- **ctrl+s** saves. **escape** leaves, asking first if something is unsaved.
- Unsaved work is kept as a draft and offered back if the app stops before you save.
"""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="capture.save", priority=True),
        Binding("escape", "leave", "Back", id="capture.leave"),
        Binding("ctrl+t", "thanked_today", "Thanks sent", id="capture.thanked"),
    ]

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (96, "-wide")]
    """Below 96 columns the self-review checklist takes one column, so no label is cut."""

    def __init__(self, opportunity_id: str, interview_index: int | None = None) -> None:
        super().__init__()
        self.opportunity_id = opportunity_id
        self.interview_index = interview_index
        self.opportunity: Opportunity | None = None
        self.original: Interview | None = None
        self.before: scoring.Score | None = None
        self.current: scoring.Score | None = None
        self._baseline: tuple[object, ...] | None = None
        self._ready = False
        self._finished = False
        self._draft_timer: Timer | None = None
        self._draft: Interview | None = None
        """The interview as last entered, when it differs from the file (None: nothing unsaved)."""
        self._draft_failed = False
        self._people = 0

    # --- building ---------------------------------------------------------------------

    def _find(self) -> Opportunity | None:
        return self.app.opportunity(self.opportunity_id)

    def compose(self) -> ComposeResult:
        self.opportunity = self._find()
        opportunity = self.opportunity
        yield Header()
        if opportunity is None:
            yield Static(f"No opportunity “{self.opportunity_id}”.", id="capture-missing")
            yield Footer()
            return
        index = self.interview_index
        if index is not None and 0 <= index < len(opportunity.interviews):
            self.original = opportunity.interviews[index]
        else:
            self.interview_index = None
        interview = self.original
        profile = self.app.active_profile
        with Vertical(id="capture-score"):
            yield Static(id="capture-score-line")
            yield Static(id="capture-status")
        with VerticalScroll(id="capture-form", can_focus=False):
            with Horizontal(classes="capture-line", id="capture-meta"):
                yield Label("Kind", classes="capture-field-label")
                yield Select(
                    [(k.label, k) for k in InterviewKind],
                    allow_blank=False,
                    value=interview.kind if interview else InterviewKind.SCREENING,
                    compact=True,
                    id="kind",
                )
                yield Label("Date", classes="capture-field-label -after")
                yield Input(
                    (interview.date if interview else self.app.today()).isoformat(),
                    placeholder="YYYY-MM-DD",
                    compact=True,
                    max_length=10,
                    id="date",
                    classes="capture-date",
                )
                yield Static("", id="date-error", classes="capture-error")
            with Vertical(id="people"):
                people = interview.people if interview and interview.people else [None]
                for person in people:
                    yield self._person_line(person)
            yield Static("", id="people-error", classes="capture-error capture-error-line")
            yield Label(
                f"[b]What you learned[/b]  [dim]profile “{profile.name}” · rows left at unknown save nothing[/dim]",
                classes="capture-section",
            )
            with Horizontal(classes="answer-columns"):
                yield Label("Answer", classes="answer-text")
                yield Label("Value", classes="answer-value")
                yield Label("Confidence", classes="answer-confidence")
            answers = {a.criterion: a for a in interview.answers} if interview else {}
            for criterion in profile.criteria:
                yield AnswerRow(criterion, answers.get(criterion.key), id=f"row-{criterion.key}")
            yield Label("[b]Notes[/b]", classes="capture-section")
            yield TextArea(
                interview.notes if interview else "",
                id="notes",
                compact=True,
                placeholder="Anything else worth remembering",
            )
            yield Label("[b]Self-review[/b]  [dim]how did you do?[/dim]", classes="capture-section")
            with Grid(id="self-review"):
                review = interview.self_review if interview else SelfReview()
                for name, label in SELF_REVIEW_LABELS.items():
                    yield Checkbox(_emphasis(label), getattr(review, name), compact=True, id=f"review-{name}")
            yield Label("[b]Follow-up[/b]", classes="capture-section")
            with Horizontal(classes="capture-line"):
                yield Label("Thank-you sent", classes="capture-field-label")
                yield Input(
                    _iso(interview.thank_you_sent if interview else None),
                    placeholder="not yet",
                    compact=True,
                    max_length=10,
                    id="thank-you",
                    classes="capture-date",
                    tooltip="When you sent the thank-you note (YYYY-MM-DD); ctrl+t puts today",
                )
                yield Label("^t today", classes="capture-hint")
                yield Label("Next follow-up", classes="capture-field-label -after")
                yield Input(
                    _iso(interview.next_follow_up if interview else None),
                    placeholder="YYYY-MM-DD",
                    compact=True,
                    max_length=10,
                    id="follow-up",
                    classes="capture-date",
                )
            yield Static("", id="thank-you-error", classes="capture-error capture-error-line")
            yield Static("", id="follow-up-error", classes="capture-error capture-error-line")
        yield Footer()

    def _person_line(self, person: Person | None) -> Horizontal:
        first = self._people == 0
        self._people += 1
        contacts = [c.name for c in self.opportunity.contacts] if self.opportunity else []
        who = self.original.kind.who if self.original else InterviewKind.SCREENING.who
        children: list[Widget] = [
            Label("With" if first else "and", classes="capture-field-label"),
            Input(
                person.name if person else "",
                placeholder="Name",
                compact=True,
                suggester=SuggestFromList(contacts, case_sensitive=False) if contacts else None,
                classes="person-name",
            ),
            Input(
                person.role if person else "",
                placeholder=f"Role, e.g. {who}",
                compact=True,
                classes="person-role",
            ),
        ]
        if first:
            children.append(
                Button("+ person", id="add-person", compact=True, tooltip="Add someone else you spoke with")
            )
        return Horizontal(*children, classes="capture-line person-line")

    def on_mount(self) -> None:
        opportunity = self.opportunity
        if opportunity is None:
            self.notify(f"No opportunity “{self.opportunity_id}”.", severity="error")
            self.dismiss(False)
            return
        self.sub_title = f"{'Edit' if self.original else 'New'} interview · {opportunity.company}"
        self.before = scoring.score(opportunity, self.app.active_profile)
        self.query_one("#kind", Select).focus()
        # Selects take their values as they mount: read the form once everything has.
        self.call_after_refresh(self._start)

    def _start(self) -> None:
        self._baseline = self._state()
        self._refresh_score()
        draft = store.load_draft(self.opportunity_id)
        if draft is None:
            self._ready = True
            return
        self._offer_draft(draft)

    def _offer_draft(self, draft: Interview) -> None:
        from evaluator.screens.modals import Confirm

        count, answered = len(draft.answers), sum(a.known for a in draft.answers)
        who = f" with {draft.people[0].name}" if draft.people else ""
        what = f"{count} answer{'s' * (count != 1)}, {answered} with a value" if count else "no answers yet"
        detail = f"{draft.kind.label}{who} · {what}."
        if self.original is not None:
            detail += " Restoring it replaces what this interview's fields show."

        def chosen(restore: bool | None) -> None:
            if restore:
                self.fill(draft)
            else:
                store.discard_draft(self.opportunity_id)
            self._ready = True

        self.app.push_screen(
            Confirm(
                f"Restore the unsaved interview from {draft.date.isoformat()}?",
                detail,
                yes="Restore",
                no="Delete draft",
            ),
            chosen,
        )

    # --- reading the form -------------------------------------------------------------

    def _rows(self) -> list[AnswerRow]:
        return list(self.query(AnswerRow))

    def _input(self, selector: str) -> Input:
        return self.query_one(selector, Input)

    def _people_raw(self) -> list[tuple[str, str]]:
        return [
            (line.query_one(".person-name", Input).value.strip(), line.query_one(".person-role", Input).value.strip())
            for line in self.query(".person-line")
        ]

    def _state(self) -> tuple[object, ...]:
        """Everything the user can change, to tell whether anything did."""
        return (
            self.query_one("#kind", Select).value,
            self._input("#date").value.strip(),
            tuple(p for p in self._people_raw() if p != ("", "")),
            tuple(row.state() for row in self._rows()),
            self.query_one("#notes", TextArea).text.strip(),
            tuple(box.value for box in self.query("#self-review Checkbox").results(Checkbox)),
            self._input("#thank-you").value.strip(),
            self._input("#follow-up").value.strip(),
        )

    @property
    def unsaved(self) -> bool:
        """Whether the form differs from what is on file."""
        return self._baseline is not None and self._state() != self._baseline

    def collect(self) -> tuple[Interview, dict[str, str]]:
        """The interview as entered, and a message per field that is wrong.

        Wrong fields are left out (or fall back to the date on file / today), so the
        result is always a valid interview: good enough for the live score and the draft,
        and saved only when there are no messages.
        """
        errors: dict[str, str] = {}
        kind = self.query_one("#kind", Select).value
        when, message = parse_date(self._input("#date").value)
        if message or when is None:
            errors["date"] = message or "the date is needed (YYYY-MM-DD)"
            when = self.original.date if self.original else self.app.today()
        people: list[Person] = []
        earlier_people = {p.name.casefold(): p for p in (self.original.people if self.original else [])}
        for name, role in self._people_raw():
            if not name:
                if role:
                    errors["people"] = f"Who is the {role}? A name is needed (or clear the role)."
                continue
            if name.casefold() in {p.name.casefold() for p in people}:
                errors["people"] = f"{name} is listed twice."
                continue
            earlier = earlier_people.get(name.casefold())
            people.append(Person(name=name, role=role, email=earlier.email if earlier else ""))
        names = [p.name for p in people]
        answers = []
        for row in self._rows():
            problem = row.error()
            if problem:
                errors[f"row-{row.criterion.key}"] = problem
            answer = row.answer(names)
            if answer is not None:
                answers.append(answer)
        if self.original is not None:
            # Answers to criteria this profile does not have (another profile's) are kept as they were,
            # and answers keep their order in the file; new ones follow in the profile's order.
            shown = {row.criterion.key for row in self._rows()}
            # A kept answer's speaker must still be among the people (else: the first person).
            listed = {name.casefold() for name in names}
            answers += [
                a if not a.said_by or a.said_by.casefold() in listed else a.model_copy(update={"said_by": ""})
                for a in self.original.answers
                if a.criterion not in shown
            ]
            order = {a.criterion: i for i, a in enumerate(self.original.answers)}
            answers.sort(key=lambda a: order.get(a.criterion, len(order)))
        review = SelfReview(
            **{name: self.query_one(f"#review-{name}", Checkbox).value for name in SELF_REVIEW_LABELS}
        )
        dates: dict[str, date | None] = {}
        for field in ("thank-you", "follow-up"):
            dates[field], message = parse_date(self._input(f"#{field}").value)
            if message:
                errors[field] = message
        interview = Interview(
            date=when,
            kind=kind if isinstance(kind, InterviewKind) else InterviewKind.SCREENING,
            people=people,
            notes=self.query_one("#notes", TextArea).text,
            answers=answers,
            self_review=review,
            thank_you_sent=dates["thank-you"],
            next_follow_up=dates["follow-up"],
        )
        return interview, errors

    def candidate(self, interview: Interview) -> Opportunity:
        """The opportunity as it would be with this interview saved."""
        assert self.opportunity is not None
        updated = self.opportunity.model_copy(deep=True)
        interviews = list(updated.interviews)
        if self.interview_index is None:
            interviews.append(interview)
        else:
            interviews[self.interview_index] = interview
        updated.interviews = interviews
        return updated

    # --- writing the form -------------------------------------------------------------

    def fill(self, interview: Interview) -> None:
        """Show this interview in the form (a restored draft)."""
        self.query_one("#kind", Select).value = interview.kind
        self._input("#date").value = interview.date.isoformat()
        people = interview.people or []
        lines = list(self.query(".person-line"))
        for extra in lines[max(1, len(people)):]:
            extra.remove()
        container = self.query_one("#people", Vertical)
        for person in people[len(lines):]:
            container.mount(self._person_line(person))
        for line, person in zip(lines, people or [None], strict=False):
            line.query_one(".person-name", Input).value = person.name if person else ""
            line.query_one(".person-role", Input).value = person.role if person else ""
        answers = {a.criterion: a for a in interview.answers}
        for row in self._rows():
            row.fill(answers.get(row.criterion.key))
        self.query_one("#notes", TextArea).text = interview.notes
        for name in SELF_REVIEW_LABELS:
            self.query_one(f"#review-{name}", Checkbox).value = getattr(interview.self_review, name)
        self._input("#thank-you").value = _iso(interview.thank_you_sent)
        self._input("#follow-up").value = _iso(interview.next_follow_up)
        self.call_after_refresh(self._changed)

    def _show_error(self, field: str, message: str | None) -> None:
        try:
            line = self.query_one(f"#{field}-error", Static)
        except NoMatches:
            return
        shown = line.display
        line.update(message or "")
        line.display = bool(message)
        if field in {"date", "thank-you", "follow-up"}:
            self._input(f"#{field}").set_class(bool(message), "-invalid")
        if message and not shown:
            # The message may sit below the last visible line: bring it into view.
            form = self.query_one("#capture-form", VerticalScroll)
            self.call_after_refresh(form.scroll_to_widget, line, animate=False)

    def _show_errors(self, errors: dict[str, str]) -> None:
        for field in ("date", "people", "thank-you", "follow-up"):
            self._show_error(field, errors.get(field))
        for row in self._rows():
            row.show_error(errors.get(f"row-{row.criterion.key}"))

    def _refresh_score(self, interview: Interview | None = None) -> None:
        if self.opportunity is None:
            return
        if interview is None:
            interview, _ = self.collect()
        line = self.query_one("#capture-score-line", Static)
        try:
            score = scoring.score(self.candidate(interview), self.app.active_profile)
        except ValueError as error:  # an answer this profile cannot read (kept from another profile)
            self.current = None
            line.update(Text(f"No score: {error}", style="bold"))
            return
        self.current = score
        text = Text.assemble(
            (f"Score {score.score:.0f}", "bold"),
            f" · range {report.range_text(score)}  ",
            range_bar(score.score, score.low, score.high, width=16),
        )
        if score.unknowns:
            text.append(f"  {score.unknowns} unknown", style="dim")
        before = self.before
        if before is not None and (round(before.low), round(before.high), round(before.score)) != (
            round(score.low),
            round(score.high),
            round(score.score),
        ):
            text.append(f"   before: {report.score_range(before)}", style="dim")
        line.update(text)
        status = self.query_one("#capture-status", Static)
        status.set_class(score.status == "excluded", "-excluded")
        status.set_class(score.status == "possible-dealbreaker", "-possible")
        reasons = "; ".join(check.reason for check in score.dealbreakers)
        label = report.STATUS_TEXT.get(score.status, "")
        status.update(f"{label[:1].upper()}{label[1:]}. {reasons}" if label and reasons else label)
        status.display = bool(label)

    # --- changes ----------------------------------------------------------------------

    def _changed(self) -> None:
        if self.opportunity is None or self._finished or self._baseline is None:
            return
        interview, errors = self.collect()
        # Kept for the draft, which may have to be written after the widgets are gone (on quit).
        self._draft = interview if self.unsaved else None
        self._refresh_score(interview)
        # Clear messages as soon as a field is fixed; new ones appear when leaving the field.
        for field in ("date", "people", "thank-you", "follow-up"):
            if field not in errors:
                self._show_error(field, None)
        if not self._ready:
            return
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self.write_draft)

    def write_draft(self) -> None:
        """Keep (or forget) the draft now: what is valid is kept, wrong fields are left out."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        if self._finished or not self._ready or self.opportunity is None:
            return
        try:
            if self._draft is not None:
                store.save_draft(self.opportunity_id, self._draft)
            else:
                store.discard_draft(self.opportunity_id)
        except OSError as error:
            if not self._draft_failed:
                self.notify(f"Could not keep a draft: {error}", severity="warning", timeout=6)
            self._draft_failed = True

    @on(AnswerRow.Changed)
    @on(TextArea.Changed, "#notes")
    @on(Checkbox.Changed)
    def _something_changed(self) -> None:
        self._changed()

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        if event.input.has_class("person-name"):
            self._complete_role(event.input)
        self._changed()

    @on(Select.Changed, "#kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, InterviewKind):
            for role in self.query(".person-role").results(Input):
                role.placeholder = f"Role, e.g. {event.value.who}"
        self._changed()

    def _complete_role(self, name_input: Input) -> None:
        """Typing a known contact's name fills in their role (if the role is still empty)."""
        if self.opportunity is None or name_input.parent is None:
            return
        role = name_input.parent.query_one(".person-role", Input)
        if role.value.strip():
            return
        folded = name_input.value.strip().casefold()
        contact = next((c for c in self.opportunity.contacts if c.name.casefold() == folded), None)
        if contact is not None and contact.role:
            role.value = contact.role

    @on(Input.Blurred)
    def _field_done(self, event: Input.Blurred) -> None:
        field = event.input.id
        if field in {"date", "thank-you", "follow-up"}:
            _, errors = self.collect()
            self._show_error(field, errors.get(field))
        elif event.input.has_class("person-name") or event.input.has_class("person-role"):
            _, errors = self.collect()
            self._show_error("people", errors.get("people"))

    @on(Button.Pressed, "#add-person")
    def _add_person(self) -> None:
        line = self._person_line(None)
        self.query_one("#people", Vertical).mount(line)
        self.call_after_refresh(line.query_one(".person-name", Input).focus)

    # --- actions ----------------------------------------------------------------------

    def action_save(self) -> None:
        if self.opportunity is None or self._finished:
            return
        if not self.unsaved:
            if self.original is None:
                self.notify("Nothing entered yet: add who you spoke with or an answer, then save.", severity="warning")
                return
            # Editing, and nothing changed: the file stays exactly as it is.
            self._finish()
            store.discard_draft(self.opportunity_id)
            self.notify("No changes to save.", timeout=3)
            self.dismiss(False)
            return
        interview, errors = self.collect()
        self._show_errors(errors)
        if errors:
            first = next(iter(errors))
            self._focus_field(first)
            count = len(errors)
            self.notify(
                f"{count} field{'s' * (count != 1)} to fix (marked in red); nothing was saved.",
                severity="error",
            )
            return
        self.app.save_opportunity(self.candidate(interview), then=self._saved, drop=self._dropped)

    def _saved(self) -> None:
        self._finish()
        store.discard_draft(self.opportunity_id)
        score = self.current
        summary = f" Score {report.score_range(score)}." if score else ""
        self.notify(f"Interview saved.{summary}", timeout=4)
        self.dismiss(True)

    def _dropped(self) -> None:
        """The opportunity was reloaded from disk instead: keep this interview as a draft, and leave."""
        self.write_draft()
        self._finish()
        self.notify("Your interview is kept as a draft: capture again to add it to the reloaded file.", timeout=8)
        self.dismiss(False)

    def _focus_field(self, field: str) -> None:
        target: Widget
        if field.startswith("row-"):
            row = self.query_one(f"#{field}", AnswerRow)
            target = row.query_one(".answer-number, .answer-value")
        elif field == "people":
            target = self.query_one(".person-name", Input)
        else:
            target = self._input(f"#{field}")
        target.focus()
        self.query_one("#capture-form", VerticalScroll).scroll_to_widget(target, animate=False)

    def action_leave(self) -> None:
        if self._finished:
            return
        from evaluator.screens.modals import leave_or_ask

        def leave() -> None:
            self._finish()
            store.discard_draft(self.opportunity_id)
            self.dismiss(False)

        leave_or_ask(
            self,
            self.unsaved,
            "Discard this interview?",
            "What you entered here is not saved. Press ctrl+s on the form to save it instead.",
            leave,
        )

    def action_thanked_today(self) -> None:
        field = self._input("#thank-you")
        field.value = self.app.today().isoformat()
        self.notify("Thank-you note marked as sent today.", timeout=2)

    def _finish(self) -> None:
        """No more drafts: the interview was saved or deliberately discarded."""
        self._finished = True
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None

    def on_unmount(self) -> None:
        # Quitting (ctrl+q, ctrl+c) with a draft still waiting for its timer: write it now.
        if self._draft_timer is not None and not self._finished:
            self.write_draft()


def _emphasis(label: str) -> str:
    """The checklist's *word* emphasis as markup (square brackets escaped)."""
    return re.sub(r"\*([^*]+)\*", r"[i]\1[/i]", label.replace("[", "\\["))


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""
