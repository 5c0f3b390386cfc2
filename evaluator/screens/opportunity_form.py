"""Add or edit an opportunity: company, role, link, location, office policy, stage, contacts, notes."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import ValidationError
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Footer, Header, Input, Label, Select, Static, TextArea

from evaluator import report
from evaluator.model import Opportunity, Stage

FIELDS = ("company", "role", "link", "location", "office_policy", "stage", "contacts", "notes")
"""The form's fields, in order; each has a widget `#<name>` and an error line `#<name>-error`."""

LABELS = {
    "company": "Company",
    "role": "Role",
    "link": "Link",
    "location": "Location",
    "office_policy": "Office policy",
    "stage": "Stage",
    "contacts": "Contacts",
    "notes": "Notes",
}

HINTS = {
    "office_policy": "As the ad states it. What interviews reveal about it goes in an interview.",
    "contacts": "One per line: name, role, email (role and email are optional).",
}


def parse_contacts(text: str) -> tuple[list[dict[str, str]], list[int]]:
    """Read "Name, role, email" lines: the people (as dicts, to be validated) and their line numbers.

    The email is the last part when it holds an "@"; everything between the name and the email is
    the role, so a role may contain commas ("Head of marketing, France").
    """
    people, lines = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        parts = [part.strip() for part in line.split(",")]
        if not any(parts):
            continue
        email = parts.pop() if len(parts) > 1 and "@" in parts[-1] else ""
        name, *role = parts
        people.append({"name": name, "role": ", ".join(r for r in role if r), "email": email})
        lines.append(number)
    return people, lines


def _message(field: str, error: dict[str, Any]) -> str:
    """A pydantic error in the words a person would use."""
    label = LABELS.get(field, field)
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    if kind in ("string_too_short", "missing"):
        return f"{label} is required"
    if kind == "string_too_long":
        return f"{label} must be at most {context.get('max_length')} characters"
    return f"{label}: {error.get('msg', 'not valid')}"


class OpportunityForm(Screen[None]):
    """Create an opportunity (id None) or edit an existing one."""

    HELP = """\
The facts of a role: company, role, the ad's link, where the work is, the office policy
**as the ad states it**, the stage, your contacts and notes. What interviews reveal goes in an
interview. **ctrl+s** saves; a field with a problem says so underneath and nothing is written.
"""

    BINDINGS: ClassVar = [
        Binding("ctrl+s", "save", "Save", id="opportunity_form.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="opportunity_form.cancel"),
    ]

    def __init__(self, opportunity_id: str | None) -> None:
        super().__init__()
        self.opportunity_id = opportunity_id
        self.original: Opportunity | None = None
        self.initial: dict[str, object] = {}

    # --- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="form"):
            for field in FIELDS:
                with Horizontal(classes="field", id=f"{field}-row"):
                    yield Label(LABELS[field], classes="field-label")
                    with Vertical(classes="field-body"):
                        yield self._widget(field)
                        if field in HINTS:
                            yield Static(HINTS[field], classes="hint")
                        yield Static("", id=f"{field}-error", classes="error")
            with Horizontal(id="form-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save (ctrl+s)", id="save", variant="primary")
        yield Footer()

    def _widget(self, field: str) -> Input | Select[Stage] | TextArea:
        if field == "stage":
            return Select([(s.value, s) for s in Stage], allow_blank=False, value=Stage.LEAD, id="stage", compact=True)
        if field in ("contacts", "notes"):
            placeholder = (
                "Claire Dumont, HR generalist, claire@example.com\nÉtienne Marchand, Marketing director"
                if field == "contacts"
                else "Anything worth remembering: who referred you, what the ad stressed, your first impression…"
            )
            return TextArea(id=field, soft_wrap=True, tab_behavior="focus", compact=True, placeholder=placeholder)
        placeholders = {
            "company": "e.g. Vallée Verte Wines",
            "role": "e.g. Digital marketing coordinator",
            "link": "https://…",
            "location": "e.g. Lyon, or remote",
            "office_policy": "e.g. hybrid, 2 days in the office",
        }
        return Input(placeholder=placeholders[field], id=field, compact=True)

    def on_mount(self) -> None:
        if self.opportunity_id is not None:
            self.original = self.app.opportunity(self.opportunity_id)
            if self.original is None:
                self.notify("This opportunity could not be found any more.", severity="warning")
                self.app.pop_screen()
                return
            self._fill(self.original)
            self.title = f"Edit: {self.original.name}"
        else:
            self.title = "New opportunity"
        self.sub_title = f"Profile: {self.app.active_profile.name}"
        for field in FIELDS:
            self.query_one(f"#{field}-error", Static).display = False
        self.initial = self._values()
        self.query_one("#company", Input).focus()

    def _fill(self, o: Opportunity) -> None:
        for field in ("company", "role", "link", "location", "office_policy"):
            self.query_one(f"#{field}", Input).value = getattr(o, field)
        self.query_one("#stage", Select).value = o.stage
        self.query_one("#contacts", TextArea).text = report.contacts_text(o.contacts)
        self.query_one("#notes", TextArea).text = o.notes

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Light up the label of the field being edited (`:focus-within` does not restyle labels)."""
        for row in self.query(".field"):
            row.set_class(event.widget in row.query("*"), "-focused")

    # --- reading and checking -----------------------------------------------------------

    def _values(self) -> dict[str, object]:
        """What the form holds now, as typed."""
        values: dict[str, object] = {
            field: self.query_one(f"#{field}", Input).value
            for field in ("company", "role", "link", "location", "office_policy")
        }
        values["stage"] = self.query_one("#stage", Select).value
        values["contacts"] = self.query_one("#contacts", TextArea).text
        values["notes"] = self.query_one("#notes", TextArea).text
        return values

    @property
    def dirty(self) -> bool:
        """True when something was changed since the form opened."""
        return bool(self.initial) and self._values() != self.initial

    def _build(self) -> tuple[Opportunity | None, dict[str, str]]:
        """The opportunity the form describes, or None and a message per field."""
        values = self._values()
        contacts, lines = parse_contacts(str(values["contacts"]))
        data: dict[str, Any] = self.original.model_dump() if self.original else {}
        data.pop("id", None)
        data.update({k: v for k, v in values.items() if k != "contacts"}, contacts=contacts)
        if self.original is None:
            today = self.app.today()
            data.update(created=today, updated=today)
        try:
            opportunity = Opportunity.model_validate(data)
        except ValidationError as error:
            return None, self._errors(error, lines)
        if self.original is not None:  # the same record, so it still knows which file it was read from
            opportunity = self.original.model_copy(update={**dict(opportunity), "id": self.original.id})
        return opportunity, {}

    @staticmethod
    def _errors(error: ValidationError, lines: list[int]) -> dict[str, str]:
        errors: dict[str, str] = {}
        for detail in error.errors():
            loc = detail["loc"]
            field = str(loc[0]) if loc else ""
            if field == "contacts" and len(loc) >= 3 and isinstance(loc[1], int):
                line = lines[loc[1]] if loc[1] < len(lines) else loc[1] + 1
                part = "a name" if loc[2] == "name" else f"a valid {loc[2]}"
                message = f"The contact on line {line} needs {part}"
            elif field in LABELS:
                message = _message(field, dict(detail))
            else:
                field = "company"
                message = str(detail.get("msg", "not valid"))
            errors.setdefault(field, message)
        return errors

    def _show_errors(self, errors: dict[str, str]) -> None:
        for field in FIELDS:
            line = self.query_one(f"#{field}-error", Static)
            line.display = field in errors
            line.update(Content(errors.get(field, "")))
            self.query_one(f"#{field}", Widget).set_class(field in errors, "-invalid")

    @on(Input.Changed)
    def _clear_error(self, event: Input.Changed) -> None:
        """An error goes away as soon as the field is corrected."""
        field = event.input.id or ""
        if field not in FIELDS or not self.query_one(f"#{field}-error", Static).display:
            return
        _, errors = self._build()
        if field not in errors:
            self.query_one(f"#{field}-error", Static).display = False
            event.input.set_class(False, "-invalid")

    # --- actions ----------------------------------------------------------------------

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        opportunity, errors = self._build()
        self._show_errors(errors)
        if opportunity is None:
            first = next(f for f in FIELDS if f in errors)
            self.query_one(f"#{first}").focus()
            self.notify("Not saved: fix the fields marked in red.", severity="error", timeout=4)
            return

        def saved() -> None:
            self.initial = self._values()
            if self.original is None:
                from evaluator.screens.opportunity import OpportunityScreen

                self.notify(f"Added {opportunity.name}.", timeout=3)
                self.app.switch_screen(OpportunityScreen(opportunity.id))
            else:
                self.notify(f"Saved {opportunity.name}.", timeout=3)
                self.dismiss()

        self.app.save_opportunity(opportunity, then=saved, drop=self.dismiss)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        from evaluator.screens.modals import leave_or_ask

        leave_or_ask(
            self, self.dirty, "Discard your changes?", "What you typed in this form has not been saved.", self.dismiss
        )
