"""The fields of one criterion: label, description, scale, dealbreaker, questions, ask in.

Every field checks what is typed as it is typed and says what is wrong right next to
it. `CriterionForm.criterion()` returns the finished `Criterion`, or None (with the
messages shown) when anything is wrong: bad input is never handed on to be saved.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Select, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from evaluator import numbers, store
from evaluator.model import (
    ChoiceScale,
    Criterion,
    Dealbreaker,
    InterviewKind,
    NumberScale,
    RatingScale,
)

KINDS = [
    ("Rating from 1 to 5", "rating"),
    ("Choice from a list", "choice"),
    ("Number (e.g. minutes, salary)", "number"),
]
KEY_LENGTH = 40


class FieldError(ValueError):
    """What is wrong with one field's text, in words for the user."""


def parse_number(text: str, *, required: bool) -> float | None:
    """A number typed by the user ("40000", "40,000", "2.5"), None when blank and allowed."""
    if not text.strip():
        if required:
            raise FieldError("needed: type a number")
        return None
    number = numbers.parse_number(text)
    if number is None:
        raise FieldError(f"“{text.strip()}” is not a number")
    return number


def parse_options(text: str) -> list[tuple[str, float]]:
    """Lines of `label = value` (value from 0 worst to 1 best), blank lines skipped."""
    options: list[tuple[str, float]] = []
    seen: set[str] = set()
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        label, equals, value = line.rpartition("=")
        if not equals or not label.strip():
            raise FieldError(f"line {n}: write it as “label = value”, e.g. “fully remote = 1”")
        try:
            number = parse_number(value, required=True)
        except FieldError as error:
            raise FieldError(f"line {n}: {error}") from None
        assert number is not None
        if not 0 <= number <= 1:
            raise FieldError(f"line {n}: the value must be from 0 (worst) to 1 (best), not {number:g}")
        folded = label.strip().casefold()
        if folded in seen:
            raise FieldError(f"line {n}: “{label.strip()}” is listed twice")
        seen.add(folded)
        options.append((label.strip(), number))
    if len(options) < 2:
        raise FieldError("give at least two options, one per line")
    return options


def options_text(scale: ChoiceScale) -> str:
    return "\n".join(f"{o.label} = {o.value:g}" for o in scale.options)


def derive_key(label: str, taken: Iterable[str]) -> str:
    """A criterion key from its label ("Growth plans" → "growth_plans"), unique among `taken`."""
    base = store.slugify(label, "criterion").replace("-", "_")
    if not re.match(r"[a-z]", base):
        base = f"c_{base}"
    base = base[: KEY_LENGTH - 3].rstrip("_")
    used = set(taken)
    key, n = base, 1
    while key in used:
        n += 1
        key = f"{base}_{n}"
    return key


def _number_text(value: float | None) -> str:
    return "" if value is None else numbers.number_text(value)


class CriterionForm(VerticalScroll):
    """Edit one criterion; new ones get a key derived from the label."""

    DEFAULT_CSS = """
    CriterionForm { height: auto; max-height: 70vh; padding-right: 1; }
    CriterionForm > Vertical { height: auto; }
    CriterionForm .form-row { height: 1; margin-top: 1; }
    CriterionForm .form-row > Label { width: 20; color: $text-muted; }
    CriterionForm Input.-textual-compact { background: $boost; }
    CriterionForm Input.-textual-compact:focus { background-tint: $primary 25%; }
    CriterionForm .form-row > Input, CriterionForm .form-row > Select { width: 1fr; }
    CriterionForm .form-row .short { width: 10; }
    CriterionForm .form-row .gap { width: auto; padding: 0 1 0 2; color: $text-muted; }
    CriterionForm .hint { color: $text-muted; margin-top: 1; }
    CriterionForm #c-key { color: $text-muted; padding-left: 20; }
    CriterionForm .field-error { color: $error; padding-left: 20; display: none; }
    CriterionForm .field-error.-shown { display: block; }
    CriterionForm TextArea { height: 6; }
    CriterionForm #c-questions { height: 5; }
    CriterionForm SelectionList { height: auto; max-height: 8; }
    """

    def __init__(self, criterion: Criterion | None, taken_keys: Iterable[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.original = criterion
        self.taken = {k for k in taken_keys if criterion is None or k != criterion.key}
        self.errors: dict[str, str] = {}

    # --- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        c = self.original or Criterion(key="new", label="New criterion")
        rule = c.dealbreaker
        with Horizontal(classes="form-row"):
            yield Label("Label")
            yield Input(c.label if self.original else "", placeholder="e.g. Growth plans", id="c-label", compact=True)
        yield Static(id="c-key")
        yield Label(id="c-label-error", classes="field-error")
        with Horizontal(classes="form-row"):
            yield Label("Description")
            yield Input(c.description, placeholder="what it means to you", id="c-description", compact=True)
        with Horizontal(classes="form-row"):
            yield Label("Scale")
            yield Select(KINDS, value=c.scale.kind, allow_blank=False, id="c-kind", compact=True)
        with Vertical(id="c-choice-box"):
            yield Label("Options, one per line: label = value (0 worst … 1 best)", classes="hint")
            options = options_text(c.scale) if isinstance(c.scale, ChoiceScale) else ""
            yield TextArea(options, id="c-options", placeholder="fully remote = 1\nhybrid = 0.6\non-site = 0")
            yield Label(id="c-options-error", classes="field-error")
        with Vertical(id="c-number-box"):
            number = c.scale if isinstance(c.scale, NumberScale) else None
            with Horizontal(classes="form-row"):
                yield Label("Worst (worth 0)")
                yield Input(
                    _number_text(number.worst if number else None),
                    id="c-worst",
                    classes="short",
                    placeholder="90",
                    compact=True,
                )
                yield Label("best (worth 1)", classes="gap")
                yield Input(
                    _number_text(number.best if number else None),
                    id="c-best",
                    classes="short",
                    placeholder="0",
                    compact=True,
                )
                yield Label("unit", classes="gap")
                yield Input(
                    number.unit if number else "", id="c-unit", classes="short", placeholder="min", compact=True
                )
            yield Label(id="c-number-error", classes="field-error")
        with Horizontal(classes="form-row", id="c-limits"):
            yield Label("Dealbreaker if")
            yield Label("above", classes="gap")
            yield Input(
                _number_text(rule.above if rule else None),
                id="c-above",
                classes="short",
                placeholder="none",
                compact=True,
            )
            yield Label("below", classes="gap")
            yield Input(
                _number_text(rule.below if rule else None),
                id="c-below",
                classes="short",
                placeholder="none",
                compact=True,
            )
        with Vertical(id="c-oneof-box"):
            yield Label("Dealbreaker if the answer is one of (space to tick):", classes="hint")
            yield SelectionList[str](id="c-one-of")
        yield Label(id="c-dealbreaker-error", classes="field-error")
        yield Label("Questions that reveal it, one per line", classes="hint")
        yield TextArea("\n".join(c.questions), id="c-questions")
        with Horizontal(classes="form-row"):
            yield Label("Usually answered in")
            yield Select(
                [(f"{kind.label} — {kind.who}", kind.value) for kind in InterviewKind],
                value=c.ask_in.value,
                allow_blank=False,
                id="c-ask-in",
                compact=True,
            )
        yield Label(id="c-error", classes="field-error")

    def on_mount(self) -> None:
        rule = self.original.dealbreaker if self.original else None
        self._fill_one_of(set(rule.one_of) if rule else set())
        self._show_kind()
        self._show_key()
        for field in self.query(Input):
            field.cursor_position = 0
        self.initial = self.raw()

    # --- state ------------------------------------------------------------------------

    @property
    def kind(self) -> str:
        return str(self.query_one("#c-kind", Select).value)

    @property
    def key(self) -> str:
        if self.original is not None:
            return self.original.key
        return derive_key(self.query_one("#c-label", Input).value or "criterion", self.taken)

    def raw(self) -> tuple[object, ...]:
        """Everything typed, to tell whether the user changed anything."""
        inputs = tuple(i.value for i in self.query(Input))
        areas = tuple(t.text for t in self.query(TextArea))
        selects = tuple(s.value for s in self.query(Select))
        return (*inputs, *areas, *selects, tuple(self.query_one("#c-one-of", SelectionList).selected))

    @property
    def changed(self) -> bool:
        return self.raw() != self.initial

    def _error(self, field: str, message: str | None) -> None:
        label = self.query_one(f"#c-{field}-error" if field else "#c-error", Label)
        label.update(Content(f"⚠ {message}") if message else "")
        label.set_class(bool(message), "-shown")
        if message:
            self.errors[field] = message
        else:
            self.errors.pop(field, None)

    def _show_kind(self) -> None:
        kind = self.kind
        self.query_one("#c-choice-box").display = kind == "choice"
        self.query_one("#c-number-box").display = kind == "number"
        self.query_one("#c-limits").display = kind != "choice"
        self.query_one("#c-oneof-box").display = kind == "choice"

    def _show_key(self) -> None:
        note = "answers refer to it" if self.original else "made from the label"
        self.query_one("#c-key", Static).update(Content(f"key: {self.key}  ({note})"))

    def _fill_one_of(self, chosen: set[str]) -> None:
        """List the parsed options to tick as dealbreakers, keeping ticks by label."""
        listing = self.query_one("#c-one-of", SelectionList)
        try:
            labels = [label for label, _ in parse_options(self.query_one("#c-options", TextArea).text)]
        except FieldError:
            return
        listing.clear_options()
        listing.add_options(Selection(Content(label), label, label in chosen) for label in labels)

    # --- checking as you type ---------------------------------------------------------

    @on(Select.Changed, "#c-kind")
    def _kind_changed(self) -> None:
        self._show_kind()
        self._error("dealbreaker", None)

    @on(Input.Changed, "#c-label")
    def _label_changed(self, event: Input.Changed) -> None:
        self._error("label", None if event.value.strip() else "a criterion needs a label")
        self._show_key()

    @on(TextArea.Changed, "#c-options")
    def _options_changed(self, event: TextArea.Changed) -> None:
        try:
            parse_options(event.text_area.text)
        except FieldError as error:
            self._error("options", str(error))
            return
        self._error("options", None)
        self._fill_one_of(set(self.query_one("#c-one-of", SelectionList).selected))

    @on(Input.Changed, "#c-worst, #c-best")
    def _anchors_changed(self) -> None:
        self._error("number", self._check(self._anchors))

    @on(Input.Changed, "#c-above, #c-below")
    def _limits_changed(self) -> None:
        self._error("dealbreaker", self._check(self._limits))

    @staticmethod
    def _check(read: Callable[[], object]) -> str | None:
        try:
            read()
        except FieldError as error:
            return str(error)
        return None

    def _anchors(self) -> tuple[float, float]:
        try:
            worst = parse_number(self.query_one("#c-worst", Input).value, required=True)
        except FieldError as error:
            raise FieldError(f"worst: {error}") from None
        try:
            best = parse_number(self.query_one("#c-best", Input).value, required=True)
        except FieldError as error:
            raise FieldError(f"best: {error}") from None
        assert worst is not None and best is not None
        return worst, best

    def _limits(self) -> tuple[float | None, float | None]:
        try:
            above = parse_number(self.query_one("#c-above", Input).value, required=False)
        except FieldError as error:
            raise FieldError(f"above: {error}") from None
        try:
            below = parse_number(self.query_one("#c-below", Input).value, required=False)
        except FieldError as error:
            raise FieldError(f"below: {error}") from None
        return above, below

    # --- the result -------------------------------------------------------------------

    def criterion(self) -> Criterion | None:
        """The edited criterion, or None with every problem shown next to its field."""
        for field in ("label", "options", "number", "dealbreaker", ""):
            self._error(field, None)
        label = self.query_one("#c-label", Input).value.strip()
        if not label:
            self._error("label", "a criterion needs a label")
        kind = self.kind
        scale: RatingScale | ChoiceScale | NumberScale | None = RatingScale()
        dealbreaker: Dealbreaker | None = None
        try:
            if kind == "choice":
                scale = ChoiceScale.model_validate(
                    {
                        "options": [
                            {"label": a, "value": v}
                            for a, v in parse_options(self.query_one("#c-options", TextArea).text)
                        ]
                    }
                )
            elif kind == "number":
                worst, best = self._anchors()
                scale = NumberScale(worst=worst, best=best, unit=self.query_one("#c-unit", Input).value)
        except FieldError as error:
            self._error("options" if kind == "choice" else "number", str(error))
            scale = None
        except ValidationError as error:  # the anchors, which the model checks (equal, too far apart)
            self._error("number", error.errors()[0]["msg"].removeprefix("Value error, "))
            scale = None
        try:
            if kind == "choice":
                chosen = list(self.query_one("#c-one-of", SelectionList).selected)
                dealbreaker = Dealbreaker(one_of=chosen) if chosen else None
            else:
                above, below = self._limits()
                if above is not None or below is not None:
                    dealbreaker = Dealbreaker(above=above, below=below)
        except FieldError as error:
            self._error("dealbreaker", str(error))
        if self.errors or scale is None:
            return None
        questions = [q.strip() for q in self.query_one("#c-questions", TextArea).text.splitlines() if q.strip()]
        data = {
            "key": self.key,
            "label": label,
            "description": self.query_one("#c-description", Input).value.strip(),
            "weight": self.original.weight if self.original else 10,
            "scale": scale.model_dump(),
            "dealbreaker": dealbreaker.model_dump() if dealbreaker else None,
            "questions": questions,
            "ask_in": self.query_one("#c-ask-in", Select).value,
        }
        try:
            return Criterion.model_validate(data)
        except ValidationError as error:
            for problem in error.errors():
                where = str(problem["loc"][0]) if problem["loc"] else ""
                if not where and "dealbreaker" in problem["msg"]:
                    where = "dealbreaker"
                field = {"label": "label", "scale": "number", "dealbreaker": "dealbreaker"}.get(where, "")
                if field == "number" and kind == "choice":
                    field = "options"
                self._error(field, problem["msg"].removeprefix("Value error, "))
            return None
