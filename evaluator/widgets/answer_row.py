"""One criterion on the capture screen: a suggested question, what was said, a value, a confidence.

A row that is left alone records nothing. It records an answer as soon as it has answer
text or a value; "unknown: couldn't say" is a value the user can pick on purpose (and the
row picks it by itself when text is typed without a value), which saves an answer with no
value: asked, but unknown. Numbers: an empty box is unknown, `?` says "couldn't say".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, Select, Static

from evaluator import numbers, report
from evaluator.model import (
    RATING_MAX,
    RATING_MIN,
    Answer,
    AnswerValue,
    ChoiceScale,
    Confidence,
    Criterion,
    NumberScale,
    RatingScale,
)


class _CouldNotSay:
    """The value picked on purpose when they could not say (saved as an answer with no value)."""

    def __repr__(self) -> str:
        return "COULD_NOT_SAY"


COULD_NOT_SAY = _CouldNotSay()
UNKNOWN_LABEL = "unknown: couldn't say"
NOT_ASKED_LABEL = "unknown"
"""What a row shows before anything is entered: unknown, and nothing is recorded."""
QUESTION_MARKS = frozenset({"?", "unknown", "couldn't say"})
"""What may be typed in a number box to record "couldn't say"."""
FAR_OUT_SPANS = 3
"""A number further than this many anchor spans beyond an anchor is taken for a typo."""

RATING_WORDS = {1: "poor", 2: "weak", 3: "fair", 4: "good", 5: "excellent"}


class AnswerRow(Vertical):
    """The answer to one criterion, as the user is writing it."""

    DEFAULT_CSS = """
    AnswerRow {
        height: auto;
        margin-bottom: 1;

        .answer-head { height: 1; }
        .answer-label { width: auto; text-style: bold; color: $text-primary; margin-right: 2; }
        .answer-dealbreaker { width: auto; color: $text-warning; margin-right: 2; }
        .answer-question {
            width: 1fr;
            height: 1;
            color: $text-muted;
            text-style: italic;
            text-wrap: nowrap;
            text-overflow: ellipsis;
        }
        .answer-line { height: 1; }
        .answer-text { width: 3fr; }
        .answer-value { width: 2fr; max-width: 40; height: 1; margin-left: 1; }
        .answer-number { width: 1fr; }
        .answer-unit { width: auto; color: $text-muted; margin-left: 1; }
        .answer-confidence { width: 10; margin-left: 1; }
        .answer-error { height: auto; color: $text-error; display: none; }
    }
    """

    BINDINGS = [
        Binding("ctrl+o", "next_question", "Other question", id="capture.next_question"),
    ]

    @dataclass
    class Changed(Message):
        """Something in the row changed (text, value, confidence or question)."""

        row: AnswerRow

        @property
        def control(self) -> AnswerRow:
            return self.row

    def __init__(self, criterion: Criterion, answer: Answer | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="answer-row")
        self.criterion = criterion
        self.original = answer
        self.questions = list(criterion.questions)
        if answer is not None and answer.question and answer.question not in self.questions:
            self.questions.insert(0, answer.question)
        self.question_index = self._question_index(answer)
        self._auto_unknown = False
        self._filling = False

    # --- building ---------------------------------------------------------------------

    @property
    def scale(self) -> RatingScale | ChoiceScale | NumberScale:
        return self.criterion.scale

    def _question_index(self, answer: Answer | None) -> int:
        if answer is not None and answer.question in self.questions:
            return self.questions.index(answer.question)
        return 0

    def _value_options(self, extra: AnswerValue | None = None) -> list[tuple[str, Any]]:
        scale = self.scale
        options: list[tuple[str, Any]] = [(UNKNOWN_LABEL, COULD_NOT_SAY)]
        if isinstance(scale, ChoiceScale):
            options += [(o.label, o.label) for o in scale.options]
        else:
            options += [
                (f"{n}/{RATING_MAX} {RATING_WORDS.get(n, '')}".strip(), n) for n in range(RATING_MIN, RATING_MAX + 1)
            ]
        if extra is not None and all(value != extra for _, value in options):
            # A value another profile gave this key: kept, so editing never loses it.
            options.append((f"{extra} (other profile)", extra))
        return options

    def _criterion_tip(self) -> str:
        parts = [self.criterion.description or self.criterion.label]
        if self.criterion.dealbreaker is not None:
            parts.append(f"Dealbreaker: {report.dealbreaker_text(self.criterion)}")
        if isinstance(self.scale, NumberScale):
            parts.append(
                f"Worth nothing at {report.raw_value(self.criterion, self.scale.worst)}, "
                f"everything at {report.raw_value(self.criterion, self.scale.best)}."
            )
        return "\n".join(parts)

    def compose(self) -> ComposeResult:
        answer = self.original
        key = self.criterion.key
        with Horizontal(classes="answer-head"):
            label = Label(self.criterion.label, classes="answer-label")
            label.tooltip = self._criterion_tip()
            yield label
            if self.criterion.dealbreaker is not None:
                flag = Label(f"⚑ {report.dealbreaker_text(self.criterion)}", classes="answer-dealbreaker")
                flag.tooltip = "A dealbreaker: an answer like this excludes the opportunity whatever its score."
                yield flag
            yield Static(self._question_text(), classes="answer-question", markup=False)
        with Horizontal(classes="answer-line"):
            yield Input(
                _one_line(answer.text) if answer else "",
                placeholder="What they said",
                compact=True,
                classes="answer-text",
                id=f"text-{key}",
                select_on_focus=False,
            )
            if isinstance(self.scale, NumberScale):
                with Horizontal(classes="answer-value"):
                    yield Input(
                        self._number_text(answer),
                        placeholder=NOT_ASKED_LABEL,
                        compact=True,
                        classes="answer-number",
                        id=f"value-{key}",
                        tooltip=f"A number{f' in {self.scale.unit}' if self.scale.unit else ''}. "
                        "Empty: unknown. Type ? if they couldn't say.",
                    )
                    yield Label(self.scale.unit, classes="answer-unit")
            else:
                yield Select(
                    self._value_options(self._normalized(answer.value) if answer else None),
                    prompt=NOT_ASKED_LABEL,
                    value=self._select_value(answer),
                    compact=True,
                    classes="answer-value",
                    id=f"value-{key}",
                    tooltip="Pick “unknown: couldn't say” when you asked but got no answer.",
                )
            yield Select(
                [(c.value, c) for c in Confidence],
                allow_blank=False,
                value=answer.confidence if answer else Confidence.MEDIUM,
                compact=True,
                classes="answer-confidence",
                id=f"confidence-{key}",
                tooltip="How sure you are of this answer",
            )
        yield Static("", classes="answer-error")

    def _question_text(self) -> str:
        if not self.questions:
            return ""
        counter = f"  ({self.question_index + 1}/{len(self.questions)})" if len(self.questions) > 1 else ""
        return f"“{self.questions[self.question_index]}”{counter}"

    @staticmethod
    def _number_text(answer: Answer | None) -> str:
        if answer is None:
            return ""
        if answer.value is None:
            return "?"
        value = answer.value
        return numbers.number_text(value) if isinstance(value, int | float) else str(value)

    def _normalized(self, value: AnswerValue | None) -> AnswerValue | None:
        """A choice label spelled as the profile spells it (files match labels ignoring case)."""
        if isinstance(self.scale, ChoiceScale) and isinstance(value, str):
            option = self.scale.option(value)
            return option.label if option is not None else value
        return value

    def _select_value(self, answer: Answer | None) -> Any:
        if answer is None:
            return Select.NULL
        return COULD_NOT_SAY if answer.value is None else self._normalized(answer.value)

    # --- reading ----------------------------------------------------------------------

    @property
    def question(self) -> str:
        return self.questions[self.question_index] if self.questions else ""

    @property
    def text(self) -> str:
        """The answer text; a text with line breaks on file is kept as it is unless edited."""
        shown = self.query_one(".answer-text", Input).value.strip()
        original = self.original
        if original is not None and shown == _one_line(original.text):
            return original.text
        return shown

    @property
    def confidence(self) -> Confidence:
        value = self.query_one(".answer-confidence", Select).value
        return value if isinstance(value, Confidence) else Confidence.MEDIUM

    def _number_raw(self) -> str:
        return self.query_one(".answer-number", Input).value.strip()

    @property
    def recorded(self) -> bool:
        """Whether this row saves an answer: it has text, or a value (unknown picked on purpose counts)."""
        if self.text:
            return True
        if isinstance(self.scale, NumberScale):
            return bool(self._number_raw())
        return not self.query_one(".answer-value", Select).is_blank()

    def error(self) -> str | None:
        """What is wrong with the value as typed, or None."""
        if not isinstance(self.scale, NumberScale):
            return None
        raw = self._number_raw()
        if not raw or raw.casefold() in QUESTION_MARKS:
            return None
        number = numbers.parse_number(raw)
        if number is None:
            return f"“{raw}” is not a number; leave it empty or type ? if unknown"
        low, high = sorted((self.scale.worst, self.scale.best))
        span = high - low
        if number < low - FAR_OUT_SPANS * span or number > high + FAR_OUT_SPANS * span:
            worst = report.raw_value(self.criterion, self.scale.worst)
            best = report.raw_value(self.criterion, self.scale.best)
            return f"{raw} is far outside {worst} … {best}: a typo?"
        return None

    def value(self) -> AnswerValue | None:
        """The value entered (None: unknown). Call only when `error()` is None."""
        if isinstance(self.scale, NumberScale):
            raw = self._number_raw()
            if not raw or raw.casefold() in QUESTION_MARKS:
                return None
            original = self.original
            if original is not None and original.value is not None and raw == self._number_text(original):
                return original.value  # untouched: exactly as on file (46000.0 stays a float)
            number = numbers.parse_number(raw)
            if number is None:
                return None
            return int(number) if number.is_integer() else number
        chosen = self.query_one(".answer-value", Select).value
        if chosen is Select.NULL or chosen is COULD_NOT_SAY:
            return None
        return chosen  # type: ignore[return-value]

    def answer(self, people: list[str]) -> Answer | None:
        """The answer this row records (None when left alone). An invalid number counts as unknown."""
        if not self.recorded:
            return None
        original = self.original
        said_by = ""
        if original is not None and original.said_by.casefold() in {p.casefold() for p in people}:
            said_by = original.said_by
        return Answer(
            criterion=self.criterion.key,
            question=self.question,
            text=self.text,
            value=None if self.error() else self.value(),
            confidence=self.confidence,
            said_by=said_by,
            pinned=original.pinned if original is not None else False,
        )

    def state(self) -> tuple[object, ...]:
        """Everything the user can change here, to tell whether anything did."""
        if isinstance(self.scale, NumberScale):
            value: object = self._number_raw()
        else:
            value = self.query_one(".answer-value", Select).value
        return (self.question, self.text, value, self.confidence)

    # --- writing ----------------------------------------------------------------------

    def fill(self, answer: Answer | None) -> None:
        """Show this answer (None: an untouched row)."""
        self._filling = True
        try:
            self.original = answer
            if answer is not None and answer.question and answer.question not in self.questions:
                self.questions.insert(0, answer.question)
            self.question_index = self._question_index(answer)
            self.query_one(".answer-question", Static).update(self._question_text())
            self.query_one(".answer-text", Input).value = _one_line(answer.text) if answer else ""
            if isinstance(self.scale, NumberScale):
                self.query_one(".answer-number", Input).value = self._number_text(answer)
            else:
                select = self.query_one(".answer-value", Select)
                if answer is not None and answer.value is not None:
                    select.set_options(self._value_options(self._normalized(answer.value)))
                select.value = self._select_value(answer)
            self.query_one(".answer-confidence", Select).value = answer.confidence if answer else Confidence.MEDIUM
            self._auto_unknown = False
        finally:
            self._filling = False
        self.show_error(None)
        self.post_message(self.Changed(self))

    def show_error(self, message: str | None) -> None:
        """Show (or clear) the inline message under the row."""
        line = self.query_one(".answer-error", Static)
        shown = line.display
        line.update(message or "")
        line.display = bool(message)
        if isinstance(self.scale, NumberScale):
            self.query_one(".answer-number", Input).set_class(bool(message), "-invalid")
        if message and not shown:
            self.call_after_refresh(line.scroll_visible, animate=False)

    def check(self) -> str | None:
        """Validate the value and show the result inline."""
        message = self.error()
        self.show_error(message)
        return message

    # --- events -----------------------------------------------------------------------

    def action_next_question(self) -> None:
        if len(self.questions) < 2:
            return
        self.question_index = (self.question_index + 1) % len(self.questions)
        self.query_one(".answer-question", Static).update(self._question_text())
        self.post_message(self.Changed(self))

    @on(events.Click, ".answer-question")
    def _question_clicked(self) -> None:
        self.action_next_question()

    @on(Input.Changed, ".answer-text")
    def _text_changed(self, event: Input.Changed) -> None:
        event.stop()
        if not self._filling and not isinstance(self.scale, NumberScale):
            # Text without a value records "couldn't say"; show it rather than leave it implied.
            select = self.query_one(".answer-value", Select)
            if event.value.strip() and select.is_blank():
                self._auto_unknown = True
                select.value = COULD_NOT_SAY
            elif not event.value.strip() and self._auto_unknown and select.value is COULD_NOT_SAY:
                self._auto_unknown = False
                select.clear()
        if not self._filling:
            self.post_message(self.Changed(self))

    @on(Input.Changed, ".answer-number")
    def _number_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.query_one(".answer-error", Static).display:
            self.check()
        if not self._filling:
            self.post_message(self.Changed(self))

    @on(Input.Blurred, ".answer-number")
    def _number_done(self, event: Input.Blurred) -> None:
        event.stop()
        self.check()

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.select.has_class("answer-value") and event.value is not COULD_NOT_SAY:
            self._auto_unknown = False
        if not self._filling:
            self.post_message(self.Changed(self))


def _one_line(text: str) -> str:
    """A text for a one-line box: line breaks become spaces."""
    return " ".join(text.split()) if "\n" in text else text


